/**
 * The policies the search index is made of (src/lib/search/pagefind-index.ts): every policy of the build's ledger
 * (src/lib/build/ledger.ts), with its passages' heads and a digest of what of it is indexed, and the words of a
 * partition's policies for the archive's vocabulary (read on worker threads).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readLedger } from '../build/ledger.ts';
import type { PolicyEntry } from '../data/snapshots.ts';
import { readSince } from '../history/build.ts';
import { seriesNeighbours } from '../history/series.ts';
import { oldestSince } from '../history/since.ts';
import { changedSince } from '../policies/policy-header.ts';
import { searchUnitsFile } from '../policies/search-units.ts';
import { groupByCompany, policyPath } from '../policies/views.ts';
import { createWorkerPool } from '../workers/pool.ts';
import { SearchIndexError } from './index-error.ts';
import { type PassageHead, passageHead } from './passages.ts';
import { type WordSource, wordsOfPolicies } from './words.ts';

export interface IndexedPolicy {
  /** Its page's URL path, e.g. /policies/atmail.com/2005-12-10/, which every passage of it has. */
  url: string;
  date: string;
  /** Of what is indexed of it: its prepared content (the ledger's digest) and its passages' heads. */
  digest: string;
  /** Its search units file (src/lib/policies/search-units.ts), written by the loader. */
  units: string;
  head: PassageHead;
}

/**
 * Every policy of the ledger in `ledgerDir`, by archive date, then URL: partitions are date ranges and the same
 * policies always fall into the same ones. The header of a policy's page depends on its company (its name is the
 * newest snapshot's) and its series (the previous snapshot, what changed since): both come from the ledger, as
 * the page's come from the collection.
 */
export function indexedPolicies(ledgerDir: string): IndexedPolicy[] {
  const entries = readLedger<PolicyEntry['data']>(ledgerDir);
  const policies: IndexedPolicy[] = [];
  for (const company of groupByCompany(entries)) {
    for (const policy of company.policies) {
      const { older } = seriesNeighbours(company.policies, policy);
      const counts = policy.data.history?.counts;
      const oldest = older && counts ? oldestSince(readSince(policy.data.pageFile)) : undefined;
      const head = passageHead(policy, company, changedSince(policy, older, counts, oldest));
      const digest = createHash('sha256').update(`${policy.digest}\n${head.articleOpen}\n${head.header}\n${head.later}`).digest('hex');
      policies.push({ url: policyPath(policy.id), date: policy.data.archivedOn, digest, units: searchUnitsFile(policy.data.pageFile), head });
    }
  }
  return policies.sort((a, b) => a.date.localeCompare(b.date) || a.url.localeCompare(b.url));
}

/**
 * Runs `work` on each request on up to two worker threads running `script` (in this thread where workers cannot
 * start), handing each result to `use` as it comes; a failure becomes a SearchIndexError saying `what` failed.
 */
async function inWorkers<Request, Result>(script: URL, work: (request: Request) => Result | Promise<Result>, requests: Request[], what: string, use: (result: Result, index: number) => void): Promise<void> {
  if (!requests.length) return;
  const pool = createWorkerPool(script, Math.min(2, os.availableParallelism(), requests.length), work);
  try {
    await Promise.all(
      requests.map(async (request, index) => {
        const result = await pool.run(request).catch((error: Error) => {
          throw new SearchIndexError(`${what}: ${error.message}`, { cause: error });
        });
        use(result, index);
      }),
    );
  } finally {
    await pool.close();
  }
}

/** Policies per message to a word-list worker: small enough to balance two workers, large enough to be cheap. */
const WORDS_BATCH = 200;

/**
 * The distinct words of each partition's policies, sorted: from the cache file when there is one, otherwise
 * read by worker threads (one per core, at most two; src/lib/workers/pool.ts) and written to the cache.
 */
export async function partitionWords(groups: { pages: IndexedPolicy[]; cacheFile?: string }[]): Promise<string[][]> {
  const lists: (string[] | undefined)[] = await Promise.all(
    groups.map(async ({ cacheFile }) => (cacheFile && (await exists(cacheFile)) ? (await readFile(cacheFile, 'utf8')).split('\n').filter(Boolean) : undefined)),
  );
  const sets = new Map<number, Set<string>>();
  const tasks: { group: number; sources: WordSource[] }[] = [];
  groups.forEach(({ pages }, group) => {
    if (lists[group]) return;
    sets.set(group, new Set());
    for (let at = 0; at < pages.length; at += WORDS_BATCH) tasks.push({ group, sources: pages.slice(at, at + WORDS_BATCH).map((policy) => ({ url: policy.url, units: policy.units, head: `${policy.head.articleOpen}${policy.head.header}` })) });
  });
  await inWorkers(new URL('./words-worker.ts', import.meta.url), wordsOfPolicies, tasks.map((task) => task.sources), 'reading words for the vocabulary', (words, n) => {
    const set = sets.get(tasks[n].group)!;
    for (const word of words) set.add(word);
  });
  for (const [group, set] of sets) {
    const list = [...set].sort();
    lists[group] = list;
    const { cacheFile } = groups[group];
    if (cacheFile) {
      await mkdir(path.dirname(cacheFile), { recursive: true });
      await writeFile(`${cacheFile}.tmp-${process.pid}`, list.join('\n'));
      await rename(`${cacheFile}.tmp-${process.pid}`, cacheFile);
    }
  }
  return lists as string[][];
}

export async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

export async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

