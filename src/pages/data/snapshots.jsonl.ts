import type { APIRoute } from 'astro';
import { snapshotsJsonl } from '../../lib/data/datasets.ts';
import type { PolicyEntry } from '../../lib/data/snapshots.ts';
import { archivePolicies } from '../../lib/pages/archive.ts';

export const GET: APIRoute = async ({ site }) => new Response(snapshotsJsonl((await archivePolicies()) as unknown as PolicyEntry[], site!), { headers: { 'Content-Type': 'application/jsonl; charset=utf-8' } });
