/** One company: its series and their snapshots, oldest first (src/lib/data/companies.ts). */
import type { APIRoute } from 'astro';
import { companyDocument } from '../../../lib/data/companies.ts';
import type { PolicyEntry } from '../../../lib/data/snapshots.ts';
import { companyPaths } from '../../../lib/pages/archive.ts';
import type { Company } from '../../../lib/policies/views.ts';

export const getStaticPaths = companyPaths;

export const GET: APIRoute = ({ props, site }) =>
  new Response(JSON.stringify(companyDocument(props.company as Company<PolicyEntry>, site!)), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
