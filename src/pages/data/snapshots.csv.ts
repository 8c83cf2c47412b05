import type { APIRoute } from 'astro';
import { snapshotsCsv } from '../../lib/data/datasets.ts';
import type { PolicyEntry } from '../../lib/data/snapshots.ts';
import { archivePolicies } from '../../lib/pages/archive.ts';

export const GET: APIRoute = async ({ site }) => new Response(snapshotsCsv((await archivePolicies()) as unknown as PolicyEntry[], site!), { headers: { 'Content-Type': 'text/csv; charset=utf-8; header=present' } });
