/**
 * The datasets of /data/: snapshots (CSV and JSONL), clauses (JSONL, gzip) and topics (CSV), as bytes.
 * Deterministic: rows in snapshot id order (code points), no build time anywhere, gzip members without a
 * modification time; the same archive gives byte-identical files.
 */
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dataFiles, jsonLines } from '../policies/data-file.ts';
import { TOPICS_IN_ORDER } from '../topics/taxonomy.ts';
import { toCsv } from './csv.ts';
import { compareBytes } from '../history/series.ts';
import { SNAPSHOT_COLUMNS, snapshotRow, type PolicyEntry } from './snapshots.ts';

export const DATASET_PATHS = {
  snapshotsCsv: '/data/snapshots.csv',
  snapshotsJsonl: '/data/snapshots.jsonl',
  clauses: '/data/clauses.jsonl.gz',
  topics: '/data/topics.csv',
} as const;

const sorted = (entries: PolicyEntry[]) => [...entries].sort((a, b) => compareBytes(a.id, b.id));

export function snapshotsCsv(entries: PolicyEntry[], site: URL): string {
  // A list column in CSV: topic slugs joined by ";" (slugs never contain one).
  const rows = sorted(entries).map((entry) => {
    const row = snapshotRow(entry, site);
    return { ...row, topics: row.topics.join(';') };
  });
  return toCsv(SNAPSHOT_COLUMNS, rows);
}

export function snapshotsJsonl(entries: PolicyEntry[], site: URL): string {
  return jsonLines(sorted(entries).map((entry) => snapshotRow(entry, site)));
}

const TOPIC_COLUMNS = ['slug', 'name', 'opp115_category', 'summary', 'display_order', 'snapshots', 'clauses'] as const;

/** The taxonomy with, per topic, how many snapshots address it and in how many clauses. */
export function topicsCsv(entries: PolicyEntry[]): string {
  const rows = TOPICS_IN_ORDER.map(({ slug, name, category, summary, order }) => {
    const on = entries.map((entry) => entry.data.summary.topics[slug]).filter((entry) => entry !== undefined);
    const clauses = on.reduce((sum, entry) => sum + entry.count, 0);
    return { slug, name, opp115_category: category, summary, display_order: order, snapshots: on.length, clauses };
  });
  return toCsv(TOPIC_COLUMNS, rows);
}

function clauseMember(entry: PolicyEntry): string {
  return dataFiles(entry.data.pageFile).clauses;
}

/** Every policy's gzip member (prepared by the loader), concatenated in id order: one gzip file. */
export function clausesGzip(entries: PolicyEntry[]): Buffer {
  if (!entries.length) return gzipSync('');
  return Buffer.concat(
    sorted(entries).map((entry) => {
      try {
        return readFileSync(clauseMember(entry));
      } catch (error) {
        throw new Error(`${entry.id}: no clause data from the loader (${clauseMember(entry)}); a full build prepares it again`, { cause: error });
      }
    }),
  );
}

/** Size of clausesGzip() without reading the files. */
export function clausesGzipSize(entries: PolicyEntry[]): number {
  return entries.length ? entries.reduce((sum, entry) => sum + statSync(clauseMember(entry)).size, 0) : gzipSync('').length;
}
