/**
 * Search after a word new to the archive arrives in one partition only (src/lib/search/terms.ts): the other
 * partitions are reused as they were and lack the word, and the search page must answer as one index of the
 * whole archive would — only the page that has the word — instead of each reused partition's best guess
 * (Pagefind matches the longest indexed stem the term starts with: "inform" for "informationzork").
 *
 * The test site's pages and archive are copied and indexed twice with one cache, as `npm run build` does before
 * and after an addition; the copy is served on its own port.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSearchIndex } from '../../src/lib/search/pagefind-index.ts';
import type { PartitionManifest } from '../../src/lib/search/partitions.ts';
import { openScratchSite, type ScratchSite, watchPage } from '../support/browser.ts';
import { builtPages, pageType } from '../support/pages.ts';
import { editFirstParagraph, scratchArchive } from '../support/scratch-archive.ts';
import { TEST_SEARCH_PARTITION_POLICIES, TEST_SEARCH_PASSAGE_CHARS, TEST_SITE_DIR } from '../support/site.ts';

// Pagefind's index holds stems: for this word an index without it falls back to "inform" (information, informs).
const NEW_WORD = 'informationzork';
const scratch = mkdtempSync(path.join(tmpdir(), 'search-additions-'));
const site = path.join(scratch, 'site');
const newest = builtPages()
  .filter((page) => pageType(page.url) === 'policy')
  .sort((a, b) => a.url.split('/')[3].localeCompare(b.url.split('/')[3]))
  .at(-1)!;
let scratchSite: ScratchSite;
let server: { url: string };
let context: BrowserContext;

beforeAll(async () => {
  cpSync(TEST_SITE_DIR, site, { recursive: true, filter: (source) => !source.startsWith(path.join(TEST_SITE_DIR, 'pagefind')) });
  const archive = scratchArchive(path.join(scratch, 'archive'));
  const options = { ledger: archive.ledger, cacheDir: path.join(scratch, 'cache'), partitionPolicies: TEST_SEARCH_PARTITION_POLICIES, passageBudget: TEST_SEARCH_PASSAGE_CHARS };
  await buildSearchIndex(site, options);
  const file = path.join(site, newest.file);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/(<p class="clause"[^>]*>)/, `$1${NEW_WORD} `));
  archive.edit(newest.url.replace(/^\/policies\/|\/$/g, ''), (units) => editFirstParagraph(units, (text) => `${NEW_WORD} ${text}`));
  const summary = await buildSearchIndex(site, options);
  expect(summary.reused).toBe(summary.partitions - 1);
  scratchSite = await openScratchSite(site);
  server = scratchSite;
  context = scratchSite.context;
}, 120_000);

afterAll(async () => {
  await scratchSite?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** The policy pages of the results of a search, as shown. */
async function resultPolicies(query: string, sort = ''): Promise<string[]> {
  const page = await context.newPage();
  try {
    const watch = await watchPage(page, server.url);
    await page.goto(`/search/?q=${encodeURIComponent(query)}${sort ? `&sort=${sort}` : ''}`);
    await expect.poll(() => page.locator('#search-status').textContent(), { timeout: 15_000 }).not.toBe('');
    await expect.poll(() => page.locator('#search-status').getAttribute('aria-busy')).toBeNull();
    expect(watch.consoleErrors).toEqual([]);
    return await page.locator('#search-results > li h2 a').evaluateAll((links) => links.map((a) => new URL(a.getAttribute('href')!, location.href).pathname));
  } finally {
    await page.close();
  }
}

describe('a word that only the newest partition has', () => {
  it('finds only the page that has it, in every sort order', async () => {
    for (const sort of ['', 'newest', 'oldest']) expect(await resultPolicies(NEW_WORD, sort), sort || 'relevance').toEqual([newest.url]);
  });

  it('still finds the older policies for words they have', async () => {
    expect((await resultPolicies('privacy')).filter((url) => url !== newest.url).length).toBeGreaterThan(0);
  });

  it('is what the manifest makes of it: without the list of missing words, older partitions answer with junk', async () => {
    const file = path.join(site, 'pagefind', 'partitions.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as PartitionManifest;
    expect(manifest.partitions.slice(0, -1).every((partition) => partition.missing?.some(([word]) => word === NEW_WORD))).toBe(true);
    writeFileSync(file, JSON.stringify({ ...manifest, partitions: manifest.partitions.map(({ missing: _, ...partition }) => partition) }));
    try {
      // The page matches whole words (src/lib/search/rank.ts), so the junk no longer shows as results; it is
      // still what Pagefind answers, and the page downloads those passages to look for the word in them.
      const older = manifest.partitions.slice(0, -1).map((partition) => partition.path);
      const page = await context.newPage();
      try {
        const watch = await watchPage(page, server.url);
        await page.goto(`/search/?q=${NEW_WORD}`);
        await expect.poll(() => page.locator('#search-status').getAttribute('aria-busy'), { timeout: 15_000 }).toBeNull();
        await expect.poll(() => page.locator('#search-status').textContent()).not.toBe('');
        expect(watch.requests.some((url) => older.some((dir) => new URL(url).pathname.startsWith(`${dir}fragment/`)))).toBe(true);
      } finally {
        await page.close();
      }
    } finally {
      writeFileSync(file, JSON.stringify(manifest));
    }
  });
});
