/**
 * The archive ledger: every policy's collection entry as the site-wide pages use it (id, digest and data,
 * whose `summary` holds the topic excerpts), written by the policies loader at every build; an additions build's
 * site-wide pages read it instead of every policy file (docs/scaling.md, "Additions builds").
 *
 * A ledger is a folder of LEDGER_SHARDS files, a company's entries always in the same one (by a hash of its
 * domain): an addition rewrites the files of the companies it touches and links the others (76 MB for
 * 10,000 policies; reading and writing all of it took ~5 s of an addition).
 */
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compareBytes } from '../history/series.ts';

export const LEDGER_SHARDS = 32;

/** FNV-1a: a small hash, the same on every machine and run. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export const shardOf = (domain: string): number => fnv1a(domain) % LEDGER_SHARDS;

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
  return { current: path.join(dir, 'ledger'), next: path.join(dir, 'ledger.next') };
}

const shardFile = (dir: string, shard: number) => path.join(dir, `${String(shard).padStart(2, '0')}.json`);

/** Every entry of a ledger folder, sorted by id. */
export function readLedger<D = Record<string, unknown>>(dir: string): LedgerEntry<D>[] {
  if (!existsSync(dir)) throw new Error(`${dir}: no archive ledger`);
  const entries = readdirSync(dir)
    .filter((name) => /^\d+\.json$/.test(name))
    .flatMap((name) => readShard<D>(path.join(dir, name)));
  return entries.sort((a, b) => compareBytes(a.id, b.id));
}

function readShard<D>(file: string): LedgerEntry<D>[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { version?: number; entries?: LedgerEntry<D>[] };
  if (parsed.version !== 1 || !Array.isArray(parsed.entries)) throw new Error(`${file}: not an archive ledger file (version 1)`);
  return parsed.entries;
}

function writeShard(file: string, entries: LedgerEntry<{ domain: string }>[]): void {
  writeFileSync(file, JSON.stringify({ version: 1, entries }));
}

/** A whole ledger, written into a new folder `dir` (replacing it). */
export function writeLedger(dir: string, entries: LedgerEntry<{ domain: string }>[]): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const shards = Array.from({ length: LEDGER_SHARDS }, () => [] as LedgerEntry<{ domain: string }>[]);
  for (const entry of entries) shards[shardOf(entry.data.domain)].push(entry);
  shards.forEach((list, shard) => writeShard(shardFile(dir, shard), list));
}

/**
 * The ledger `from` with every entry of `domains` replaced by `entries` (the whole of those companies),
 * written into `to`: the files of other companies are hard links to `from`'s.
 */
export function updateLedger(from: string, to: string, domains: ReadonlySet<string>, entries: LedgerEntry<{ domain: string }>[]): void {
  if (!existsSync(from)) throw new Error(`${from}: no archive ledger to add to`);
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  const touched = new Set([...domains].map((domain) => shardOf(domain)));
  for (let shard = 0; shard < LEDGER_SHARDS; shard++) {
    const source = shardFile(from, shard);
    if (!touched.has(shard)) {
      linkSync(source, shardFile(to, shard));
      continue;
    }
    const kept = readShard<{ domain: string }>(source).filter((entry) => !domains.has(entry.data.domain));
    writeShard(shardFile(to, shard), [...kept, ...entries.filter((entry) => shardOf(entry.data.domain) === shard)]);
  }
}
