/**
 * The open data (src/lib/data/): datasets, per-snapshot documents and feeds made from real policy files run
 * through the loader's own preparation, including the hostile fixtures and titles built to attack spreadsheets
 * and feed readers. Read back with real parsers: csv-parse, zlib, ajv, fast-xml-parser, a feed parser.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseFeed } from '@rowanmanning/feed-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { load } from 'cheerio';
import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { csvCell } from '../../src/lib/data/csv.ts';
import { clausesGzip, clausesGzipSize, snapshotsCsv, snapshotsJsonl, topicsCsv } from '../../src/lib/data/datasets.ts';
import { atomFeed, changeSummary } from '../../src/lib/data/feeds.ts';
import { SNAPSHOT_COLUMNS, snapshotDocument, type PolicyEntry } from '../../src/lib/data/snapshots.ts';
import { sourceOf } from '../../src/lib/data/sources.ts';
import { readSectionRecords, writeClauseRows } from '../../src/lib/policies/data-file.ts';
import { preparePolicy } from '../../src/loaders/prepare.ts';
import { TOPICS } from '../../src/lib/topics/taxonomy.ts';

const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'open-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const site = new URL('https://archive.example/');

/** A policy file prepared as the loader prepares it (page and data files in a scratch folder). */
function prepared(file: string, id: string, overrides: Record<string, string> = {}): PolicyEntry {
  const pageFile = path.join(dir, `${id}.page`);
  const result = preparePolicy(readFileSync(path.join(root, file), 'utf8'), pageFile);
  if (!result.ok) throw new Error(result.message);
  // The dataset's rows, as the history pass writes them (each snapshot here is the first of its series).
  writeClauseRows(pageFile, { id, domain: String(result.data.domain), archivedOn: String(result.data.archivedOn) }, {});
  return { id, data: { ...(result.data as PolicyEntry['data']), ...overrides, summary: result.summary, pageFile } };
}

const HOSTILE_NAMES = ['=HYPERLINK("https://evil.example","x")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A2)', '\tTabbed', '<script>alert(1)</script> ]]> & "Co"'];
const entries: PolicyEntry[] = [
  prepared('src/content/policies/attask.com/2006-06-17.md', 'attask.com/2006-06-17'),
  prepared('src/content/policies/atmail.com/2005-12-10.md', 'atmail.com/2005-12-10'),
  prepared('test/fixtures/policies/hostile-markup.example/2019-03-01.md', 'hostile-markup.example/2019-03-01'),
  prepared('test/fixtures/policies/hostile-markup.example/2020-07-15.md', 'hostile-markup.example/2020-07-15'),
  prepared('test/fixtures/policies/imported-hostile.example/2018-05-20.md', 'imported-hostile.example/2018-05-20'),
  ...HOSTILE_NAMES.map((name, n) =>
    prepared('test/fixtures/policies/hostile-markup.example/2019-03-01.md', `formula${n}.example/2019-03-01`, { domain: `formula${n}.example`, company: name, title: `${name} policy` }),
  ),
];

