/**
 * Benchmark harness (issue 6): builds the site from N real policies and prints what it costs.
 *
 *   npm run bench -- --policies 1500            import + build + index N policies, then the floor
 *   npm run bench -- --policies 10000 --add 1   (after a run of N) add one new snapshot (archived the day after
 *                                               the newest) to the built archive: an additions build
 *   npm run bench -- --policies 10000 --add 1 --add-date 2015-06-01   the same, a snapshot dated inside the archive
 *   options: --no-floor  --no-search  --work <dir> (default .bench)  --query <words> (default "cookies")
 *
 * Everything goes to <work>/<N>/ (raw files, imported content, Astro cache, dist, the floor project, logs)
 * and the figures to <work>/results/<N>[-add<K>[-on<date>]].json. It prints figures; it asserts nothing.
 * Corpus: scripts/bench/corpus.ts (real texts, replicated beyond their count). Floor: scripts/bench/floor.ts.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { config } from '../src/config.ts';
import { formatBytes, measure, type Measurement } from './lib/measure.ts';
import { shiftDate, writeCorpus } from './bench/corpus.ts';
import { writeFloorProject } from './bench/floor.ts';
import { firstSearch, type SearchFigures } from './bench/search.ts';
import { siteFigures, type SiteFigures } from './bench/figures.ts';

const argv = process.argv.slice(2);
const option = (name: string, fallback?: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const flag = (name: string) => argv.includes(name);
const n = Number(option('--policies', '1500'));
const add = Number(option('--add', '0'));
/** The added snapshots' archive date (default: the day after the archive's newest). */
const addDate = option('--add-date');
const work = path.resolve(option('--work', '.bench')!);
const query = option('--query', 'cookies')!;
if (!Number.isInteger(n) || n < 1 || !Number.isInteger(add) || add < 0 || (addDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(addDate))) {
  console.error('usage: npm run bench -- --policies N [--add K [--add-date YYYY-MM-DD]] [--no-floor] [--no-search] [--work dir] [--query words]');
  process.exit(2);
}

const root = path.join(work, String(n));
const dirs = {
  raw: path.join(root, 'raw'),
  content: path.join(root, 'content'),
  cache: path.join(root, 'astro-cache'),
  dist: path.join(root, 'dist'),
  floor: path.join(root, 'floor'),
  logs: path.join(root, 'logs'),
  results: path.join(work, 'results'),
};
const projectRoot = path.resolve(import.meta.dirname, '..');
/** A package's command, run on this process's Node (the project's own), not the first `node` on PATH. */
const bin = (pkg: string, file: string) => `${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(projectRoot, 'node_modules', pkg, file))}`;

/** Runs a command with its output in <logs>/<label>.log; a failure prints the log's tail and stops. */
async function step(label: string, command: string, env: NodeJS.ProcessEnv = {}, cwd = projectRoot, okCodes = [0]): Promise<Measurement & { log: string }> {
  mkdirSync(dirs.logs, { recursive: true });
  const log = path.join(dirs.logs, `${label}.log`);
  process.stdout.write(`== ${label}: ${command}\n`);
  const m = await measure('bash', ['-c', `{ ${command}; } > ${JSON.stringify(log)} 2>&1`], { cwd, env: { ...process.env, ...env }, quiet: true });
  const text = readFileSync(log, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
  // CPU of the whole process tree, Pagefind's backend included (scripts/lib/measure.ts).
  process.stdout.write(`   ${m.seconds.toFixed(1)} s, ${m.cpuSeconds.toFixed(1)} s CPU, peak ${formatBytes(m.peakBytes)} (exit ${m.exitCode})\n`);
  if (!okCodes.includes(m.exitCode)) {
    console.error(text.split('\n').slice(-40).join('\n'));
    throw new Error(`${label} failed with exit code ${m.exitCode}; log: ${log}`);
  }
  return { ...m, log: text };
}

/** What the search-index step of `npm run build` reports (scripts/index-search.ts). */
function indexFigures(log: string): { seconds: number; passages: number; partitions: number; reused: number } {
  const m = /\] \d+ policies as (\d+) passages in (\d+) partitions \((\d+) unchanged, reused\): .* in ([\d.]+) s/.exec(log);
  return m ? { passages: Number(m[1]), partitions: Number(m[2]), reused: Number(m[3]), seconds: Number(m[4]) } : { seconds: NaN, passages: NaN, partitions: NaN, reused: NaN };
}

const buildEnv: NodeJS.ProcessEnv = { POLICIES_DIR: dirs.content, OUT_DIR: dirs.dist, CACHE_DIR: dirs.cache };
const node = process.execPath;
/** What `npm run build` runs (scripts/build.ts): the site, then the search index in its own process. */
const buildCommand = `${node} scripts/build.ts`;

