import type { APIRoute } from 'astro';
import { topicsCsv } from '../../lib/data/datasets.ts';
import type { PolicyEntry } from '../../lib/data/snapshots.ts';
import { archivePolicies } from '../../lib/pages/archive.ts';

export const GET: APIRoute = async () => new Response(topicsCsv((await archivePolicies()) as unknown as PolicyEntry[]), { headers: { 'Content-Type': 'text/csv; charset=utf-8; header=present' } });
