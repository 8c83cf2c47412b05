/** A snapshot as data: provenance, sections and clauses (schema: public/schemas/snapshot-1.json, docs/data.md). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { addedIds, buildMode } from '../../../../lib/build/additions.ts';
import { snapshotDocument, type PolicyEntry } from '../../../../lib/data/snapshots.ts';
import { pageCacheKey } from '../../../../lib/pages/cache-key.ts';
import { policySlug } from '../../../../lib/policies/views.ts';
import { readSectionRecords } from '../../../../lib/policies/data-file.ts';
import { readSince } from '../../../../lib/history/pass.ts';

export const getStaticPaths = (async () => {
  // An additions build writes the new snapshots' files only: an older snapshot's document does not change.
  const added = addedIds(buildMode);
  const policies = (await getCollection('policies')).filter((policy) => !added || added.has(policy.id));
  return policies.map((policy) => ({ params: policySlug(policy.id), props: { policy }, cacheKey: pageCacheKey({ policy }) }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props, site }) => {
  const policy = props.policy as PolicyEntry;
  const document = snapshotDocument(policy, readSectionRecords(policy.data.pageFile), site!, readSince(policy.data.pageFile));
  return new Response(JSON.stringify(document), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
