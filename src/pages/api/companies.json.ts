/** Every company, with links to its own file, page and feed: src/lib/data/companies.ts, docs/data.md. */
import type { APIRoute } from 'astro';
import { companiesIndex } from '../../lib/data/companies.ts';
import { archivePolicies } from '../../lib/pages/archive.ts';
import { groupByCompany } from '../../lib/policies/views.ts';

export const GET: APIRoute = async ({ site }) => {
  const companies = groupByCompany(await archivePolicies());
  return new Response(JSON.stringify(companiesIndex(companies, site!)), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
