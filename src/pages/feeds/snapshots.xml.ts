/** Atom feed of the newest snapshots of the whole archive: src/lib/data/feeds.ts. */
import { seriesNeighbours } from '../../lib/history/series.ts';
import type { APIRoute } from 'astro';
import { atomFeed, FEED_ENTRIES, type FeedItem } from '../../lib/data/feeds.ts';
import { dataPaths } from '../../lib/data/snapshots.ts';
import { archivePolicies } from '../../lib/pages/archive.ts';
import { byNewest, groupByCompany } from '../../lib/policies/views.ts';

export const GET: APIRoute = async ({ site }) => {
  const items: FeedItem[] = groupByCompany(await archivePolicies())
    .flatMap((company) => company.policies.map((policy) => ({ policy, previous: seriesNeighbours(company.policies, policy).older })))
    .sort((a, b) => byNewest(a.policy, b.policy))
    .slice(0, FEED_ENTRIES);
  const xml = atomFeed({ title: 'Privacy Policy Archive: new snapshots', path: dataPaths.archiveFeed, page: '/policies/', items }, site!);
  return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
