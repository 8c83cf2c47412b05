/**
 * `npm run build` after an addition (scripts/build.ts, src/lib/build/): when the only change since the last
 * build is a new snapshot, it renders that company's pages and the site-wide pages only, moves them over the
 * previous output, and brings the search index up to date; the site must be the one a build of the whole
 * archive gives.
 *
 * The test content without the newest snapshot of a company is built first, then the snapshot is added and
 * the same command runs again; the result is compared with the test site (built from nothing by the same
 * command, test/support/site-setup.ts).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartitionManifest } from '../../src/lib/search/partitions.ts';
import { siteFiles } from '../support/pages.ts';
import { PROJECT_ROOT, TEST_BUILD_ENV, TEST_POLICY_DIRS, TEST_SITE_DIR } from '../support/site.ts';

const ADDED = { dir: 'test/fixtures/policies', file: 'hostile-markup.example/2020-07-15.md', page: '/policies/hostile-markup.example/2020-07-15/' };
const PREVIOUS = '/policies/hostile-markup.example/2019-03-01/';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'ppa-additions-'));
const out = path.join(scratch, 'out');
const content = TEST_POLICY_DIRS.map((_, i) => path.join(scratch, 'content', String(i)));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function build(): string {
  const run = spawnSync(process.execPath, ['scripts/build.ts'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      POLICIES_DIR: content.join(path.delimiter),
      OUT_DIR: out,
      CACHE_DIR: path.join(scratch, 'cache'),
      ...TEST_BUILD_ENV,
    },
  });
  const output = `${run.stdout}\n${run.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  if (run.status !== 0) throw new Error(`npm run build failed:\n${output.split('\n').slice(-30).join('\n')}`);
  return output;
}

/** Pages a build log lists as written. */
function renderedPages(log: string): Set<string> {
  return new Set([...log.matchAll(/[├└]─ (\S*)\/index\.html/g)].map((match) => `${match[1]}/`));
}

const manifestOf = (root: string) => JSON.parse(readFileSync(path.join(root, 'pagefind', 'partitions.json'), 'utf8')) as PartitionManifest;

describe('a build after a snapshot is added', () => {
  let first = '';
  let log = '';
  beforeAll(() => {
    TEST_POLICY_DIRS.forEach((dir, i) => {
      cpSync(path.join(PROJECT_ROOT, dir), content[i], { recursive: true });
      if (dir === ADDED.dir) rmSync(path.join(content[i], ADDED.file));
    });
    first = build();
    cpSync(path.join(PROJECT_ROOT, ADDED.dir, ADDED.file), path.join(content[TEST_POLICY_DIRS.indexOf(ADDED.dir)], ADDED.file));
    log = build();
  }, 300_000);

  it('builds the whole archive the first time, and only the addition the second', () => {
    expect(first).toContain('[build] the whole archive');
    expect(log).toContain('[build] additions: 1 new snapshot of 1 company (hostile-markup.example)');
    // The loader read that company's files only.
    expect(log).toMatch(/\[policies-loader\] 2 policies \(/);
  });

  it('renders the new snapshot, its company and the site-wide pages, and no other policy page', () => {
    const rendered = renderedPages(log);
    expect(rendered.has(ADDED.page)).toBe(true);
    expect(rendered.has(PREVIOUS)).toBe(true);
    expect(rendered.has('/policies/hostile-markup.example/')).toBe(true);
    expect(rendered.has('/topics/sharing/')).toBe(true);
    expect(rendered.has('/')).toBe(true);
    const otherPolicies = [...rendered].filter((page) => page.startsWith('/policies/') && !page.startsWith('/policies/hostile-markup.example/') && /\/\d{4}-\d{2}-\d{2}/.test(page));
    expect(otherPolicies).toEqual([]);
  });

  it("writes the new snapshot's JSON, its company's API file and feed, and the site-wide data files; no other snapshot's JSON", () => {
    const written = new Set([...log.matchAll(/[├└]─ (\S+\.(?:json|xml|csv|jsonl|gz))/g)].map((match) => match[1]));
    for (const file of [`${ADDED.page}index.json`, '/api/companies/hostile-markup.example.json', '/policies/hostile-markup.example/feed.xml', '/api/companies.json', '/feeds/snapshots.xml', '/data/snapshots.csv', '/data/clauses.jsonl.gz']) {
      expect(written.has(file), file).toBe(true);
    }
    expect([...written].filter((file) => file.endsWith('/index.json'))).toEqual([`${ADDED.page}index.json`]);
    expect([...written].filter((file) => file.startsWith('/api/companies/'))).toEqual(['/api/companies/hostile-markup.example.json']);
  });

  it('renders the newest archive pages of the topics the snapshot addresses, not the older ones', () => {
    const rendered = renderedPages(log);
    const site = siteFiles(TEST_SITE_DIR);
    // Topics with at least three archive pages in the test site (few clauses per page: TEST_BUILD_ENV) whose
    // pages list the added snapshot, the newest policy of the test content.
    const archives = [...site.keys()].map((file) => /^topics\/([^/]+)\/(\d+)\/index\.html$/.exec(file)).filter((match) => match !== null);
    const addresses = (topic: string) => archives.some((match) => match[1] === topic && site.get(match[0])!.includes(`href="${ADDED.page}"`));
    const topics = [...new Set(archives.map((match) => match[1]))].filter((topic) => archives.filter((match) => match[1] === topic).length >= 3 && addresses(topic));
    expect(topics.length).toBeGreaterThan(0);
    for (const topic of topics) {
      const last = Math.max(...archives.filter((match) => match[1] === topic).map((match) => Number(match[2])));
      expect(rendered.has(`/topics/${topic}/`), topic).toBe(true);
      expect(rendered.has(`/topics/${topic}/1/`), topic).toBe(false);
      expect(rendered.has(`/topics/${topic}/${last}/`), topic).toBe(true);
    }
  });

  it('publishes the same pages, byte for byte, as a build of the whole archive', () => {
    const added = siteFiles(out);
    const reference = siteFiles(TEST_SITE_DIR);
    expect([...added.keys()].sort()).toEqual([...reference.keys()].sort());
    const different = [...added].filter(([file, bytes]) => !bytes.equals(reference.get(file)!)).map(([file]) => file);
    expect(different).toEqual([]);
    expect(readFileSync(path.join(out, PREVIOUS, 'index.html'), 'utf8')).toContain(`href="${ADDED.page}" rel="next"`);
  });

  it('indexes the same policies and passages in the same date partitions', () => {
    const shape = (manifest: PartitionManifest) => manifest.partitions.map(({ from, to, policies, passages }) => ({ from, to, policies, passages }));
    expect(shape(manifestOf(out))).toEqual(shape(manifestOf(TEST_SITE_DIR)));
  });

  it('does nothing when nothing changed, and builds everything when a published file changed', () => {
    expect(build()).toContain('[build] nothing changed since the last build');
    const file = path.join(content[TEST_POLICY_DIRS.indexOf(ADDED.dir)], ADDED.file);
    const later = new Date(Date.now() + 5_000);
    utimesSync(file, later, later);
    expect(build()).toMatch(/\[build\] the whole archive \(\d+ policies\): .*hostile-markup\.example\/2020-07-15\.md changed/);
  });
});
