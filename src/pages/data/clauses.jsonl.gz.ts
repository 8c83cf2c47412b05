import type { APIRoute } from 'astro';
import { clausesGzip } from '../../lib/data/datasets.ts';
import { archivePolicies } from '../../lib/pages/archive.ts';

export const GET: APIRoute = async () => new Response(new Uint8Array(clausesGzip(await archivePolicies())), { headers: { 'Content-Type': 'application/gzip' } });