/** The cost rows shared by a full run and an --add run. */
function costs(imported: Measurement, built: Measurement & { log: string }) {
  const index = indexFigures(built.log);
  return {
    import: { seconds: imported.seconds, cpuSeconds: imported.cpuSeconds, peakBytes: imported.peakBytes },
    build: { seconds: built.seconds, cpuSeconds: built.cpuSeconds, astroSeconds: built.seconds - index.seconds, indexSeconds: index.seconds, peakBytes: built.peakBytes },
    index,
    totalSeconds: imported.seconds + built.seconds,
    totalCpuSeconds: imported.cpuSeconds + built.cpuSeconds,
    /** CPU time the host took from this virtual machine meanwhile (machine-wide): high values mean a slowed run. */
    stealSeconds: imported.stealSeconds + built.stealSeconds,
    peakBytes: Math.max(imported.peakBytes, built.peakBytes),
  };
}

interface Result extends ReturnType<typeof costs> {
  corpus: string;
  policies: number;
  added?: number;
  addedDate?: string;
  machine: { cores: number; memoryGB: number; node: string };
  site: SiteFigures;
  search?: SearchFigures;
  floorFailure?: string;
  floor?: { astroSeconds: number; pagefindSeconds: number; seconds: number; cpuSeconds: number; stealSeconds: number; cpuRatio: number; peakBytes: number; site: SiteFigures; ratio: number; memoryRatio: number };
  date: string;
}

const machine = { cores: os.cpus().length, memoryGB: Math.round(os.totalmem() / 1024 ** 3), node: process.version };
const started = performance.now();
let result: Result;

if (add === 0) {
  rmSync(root, { recursive: true, force: true });
  console.log(`assembling ${n} policies into ${dirs.raw}`);
  const raw = writeCorpus(dirs.raw, n);
  const imported = await step('import', `${node} scripts/import.ts ${dirs.raw} --out ${dirs.content}`, {}, projectRoot, [0, 1]);
  const built = await step('build', buildCommand, buildEnv);
  const site = siteFigures(dirs.dist);
  const search = flag('--no-search') ? undefined : await firstSearch(dirs.dist, query);
  result = {
    corpus: `real policies from ${path.join(config.SHARED_DIR, 'corpus')} (ota, princeton-leuven, seeds), replicated beyond 1,495`,
    policies: n,
    machine,
    ...costs(imported, built),
    site,
    search,
    date: new Date().toISOString(),
  };
  if (!flag('--no-floor')) {
    const floor = writeFloorProject(dirs.floor, raw);
    // The floor can fail where our build does not (bare Astro 7 at 10,000 policies: "Invalid string length"
    // serialising its data store): record the failure as a figure instead of losing the run's figures.
    const astro = await step('floor-astro', `${bin('astro', 'bin/astro.mjs')} build`, {}, dirs.floor, [0, 1]);
    const pf = astro.exitCode === 0 ? await step('floor-pagefind', `${bin('pagefind', 'lib/runner/bin.cjs')} --site ${floor.dist}`, {}, dirs.floor) : undefined;
    if (!pf) {
      const cause = (/Caused by:\s*\n\s*(.+)/.exec(astro.log)?.[1] ?? `exit code ${astro.exitCode}`).trim();
      result.floorFailure = `bare Astro build failed after ${astro.seconds.toFixed(1)} s at peak ${formatBytes(astro.peakBytes)}: ${cause}`;
    } else {
      const seconds = astro.seconds + pf.seconds;
      const peakBytes = Math.max(astro.peakBytes, pf.peakBytes);
      result.floor = {
        astroSeconds: astro.seconds,
        pagefindSeconds: pf.seconds,
        seconds,
        cpuSeconds: astro.cpuSeconds + pf.cpuSeconds,
        stealSeconds: astro.stealSeconds + pf.stealSeconds,
        cpuRatio: result.totalCpuSeconds / (astro.cpuSeconds + pf.cpuSeconds),
        peakBytes,
        site: siteFigures(floor.dist),
        ratio: result.totalSeconds / seconds,
        memoryRatio: result.peakBytes / peakBytes,
      };
    }
    rmSync(floor.content, { recursive: true, force: true });
  }
} else {
  if (!existsSync(dirs.dist)) throw new Error(`no built archive of ${n} policies in ${root}: run npm run bench -- --policies ${n} first`);
  const addDir = path.join(root, `add-${Date.now()}`);
  // Policies N.. N+K-1 of the same deterministic corpus: new to this archive, and new snapshots, as an archive
  // grows: archived the day after its newest policy (or on --add-date: a snapshot found late, dated inside).
  const previous = existsSync(path.join(root, 'added.json')) ? (JSON.parse(readFileSync(path.join(root, 'added.json'), 'utf8')) as number) : 0;
  const newest = readdirSync(dirs.content, { recursive: true }).map(String).filter((file) => file.endsWith('.md')).map((file) => path.basename(file).slice(0, 10)).sort().at(-1)!;
  writeCorpus(addDir, n + previous + add, n + previous, addDate ?? shiftDate(newest, 1));
  const imported = await step('add-import', `${node} scripts/import.ts ${addDir} --out ${dirs.content}`, {}, projectRoot, [0, 1]);
  const built = await step('add-build', buildCommand, buildEnv);
  writeFileSync(path.join(root, 'added.json'), JSON.stringify(previous + add));
  rmSync(addDir, { recursive: true, force: true });
  result = {
    corpus: `real policies from ${path.join(config.SHARED_DIR, 'corpus')}, replicated beyond 1,495`,
    policies: n + previous + add,
    added: add,
    ...(addDate ? { addedDate: addDate } : {}),
    machine,
    ...costs(imported, built),
    site: siteFigures(dirs.dist),
    date: new Date().toISOString(),
  };
}

