/**
 * The open data of the built test site (sample + hostile fixtures): every per-snapshot index.json and /api/
 * file validates against its committed JSON Schema and matches the policy page it describes; the datasets read
 * back with a CSV parser and zlib and hold every snapshot and clause; the feeds parse, with valid dates,
 * unique ids and links to built pages; page heads announce them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseFeed } from '@rowanmanning/feed-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import * as cheerio from 'cheerio';
import { parse } from 'csv-parse/sync';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { builtPages } from '../support/pages.ts';
import { builtFile, PROJECT_ROOT, TEST_SITE_DIR } from '../support/site.ts';

const SITE = 'https://privacy-policy-archive.example';
const read = (...parts: string[]) => readFileSync(builtFile(...parts), 'utf8');
const json = (...parts: string[]) => JSON.parse(read(...parts));
/** The built file a site URL is served from ("" when it is not one of ours or does not exist). */
function fileOf(url: string): string {
  if (!url.startsWith(`${SITE}/`)) return '';
  const pathname = new URL(url).pathname;
  const file = path.join(TEST_SITE_DIR, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
  return existsSync(file) ? file : '';
}

const policyIds = builtPages()
  .map((page) => /^\/policies\/([^/]+\/\d{4}-\d{2}-\d{2}[^/]*)\/$/.exec(page.url)?.[1])
  .filter((id): id is string => id !== undefined);
const domains = [...new Set(policyIds.map((id) => id.split('/')[0]))];

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats.default(ajv);
const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
const schema = (name: string) => compiled.get(name) ?? compiled.set(name, ajv.compile(JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'public/schemas', `${name}-1.json`), 'utf8')))).get(name)!;

describe('per-snapshot JSON', () => {
  const validate = schema('snapshot');

  it.each(policyIds)('%s: index.json validates and lists exactly the clauses of its page, in order, with their text', (id) => {
    const document = json('policies', id, 'index.json');
    expect(validate(document), ajv.errorsText(validate.errors)).toBe(true);
    expect(document.snapshot_id).toBe(id);
    expect(fileOf(document.$schema)).not.toBe('');
    expect(fileOf(document.page_url)).not.toBe('');
    const $ = cheerio.load(read('policies', id, 'index.html'));
    const clauses = document.sections.flatMap((section: { clauses: { id: string; text: string }[] }) => section.clauses);
    expect(clauses.map((clause: { id: string }) => clause.id)).toEqual($('.clause').map((_, el) => $(el).attr('id')).get());
    expect(document.clause_count).toBe(clauses.length);
    // The page's text of each clause (without its link and topic tags) is the document's.
    const pageText = $('.clause').map((_, el) => {
      const clone = $(el).clone();
      clone.children('a.cl, .topics, .since').remove();
      return clone.text().replace(/\s+/g, ' ').trim();
    }).get();
    clauses.forEach((clause: { text: string }, n: number) => expect(pageText[n]).toBe(clause.text));
  });

  it('policy pages announce their JSON and their company feed in the head', () => {
    for (const id of policyIds) {
      const $ = cheerio.load(read('policies', id, 'index.html'));
      expect($('head link[rel="alternate"][type="application/json"]').attr('href')).toBe(`/policies/${id}/index.json`);
      expect($('head link[rel="alternate"][type="application/atom+xml"]').map((_, el) => $(el).attr('href')).get()).toEqual(['/feeds/snapshots.xml', `/policies/${id.split('/')[0]}/feed.xml`]);
    }
  });
});

describe('/api/', () => {
  it('companies.json validates and links every company file, page and feed', () => {
    const validate = schema('companies');
    const index = json('api', 'companies.json');
    expect(validate(index), ajv.errorsText(validate.errors)).toBe(true);
    expect(index.companies.map((company: { domain: string }) => company.domain)).toEqual([...domains].sort());
    for (const company of index.companies) for (const url of [company.page_url, company.api_url, company.feed_url]) expect(fileOf(url), url).not.toBe('');
  });

  it.each(domains)('%s.json validates and lists every snapshot of the company, each series oldest first, with working links', (domain) => {
    const validate = schema('company');
    const company = json('api', 'companies', `${domain}.json`);
    expect(validate(company), ajv.errorsText(validate.errors)).toBe(true);
    const snapshots = company.series.flatMap((series: { snapshots: { id: string }[] }) => series.snapshots);
    expect(snapshots.map((snapshot: { id: string }) => snapshot.id).sort()).toEqual(policyIds.filter((id) => id.startsWith(`${domain}/`)).sort());
    for (const series of company.series as { snapshots: { id: string; archived_on: string }[] }[]) {
      const dates = series.snapshots.map((snapshot) => snapshot.archived_on);
      expect(dates).toEqual([...dates].sort());
    }
    for (const snapshot of snapshots) for (const url of [snapshot.page_url, snapshot.json_url]) expect(fileOf(url), url).not.toBe('');
  });
});

