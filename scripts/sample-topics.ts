/**
 * Check topic labels on the archive itself: `npm run sample:topics -- [--seed N] [--per K] <file or folder ...>`
 * (default: corpus/ in SHARED_DIR, src/config.ts; seed 19, 20 clauses per topic).
 *
 * Imports each policy file in memory (src/lib/import/convert.ts), segments it and labels its clauses exactly as the
 * site build does (src/lib/topics/label.ts), then prints, per topic, how many policies carry it and K of its clauses
 * drawn at random with the seed, each with its policy, section heading and text, for a person to read and judge.
 * Files that cannot be imported are counted and skipped. Nothing is written.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { config } from '../src/config.ts';
import { segment } from '../src/lib/clauses/segment.ts';
import { sectionClauses } from '../src/lib/clauses/types.ts';
import { expandPaths } from '../src/lib/import/files.ts';
import { convertPolicy } from '../src/lib/import/convert.ts';
import { labelTopics } from '../src/lib/topics/label.ts';
import { TOPICS } from '../src/lib/topics/taxonomy.ts';
import { prng, shuffle } from '../src/lib/topics/folds.ts';

const args = process.argv.slice(2);
let seed = 19;
let per = 20;
const paths: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--seed') seed = Number(args[++i]);
  else if (args[i] === '--per') per = Number(args[++i]);
  else paths.push(args[i]);
}
if (!Number.isInteger(seed) || !Number.isInteger(per) || per < 1) {
  console.error('usage: npm run sample:topics -- [--seed N] [--per K] <file or folder ...>');
  process.exit(2);
}
if (!paths.length) paths.push(path.join(config.SHARED_DIR, 'corpus'));

const files = expandPaths(paths).files.map((f) => f.path).sort();
const byTopic = new Map<string, { policy: string; heading: string; text: string }[]>(TOPICS.map((t) => [t.slug, []]));
const policiesWith = new Map<string, number>(TOPICS.map((t) => [t.slug, 0]));
let policies = 0;
let skipped = 0;
let clauses = 0;
let unlabelled = 0;
for (const file of files) {
  let converted;
  try {
    converted = convertPolicy(readFileSync(file));
  } catch {
    skipped++;
    continue;
  }
  policies++;
  const policy = `${converted.frontmatter.domain}/${converted.frontmatter.archivedOn}`;
  const { sections } = segment(converted.body);
  labelTopics(sections);
  const seen = new Set<string>();
  for (const section of sections) {
    for (const clause of sectionClauses(section)) {
      clauses++;
      if (!clause.topics.length) unlabelled++;
      for (const topic of clause.topics) {
        byTopic.get(topic)!.push({ policy, heading: section.heading, text: clause.text });
        seen.add(topic);
      }
    }
  }
  for (const topic of seen) policiesWith.set(topic, policiesWith.get(topic)! + 1);
}

const pct = (n: number, d: number) => `${((100 * n) / Math.max(d, 1)).toFixed(1)} %`;
console.log(`${policies} policies (${skipped} files skipped), ${clauses} clauses, ${unlabelled} (${pct(unlabelled, clauses)}) without a topic; seed ${seed}`);
console.log('\ntopic: policies carrying it (share), clauses');
for (const t of TOPICS) console.log(`${t.slug}: ${policiesWith.get(t.slug)} (${pct(policiesWith.get(t.slug)!, policies)}), ${byTopic.get(t.slug)!.length}`);
for (const t of TOPICS) {
  const all = byTopic.get(t.slug)!;
  const drawn = shuffle([...all.keys()], prng(seed)).slice(0, per);
  console.log(`\n## ${t.slug} (${t.name}): ${drawn.length} of ${all.length}`);
  drawn.forEach((i, k) => {
    const c = all[i];
    const text = c.text.length > 400 ? `${c.text.slice(0, 400)}…` : c.text;
    console.log(`${k + 1}. ${c.policy} § ${c.heading || '(no heading)'}\n   ${text}`);
  });
}
