/**
 * `npm run build`: the site (astro build), then its search index (scripts/index-search.ts). If the only change
 * since the previous build is new snapshots (src/lib/build/plan.ts), an additions build (docs/decisions/0003);
 * else, or with `--full`, the whole archive. Folders as in astro.config.mjs: OUT_DIR, CACHE_DIR, POLICIES_DIR.
 * Publishing is atomic (src/lib/build/publish.ts), one build at a time per cache folder (lock.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { config, policyRoots, projectPath } from '../src/config.ts';
import { ADDITIONS_ENV, type AdditionsSpec } from '../src/lib/build/additions.ts';
import { planBuild, siteCodeDigest, type BuildRecord, type FileStamp } from '../src/lib/build/plan.ts';
import { ledgerFiles } from '../src/lib/build/ledger.ts';
import { acquireLock, LockedError } from '../src/lib/build/lock.ts';
import { writeFileAtomic } from '../src/lib/files/atomic-write.ts';
import { cleanLeftovers, COMPLETE, completeAdditions, publish, publishAdditions, stagePaths } from '../src/lib/build/publish.ts';
import { domainOf, markdownFiles, policyIdOf } from '../src/loaders/policies.ts';

const projectRoot = path.resolve(import.meta.dirname, '..');
const outDir = projectPath(config.OUT_DIR);
const cacheDir = projectPath(config.CACHE_DIR);
const roots = policyRoots(config);
const archiveDir = path.join(cacheDir, 'archive');
const recordFile = path.join(archiveDir, 'build.json');
const ledger = ledgerFiles(cacheDir);
const started = performance.now();

/** Seconds per step, printed at the end (the benchmark reads them). */
const steps: Record<string, number> = {};
let lap = performance.now();
const endStep = (name: string) => {
  const now = performance.now();
  steps[name] = (steps[name] ?? 0) + (now - lap) / 1000;
  lap = now;
};

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`[build] ${label} failed (exit code ${result.status ?? result.signal})`);
    process.exit(1);
  }
}
// Astro runs on this process's Node (the project's own, from npm), not on the first `node` on PATH, which on these
// machines is Node 20 and which Astro refuses.
const astroCli = path.join(projectRoot, 'node_modules', 'astro', 'bin', 'astro.mjs');
const stage = stagePaths(outDir);

let release: () => void;
try {
  release = acquireLock(path.join(cacheDir, 'build.lock'));
} catch (error) {
  if (!(error instanceof LockedError)) throw error;
  console.error(`[build] ${error.message}`);
  process.exit(1);
}
process.on('exit', () => {
  // An unfinished site or addition (nothing once published; a complete addition is published by the next build).
  rmSync(stage.next, { recursive: true, force: true });
  if (!existsSync(path.join(stage.additions, COMPLETE))) rmSync(stage.additions, { recursive: true, force: true });
  release();
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1)));
for (const note of cleanLeftovers(stage)) console.log(`[build] ${note}`);

// An archive of nothing is a mistake (a mistyped POLICIES_DIR), never a site to publish over a good one.
const found = await Promise.all(roots.map(markdownFiles));
for (const [index, root] of roots.entries()) {
  const problem = !existsSync(root) ? 'does not exist' : !statSync(root).isDirectory() ? 'is not a folder' : found[index].length === 0 ? 'holds no policy files (<domain>/<date>.md)' : undefined;
  if (problem) {
    console.error(`[build] POLICIES_DIR: ${root} ${problem}; nothing was built, ${path.relative(projectRoot, outDir) || '.'} is unchanged`);
    process.exit(1);
  }
}

const files: Record<string, FileStamp> = {};
for (const file of found.flat()) {
  const { size, mtimeMs } = statSync(file);
  files[file] = [size, mtimeMs];
}
const code = await siteCodeDigest(projectRoot, roots);
const previous = existsSync(recordFile) ? (JSON.parse(readFileSync(recordFile, 'utf8')) as BuildRecord) : undefined;
let plan = planBuild(process.argv.includes('--full') ? undefined : previous, {
  code,
  outDir,
  files,
  domainOf: (file) => domainOf(roots, file),
  outputExists: existsSync(path.join(outDir, 'pagefind', 'partitions.json')),
});
if (plan.mode === 'additions' && !existsSync(ledger.current)) plan = { mode: 'full', reason: `no ledger of the earlier build (${ledger.current})` };
endStep('plan');

if (plan.mode === 'unchanged') {
  console.log(`[build] nothing changed since the last build of ${path.relative(projectRoot, outDir) || '.'}: ${Object.keys(files).length} policies, same code`);
  process.exit(0);
}
// Whatever happens next, the old record no longer describes the output: a failed build is followed by a full one.
rmSync(recordFile, { force: true });

if (plan.mode === 'full') {
  console.log(`[build] the whole archive (${Object.keys(files).length} policies): ${process.argv.includes('--full') ? '--full' : plan.reason}`);
  run('astro build', process.execPath, [astroCli, 'build'], { OUT_DIR: stage.next });
  endStep('astro');
  run('search index', process.execPath, [path.join(projectRoot, 'scripts', 'index-search.ts'), '--ledger', ledger.next], { OUT_DIR: stage.next });
  endStep('index');
  publish(stage);
  endStep('publish');
} else {
  console.log(`[build] additions: ${plan.added.length} new ${plan.added.length === 1 ? 'snapshot' : 'snapshots'} of ${plan.domains.length} ${plan.domains.length === 1 ? 'company' : 'companies'} (${plan.domains.slice(0, 5).join(', ')}${plan.domains.length > 5 ? ', …' : ''})`);
  const added = plan.added.map((file) => policyIdOf(roots, file));
  const spec: AdditionsSpec = { version: 1, domains: plan.domains, added, ledger: ledger.current, nextLedger: ledger.next, previousOut: outDir };
  const specFile = path.join(archiveDir, 'additions.json');
  writeFileAtomic(specFile, JSON.stringify(spec));
  // Its own Astro cache: the data store of an additions build holds only the companies it renders, and the
  // full build's store (every policy) must stay as it is for the next full build. Its output is the new and
  // changed files only, beside the published site (src/lib/build/publish.ts).
  run('astro build (additions)', process.execPath, [astroCli, 'build'], { [ADDITIONS_ENV]: specFile, OUT_DIR: stage.additions, CACHE_DIR: path.join(archiveDir, 'additions-cache') });
  endStep('astro');
  run('search index', process.execPath, [path.join(projectRoot, 'scripts', 'index-search.ts'), '--ledger', ledger.next, '--published', outDir], { OUT_DIR: stage.additions });
  endStep('index');
  completeAdditions(stage);
  const moved = publishAdditions(stage);
  console.log(`[build] ${moved} new or changed files and folders published into ${path.relative(projectRoot, outDir) || '.'}`);
  endStep('publish');
}
rmSync(ledger.current, { recursive: true, force: true });
renameSync(ledger.next, ledger.current);
writeFileAtomic(recordFile, JSON.stringify({ version: 1, code, outDir, files } satisfies BuildRecord));
endStep('record');
console.log(`[build] done in ${((performance.now() - started) / 1000).toFixed(1)} s (${Object.entries(steps).map(([name, seconds]) => `${name} ${seconds.toFixed(1)} s`).join(', ')})`);