describe('CSV', () => {
  it('neutralises cells that start like a formula with an apostrophe (OWASP), quotes as RFC 4180, leaves numbers alone', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-1 for us')).toBe("'-1 for us");
    expect(csvCell('@x')).toBe("'@x");
    expect(csvCell('+x')).toBe("'+x");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });

  it('snapshots.csv reads back with a CSV parser: one header row, one row per snapshot, no live formula', () => {
    const csv = snapshotsCsv(entries, site);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual([...SNAPSHOT_COLUMNS]);
    expect(rows.map((row) => row.snapshot_id)).toEqual(entries.map((entry) => entry.id).sort());
    for (const row of rows) for (const value of Object.values(row)) expect(value).not.toMatch(/^[=+\-@\t\r]/);
    const companies = rows.filter((row) => row.domain.startsWith('formula')).map((row) => row.company);
    expect(companies).toEqual(HOSTILE_NAMES.map((name) => (/^[=+\-@\t]/.test(name) ? `'${name}` : name)));
    const attask = rows.find((row) => row.snapshot_id === 'attask.com/2006-06-17')!;
    expect(attask.archived_on).toBe('2006-06-17');
    expect(Number(attask.word_count)).toBe(entries[0].data.wordCount);
    expect(attask.page_url).toBe('https://archive.example/policies/attask.com/2006-06-17/');
    expect(attask.topics.split(';')).toEqual(Object.keys(entries[0].data.summary.topics).sort());
  });

  it('topics.csv lists every topic once with its counts', () => {
    const rows = parse(topicsCsv(entries), { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.slug)).toEqual([...TOPICS].sort((a, b) => a.order - b.order).map((topic) => topic.slug));
    const total = rows.reduce((sum, row) => sum + Number(row.clauses), 0);
    expect(total).toBe(entries.reduce((sum, entry) => sum + Object.values(entry.data.summary.topics).reduce((s, t) => s + t.count, 0), 0));
  });
});