describe('datasets', () => {
  it('snapshots.csv reads back: one header row, one row per policy page, the same rows as snapshots.jsonl', () => {
    const rows = parse(read('data', 'snapshots.csv'), { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.snapshot_id)).toEqual([...policyIds].sort());
    const lines = read('data', 'snapshots.jsonl').trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((row) => row.snapshot_id)).toEqual(rows.map((row) => row.snapshot_id));
    rows.forEach((row, n) => expect(Number(row.clause_count)).toBe(lines[n].clause_count));
    for (const row of rows) for (const value of Object.values(row)) expect(value).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('clauses.jsonl.gz holds every clause of every policy page, with its id', () => {
    const rows = gunzipSync(readFileSync(builtFile('data', 'clauses.jsonl.gz'))).toString('utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
    const expected = policyIds.sort().flatMap((id) => {
      const $ = cheerio.load(read('policies', id, 'index.html'));
      return $('.clause').map((_, el) => `${id}#${$(el).attr('id')}`).get();
    });
    expect(rows.map((row) => `${row.snapshot_id}#${row.clause_id}`)).toEqual(expected);
  });

  it('/data/ links every dataset, schema and feed, and names each source licence', () => {
    const $ = cheerio.load(read('data', 'index.html'));
    const links = $('main a[href^="/"]').map((_, el) => $(el).attr('href')).get();
    for (const file of ['/data/snapshots.csv', '/data/snapshots.jsonl', '/data/clauses.jsonl.gz', '/data/topics.csv', '/schemas/snapshot-1.json', '/api/companies.json', '/feeds/snapshots.xml']) {
      expect(links).toContain(file);
      expect(fileOf(`${SITE}${file}`), file).not.toBe('');
    }
    expect($('main').text()).toContain('research use');
  });
});

describe('Atom feeds', () => {
  const feeds = ['feeds/snapshots.xml', ...domains.map((domain) => `policies/${domain}/feed.xml`)];

  it.each(feeds)('%s is well-formed, parses, and has valid dates, unique ids and links to built pages', (file) => {
    const xml = read(file);
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = parseFeed(xml);
    expect(feed.self).toBe(`${SITE}/${file}`);
    expect(fileOf(feed.url!)).not.toBe('');
    expect(feed.items.length).toBeGreaterThan(0);
    expect(new Set(feed.items.map((item) => item.id)).size).toBe(feed.items.length);
    const dates = feed.items.map((item) => item.updated!.toISOString());
    expect(dates).toEqual([...dates].sort().reverse());
    expect(feed.updated!.toISOString()).toBe(dates[0]);
    for (const item of feed.items) {
      expect(Number.isNaN(item.updated!.getTime())).toBe(false);
      expect(fileOf(item.url!), item.url!).not.toBe('');
      expect(item.id).toMatch(/^https:\/\/privacy-policy-archive\.example\/policies\/[^/]+\/\d{4}-\d{2}-\d{2}/);
      expect(item.description).toMatch(/words in .* clauses/);
    }
    expect(xml).not.toMatch(/<script|onerror=/i);
  });

  it('every page announces the archive feed; company pages their own feed and JSON', () => {
    for (const page of builtPages().filter((p) => p.url !== '/404.html')) {
      const $ = cheerio.load(readFileSync(path.join(TEST_SITE_DIR, page.file), 'utf8'));
      expect($('head link[rel="alternate"][type="application/atom+xml"][href="/feeds/snapshots.xml"]'), page.url).toHaveLength(1);
    }
    for (const domain of domains) {
      const $ = cheerio.load(read('policies', domain, 'index.html'));
      expect($(`head link[rel="alternate"][href="/policies/${domain}/feed.xml"]`)).toHaveLength(1);
      expect($(`head link[rel="alternate"][href="/api/companies/${domain}.json"]`)).toHaveLength(1);
    }
  });
});

it('publishes no data file outside its folders (no stray endpoint output)', () => {
  const data = readdirSync(builtFile('data')).sort();
  expect(data).toEqual(['clauses.jsonl.gz', 'index.html', 'snapshots.csv', 'snapshots.jsonl', 'topics.csv']);
});
