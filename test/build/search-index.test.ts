/**
 * The search index as built by `npm run build` (src/lib/search/pagefind-index.ts), and the markup it reads:
 * only policy articles are indexed, each clause is its own sub-result titled by its section, and every
 * policy carries the metadata, filters and sort key the search page uses. An indexing failure fails the build.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { buildSearchIndex, SearchIndexError } from '../../src/lib/search/pagefind-index.ts';
import { builtPages, pageType } from '../support/pages.ts';
import { SAMPLE_POLICY_IDS, builtFile } from '../support/site.ts';

const POLICY_PAGE_BUDGET = 7 * 1024;
const pages = builtPages();
const policyPages = pages.filter((page) => pageType(page.url) === 'policy');
const load = (file: string) => cheerio.load(readFileSync(builtFile(file), 'utf8'));

describe('the Pagefind bundle', () => {
  it('is written into the build output with one indexed page per policy', () => {
    for (const file of ['pagefind.js', 'pagefind-worker.js', 'pagefind-entry.json', 'wasm.en.pagefind']) expect(existsSync(builtFile('pagefind', file)), file).toBe(true);
    const entry = JSON.parse(readFileSync(builtFile('pagefind', 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    const indexed = Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
    expect(policyPages.length).toBeGreaterThanOrEqual(SAMPLE_POLICY_IDS.length);
    expect(indexed).toBe(policyPages.length);
  });

  it('keeps clause text once per fragment: clause anchors keep their title, headings their text', () => {
    let clauseAnchors = 0;
    for (const name of readdirSync(builtFile('pagefind', 'fragment'))) {
      const raw = gunzipSync(readFileSync(builtFile('pagefind', 'fragment', name))).toString('utf8');
      expect(raw.startsWith('pagefind_dcd')).toBe(true);
      const record = JSON.parse(raw.slice('pagefind_dcd'.length)) as { content: string; anchors: { element: string; text?: string; title?: string }[] };
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

  it("leaves out Pagefind's prebuilt UIs and highlighter, which the site does not use", () => {
    const files = readdirSync(builtFile('pagefind'));
    expect(files.filter((name) => /^pagefind-(ui|modular-ui|component-ui|highlight)\./.test(name))).toEqual([]);
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

describe('indexing failures fail the build', () => {
  it('refuses a site where no page marks a search body, with a message that says so', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'search-index-'));
    try {
      writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html lang="en"><body><h1>Only chrome</h1><p>data-pagefind-body</p></body></html>');
      const failure = buildSearchIndex(dir);
      await expect(failure).rejects.toBeInstanceOf(SearchIndexError);
      await expect(failure).rejects.toThrow(/no page .* has data-pagefind-body/);
      expect(existsSync(path.join(dir, 'pagefind'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('indexes a marked page and reports it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'search-index-'));
    try {
      writeFileSync(
        path.join(dir, 'index.html'),
        '<!doctype html><html lang="en"><body><header>chrome</header><article data-pagefind-body><h1>T</h1><p id="c-1" data-pagefind-title="S">Words here</p></article></body></html>',
      );
      const summary = await buildSearchIndex(dir);
      expect(summary.pages).toBe(1);
      expect(summary.bytes).toBeGreaterThan(0);
      expect(existsSync(path.join(dir, 'pagefind', 'pagefind.js'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
