/**
 * Imports the shared corpora into a scratch content folder and builds the whole site from them, measuring
 * time and peak memory of each step:  npm run build:corpus [-- <corpus dir>...] [--work <dir>]
 * Defaults: ../shared/corpus/ota and ../shared/corpus/princeton-leuven, work folder .cache/corpus.
 * Nothing here is written inside src/: the corpora never enter the repository.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { formatBytes, measure, type Measurement } from './lib/measure.ts';

const args = process.argv.slice(2);
const workIndex = args.indexOf('--work');
const work = path.resolve(workIndex >= 0 ? args.splice(workIndex, 2)[1] : '.cache/corpus');
const corpora = args.length ? args : ['../shared/corpus/ota', '../shared/corpus/princeton-leuven'];
const policies = path.join(work, 'policies');
const dist = path.join(work, 'dist');

rmSync(work, { recursive: true, force: true });
const steps: [string, Measurement][] = [];
const run = async (label: string, command: string, commandArgs: string[], env: NodeJS.ProcessEnv = process.env) => {
  console.log(`\n== ${label}: ${command} ${commandArgs.join(' ')}`);
  const result = await measure(command, commandArgs, { env });
  steps.push([label, result]);
  return result;
};

const imported = await run('import', 'npm', ['run', '--silent', 'import', '--', ...corpora, '--out', policies]);
if (imported.exitCode > 1) process.exit(imported.exitCode); // 1 = some files rejected: reported above, build the rest
const built = await run('build', 'npm', ['run', '--silent', 'build'], {
  ...process.env,
  POLICIES_DIR: policies,
  OUT_DIR: dist,
  CACHE_DIR: path.join(work, 'astro-cache'),
});

console.log('\nstep     seconds  peak memory (process tree)');
for (const [label, m] of steps) console.log(`${label.padEnd(8)} ${m.seconds.toFixed(1).padStart(7)}  ${formatBytes(m.peakBytes)}`);
console.log(`site in ${dist}; serve it with: OUT_DIR=${dist} npm run preview`);
process.exit(built.exitCode);