mkdirSync(dirs.results, { recursive: true });
const resultFile = path.join(dirs.results, `${n}${add ? `-add${add}` : ''}${addDate ? `-on${addDate}` : ''}.json`);
writeFileSync(resultFile, `${JSON.stringify(result, null, 2)}\n`);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const rows: [string, string][] = [
  ['policies', `${result.policies.toLocaleString('en')}${add ? ` (${add} added to ${n.toLocaleString('en')}${addDate ? `, dated ${addDate}` : ''})` : ''}`],
  ['import', `${result.import.seconds.toFixed(1)} s`],
  ['astro build', `${result.build.astroSeconds.toFixed(1)} s`],
  ['index (Pagefind)', `${result.build.indexSeconds.toFixed(1)} s: ${result.index.passages.toLocaleString('en')} passages in ${result.index.partitions} partitions, ${result.index.reused} reused`],
  ['total wall time', `${result.totalSeconds.toFixed(1)} s`],
  ['total CPU time (user+sys)', `${result.totalCpuSeconds.toFixed(1)} s`],
  ['CPU taken by the host (steal)', `${result.stealSeconds.toFixed(1)} s of ${(result.totalSeconds * machine.cores).toFixed(0)} core-seconds`],
  ['peak memory (process tree)', formatBytes(result.peakBytes)],
  ['dist size', `${formatBytes(result.site.distBytes)} in ${result.site.distFiles.toLocaleString('en')} files`],
  ['index size', `${formatBytes(result.site.indexBytes)} in ${result.site.indexFiles.toLocaleString('en')} files`],
  ['policy page HTML, median (gzip)', kb(result.site.policyPageGzipMedian)],
  ['policy page HTML, largest (gzip)', kb(result.site.policyPageGzipMax)],
  ['topic page, largest (gzip)', kb(result.site.topicPageGzipMax)],
  ['largest page of any kind (gzip)', `${kb(result.site.largestPage.gzip)} ${result.site.largestPage.path}`],
];
if (result.search) {
  rows.push([`first search "${result.search.query}": bytes`, `${kb(result.search.bytes)} in ${result.search.requests} requests`]);
  rows.push([`first search "${result.search.query}": first result`, `${result.search.firstResultMs} ms`]);
}
if (result.floorFailure) rows.push(['floor', result.floorFailure]);
if (result.floor) {
  const f = result.floor;
  rows.push(['floor: astro build + pagefind', `${f.astroSeconds.toFixed(1)} s + ${f.pagefindSeconds.toFixed(1)} s = ${f.seconds.toFixed(1)} s`]);
  rows.push(['floor: CPU time', `${f.cpuSeconds.toFixed(1)} s (steal ${f.stealSeconds.toFixed(1)} s)`]);
  rows.push(['floor: peak memory', formatBytes(f.peakBytes)]);
  rows.push(['floor: dist / index size', `${formatBytes(f.site.distBytes)} / ${formatBytes(f.site.indexBytes)}`]);
  rows.push(['ratio to floor: time (import+build+index)', `${f.ratio.toFixed(2)}×`]);
  rows.push(['ratio to floor: build+index only', `${(result.build.seconds / f.seconds).toFixed(2)}×`]);
  rows.push(['ratio to floor: CPU time', `${f.cpuRatio.toFixed(2)}×`]);
  rows.push(['ratio to floor: peak memory', `${f.memoryRatio.toFixed(2)}×`]);
}
const width = Math.max(...rows.map(([label]) => label.length));
console.log(`\nBenchmark, ${machine.cores} cores / ${machine.memoryGB} GB, Node ${machine.node} (harness ${((performance.now() - started) / 1000).toFixed(0)} s)`);
for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
console.log(`figures: ${resultFile}`);
