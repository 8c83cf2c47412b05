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
  // Read once per build: several pages list the whole archive (76 MB of ledger at 10,000 policies).
  archive ??= Promise.resolve(readLedger(additions.nextLedger) as unknown as CollectionEntry<'policies'>[]);
  return archive;
}

