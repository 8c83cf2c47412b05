/**
 * Time to the first result of a first search, as a reader meets it:  npm run search:time [-- --site <dir>]
 * [--query <words>]... [--runs <n>] [--timeline]
 *
 * For each query and run: a fresh Chromium (cold cache) opens /search/ on a loopback static server, types the
 * query (one input event, as a paste), and we take the time from the keystroke to the first result on screen
 * and the bytes downloaded (scripts/bench/search.ts). Prints each query's median over the runs.
 * Defaults: --site .cache/corpus/dist (npm run build:corpus), the five queries of docs/search.md, 3 runs.
 * --timeline lists, for the last run of each query, when each request finished (ms after the keystroke).
 * Run it on an idle machine: the figure is wall-clock time.
 */
import path from 'node:path';
import { firstSearch, type SearchFigures } from './bench/search.ts';

const args = process.argv.slice(2);
const value = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const site = path.resolve(value('--site') ?? '.cache/corpus/dist');
const runs = Number(value('--runs') ?? 3);
const timeline = args.includes('--timeline');
const queries = args.flatMap((arg, index) => (arg === '--query' ? [args[index + 1]] : []));
if (!queries.length) queries.push('cookies', 'can I delete my account', 'third parties', 'data protection officer', 'how long do you keep my data');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
console.log(`site ${site}, ${runs} run(s) a query, cold cache each`);
console.log('query                           first result (median; each run)        KiB  requests');
for (const query of queries) {
  const measured: SearchFigures[] = [];
  for (let run = 0; run < runs; run++) measured.push(await firstSearch(site, query, { timeline: timeline && run === runs - 1 }));
  const times = measured.map((figures) => figures.firstResultMs);
  const last = measured.at(-1)!;
  console.log(`${JSON.stringify(query).padEnd(31)} ${`${(median(times) / 1000).toFixed(2)} s (${times.map((ms) => (ms / 1000).toFixed(2)).join(', ')})`.padEnd(36)} ${(last.bytes / 1024).toFixed(1).padStart(6)}  ${String(last.requests).padStart(8)}`);
  for (const line of last.timeline ?? []) console.log(`    ${line}`);
}
