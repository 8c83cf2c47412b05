/**
 * The published data about snapshots: one row per snapshot (the snapshots dataset, CSV and JSONL), and the
 * per-snapshot JSON document (<policy page>index.json, public/schemas/snapshot-1.json). Pure: the routes in
 * src/pages/ read the collection and the loader's data files, this shapes them. Names are snake_case in every
 * published file; dates are ISO 8601 (YYYY-MM-DD); URLs are absolute.
 */
import type { HistoryMeta } from '../history/pass.ts';
import { seriesKey } from '../history/series.ts';
import { policyPath } from '../policies/views.ts';
import type { SectionRecord } from '../policies/data-file.ts';
import type { PolicyFrontmatter } from '../policies/schema.ts';
import type { PolicySummary } from '../policies/summary.ts';
import { sourceOf } from './sources.ts';

/** Version of every published JSON shape (schemas in public/schemas/): a new major version gets new files. */
export const DATA_VERSION = '1.0';

export interface PolicyEntry {
  id: string;
  data: PolicyFrontmatter & { summary: PolicySummary; pageFile: string; history?: HistoryMeta };
}

/** Where each published file of a snapshot, company or the archive lives (site-relative). */
export const dataPaths = {
  snapshotJson: (id: string) => `${policyPath(id)}index.json`,
  companyApi: (domain: string) => `/api/companies/${domain}.json`,
  companyFeed: (domain: string) => `/policies/${domain}/feed.xml`,
  companies: '/api/companies.json',
  archiveFeed: '/feeds/snapshots.xml',
  schema: (name: 'snapshot' | 'companies' | 'company') => `/schemas/${name}-1.json`,
  /**
   * The "what changed" page of a snapshot (`<policy page>changes/`, src/lib/history/): only a snapshot with a
   * previous one in its series has one. The feeds and the API link to it through this one function.
   */
  changes: (entry: PolicyEntry): string | undefined => (entry.data.history?.previous ? `${policyPath(entry.id)}changes/` : undefined),
};

/** Each column of the snapshots dataset, in order, with its type and meaning (the /data/ page documents them). */
export const SNAPSHOT_DOCS = {
  snapshot_id: ['string', 'Snapshot id, <domain>/<YYYY-MM-DD> (a second snapshot of the same day: -2); the key of every file'],
  series_id: ['string', 'The document over time this snapshot belongs to (today: its domain)'],
  domain: ['string', 'Host name, lower case, without www.'],
  company: ['string', 'Company display name'],
  title: ['string', 'Title of the policy'],
  archived_on: ['date (YYYY-MM-DD)', 'Day the snapshot was archived'],
  snapshot_url: ['URL', 'The archived snapshot: the authoritative copy'],
  original_url: ['URL or empty (null)', 'The policy’s own address when it was archived, if known'],
  source_label: ['string', 'The source’s label for the snapshot link'],
  source: ['string', 'open-terms-archive, princeton-leuven or other (licences below)'],
  licence: ['string', 'Licence of the text (SPDX id where there is one)'],
  word_count: ['integer', 'Words in the policy'],
  clause_count: ['integer', 'Clauses (paragraphs, list items, tables) in the policy'],
  topics: ['list of strings', 'Topic slugs addressed anywhere in the policy; in CSV joined by ";"'],
  content_hash: ['string', 'SHA-256 digest of the archived input file, in hex after the name of the algorithm'],
  page_url: ['URL', 'The policy page on this site'],
  json_url: ['URL', 'The snapshot as JSON (below)'],
} satisfies Record<keyof ReturnType<typeof snapshotRow>, [type: string, meaning: string]>;

export const SNAPSHOT_COLUMNS = Object.keys(SNAPSHOT_DOCS) as (keyof typeof SNAPSHOT_DOCS)[];

/** One row of the snapshots dataset: its keys are SNAPSHOT_COLUMNS, in that order (test/lib/open-data.test.ts). */
export function snapshotRow(entry: PolicyEntry, site: URL) {
  const { data } = entry;
  const source = sourceOf(data);
  return {
    snapshot_id: entry.id,
    series_id: seriesKey(data),
    domain: data.domain,
    company: data.company,
    title: data.title,
    archived_on: data.archivedOn,
    snapshot_url: data.snapshotUrl,
    original_url: data.originalUrl ?? null,
    source_label: data.sourceLabel,
    source: source.id,
    licence: source.licence,
    word_count: data.wordCount,
    clause_count: data.summary.clauseCount,
    topics: Object.keys(data.summary.topics).sort(),
    content_hash: data.contentHash,
    page_url: new URL(policyPath(entry.id), site).href,
    json_url: new URL(dataPaths.snapshotJson(entry.id), site).href,
  };
}

/** Clause id → the archive date from which its text is unchanged in its series (src/lib/history/). */
type SinceDates = Record<string, string>;

/** The per-snapshot JSON document (schema: public/schemas/snapshot-1.json). */
export function snapshotDocument(entry: PolicyEntry, sections: SectionRecord[], site: URL, since: SinceDates = {}) {
  const { source: _id, licence: _licence, ...row } = snapshotRow(entry, site);
  const changes = dataPaths.changes(entry);
  return {
    $schema: new URL(dataPaths.schema('snapshot'), site).href,
    schema_version: DATA_VERSION,
    ...row,
    changes_url: changes ? new URL(changes, site).href : null,
    source: sourceOf(entry.data),
    sections: sections.map((section) => ({ ...section, clauses: section.clauses.map((clause) => (since[clause.id] ? { ...clause, since: since[clause.id] } : clause)) })),
  };
}
