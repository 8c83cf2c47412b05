/**
 * Assembles a benchmark corpus of N raw archived policy files from the real texts in the shared corpora.
 *
 * The first files are the real ones (OTA, Princeton-Leuven, seeds, in a fixed order). Beyond their count, each
 * further file is a replica of a real one that no cache or deduplication can treat as already done:
 *  - a new domain (`<label>-r<k>.<tld>`, so a new company and a new policy id),
 *  - a new archive date (shifted by k days, also in the header),
 *  - deterministic word substitutions in eight places spread over the body (changes the content hash and the
 *    clause texts, not the headings, so the page structure stays that of a real policy).
 * Same N, same files: the corpus is deterministic.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { config } from '../../src/config.ts';
import { fnv1a } from '../../src/lib/build/ledger.ts';

const CORPUS_ROOT = path.join(config.SHARED_DIR, 'corpus');
const SOURCES = ['ota', 'princeton-leuven', 'seeds'];

function sourceFiles(root = CORPUS_ROOT): { name: string; path: string }[] {
  const files = SOURCES.filter((source) => existsSync(path.join(root, source))).flatMap((source) =>
    readdirSync(path.join(root, source))
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => ({ name: `${source}__${name}`, path: path.join(root, source, name) })),
  );
  if (!files.length) throw new Error(`no policy files under ${root}/{${SOURCES.join(',')}} (the shared corpora: set SHARED_DIR, src/config.ts)`);
  return files;
}

const HEADER = /^(>\s*\*?The following text is extracted and transformed from the\s+)(\S+)(\s+privacy policy that was archived on\s+)(\d{4}-\d{2}-\d{2})/;
const WORDS = ['archive', 'benchmark', 'replica', 'harbour', 'lantern', 'meadow', 'orchard', 'quartz', 'saffron', 'tundra', 'velvet', 'willow'];

export function shiftDate(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function replicaDomain(domain: string, k: number): string {
  const dot = domain.indexOf('.');
  return dot < 0 ? `${domain}-r${k}` : `${domain.slice(0, dot)}-r${k}${domain.slice(dot)}`;
}

/**
 * A replica of `text` (a raw archived file) with a new domain, date and eight words changed; k >= 1. `date`: the
 * replica's archive date instead of the source's shifted by k days.
 */
function replicate(text: string, k: number, date?: string): string {
  const newline = text.indexOf('\n');
  const first = newline < 0 ? text : text.slice(0, newline);
  const body = newline < 0 ? '' : text.slice(newline);
  const header = first.replace(HEADER, (_, a: string, domain: string, b: string, original: string) => `${a}${replicaDomain(domain, k)}${b}${date ?? shiftDate(original, k)}`);
  // Eight places spread over the body: the first word of 4+ letters after each eighth, outside headings.
  const places = 8;
  const out = [header];
  let last = 0;
  for (let p = 0; p < places; p++) {
    const from = Math.max(last, Math.floor((body.length * (p + 0.5)) / places));
    const word = /(?<![#*\w\\])[A-Za-z]{4,}(?!\w)/g;
    word.lastIndex = from;
    const m = word.exec(body);
    if (!m) break;
    out.push(body.slice(last, m.index), WORDS[fnv1a(`${k}:${p}:${m[0]}`) % WORDS.length]);
    last = m.index + m[0].length;
  }
  out.push(body.slice(last));
  return out.join('');
}

/**
 * Writes files from..n-1 into `dir` (emptied first when from is 0); returns their paths. `date`: every
 * replica's archive date (the benchmark's additions are new snapshots, archived after the newest one).
 */
export function writeCorpus(dir: string, n: number, from = 0, date?: string): string[] {
  const sources = sourceFiles();
  if (from === 0) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const cache = new Map<number, string>();
  for (let i = from; i < n; i++) {
    const index = i % sources.length;
    const k = Math.floor(i / sources.length);
    const source = sources[index];
    let text = cache.get(index);
    if (text === undefined) {
      text = readFileSync(source.path, 'utf8');
      if (n - from > sources.length) cache.set(index, text);
    }
    const file = path.join(dir, k === 0 ? source.name : source.name.replace(/\.md$/, `__r${k}.md`));
    writeFileSync(file, k === 0 ? text : replicate(text, k, date));
    written.push(file);
  }
  return written;
}
