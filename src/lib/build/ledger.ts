/**
 * The archive ledger: every policy's collection entry as the site-wide pages use it (id, digest and data,
 * whose `summary` holds the topic excerpts), one JSON file for the whole archive, written by the policies
 * loader at every build.
 *
 * Why: a build that only adds snapshots (src/lib/build/plan.ts) loads and renders only the companies that
 * gained one, and the site-wide pages (home, company index, topics, search filters) still have to list every
 * policy. They read the ledger of the previous build with the new entries merged in, instead of loading the
 * 10,000 other policy files again.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface LedgerEntry<D = Record<string, unknown>> {
  id: string;
  collection: 'policies';
  digest: string;
  filePath?: string;
  data: D;
}

/** Where the loader of a build with these settings writes the ledger, and where a later build finds it. */
export function ledgerFiles(cacheDir: string): { current: string; next: string } {
  const dir = path.join(cacheDir, 'archive');
  // `next` is written by the loader; the build promotes it to `current` once the whole build succeeded, so a
  // failed build never leaves a ledger listing policies that the published site lacks.
  return { current: path.join(dir, 'ledger.json'), next: path.join(dir, 'ledger.next.json') };
}

export function readLedger<D = Record<string, unknown>>(file: string): LedgerEntry<D>[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { version?: number; entries?: LedgerEntry<D>[] };
  if (parsed.version !== 1 || !Array.isArray(parsed.entries)) throw new Error(`${file}: not an archive ledger (version 1)`);
  return parsed.entries;
}

/** Written whole, then renamed into place: a reader never sees half a ledger. Entries sorted by id. */
export function writeLedger(file: string, entries: LedgerEntry[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const sorted = [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ version: 1, entries: sorted }));
  renameSync(temporary, file);
}

/** The previous ledger with every entry of `domains` replaced by `entries` (the whole of those companies). */
export function mergeLedger<D extends { domain: string }>(previous: LedgerEntry<D>[], domains: ReadonlySet<string>, entries: LedgerEntry<D>[]): LedgerEntry<D>[] {
  return [...previous.filter((entry) => !domains.has(entry.data.domain)), ...entries];
}
