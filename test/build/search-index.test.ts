/**
 * The search index as built by `npm run build` (src/lib/search/pagefind-index.ts), and the policy pages' search
 * markup: only policy articles are indexed, each clause is its own sub-result titled by its section, and every
 * policy carries the metadata, filters and sort key the search page uses. An indexing failure fails the build.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { writeLedger } from '../../src/lib/build/ledger.ts';
import { buildSearchIndex, SearchIndexError } from '../../src/lib/search/pagefind-index.ts';
import type { PartitionManifest } from '../../src/lib/search/partitions.ts';
import { builtPages, pageType } from '../support/pages.ts';
import { editFirstParagraph, scratchArchive } from '../support/scratch-archive.ts';
import { SAMPLE_POLICY_IDS, TEST_SEARCH_PARTITION_POLICIES, builtFile } from '../support/site.ts';

const POLICY_PAGE_BUDGET = 7 * 1024;
const pages = builtPages();
const policyPages = pages.filter((page) => pageType(page.url) === 'policy');
const load = (file: string) => cheerio.load(readFileSync(builtFile(file), 'utf8'));

const manifest = JSON.parse(readFileSync(builtFile('pagefind', 'partitions.json'), 'utf8')) as PartitionManifest;
const bundles = manifest.partitions.map((partition) => partition.path.replace(/^\/|\/$/g, ''));
const pageCount = (bundle: string) => {
  const entry = JSON.parse(readFileSync(builtFile(bundle, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
};
const fragments = (bundle: string) =>
  readdirSync(builtFile(bundle, 'fragment')).map((name) => {
    const raw = gunzipSync(readFileSync(builtFile(bundle, 'fragment', name))).toString('utf8');
    expect(raw.startsWith('pagefind_dcd')).toBe(true);
    return JSON.parse(raw.slice('pagefind_dcd'.length)) as { url: string; content: string; meta: Record<string, string>; filters: Record<string, string[]>; anchors: { element: string; id: string; text?: string; title?: string }[] };
  });

describe('the Pagefind bundles', () => {
  it('are date partitions, oldest first, each a complete bundle, listed in pagefind/partitions.json', () => {
    // The test site indexes its six policies in partitions of two (test/support/site.ts).
    expect(manifest.partitions.length).toBe(Math.ceil(policyPages.length / TEST_SEARCH_PARTITION_POLICIES));
    expect(manifest.partitions.reduce((sum, partition) => sum + partition.policies, 0)).toBe(policyPages.length);
    manifest.partitions.forEach((partition, i) => {
      expect(partition.path).toBe(`/pagefind/${partition.key}/`);
      expect(partition.from <= partition.to).toBe(true);
      if (i > 0) expect(manifest.partitions[i - 1].to < partition.from).toBe(true);
      for (const file of ['pagefind.js', 'pagefind-worker.js', 'pagefind-entry.json', 'wasm.en.pagefind']) expect(existsSync(builtFile(bundles[i], file)), file).toBe(true);
      // Its passages and, since there are several partitions, the archive's vocabulary page.
      expect(pageCount(bundles[i])).toBe(partition.passages + 1);
    });
  });

  it('hold every clause of every policy page once, in a passage whose URL is that page', () => {
    const indexed = new Map<string, number>();
    for (const bundle of bundles)
      for (const fragment of fragments(bundle)) {
        if (fragment.filters.kind?.includes('vocabulary')) continue;
        const page = fragment.url;
        expect(page).toMatch(/^\/policies\/[^/]+\/\d{4}-\d{2}-\d{2}(?:-[a-z0-9-]+)?\/$/);
        for (const anchor of fragment.anchors) if (!/^h\d$/.test(anchor.element)) indexed.set(`${page}#${anchor.id}`, (indexed.get(`${page}#${anchor.id}`) ?? 0) + 1);
      }
    const onPages = policyPages.flatMap((page) => load(page.file)('.clause').map((_, element) => `${page.url}#${element.attribs.id}`).get());
    expect(onPages.length).toBeGreaterThan(0);
    expect([...indexed.keys()].sort()).toEqual([...onPages].sort());
    expect([...indexed.values()].every((count) => count === 1)).toBe(true);
    // The test site cuts its policies into passages of at most ~1,500 characters: several per sample policy.
    expect(manifest.partitions.reduce((sum, partition) => sum + partition.passages, 0)).toBeGreaterThan(policyPages.length);
  });

  it('keeps clause text once per fragment: clause anchors keep their title, headings their text', () => {
    let clauseAnchors = 0;
    for (const bundle of bundles)
      for (const record of fragments(bundle)) {
        for (const anchor of record.anchors) {
          if (/^h\d$/.test(anchor.element)) {
            expect(anchor.text || anchor.title).toBeTruthy();
          } else {
            clauseAnchors++;
            expect(anchor.title).toBeTruthy();
            expect(anchor.text ?? '').toBe('');
          }
        }
      }
    expect(clauseAnchors).toBeGreaterThan(0);
  });

  it("leaves out Pagefind's prebuilt UIs, its highlighter and its language-less WebAssembly, which the site does not use", () => {
    for (const bundle of bundles) {
      const files = readdirSync(builtFile(bundle));
      expect(files.filter((name) => /^pagefind-(ui|modular-ui|component-ui|highlight)\.|^wasm\.unknown/.test(name))).toEqual([]);
    }
  });
});

describe.each(policyPages.map((page) => page.file))('search markup of %s', (file) => {
  const $ = load(file);
  const body = $('[data-pagefind-body]');

  it('indexes the policy article only: no header, footer or navigation', () => {
    expect(body).toHaveLength(1);
    expect(body.is('article.policy')).toBe(true);
    expect(body.find('.site-header, .site-footer, .skip').length).toBe(0);
  });

  it('makes every clause a sub-result titled with its section heading', () => {
    const clauses = body.find('.clause');
    expect(clauses.length).toBeGreaterThan(0);
    clauses.each((_, element) => {
      const clause = $(element);
      const section = clause.closest('section');
      const heading = section.children('h2, h3, h4').first();
      const expected = heading.hasClass('vh') ? 'Introduction' : heading.text().trim();
      expect(clause.attr('id')).toBeTruthy();
      expect(clause.attr('data-pagefind-title'), clause.attr('id')).toBe(expected || 'Clause');
    });
  });

  it('carries company, domain, date, year, sort key and the topics of its clauses', () => {
    const [, domain, date] = /^policies\/([^/]+)\/(\d{4}-\d{2}-\d{2})/.exec(file)!;
    const company = $('[data-pagefind-filter="company"]');
    expect(company).toHaveLength(1);
    expect(company.attr('data-pagefind-meta')).toBe('company');
    expect(company.text().trim()).not.toBe('');
    expect(body.attr('data-pagefind-meta')).toBe(`domain:${domain}`);
    expect(body.attr('data-pagefind-filter')).toBe(`year:${date.slice(0, 4)}`);
    expect(body.attr('data-pagefind-sort')).toBe(`date:${date}`);
    expect($('.breadcrumb').attr('data-pagefind-meta')).toBe(`date:${date}`);
    const clauseTopics = new Set(
      body
        .find('.clause .topics a')
        .map((_, a) => $(a).attr('href')!.replace(/^\/topics\/|\/$/g, ''))
        .get(),
    );
    const facets = $('data[data-pagefind-filter="topic[value]"]')
      .map((_, element) => $(element).attr('value'))
      .get();
    expect(facets.sort()).toEqual([...clauseTopics].sort());
  });
});

describe('pages that are not policies', () => {
  it('are never indexed', () => {
    const others = pages.filter((page) => pageType(page.url) !== 'policy');
    expect(others.length).toBeGreaterThan(0);
    for (const page of others) expect(load(page.file)('[data-pagefind-body]').length, page.file).toBe(0);
  });
});

describe('the search page', () => {
  const $ = load('search/index.html');

  it('is a GET form to /search/ with the query, filters and sort, and says what it needs without JavaScript', () => {
    const form = $('form#search');
    expect(form.attr('action')).toBe('/search/');
    expect(form.attr('method')).toBe('get');
    expect(form.find('input[name="q"]#search-q')).toHaveLength(1);
    expect($('label[for="search-q"]')).toHaveLength(1);
    for (const name of ['company', 'year', 'topic', 'sort']) expect(form.find(`select[name="${name}"]`), name).toHaveLength(1);
    expect($('noscript').text()).toMatch(/needs JavaScript/);
    expect($('#search-status').attr('role')).toBe('status');
  });

  it('offers every company and archive year of the indexed policies as filter choices', () => {
    const companies = new Set<string>();
    const years = new Set<string>();
    for (const page of policyPages) {
      const policy = load(page.file);
      companies.add(policy('[data-pagefind-filter="company"]').text().trim());
      years.add(policy('[data-pagefind-body]').attr('data-pagefind-filter')!.replace('year:', ''));
    }
    const options = (name: string) =>
      $(`select[name="${name}"] option`)
        .map((_, option) => $(option).attr('value'))
        .get()
        .filter(Boolean);
    expect(options('company').sort()).toEqual([...companies].sort());
    expect(options('year').sort()).toEqual([...years].sort());
  });

  it('is reachable from the header of other pages, which keep their plain form', () => {
    const home = load('index.html');
    expect(home('.site-header form[action="/search/"] input[name="q"]#site-search')).toHaveLength(1);
    expect($('.site-header form').length).toBe(0);
  });
});

describe('page weight', () => {
  it.each(SAMPLE_POLICY_IDS)(`sample policy page %s stays within ${POLICY_PAGE_BUDGET / 1024} kB gzip with its search markup`, (id) => {
    const html = readFileSync(builtFile('policies', id, 'index.html'));
    expect(gzipSync(html, { level: 9 }).length).toBeLessThanOrEqual(POLICY_PAGE_BUDGET);
  });
});

/** The id of the newest policy of the test site (the last partition's). */
const newestId = () => policyPages.map((page) => page.url.replace(/^\/policies\/|\/$/g, '')).sort((a, b) => a.split('/')[1].localeCompare(b.split('/')[1])).at(-1)!;
const indexOptions = { partitionPolicies: TEST_SEARCH_PARTITION_POLICIES, passageBudget: 1_500 };

