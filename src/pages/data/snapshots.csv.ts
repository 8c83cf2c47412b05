import type { APIRoute } from 'astro';
import { snapshotsCsv } from '../../lib/data/datasets.ts';
import { archivePolicies } from '../../lib/pages/archive.ts';

export const GET: APIRoute = async ({ site }) => new Response(snapshotsCsv(await archivePolicies(), site!), { headers: { 'Content-Type': 'text/csv; charset=utf-8; header=present' } });
