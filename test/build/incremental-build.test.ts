/**
 * Incremental builds (experimental.incrementalBuild, page cache keys from src/lib/pages/cache-key.ts): a build
 * that reuses the previous build's pages must publish exactly what a build from nothing publishes.
 *
 * The archive grows by one snapshot: the test content without the newest snapshot of a company is built
 * first, then the whole test content with the same cache. The second build must copy unchanged pages instead
 * of rendering them, render what the new snapshot changes (its company's pages, the previous snapshot's
 * "Next snapshot" link, lists and topics), and give the same files, byte for byte, as the test site's build.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteFiles } from '../support/pages.ts';
import { PROJECT_ROOT, TEST_BUILD_ENV, TEST_POLICY_DIRS, TEST_SITE_DIR } from '../support/site.ts';

const ADDED = { dir: 'test/fixtures/policies', file: 'hostile-markup.example/2020-07-15.md', page: '/policies/hostile-markup.example/2020-07-15/' };
const PREVIOUS = '/policies/hostile-markup.example/2019-03-01/';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'ppa-incremental-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function astroBuild(policyDirs: string[], outDir: string): string {
  const build = spawnSync('npx', ['astro', 'build'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...TEST_BUILD_ENV, POLICIES_DIR: policyDirs.join(path.delimiter), OUT_DIR: outDir, CACHE_DIR: path.join(scratch, 'cache') },
  });
  const output = `${build.stdout}\n${build.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  if (build.status !== 0) throw new Error(`astro build failed:\n${output.split('\n').slice(-30).join('\n')}`);
  return output;
}

/**
 * Pages a build log lists as copied from the previous build ("(restored)" or "(cached)") or rendered. Astro
 * renders several pages at once (build.concurrency), so a rendered page's entry and its render time can be
 * split by other entries on the same line; a copied page's marker is written right after its path.
 */
function pagesIn(log: string, reused: boolean): Set<string> {
  const pages = new Set<string>();
  for (const match of log.matchAll(/[├└]─ (\S+)\/index\.html( \((?:restored|cached)\))?/g)) if (Boolean(match[2]) === reused) pages.add(`${match[1]}/`);
  return pages;
}

describe('a build that reuses the previous one after a snapshot is added', () => {
  let log = '';
  beforeAll(() => {
    // Before: the test content without the added snapshot.
    const before = TEST_POLICY_DIRS.map((dir, i) => {
      const copy = path.join(scratch, 'content', String(i));
      cpSync(path.join(PROJECT_ROOT, dir), copy, { recursive: true });
      if (dir === ADDED.dir) rmSync(path.join(copy, ADDED.file));
      return copy;
    });
    const first = astroBuild(before, path.join(scratch, 'before'));
    expect(pagesIn(first, false).has(PREVIOUS)).toBe(true);
    log = astroBuild(TEST_POLICY_DIRS, path.join(scratch, 'after'));
  }, 240_000);

  it('copies the unchanged policy pages instead of rendering them', () => {
    const reused = pagesIn(log, true);
    expect(reused.has('/policies/atmail.com/2005-12-10/')).toBe(true);
    expect(reused.has('/policies/smartertools.com/2008-12-16/')).toBe(true);
    expect(reused.has(ADDED.page)).toBe(false);
  });

  it('renders the new snapshot and the pages it changes', () => {
    const rendered = pagesIn(log, false);
    expect(rendered.has(ADDED.page)).toBe(true);
    // The previously newest snapshot now links to the new one.
    expect(rendered.has(PREVIOUS)).toBe(true);
    expect(rendered.has('/policies/hostile-markup.example/')).toBe(true);
  });

  it('publishes the same files, byte for byte, as the test site built from nothing', () => {
    const incremental = siteFiles(path.join(scratch, 'after'));
    const reference = siteFiles(TEST_SITE_DIR);
    expect([...incremental.keys()].sort()).toEqual([...reference.keys()].sort());
    const different = [...incremental].filter(([file, bytes]) => !bytes.equals(reference.get(file)!)).map(([file]) => file);
    expect(different).toEqual([]);
    expect(readFileSync(path.join(scratch, 'after', PREVIOUS, 'index.html'), 'utf8')).toContain(`href="${ADDED.page}" rel="next"`);
  });
});
