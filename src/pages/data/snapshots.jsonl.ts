import type { APIRoute } from 'astro';
import { snapshotsJsonl } from '../../lib/data/datasets.ts';
import { archivePolicies } from '../../lib/pages/archive.ts';

export const GET: APIRoute = async ({ site }) => new Response(snapshotsJsonl(await archivePolicies(), site!), { headers: { 'Content-Type': 'application/jsonl; charset=utf-8' } });
