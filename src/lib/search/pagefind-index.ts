/**
 * The search-index stage: builds the Pagefind indexes of a built site into `<outDir>/pagefind/`. `npm run build`
 * runs it after `astro build`, in its own process (scripts/index-search.ts), so the build's peak memory is the
 * larger of the two steps, not their sum. What is indexed: the passages of every policy in the build's ledger
 * (policy-list.ts, passages.ts); the built pages are never read. Any Pagefind error, or an archive with no
 * policy, fails the build with a message saying why.
 *
 * Policies are indexed in partitions of consecutive archive dates (partitions.ts), two at a time with their
 * passages cut ahead (passage-files.ts); an unchanged partition is linked from the cache (index-files.ts). With
 * several partitions, each also indexes a vocabulary page of every word of the archive, and a reused one lists
 * the words it lacks. Why and what it costs: docs/decisions/0002-search-partitions.md and docs/scaling.md
 * ("Partitions by archive date", "Vocabulary pages", "Reuse", "Stale vocabularies").
 *
 * The site ships its own small search UI on Pagefind's JS API and its own highlighter, so Pagefind's prebuilt
 * UI bundles are removed from the output.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { close as closePagefind } from 'pagefind';
import path from 'node:path';
import { archiveVocabulary, cacheBundle, cachedStates, folderSize, linkTree, pruneIndexCache } from './index-files.ts';
import { indexPartition } from './pagefind-runner.ts';
import { type Partition, type PartitionManifest, PARTITION_POLICIES, partition, TAIL_DIVISOR } from './partitions.ts';
import { cutAhead, passageWorkRoot } from './passage-files.ts';
import { PASSAGE_TEXT_BUDGET, SearchIndexError } from './passages.ts';
import { type IndexedPolicy, indexedPolicies } from './policy-list.ts';

export { SearchIndexError } from './passages.ts';

/** A reused partition may lack this many of the archive's words (in search form) before it is indexed again. */
const MISSING_WORDS_LIMIT = 400;
/** Partitions in Pagefind at a time: while it writes one, the other's files are read (memory grows with it). */
const CONCURRENCY = 2;

export interface IndexSummary {
  policies: number;
  passages: number;
  partitions: number;
  /** Partitions taken from the cache unchanged. */
  reused: number;
  files: number;
  bytes: number;
  /** Seconds spent listing the policies, collecting the vocabulary, and indexing or reusing partitions. */
  seconds: { list: number; vocabulary: number; partitions: number };
}

export interface IndexOptions {
  /** The ledger of the build (src/lib/build/ledger.ts): every policy of the archive, which is what is indexed. */
  ledger: string;
  /** Where unchanged partitions are kept between builds; none: every partition is indexed. */
  cacheDir?: string;
  partitionPolicies?: number;
  passageBudget?: number;
  /** Policies per tail partition (default: partitionPolicies / TAIL_DIVISOR). */
  tailPolicies?: number;
  missingWordsLimit?: number;
  /** The published site this build's output will be moved over: partitions it has already are not written again. */
  publishedDir?: string;
}

/**
 * Indexes the policies of the ledger into `<siteDir>/pagefind/`: one folder per partition that is not already
 * published (see IndexOptions), and `partitions.json`.
 */
