/**
 * Evaluate the clause topic classifier at the site's operating point:
 * `npm run eval:topics [-- <file.jsonl>] [--cv K] [--committed] [--no-headings] [--set option=value ...]`.
 *
 * Default: K = 5-fold cross-validation on OPP-115 (default opp115/dev.jsonl in SHARED_DIR, src/config.ts), grouped by
 * the `policy` field (no policy is split across folds). Each fold's model is trained on the other folds exactly as
 * `npm run train:topics` trains the site's model (same options; thresholds from an inner grouped CV on the training
 * part only), and classifies each held-out segment with its section heading, as the site build does.
 * --committed instead scores the committed model (src/lib/topics/model.json) on the file, and its speed; on its own
 * training data that is training-set accuracy, and the command says so.
 * Prints precision, recall and F1 per OPP-115 category; the last line is always
 * `topics macro-F1 <x> micro-F1 <y> min-precision <z>` (scores.ts topicsLine).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { config } from '../src/config.ts';
import { ClauseClassifier } from '../src/lib/topics/predict.ts';
import { readSegments, textFingerprint } from '../src/lib/topics/data.ts';
import { formatScores, scoreMultiLabel, topicsLine } from '../src/lib/topics/scores.ts';
import type { TopicModel } from '../src/lib/topics/model.ts';
import { OPP115_CATEGORIES } from '../src/lib/topics/taxonomy.ts';
import { crossValidate, DEFAULT_OPTIONS, type TrainOptions } from '../src/lib/topics/train.ts';

function usage(message: string): never {
  console.error(`${message}\nusage: npm run eval:topics -- [<file.jsonl>] [--cv K] [--committed] [--no-headings] [--set option=value ...]`);
  process.exit(2);
}

const args = process.argv.slice(2);
let file: string | undefined;
let cv = 5;
let committed = false;
let headings = true;
const options: TrainOptions = { ...DEFAULT_OPTIONS };
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--cv') {
    cv = Number(args[++i]);
    if (!Number.isInteger(cv) || cv < 2) usage('--cv needs an integer >= 2');
  } else if (a === '--committed') committed = true;
  else if (a === '--no-headings') headings = false; // what headings bring: segments as OPP-115 has them
  else if (a === '--set') {
    const [key, value] = (args[++i] ?? '').split('=');
    if (!(key in options)) usage(`unknown option ${key}; known: ${Object.keys(options).join(', ')}`);
    (options as unknown as Record<string, number>)[key] = Number(value);
  } else if (a.startsWith('--')) usage(`unknown flag ${a}`);
  else if (file) usage('one file only');
  else file = a;
}
file ??= path.join(config.SHARED_DIR, 'opp115', 'dev.jsonl');

const { rows, sha256 } = readSegments(file, { headings });
const policies = new Set(rows.map((r) => r.policy)).size;
const headed = rows.filter((r) => r.heading).length;
console.log(`${file}: ${rows.length} segments, ${policies} policies, ${headed} with a section heading`);

let predictions: string[][];
if (!committed) {
  const changed = Object.entries(options).filter(([k, v]) => DEFAULT_OPTIONS[k as keyof TrainOptions] !== v);
  console.log(
    `${cv}-fold cross-validation grouped by policy, retraining per fold as train:topics does` +
      (changed.length ? ` (options changed: ${changed.map(([k, v]) => `${k}=${v}`).join(', ')})` : ''),
  );
  const started = performance.now();
  predictions = crossValidate(rows, cv, options).predictions;
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
} else {
  const modelPath = new URL('../src/lib/topics/model.json', import.meta.url);
  const fingerprintPath = new URL('../src/lib/topics/training-fingerprint.json', import.meta.url);
  const loadStart = performance.now();
  const model = JSON.parse(readFileSync(modelPath, 'utf8')) as TopicModel;
  const clf = new ClauseClassifier(model);
  const loadMs = performance.now() - loadStart;
  if (sha256 === model.trainedOn.sha256) {
    console.log('WARNING: this is the training file of the committed model: the scores below are TRAINING-SET accuracy,');
    console.log('not an estimate of quality. Leave out --committed for policy-grouped cross-validated scores.');
  } else {
    const seen = new Set((JSON.parse(readFileSync(fingerprintPath, 'utf8')) as { segments: string[] }).segments);
    const overlap = rows.filter((r) => seen.has(textFingerprint(r.text))).length;
    if (overlap > 0) {
      console.log(
        `WARNING: ${overlap} of ${rows.length} segments (${((100 * overlap) / rows.length).toFixed(1)}%) are in the ` +
          'training data of the committed model: these scores are partly training-set accuracy.',
      );
    }
  }
  predictions = rows.map((r) => clf.categories(r.text, r.heading)); // also warms up the JIT
  const passes = Math.max(1, Math.ceil(20_000 / Math.max(rows.length, 1)));
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let p = 0; p < passes; p++) for (const r of rows) clf.classify(r.text, r.heading);
  const wallUs = ((performance.now() - started) * 1000) / (passes * rows.length);
  const used = process.cpuUsage(cpu);
  const cpuUs = (used.user + used.system) / (passes * rows.length);
  console.log(
    `model: ${model.terms.length} terms, loaded in ${loadMs.toFixed(1)} ms; classifyClause: ` +
      `${wallUs.toFixed(1)} µs per clause wall, ${cpuUs.toFixed(1)} µs CPU (${passes} passes, after warm-up)`,
  );
}
const scores = scoreMultiLabel(rows.map((r) => r.categories), predictions, OPP115_CATEGORIES);
console.log(formatScores(scores));
console.log(topicsLine(scores));