describe('indexing failures fail the build', () => {
  it('refuses an archive whose ledger lists no policy, with a message that says so', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'search-index-'));
    try {
      writeLedger(path.join(dir, 'ledger'), []);
      const failure = buildSearchIndex(dir, { ledger: path.join(dir, 'ledger') });
      await expect(failure).rejects.toBeInstanceOf(SearchIndexError);
      await expect(failure).rejects.toThrow(/lists no policy: nothing to index/);
      expect(existsSync(path.join(dir, 'pagefind'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the policy whose search units are missing or unreadable, and leaves no output or passage files behind', async () => {
    // Partitions are cut ahead of Pagefind into a work folder (tmpfs when there is one): a policy that breaks
    // in a later partition fails the whole index, and the work folder goes with it.
    const dir = mkdtempSync(path.join(tmpdir(), 'search-cut-'));
    const before = workFolders();
    try {
      const archive = scratchArchive(dir);
      const newest = newestId();
      const units = archive.unitsFile(newest);
      writeFileSync(units, '{"version":2}');
      const failure = buildSearchIndex(dir, { ledger: archive.ledger, ...indexOptions });
      await expect(failure).rejects.toBeInstanceOf(SearchIndexError);
      await expect(failure).rejects.toThrow(`/policies/${newest}/: ${units} is not a search units file`);
      expect(existsSync(path.join(dir, 'pagefind'))).toBe(false);
      expect(workFolders()).toEqual(before);
      rmSync(units);
      await expect(buildSearchIndex(dir, { ledger: archive.ledger, ...indexOptions })).rejects.toThrow(`/policies/${newest}/: cannot read its search units (${units})`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('passage work folders in /dev/shm', () => {
  it('are removed when the index step that wrote them is gone, and kept while it runs', async () => {
    // Files in tmpfs are memory that a killed index step would never give back.
    const site = mkdtempSync(path.join(tmpdir(), 'search-shm-'));
    const living = spawn('sleep', ['30']);
    const gone = spawnSync('true').pid!;
    const folder = (pid: number) => path.join('/dev/shm', `privacy-archive-passages-${pid}`);
    try {
      for (const pid of [gone, living.pid!]) {
        mkdirSync(path.join(folder(pid), '1'), { recursive: true });
        writeFileSync(path.join(folder(pid), '1', 'index.html'), 'left behind');
      }
      await buildSearchIndex(site, { ledger: scratchArchive(path.join(site, 'archive')).ledger, ...indexOptions });
      expect(existsSync(folder(gone))).toBe(false);
      expect(existsSync(folder(living.pid!))).toBe(true);
      expect(workFolders()).toEqual([]);
    } finally {
      living.kill();
      rmSync(folder(gone), { recursive: true, force: true });
      rmSync(folder(living.pid!), { recursive: true, force: true });
      rmSync(site, { recursive: true, force: true });
    }
  });
});

/** Passage work folders of this process (in /dev/shm, or in the temporary folder when indexing has no cache folder). */
function workFolders(): string[] {
  const inShm = existsSync('/dev/shm') ? readdirSync('/dev/shm').filter((name) => name === `privacy-archive-passages-${process.pid}`) : [];
  const inTmp = existsSync(path.join(tmpdir(), 'search-index-work')) ? readdirSync(path.join(tmpdir(), 'search-index-work')) : [];
  return [...inShm, ...inTmp];
}

describe('rebuilding the index', () => {
  it('reuses unchanged partitions from the cache, and re-indexes only the partition whose policy changed', async () => {
    // The index step writes only <site>/pagefind/: it reads the archive, not the site's pages.
    const site = mkdtempSync(path.join(tmpdir(), 'search-rebuild-'));
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'search-cache-'));
    try {
      const archive = scratchArchive(path.join(cacheDir, 'archive'));
      const options = { ledger: archive.ledger, cacheDir, ...indexOptions };
      const first = await buildSearchIndex(site, options);
      expect(first).toMatchObject({ policies: policyPages.length, reused: 0 });
      const before = JSON.parse(readFileSync(path.join(site, 'pagefind', 'partitions.json'), 'utf8')) as PartitionManifest;

      const again = await buildSearchIndex(site, options);
      expect(again.reused).toBe(again.partitions);
      expect(readFileSync(path.join(site, 'pagefind', 'partitions.json'), 'utf8')).toBe(JSON.stringify(before));

      // A change to a policy's text: only its partition is indexed again (the word is new to the archive, so every
      // partition's vocabulary changes too, and all are re-indexed; a known word changes one partition only).
      archive.edit(newestId(), (units) => editFirstParagraph(units, (text) => `Privacy ${text}`));
      const changed = await buildSearchIndex(site, options);
      expect(changed.reused).toBe(changed.partitions - 1);
      const after = JSON.parse(readFileSync(path.join(site, 'pagefind', 'partitions.json'), 'utf8')) as PartitionManifest;
      expect(after.partitions.slice(0, -1)).toEqual(before.partitions.slice(0, -1));
      expect(after.partitions.at(-1)!.key).not.toBe(before.partitions.at(-1)!.key);
      // Only the partitions in use stay in the cache (by content, each with the vocabulary it was indexed with).
      const cached = readdirSync(path.join(cacheDir, 'search-index')).filter((name) => !['words', 'vocabularies', 'scan.json'].includes(name));
      expect(cached).toHaveLength(after.partitions.length);
      for (const name of cached) expect(existsSync(path.join(cacheDir, 'search-index', name, 'bundle.json'))).toBe(true);
      // ...and the word list of each partition, by its content (the vocabulary needs every partition's words).
      expect(readdirSync(path.join(cacheDir, 'search-index', 'words'))).toHaveLength(after.partitions.length);
    } finally {
      rmSync(site, { recursive: true, force: true });
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('keeps the other partitions when a word new to the archive appears, listing it as a word they lack', async () => {
    const site = mkdtempSync(path.join(tmpdir(), 'search-rebuild-'));
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'search-cache-'));
    try {
      const archive = scratchArchive(path.join(cacheDir, 'archive'));
      const options = { ledger: archive.ledger, cacheDir, ...indexOptions };
      await buildSearchIndex(site, options);
      const before = JSON.parse(readFileSync(path.join(site, 'pagefind', 'partitions.json'), 'utf8')) as PartitionManifest;
      expect(before.partitions.every((partition) => partition.missing === undefined)).toBe(true);

      // The newest policy gains a word no policy had ("privacyzork", which starts like a word every page has).
      archive.edit(newestId(), (units) => editFirstParagraph(units, (text) => `Privacyzork ${text}`));
      const added = await buildSearchIndex(site, options);
      expect(added.reused).toBe(added.partitions - 1);
      const after = JSON.parse(readFileSync(path.join(site, 'pagefind', 'partitions.json'), 'utf8')) as PartitionManifest;
      // The older partitions are the same bundles, and say they lack the word's stem: all of it but the start
      // it shares with "privaci", the stem of "privacy" (Pagefind indexes and matches stems).
      expect(after.partitions.slice(0, -1).map((partition) => partition.key)).toEqual(before.partitions.slice(0, -1).map((partition) => partition.key));
      for (const partition of after.partitions.slice(0, -1)) expect(partition.missing).toContainEqual(['privacyzork', 'privac'.length]);
      // The partition that was indexed again has the whole vocabulary.
      expect(after.partitions.at(-1)!.missing).toBeUndefined();

      // Past the limit of missing words, a partition is indexed again with the archive's vocabulary: one per
      // build, so that no single addition re-indexes every partition.
      const stale = after.partitions.length - 1;
      for (let build = 1; build <= stale; build++) {
        const strict = await buildSearchIndex(site, { ...options, missingWordsLimit: 0 });
        expect(strict.reused, `build ${build}`).toBe(strict.partitions - 1);
        const now = JSON.parse(readFileSync(path.join(site, 'pagefind', 'partitions.json'), 'utf8')) as PartitionManifest;
        expect(now.partitions.filter((partition) => partition.missing).length, `build ${build}`).toBe(stale - build);
      }
    } finally {
      rmSync(site, { recursive: true, force: true });
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