export async function buildSearchIndex(siteDir: string, options: IndexOptions): Promise<IndexSummary> {
  const outputRoot = path.join(siteDir, 'pagefind');
  const partitionPolicies = options.partitionPolicies ?? PARTITION_POLICIES;
  const budget = options.passageBudget ?? PASSAGE_TEXT_BUDGET;
  if (!(partitionPolicies >= 1)) throw new SearchIndexError(`partition size must be at least 1 policy (got ${partitionPolicies})`);
  if (!(budget >= 1)) throw new SearchIndexError(`passage length must be at least 1 character (got ${budget})`);
  // The partitions to index are cut ahead of Pagefind, in order (cutAhead), into a work folder.
  const workRoot = await passageWorkRoot(options.cacheDir ?? os.tmpdir());
  try {
    const cacheRoot = options.cacheDir ? path.join(options.cacheDir, 'search-index') : undefined;
    const clock = stopwatch();
    const pages = indexedPolicies(options.ledger);
    const listSeconds = clock();
    if (pages.length === 0) throw new SearchIndexError(`the ledger ${options.ledger} lists no policy: nothing to index`);
    await rm(outputRoot, { recursive: true, force: true });
    await mkdir(outputRoot, { recursive: true });
    const tailPolicies = options.tailPolicies ?? Math.max(1, Math.ceil(partitionPolicies / TAIL_DIVISOR));
    const groups = partition(pages, partitionPolicies, tailPolicies).map((group) => ({ pages: group, content: contentDigest(group, budget) }));
    // Several partitions: each indexes the archive's vocabulary (see above).
    const vocabulary = await archiveVocabulary(groups, cacheRoot);
    const vocabularySeconds = clock();
    const { states, refresh } = await cachedStates(groups, cacheRoot, vocabulary, options.missingWordsLimit ?? MISSING_WORDS_LIMIT);
    /** The vocabulary each partition of this build has (what the cache must keep). */
    const vocabulariesUsed = new Set<string>();
    const reuses = (index: number) => states[index].record !== undefined && states[index].missing !== undefined && index !== refresh;
    const toIndex = groups.map((_, index) => index).filter((index) => !reuses(index));
    const reused = groups.length - toIndex.length;
    const cutter = cutAhead(toIndex.map((index) => ({ pages: groups[index].pages, workDir: path.join(workRoot, String(index)) })), budget, CONCURRENCY + 1);
    const build = async (index: number): Promise<Partition> => {
      const { pages: group, content } = groups[index];
      const cached = cacheRoot && path.join(cacheRoot, content);
      const { record } = states[index];
      let { missing } = states[index];
      const reuse = reuses(index) && record !== undefined;
      const vocabularyUsed = reuse ? record.vocabulary : vocabulary.digest;
      vocabulariesUsed.add(vocabularyUsed);
      const key = createHash('sha256').update(`${content}:${vocabularyUsed}`).digest('hex').slice(0, 16);
      const target = path.join(outputRoot, key);
      let count: number;
      if (reuse) {
        if (!options.publishedDir || !existsSync(path.join(options.publishedDir, 'pagefind', key, 'pagefind-entry.json'))) linkTree(path.join(cached!, 'bundle'), target);
        count = record.passages;
      } else {
        missing = undefined;
        try {
          count = await indexPartition(await cutter.cut(toIndex.indexOf(index)), target, vocabulary.text);
        } finally {
          cutter.release();
        }
        if (cached) await cacheBundle(cached, target, { passages: count, vocabulary: vocabulary.digest });
      }
      return { path: `/pagefind/${key}/`, key, from: group[0].date, to: group.at(-1)!.date, policies: group.length, passages: count, ...(missing?.length ? { missing } : {}) };
    };
    const partitions = await inTurn(groups.length, CONCURRENCY, build).finally(() => cutter.stop());
    const passages = partitions.reduce((sum, partition) => sum + partition.passages, 0);
    if (cacheRoot) await pruneIndexCache(cacheRoot, groups, vocabulariesUsed);
    const manifest: PartitionManifest = { version: 1, partitions };
    await writeFile(path.join(outputRoot, 'partitions.json'), JSON.stringify(manifest));
    const { files, bytes } = folderSize(outputRoot);
    return { policies: pages.length, passages, partitions: partitions.length, reused, files, bytes, seconds: { list: listSeconds, vocabulary: vocabularySeconds, partitions: clock() } };
  } catch (error) {
    await rm(outputRoot, { recursive: true, force: true });
    if (error instanceof SearchIndexError) throw error;
    throw new SearchIndexError(error instanceof Error ? error.message : String(error), { cause: error });
  } finally {
    await closePagefind();
    await rm(workRoot, { recursive: true, force: true });
  }
}

/**
 * Runs task(0..count-1), `concurrency` at a time; after a failure no task is started, and the first error is
 * thrown once every started task is done (nothing is written any more when the caller cleans up).
 */
async function inTurn<T>(count: number, concurrency: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < count && !failure) {
      const i = next++;
      try {
        results[i] = await task(i);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  if (failure) throw failure.error;
  return results;
}

/** A partition's name in the cache: its policies' indexed part and the indexer (its code, settings and Pagefind). */
function contentDigest(pages: IndexedPolicy[], budget: number): string {
  return createHash('sha256')
    .update(`${indexerDigest}:${budget}:${pagefindVersion}\n`)
    .update(pages.map((page) => `${page.url} ${page.digest}\n`).join(''))
    .digest('hex');
}

/** Part of every partition's key: a new Pagefind writes a new index. */
const pagefindVersion = JSON.parse(await readFile(new URL('../package.json', import.meta.resolve('pagefind')), 'utf8')).version as string;
/** Part of every partition's key too: a change to how passages are cut or indexed re-indexes everything. */
const indexer = createHash('sha256');
const indexerModules = [
  'pagefind-index', 'passages', 'words', 'policy-list', 'passage-files', 'partitions', 'pagefind-runner', 'index-files',
];
for (const name of indexerModules) indexer.update(await readFile(new URL(`./${name}.ts`, import.meta.url)));
const indexerDigest = indexer.digest('hex');

/** Seconds since the previous call (or since it was made). */
function stopwatch(): () => number {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const seconds = (now - last) / 1000;
    last = now;
    return seconds;
  };
}

