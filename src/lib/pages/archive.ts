/**
 * Every policy of the archive, for the site-wide pages (home, company index, topics, search filters).
 *
 * Usually the `policies` collection. In an additions build (src/lib/build/additions.ts) the collection holds
 * only the companies that gained a snapshot, and the whole archive comes from the ledger the loader has just
 * written (src/lib/build/ledger.ts): the same ids, digests and data, so pages and their cache keys are
 * the same as a build of the whole archive would give.
 */
import { getCollection } from 'astro:content';
import { type BuildMode, buildMode } from '../build/additions.ts';
import { readLedger } from '../build/ledger.ts';
import type { PolicyEntry } from '../data/snapshots.ts';
import { groupByCompany } from '../policies/views.ts';
import { pageCacheKey } from './cache-key.ts';

/** A policy as site-wide pages read it: a collection entry or its ledger entry (collection, id and digest key pages). */
export type ArchiveEntry = PolicyEntry & { collection: 'policies' };

let archive: Promise<ArchiveEntry[]> | undefined;

export function archivePolicies(mode: BuildMode = buildMode): Promise<ArchiveEntry[]> {
  if (mode.kind !== 'additions') return getCollection('policies');
  // Read once per build: several pages list the whole archive (76 MB of ledger at 10,000 policies).
  archive ??= Promise.resolve(readLedger<PolicyEntry['data']>(mode.spec.nextLedger));
  return archive;
}

/** The paths of the per-company pages (company page, its feed, its API file): the collection's companies. */
export async function companyPaths() {
  return groupByCompany(await getCollection('policies')).map((company) => ({ params: { domain: company.domain }, props: { company }, cacheKey: pageCacheKey({ company }) }));
}
