/**
 * Clause results (src/lib/search/rank.ts) on a copy of the test site, changed where a test needs it and
 * indexed again (as search-additions.test.ts does):
 * - a clause whose text three snapshots of one policy share shows once, linking to the newest, with the
 *   number of snapshots and their years (a third snapshot of hostile-markup.example is made from the second);
 * - a word only a section heading has finds the clauses under that heading, never the heading itself.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSearchIndex } from '../../src/lib/search/pagefind-index.ts';
import { openScratchSite, type ScratchSite, watchPage } from '../support/browser.ts';
import { editFirstParagraph, scratchArchive } from '../support/scratch-archive.ts';
import { TEST_SEARCH_PARTITION_POLICIES, TEST_SEARCH_PASSAGE_CHARS, TEST_SITE_DIR } from '../support/site.ts';

const SHARED = 'Zebracorn records stay with us for one year.';
const HEADING_WORD = 'Unicornheading';
const DOMAIN = 'hostile-markup.example';
const DATES = ['2019-03-01', '2020-07-15', '2021-03-01'];
const scratch = mkdtempSync(path.join(tmpdir(), 'search-clauses-'));
const site = path.join(scratch, 'site');
const page = (date: string) => path.join(site, 'policies', DOMAIN, date, 'index.html');
/** The first clause's text (between its copy-link control and its topic tags) replaced; the page's lineage marks kept. */
const FIRST_CLAUSE = /(<p class="clause" id="[^"]*" data-pagefind-title="[^"]*"(?: data-since="[^"]*")?>(?:<span class="since"[^>]*>[^<]*<\/span>)?<a class="cl"[^>]*><span class="vh">Link to this clause<\/span><\/a>).*?(<span class="topics"|<\/p>)/;
let scratchSite: ScratchSite;
let server: { url: string };
let context: BrowserContext;
let headingSection: { heading: string; clauses: string[] };

beforeAll(async () => {
  cpSync(TEST_SITE_DIR, site, { recursive: true, filter: (source) => !source.startsWith(path.join(TEST_SITE_DIR, 'pagefind')) });
  cpSync(path.dirname(page(DATES[1])), path.dirname(page(DATES[2])), { recursive: true });
  writeFileSync(page(DATES[2]), readFileSync(page(DATES[2]), 'utf8').replaceAll(DATES[1], DATES[2]));
  for (const date of DATES) {
    const html = readFileSync(page(date), 'utf8');
    expect(FIRST_CLAUSE.test(html), date).toBe(true);
    writeFileSync(page(date), html.replace(FIRST_CLAUSE, `$1${SHARED}$2`));
  }
  // The oldest snapshot's second section: its heading (and so its clauses' titles) gets a word no text has.
  const html = readFileSync(page(DATES[0]), 'utf8');
  const [, id, heading] = [...html.matchAll(/<section aria-labelledby="([^"]*)"><h2 id="[^"]*">([^<]*)<\/h2>/g)][1];
  const renamed = html.replaceAll(`>${heading}</h2>`, `>${HEADING_WORD} ${heading}</h2>`).replaceAll(`data-pagefind-title="${heading}"`, `data-pagefind-title="${HEADING_WORD} ${heading}"`);
  const section = renamed.slice(renamed.indexOf(`<section aria-labelledby="${id}">`));
  headingSection = { heading: id, clauses: [...section.slice(0, section.indexOf('</section>')).matchAll(/class="clause" id="([^"]*)"/g)].map((match) => match[1]) };
  writeFileSync(page(DATES[0]), renamed);
  // The same changes to what the index is made of: the archive's search units.
  const archive = scratchArchive(path.join(scratch, 'archive'));
  const idOf = (date: string) => `${DOMAIN}/${date}`;
  archive.copy(idOf(DATES[1]), idOf(DATES[2]), DATES[2]);
  for (const date of DATES) archive.edit(idOf(date), (units) => editFirstParagraph(units, () => SHARED));
  archive.edit(idOf(DATES[0]), (units) => {
    for (const section of units.sections) {
      section.heading = section.heading.replaceAll(`>${heading}</h2>`, `>${HEADING_WORD} ${heading}</h2>`);
      for (const clause of section.clauses)
        clause.html = clause.html.replace(/data-pagefind-title="([^"\u001e]*)/, (title, text: string) => (text === heading ? `data-pagefind-title="${HEADING_WORD} ${heading}` : title));
    }
  });
  await buildSearchIndex(site, { ledger: archive.ledger, cacheDir: path.join(scratch, 'cache'), partitionPolicies: TEST_SEARCH_PARTITION_POLICIES, passageBudget: TEST_SEARCH_PASSAGE_CHARS });
  scratchSite = await openScratchSite(site);
  server = scratchSite;
  context = scratchSite.context;
}, 120_000);

