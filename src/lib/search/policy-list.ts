/**
 * The policies the search index is made of (src/lib/search/pagefind-index.ts): every policy of the build's ledger
 * (src/lib/build/ledger.ts), with its passages' heads and a digest of what of it is indexed, and the words of a
 * partition's policies for the archive's vocabulary (read on worker threads).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { readLedger } from '../build/ledger.ts';
import type { PolicyEntry } from '../data/snapshots.ts';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { seriesNeighbours } from '../history/series.ts';
import { changedSince } from '../policies/policy-header.ts';
import { searchUnitsFile } from '../policies/search-units.ts';
import { groupByCompany, policyPath } from '../policies/views.ts';
import { createWorkerPool } from '../workers/pool.ts';
import { type PassageHead, passageHead, SearchIndexError } from './passages.ts';
import { wordsOfPolicies } from './words.ts';

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
      const head = passageHead(policy, company, changedSince(policy, older, policy.data.history));
      const digest = createHash('sha256').update(`${policy.digest}\n${head.articleOpen}\n${head.header}\n${head.later}`).digest('hex');
      policies.push({ url: policyPath(policy.id), date: policy.data.archivedOn, digest, units: searchUnitsFile(policy.data.pageFile), head });
    }
  }
  return policies.sort((a, b) => a.date.localeCompare(b.date) || a.url.localeCompare(b.url));
}

/** Policies per message to a word-list worker: small enough to balance two workers, large enough to be cheap. */
const WORDS_BATCH = 200;

/**
 * The distinct words of each partition's policies, sorted: from the cache file when there is one, otherwise
 * read by worker threads (one per core, at most two; src/lib/workers/pool.ts) and written to the cache.
 */
export async function partitionWords(groups: { pages: IndexedPolicy[]; cacheFile?: string }[]): Promise<string[][]> {
  const unread = groups.filter(({ cacheFile }) => !cacheFile || !existsSync(cacheFile));
  const batches = unread.reduce((sum, { pages }) => sum + Math.ceil(pages.length / WORDS_BATCH), 0);
  const script = new URL('./words-worker.ts', import.meta.url);
  const pool = createWorkerPool(script, Math.min(2, os.availableParallelism(), batches), wordsOfPolicies);
  try {
    return await Promise.all(
      groups.map(async (group) => {
        const { pages, cacheFile } = group;
        if (!unread.includes(group)) return (await readFile(cacheFile!, 'utf8')).split('\n').filter(Boolean);
        const runs: Promise<string[]>[] = [];
        for (let at = 0; at < pages.length; at += WORDS_BATCH) {
          runs.push(pool.run(pages.slice(at, at + WORDS_BATCH)).catch((error: Error) => {
            throw new SearchIndexError(`reading words for the vocabulary: ${error.message}`, { cause: error });
          }));
        }
        const words = [...new Set((await Promise.all(runs)).flat())].sort();
        if (cacheFile) writeFileAtomic(cacheFile, words.join('\n'));
        return words;
      }),
    );
  } finally {
    await pool.close();
  }
}
