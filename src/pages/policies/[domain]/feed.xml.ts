/** Atom feed of one company's snapshots (its series once the archive tells them apart): src/lib/data/feeds.ts. */
import { seriesNeighbours } from '../../../lib/history/series.ts';
import type { APIRoute } from 'astro';
import { atomFeed, FEED_ENTRIES } from '../../../lib/data/feeds.ts';
import { companyPaths } from '../../../lib/pages/archive.ts';
import { companyPath, type Company } from '../../../lib/policies/views.ts';
import { dataPaths, type PolicyEntry } from '../../../lib/data/snapshots.ts';

export const getStaticPaths = companyPaths;

export const GET: APIRoute = ({ props, site }) => {
  const company = props.company as Company<PolicyEntry>;
  const items = company.policies.slice(0, FEED_ENTRIES).map((policy) => ({ policy, previous: seriesNeighbours(company.policies, policy).older }));
  const xml = atomFeed({ title: `${company.name} privacy policy: new snapshots`, path: dataPaths.companyFeed(company.domain), page: companyPath(company.domain), items }, site!);
  return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
