/** Every company, with links to its own file, page and feed: src/lib/data/companies.ts, docs/data.md. */
import type { APIRoute } from 'astro';
import { companiesIndex } from '../../lib/data/companies.ts';
import type { PolicyEntry } from '../../lib/data/snapshots.ts';
import { archivePolicies } from '../../lib/pages/archive.ts';
import { groupByCompany } from '../../lib/policies/views.ts';

export const GET: APIRoute = async ({ site }) => {
  const companies = groupByCompany((await archivePolicies()) as unknown as PolicyEntry[]);
  return new Response(JSON.stringify(companiesIndex(companies, site!)), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
