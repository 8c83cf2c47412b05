import type { APIRoute } from 'astro';
import { topicsCsv } from '../../lib/data/datasets.ts';
import { archivePolicies } from '../../lib/pages/archive.ts';

export const GET: APIRoute = async () => new Response(topicsCsv(await archivePolicies()), { headers: { 'Content-Type': 'text/csv; charset=utf-8; header=present' } });
