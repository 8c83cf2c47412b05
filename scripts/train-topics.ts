/**
 * Train the clause topic model: `npm run train:topics [-- <file.jsonl>]`.
 * Reads OPP-115 segments (default opp115/dev.jsonl in SHARED_DIR, src/config.ts), writes
 * src/lib/topics/model.json and src/lib/topics/training-fingerprint.json. Deterministic: same input, same bytes.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { config } from '../src/config.ts';
import { readSegments, textFingerprint } from '../src/lib/topics/data.ts';
import { serializeModel } from '../src/lib/topics/model.ts';
import { DEFAULT_OPTIONS, trainModel } from '../src/lib/topics/train.ts';

const input = process.argv[2] ?? path.join(config.SHARED_DIR, 'opp115', 'dev.jsonl');
const modelPath = new URL('../src/lib/topics/model.json', import.meta.url);
const fingerprintPath = new URL('../src/lib/topics/training-fingerprint.json', import.meta.url);

const started = performance.now();
const { rows, sha256 } = readSegments(input);
const policies = new Set(rows.map((r) => r.policy)).size;
const model = trainModel(rows, DEFAULT_OPTIONS, { sha256, segments: rows.length, policies });
const json = serializeModel(model);
writeFileSync(modelPath, json);
const fingerprints = [...new Set(rows.map((r) => textFingerprint(r.text)))].sort();
writeFileSync(fingerprintPath, `${JSON.stringify({ sha256, segments: fingerprints })}\n`);
console.log(
  `trained on ${rows.length} segments from ${policies} policies in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
    `${model.terms.length} terms, ${model.labels.length} labels, model.json ${(json.length / 1024).toFixed(0)} KiB`,
);
console.log(`thresholds: ${model.labels.map((l, i) => `${l}=${model.thresholds[i]}`).join(', ')}`);
