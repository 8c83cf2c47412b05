/** One company: its series and their snapshots, oldest first (src/lib/data/companies.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { companyDocument } from '../../../lib/data/companies.ts';
import type { PolicyEntry } from '../../../lib/data/snapshots.ts';
import { pageCacheKey } from '../../../lib/pages/cache-key.ts';
import { groupByCompany, type Company } from '../../../lib/policies/views.ts';

export const getStaticPaths = (async () =>
  groupByCompany(await getCollection('policies')).map((company) => ({ params: { domain: company.domain }, props: { company }, cacheKey: pageCacheKey({ company }) }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props, site }) =>
  new Response(JSON.stringify(companyDocument(props.company as Company<PolicyEntry>, site!)), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
