/**
 * Every policy of the archive, for the site-wide pages (home, company index, topics, search filters).
 *
 * Usually the `policies` collection. In an additions build (src/lib/build/additions.ts) the collection holds
 * only the companies that gained a snapshot, and the whole archive comes from the ledger the loader has just
 * written (src/lib/build/ledger.ts): the same ids, digests and data, so pages and their cache keys are
 * the same as a build of the whole archive would give.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { readAdditions } from '../build/additions.ts';
import { readLedger } from '../build/ledger.ts';

let archive: Promise<CollectionEntry<'policies'>[]> | undefined;

export function archivePolicies(): Promise<CollectionEntry<'policies'>[]> {
  const additions = readAdditions();
  if (!additions) return getCollection('policies');
  // Read once per build: several pages list the whole archive (30 MB of ledger at 10,000 policies).
  archive ??= Promise.resolve(readLedger(additions.nextLedger) as unknown as CollectionEntry<'policies'>[]);
  return archive;
}

let previousArchive: Promise<CollectionEntry<'policies'>[]> | undefined;

/**
 * In an additions build, every policy of the archive as the previous build published it (pages compare
 * with it to render only what the additions changed); otherwise undefined.
 */
export async function previousArchivePolicies(): Promise<CollectionEntry<'policies'>[] | undefined> {
  const additions = readAdditions();
  if (!additions) return undefined;
  previousArchive ??= Promise.resolve(readLedger(additions.ledger) as unknown as CollectionEntry<'policies'>[]);
  return previousArchive;
}