afterAll(async () => {
  await scratchSite?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Every clause result of a search, as shown (after "Show more results" until there is no more). */
async function clauseResults(query: string) {
  const tab = await context.newPage();
  try {
    const watch = await watchPage(tab, server.url);
    await tab.goto(`/search/?q=${encodeURIComponent(query)}`);
    await expect.poll(() => tab.locator('#search-status').textContent(), { timeout: 15_000 }).not.toBe('');
    await expect.poll(() => tab.locator('#search-status').getAttribute('aria-busy')).toBeNull();
    while (await tab.locator('#search-more').isVisible()) {
      const count = await tab.locator('#search-results a').count();
      await tab.locator('#search-more').click();
      await expect.poll(() => tab.locator('#search-results a').count()).toBeGreaterThan(count);
    }
    expect(watch.consoleErrors).toEqual([]);
    const status = (await tab.locator('#search-status').textContent()) ?? '';
    const clauses = await tab.locator('#search-results .hits > li').evaluateAll((items) =>
      items.map((item) => ({ href: new URL(item.querySelector('a')!.getAttribute('href')!, location.href).pathname + new URL(item.querySelector('a')!.getAttribute('href')!, location.href).hash, text: item.querySelector('p')!.textContent!, note: item.querySelector('.snapshots')?.textContent ?? '' })),
    );
    return { status, clauses };
  } finally {
    await tab.close();
  }
}

describe('each clause once', () => {
  it('a clause in three snapshots of a policy shows once, linking to the newest, with the snapshots and years', async () => {
    const { status, clauses } = await clauseResults('zebracorn');
    expect(clauses).toHaveLength(1);
    expect(clauses[0].href).toMatch(new RegExp(`^/policies/${DOMAIN.replace('.', '\\.')}/${DATES[2]}/#`));
    expect(clauses[0].text).toContain('Zebracorn records stay with us');
    expect(clauses[0].note).toBe('Unchanged in 3 snapshots, 2019–2021; this is the newest.');
    expect(status).toMatch(/^1 clause in 1 policy found for “zebracorn”/);
  });
});

describe('headings', () => {
  it('a word only a section heading has finds the clauses under it, never the heading alone', async () => {
    expect(headingSection.clauses.length).toBeGreaterThan(0);
    const { clauses } = await clauseResults(HEADING_WORD.toLowerCase());
    expect(clauses.length).toBeGreaterThan(0);
    for (const clause of clauses) {
      expect(clause.href.startsWith(`/policies/${DOMAIN}/${DATES[0]}/#`)).toBe(true);
      const id = clause.href.split('#')[1];
      expect(id).not.toBe(headingSection.heading);
      expect(headingSection.clauses).toContain(id);
      // The excerpt is the clause's text: the heading's word is not in it.
      expect(clause.text.toLowerCase()).not.toContain(HEADING_WORD.toLowerCase());
      expect(clause.text.trim().length).toBeGreaterThan(0);
    }
  });
});
