/**
 * Search figures of a built site: the Pagefind index on disk, and what a browser downloads for a first query
 * (fresh browser context, so nothing is cached: the search page, then typing the query until results show).
 *
 *   node scripts/search-figures.ts [--site <built dir>] [--query <words>]... [--json]
 *
 * Defaults: --site dist, queries "privacy", "cookies", "third parties". Bytes are counted per response:
 * "raw" is the body as served; "wire" is what a host that gzips text sends (.js/.css/.html/.json gzipped
 * here; Pagefind's index, fragment, filter and wasm files are gzipped already, so they count as they are).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { PartitionManifest } from '../src/lib/search/partitions.ts';
import { coldSearch, type SearchRequest } from './bench/search.ts';

async function indexOnDisk(dir: string) {
  const parts: Record<string, { files: number; bytes: number }> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const size = (await stat(path.join(entry.parentPath, entry.name))).size;
    // Summed over the partitions (pagefind/<key>/...): index, fragment, filter, and the bundle's own files.
    const part = path.relative(dir, entry.parentPath).split(path.sep).slice(1).join('/') || (/\.(js|json)$/.test(entry.name) ? 'scripts' : 'wasm+meta');
    parts[part] ??= { files: 0, bytes: 0 };
    parts[part].files++;
    parts[part].bytes += size;
  }
  const sum = (key: 'files' | 'bytes') => Object.values(parts).reduce((total, part) => total + part[key], 0);
  return { files: sum('files'), bytes: sum('bytes'), parts };
}

/** What the browser downloaded in each phase of a first search (scripts/bench/search.ts), and each file's bytes. */
async function measureQuery(site: string, query: string) {
  const { requests, status, results } = await coldSearch(site, query);
  type Served = Required<SearchRequest>;
  const served = requests.filter((request): request is Served => request.wire !== undefined);
  const totals = (phase: Served['phase']) => {
    const counted = served.filter((request) => request.phase === phase);
    const sum = (bytes: (request: Served) => number) => counted.reduce((total, request) => total + bytes(request), 0);
    const pagefindWire = sum((request) => (request.path.startsWith('/pagefind/') ? request.wire : 0));
    const wire = sum((request) => request.wire);
    return { requests: counted.length, raw: sum((request) => request.raw), wire, pagefindWire };
  };
  const files = served.map((request) => `${request.phase}\t${request.wire}\t${request.path}`);
  const found = Number(/^([\d,]+) (polic|passage)/.exec(status)?.[1]?.replace(/,/g, '') ?? results);
  return { query, results: found, pageLoad: totals('load'), firstQuery: totals('query'), files };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

const { values: args } = parseArgs({
  options: { site: { type: 'string', default: 'dist' }, query: { type: 'string', multiple: true, default: ['privacy', 'cookies', 'third parties'] }, json: { type: 'boolean', default: false }, files: { type: 'boolean', default: false } },
});
const { query: queries, json, files: listFiles } = args;
const site = path.resolve(args.site);
const bundle = path.join(site, 'pagefind');
if (!existsSync(path.join(bundle, 'partitions.json'))) throw new Error(`${bundle} holds no Pagefind index (partitions.json): build the site first`);
const manifest = JSON.parse(await readFile(path.join(bundle, 'partitions.json'), 'utf8')) as PartitionManifest;
const policies = manifest.partitions.reduce((sum, partition) => sum + partition.policies, 0);
const pages = manifest.partitions.reduce((sum, partition) => sum + partition.passages, 0);
const disk = await indexOnDisk(bundle);
const measured: Awaited<ReturnType<typeof measureQuery>>[] = [];
for (const query of queries) measured.push(await measureQuery(site, query));

if (json) {
  console.log(JSON.stringify({ site, policies, passages: pages, partitions: manifest.partitions.length, index: disk, queries: measured.map(({ files, ...rest }) => (listFiles ? { ...rest, files } : rest)) }, null, 2));
} else {
  console.log(`site ${site}: ${policies.toLocaleString('en')} policies indexed as ${pages.toLocaleString('en')} passages in ${manifest.partitions.length} partition(s)`);
  console.log(`index on disk: ${kb(disk.bytes)} in ${disk.files.toLocaleString('en')} files`);
  for (const [part, figures] of Object.entries(disk.parts).sort()) console.log(`  ${part.padEnd(10)} ${kb(figures.bytes).padStart(10)} in ${figures.files} files`);
  console.log('\nquery             passages  page load (wire)  first query (wire / raw, of which Pagefind)  requests');
  for (const figures of measured) {
    console.log(
      `${JSON.stringify(figures.query).padEnd(18)} ${String(figures.results).padStart(7)}  ${kb(figures.pageLoad.wire).padStart(16)}  ` +
        `${`${kb(figures.firstQuery.wire)} / ${kb(figures.firstQuery.raw)}, ${kb(figures.firstQuery.pagefindWire)}`.padStart(42)}  ${String(figures.firstQuery.requests).padStart(8)}`,
    );
    if (listFiles) for (const line of figures.files) console.log(`    ${line}`);
  }
}