describe('JSON Lines datasets', () => {
  it('snapshots.jsonl has the same rows as the CSV, text exactly as written (no apostrophes)', () => {
    const lines = snapshotsJsonl(entries, site).split('\n');
    expect(lines.pop()).toBe('');
    const rows = lines.map((line) => JSON.parse(line));
    expect(rows.filter((row) => row.domain.startsWith('formula')).map((row) => row.company)).toEqual(HOSTILE_NAMES);
    expect(Object.keys(rows[0])).toEqual([...SNAPSHOT_COLUMNS]);
  });

  it('clauses.jsonl.gz is one gzip file (the members of every snapshot) whose rows are every clause, in id order', () => {
    const gz = clausesGzip(entries);
    expect(gz.length).toBe(clausesGzipSize(entries));
    const rows = gunzipSync(gz).toString('utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(rows.length).toBe(entries.reduce((sum, entry) => sum + entry.data.summary.clauseCount, 0));
    const ids = [...new Set(rows.map((row) => row.snapshot_id))];
    expect(ids).toEqual(entries.map((entry) => entry.id).sort());
    const hostile = readSectionRecords(entries[2].data.pageFile).flatMap((section) => section.clauses.map((clause) => clause.text));
    expect(rows.filter((row) => row.snapshot_id === entries[2].id).map((row) => row.text)).toEqual(hostile);
    expect(hostile.some((text) => text.includes('<script>'))).toBe(true);
  });

  it('are the same bytes whatever order the archive lists its snapshots in', () => {
    const shuffled = [...entries].reverse();
    expect(clausesGzip(shuffled).equals(clausesGzip(entries))).toBe(true);
    expect(snapshotsCsv(shuffled, site)).toBe(snapshotsCsv(entries, site));
    expect(snapshotsJsonl(shuffled, site)).toBe(snapshotsJsonl(entries, site));
  });
});

describe('per-snapshot JSON', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(path.join(root, 'public/schemas/snapshot-1.json'), 'utf8')));

  it('validates against its JSON Schema, for every snapshot, hostile ones included', () => {
    for (const entry of entries) {
      const document = snapshotDocument(entry, readSectionRecords(entry.data.pageFile), site);
      expect(validate(document), `${entry.id}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      expect(document.sections.flatMap((section) => section.clauses).length).toBe(entry.data.summary.clauseCount);
    }
  });

  it('the schema allows a clause its optional `since` and refuses fields it does not know', () => {
    const document = snapshotDocument(entries[0], readSectionRecords(entries[0].data.pageFile), site);
    const withSince = structuredClone(document) as unknown as { sections: { clauses: Record<string, unknown>[] }[] };
    withSince.sections[0].clauses[0].since = '2006-06-17';
    expect(validate(withSince)).toBe(true);
    withSince.sections[0].clauses[0].since = '17 June 2006';
    expect(validate(withSince)).toBe(false);
    expect(validate({ ...document, extra: 1 })).toBe(false);
    expect(validate({ ...document, archived_on: '2006-02-30T00:00' })).toBe(false);
  });

  it('names its source and licence', () => {
    expect(sourceOf(entries[0].data).id).toBe('princeton-leuven');
    expect(sourceOf({ sourceLabel: 'original version on Open Terms Archive', snapshotUrl: 'https://github.com/OpenTermsArchive/contrib-versions/blob/x/A.md' })).toMatchObject({ licence: 'ODC-By-1.0', attribution: 'Open Terms Archive contributors' });
    expect(sourceOf({ sourceLabel: 'elsewhere', snapshotUrl: 'https://example.org/x' }).id).toBe('other');
  });
});

describe('Atom feeds', () => {
  const items = entries.map((policy) => ({ policy, previous: policy.id === 'hostile-markup.example/2020-07-15' ? entries[2] : undefined }));
  const xml = atomFeed({ title: 'New <snapshots> & more', path: '/feeds/snapshots.xml', page: '/policies/', items }, site);

  it('is well-formed XML that a feed parser reads: valid dates, unique absolute ids, links into the site', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = parseFeed(xml);
    expect(feed.title).toBe('New <snapshots> & more');
    expect(feed.updated?.toISOString()).toBe('2020-07-15T00:00:00.000Z');
    expect(feed.items.length).toBe(entries.length);
    expect(new Set(feed.items.map((item) => item.id)).size).toBe(entries.length);
    feed.items.forEach((item, n) => {
      expect(item.id).toBe(`https://archive.example/policies/${entries[n].id}/`);
      expect(item.url).toBe(item.id);
      expect(item.updated?.toISOString()).toBe(`${entries[n].data.archivedOn}T00:00:00.000Z`);
    });
  });

  it('keeps hostile names inert: titles and summaries are escaped HTML, no element from policy text', () => {
    expect(xml).not.toMatch(/<script/i);
    // What a reader gets: type="html" content, parsed as HTML, holds the name as text and no element from it.
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml) as { feed: { entry: { title: { '#text': string }; summary: { '#text': string } }[] } };
    const hostile = parsed.feed.entry.slice(-HOSTILE_NAMES.length);
    hostile.forEach((entry, n) => {
      const title = load(`<div>${entry.title['#text']}</div>`);
      expect(title('script').length).toBe(0);
      expect(title('div').text()).toBe(`${HOSTILE_NAMES[n]}: privacy policy of 1 March 2019`);
      const summary = load(`<div>${entry.summary['#text']}</div>`);
      expect(summary('script, *[onerror]').length).toBe(0);
      expect(summary('a').text()).toBe(`${HOSTILE_NAMES[n]} policy`);
      expect(summary('a').attr('href')).toBe(`https://archive.example/policies/formula${n}.example/2019-03-01/`);
    });
    // And a feed parser's text is the name as written (it trims the leading tab).
    const feed = parseFeed(xml);
    expect(feed.items.slice(-HOSTILE_NAMES.length).map((item) => item.title)).toEqual(HOSTILE_NAMES.map((name) => `${name}: privacy policy of 1 March 2019`.trim()));
  });

  it('summarises the change since the previous snapshot of the series', () => {
    expect(changeSummary(items[3])).toMatch(/^160 words in 27 clauses: −20 words and \+4 clauses since the snapshot of 1 March 2019\.$/);
    expect(changeSummary(items[0])).toMatch(/^First snapshot of this policy in the archive/);
  });

  it('is the same text whenever it is built (no build time)', () => {
    expect(atomFeed({ title: 'x', path: '/f.xml', page: '/', items }, site)).toBe(atomFeed({ title: 'x', path: '/f.xml', page: '/', items }, site));
  });
});
