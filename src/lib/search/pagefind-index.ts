/**
 * The search-index stage: builds the Pagefind indexes of a built site into `<outDir>/pagefind/`. `npm run build`
 * runs it right after `astro build`, in its own process (scripts/index-search.ts): Astro's heap is gone by
 * then, so the build's peak memory is the larger of the two steps, not their sum.
 *
 * What is indexed: the passages of every policy page (src/lib/search/passages.ts), never headers, footers or
 * other pages. Any Pagefind error, or a site with no policy page, fails the build with a message saying why.
 *
 * Partitions by archive date. Pagefind keeps a whole index in memory until it writes it, about 1 GB per
 * 1,000 policies (11.8 GB and 367 s for 10,000 in one index). So policies are indexed in partitions of
 * consecutive archive dates, each its own Pagefind bundle (`pagefind/<key>/`), two at a time, their passages
 * cut ahead (cutAhead; 4.7 GB peak at 10,000 policies with the passage files); the search page merges them in
 * the browser (Pagefind's mergeIndex) and, because a partition is a date range, sorting by date is a walk
 * through the partitions in order (src/scripts/search-page.ts). `pagefind/partitions.json` lists them. A
 * partition's key is a hash of its pages' indexed part and of the indexer: an unchanged partition is linked
 * from the cache (`<cacheDir>/search-index/`) instead of being indexed again. Full partitions hold about
 * PARTITION_POLICIES policies; past the first, the newest policies (fewer than that) are cut into tail
 * partitions of halving sizes, so that adding a snapshot, which is the newest, re-indexes one small partition
 * (see partition()).
 *
 * Every partition's words. When Pagefind finds no word starting with a search term in an index, it matches the
 * longest indexed word the term starts with instead ("in" for "internet"). Alone, an index lacks such a term
 * only when the whole archive does; merged, a partition lacking a word the others have would answer
 * "zoomcorp" with every passage that says "zoom". So when there are several partitions, each also indexes
 * one vocabulary page holding every word of the archive (filter `kind:vocabulary`, which the search page
 * excludes): a word found anywhere is found in every partition, and merged searches match as one index would.
 * An unchanged partition keeps the vocabulary it was indexed with: the manifest lists the archive's words it
 * lacks, and the search page skips it for a query that only those words could match (src/lib/search/terms.ts).
 * Past MISSING_WORDS_LIMIT such words (they are downloaded with the manifest), it is indexed again, one such
 * partition per build.
 *
 * The site ships its own small search UI on Pagefind's JS API and its own highlighter, so Pagefind's prebuilt
 * UI bundles are removed from the output.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SearchIndexError } from './index-error.ts';
import { folderSize, linkTree, pruneCache, readVocabulary, writeVocabulary } from './index-files.ts';
import { closePagefind, indexPartition } from './pagefind-runner.ts';
import { type Partition, type PartitionManifest, PARTITION_POLICIES, partition, TAIL_DIVISOR } from './partitions.ts';
import { cutAhead, passageWorkRoot } from './passage-files.ts';
import { PASSAGE_TEXT_BUDGET } from './passages.ts';
import { exists, partitionWords, policyPages, readJson, SCAN_CACHE } from './site-pages.ts';
import { missingWords, searchForms, type MissingWord } from './terms.ts';

export { SearchIndexError } from './index-error.ts';

/**
 * A reused partition may lack this many of the archive's words (in search form) before it is indexed again. A new
 * snapshot brings few: in the 1,492 corpus policies, the words only one policy has are 1 at the median, 6.2 on
 * average, 13 at the 90th percentile (905 at most: a policy in another language).
 */
export const MISSING_WORDS_LIMIT = 400;

export interface IndexSummary {
  policies: number;
  passages: number;
  partitions: number;
  /** Partitions taken from the cache unchanged. */
  reused: number;
  files: number;
  bytes: number;
  /** Seconds spent reading the built pages, collecting the vocabulary, and indexing or reusing partitions. */
  seconds: { scan: number; vocabulary: number; partitions: number };
}

export interface IndexOptions {
  /** Where unchanged partitions are kept between builds; none: every partition is indexed. */
  cacheDir?: string;
  partitionPolicies?: number;
  passageBudget?: number;
  /** Partitions indexed at the same time (default 2; memory grows with it). */
  concurrency?: number;
  /** Policies per tail partition (default: partitionPolicies / TAIL_DIVISOR). */
  tailPolicies?: number;
  missingWordsLimit?: number;
  /**
   * The published site that this build's output (`siteDir`, an additions build's new and changed pages) is
   * about to be moved over (src/lib/build/publish.ts): its pages are indexed with those of `siteDir`,
   * which replace theirs, and its partitions that stay are left where they are instead of being written again.
   */
  publishedDir?: string;
}

/** What the cache keeps beside a partition's bundle. */
interface BundleRecord {
  passages: number;
  /** Digest of the vocabulary page it was indexed with ("none": without one). */
  vocabulary: string;
}

/**
 * Indexes the policy pages under `siteDir` (and `publishedDir`, see IndexOptions) into `<siteDir>/pagefind/`:
 * one folder per partition that is not already published, and `partitions.json`.
 */
export async function buildSearchIndex(siteDir: string, options: IndexOptions = {}): Promise<IndexSummary> {
  const outputRoot = path.join(siteDir, 'pagefind');
  const partitionPolicies = options.partitionPolicies ?? PARTITION_POLICIES;
  const budget = options.passageBudget ?? PASSAGE_TEXT_BUDGET;
  const concurrency = options.concurrency ?? 2;
  if (!(partitionPolicies >= 1)) throw new SearchIndexError(`partition size must be at least 1 policy (got ${partitionPolicies})`);
  if (!(budget >= 1)) throw new SearchIndexError(`passage length must be at least 1 character (got ${budget})`);
  const workRoots: string[] = [];
  try {
    const cacheRoot = options.cacheDir ? path.join(options.cacheDir, 'search-index') : undefined;
    const clock = stopwatch();
    const pages = await policyPages(siteDir, cacheRoot, options.publishedDir);
    const scanSeconds = clock();
    if (pages.length === 0) throw new SearchIndexError(`no page in ${siteDir} has data-pagefind-body: nothing to index`);
    await rm(outputRoot, { recursive: true, force: true });
    await mkdir(outputRoot, { recursive: true });
    const tailPolicies = options.tailPolicies ?? Math.max(1, Math.ceil(partitionPolicies / TAIL_DIVISOR));
    const missingLimit = options.missingWordsLimit ?? MISSING_WORDS_LIMIT;
    const groups = partition(pages, partitionPolicies, tailPolicies).map((group) => ({
      pages: group,
      content: createHash('sha256')
        .update(`${indexerDigest}:${budget}:${pagefindVersion}\n`)
        .update(group.map((page) => `${page.url} ${page.digest}\n`).join(''))
        .digest('hex'),
    }));
    // Several partitions: each indexes the archive's vocabulary (see above). A partition's words are kept in
    // the cache by its content, so only new or changed partitions are read for them.
    const wordsRoot = cacheRoot && path.join(cacheRoot, 'words');
    const vocabulariesRoot = cacheRoot && path.join(cacheRoot, 'vocabularies');
    let vocabulary: string[] = [];
    let lists: string[][] = [];
    if (groups.length > 1) {
      const words = new Set<string>();
      lists = await partitionWords(groups.map((group) => ({ pages: group.pages, cacheFile: wordsRoot && path.join(wordsRoot, `${group.content}.txt`) })));
      for (const list of lists) for (const word of list) words.add(word);
      vocabulary = [...words].sort();
    }
    // The vocabulary page's text, joined once: every partition indexed in this build gets the same page.
    const vocabularyText = vocabulary.join(' ');
    const vocabularyDigest = vocabulary.length ? createHash('sha256').update(vocabularyText).digest('hex') : 'none';
    if (vocabulariesRoot && vocabulary.length) await writeVocabulary(vocabulariesRoot, vocabularyDigest, vocabulary);
    const vocabularySeconds = clock();
    const formsOf = (words: Iterable<string>) => {
      const forms = new Set<string>();
      for (const word of words) for (const form of searchForms(word)) forms.add(form);
      return forms;
    };
    // What each cached partition lacks of the archive's words (in search form): it depends only on the
    // vocabulary the partition was indexed with, which partitions indexed in one build share.
    let archiveForms: Set<string> | undefined; // computed when a reused partition has an older vocabulary
    const missingByVocabulary = new Map<string, MissingWord[] | undefined>();
    const states: { record?: BundleRecord; missing?: MissingWord[] }[] = [];
    for (const [index, { content }] of groups.entries()) {
      const record = cacheRoot ? await readJson<BundleRecord>(path.join(cacheRoot, content, 'bundle.json')) : undefined;
      if (!record || groups.length === 1 || record.vocabulary === vocabularyDigest) states.push({ record, missing: record && [] });
      else if (record.vocabulary === 'none') states.push({ record, missing: missingWords((archiveForms ??= formsOf(vocabulary)), formsOf(lists[index])) });
      else {
        if (!missingByVocabulary.has(record.vocabulary)) {
          const known = await readVocabulary(vocabulariesRoot!, record.vocabulary);
          missingByVocabulary.set(record.vocabulary, known && missingWords((archiveForms ??= formsOf(vocabulary)), formsOf(known)));
        }
        // undefined: that vocabulary is gone from the cache, so the partition is indexed again.
        states.push({ record, missing: missingByVocabulary.get(record.vocabulary) });
      }
    }
    // Past the limit, a partition is indexed again with the archive's vocabulary, one per build (the one
    // lacking the most words): the partitions of one build lack the same words and would otherwise all be
    // re-indexed by the same addition (at 10,000 policies, a whole index step in one addition).
    const stale = states.map((state, index) => ({ index, count: state.missing?.length ?? -1 })).filter((entry) => entry.count > missingLimit);
    const refresh = stale.length ? stale.reduce((most, entry) => (entry.count > most.count ? entry : most)).index : -1;
    let passages = 0;
    let reused = 0;
    /** The vocabulary each partition of this build has (what the cache must keep). */
    const vocabulariesUsed = new Set<string>();
    const keyOf = (content: string, vocabularyUsed: string) => createHash('sha256').update(`${content}:${vocabularyUsed}`).digest('hex').slice(0, 16);
    const reuses = (index: number) => states[index].record !== undefined && states[index].missing !== undefined && index !== refresh;
    // The partitions to index are cut ahead of Pagefind, in order (cutAhead), into a work folder.
    const workRoot = await passageWorkRoot(options.cacheDir ?? os.tmpdir());
    workRoots.push(workRoot);
    const toIndex = groups.map((_, index) => index).filter((index) => !reuses(index));
    const cutter = cutAhead(
      toIndex.map((index) => ({ pages: groups[index].pages, workDir: path.join(workRoot, String(index)) })),
      budget,
      concurrency + 1,
    );
    const build = async ({ pages: group, content }: (typeof groups)[number], index: number): Promise<Partition> => {
      const cached = cacheRoot && path.join(cacheRoot, content);
      const { record } = states[index];
      let { missing } = states[index];
      const reuse = reuses(index) && record !== undefined;
      const vocabularyUsed = reuse ? record.vocabulary : vocabularyDigest;
      vocabulariesUsed.add(vocabularyUsed);
      const key = keyOf(content, vocabularyUsed);
      const target = path.join(outputRoot, key);
      let count: number;
      if (reuse) {
        if (!options.publishedDir || !(await exists(path.join(options.publishedDir, 'pagefind', key, 'pagefind-entry.json')))) linkTree(path.join(cached!, 'bundle'), target);
        count = record.passages;
        reused++;
      } else {
        missing = undefined;
        try {
          count = await indexPartition(await cutter.cut(toIndex.indexOf(index)), target, vocabularyText);
        } finally {
          cutter.release();
        }
        if (cached) {
          const temporary = `${cached}.tmp-${process.pid}`;
          await rm(temporary, { recursive: true, force: true });
          linkTree(target, path.join(temporary, 'bundle'));
          await writeFile(path.join(temporary, 'bundle.json'), JSON.stringify({ passages: count, vocabulary: vocabularyDigest } satisfies BundleRecord));
          await rm(cached, { recursive: true, force: true });
          await rename(temporary, cached);
        }
      }
      passages += count;
      return { path: `/pagefind/${key}/`, key, from: group[0].date, to: group.at(-1)!.date, policies: group.length, passages: count, ...(missing?.length ? { missing } : {}) };
    };
    // Two partitions at a time in Pagefind: while it writes one, the other's files are read.
    // After a failure no partition is started, and the error is thrown once nothing is written any more (the
    // work folder is then removed).
    const partitions: Partition[] = new Array(groups.length);
    let next = 0;
    let failure: { error: unknown } | undefined;
    const worker = async () => {
      while (next < groups.length && !failure) {
        const i = next++;
        try {
          partitions[i] = await build(groups[i], i);
        } catch (error) {
          failure ??= { error };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, groups.length) }, worker));
    await cutter.stop();
    if (failure) throw failure.error;
    if (cacheRoot) {
      await pruneCache(cacheRoot, new Set([...groups.map((group) => group.content), 'words', 'vocabularies', SCAN_CACHE]));
      if (wordsRoot && groups.length > 1) await pruneCache(wordsRoot, new Set(groups.map((group) => `${group.content}.txt`)));
      await pruneCache(vocabulariesRoot!, new Set([...vocabulariesUsed].map((digest) => `${digest}.txt`)));
    }
    const manifest: PartitionManifest = { version: 1, partitions };
    await writeFile(path.join(outputRoot, 'partitions.json'), JSON.stringify(manifest));
    const { files, bytes } = await folderSize(outputRoot);
    return { policies: pages.length, passages, partitions: partitions.length, reused, files, bytes, seconds: { scan: scanSeconds, vocabulary: vocabularySeconds, partitions: clock() } };
  } catch (error) {
    await rm(outputRoot, { recursive: true, force: true });
    if (error instanceof SearchIndexError) throw error;
    throw new SearchIndexError(error instanceof Error ? error.message : String(error), { cause: error });
  } finally {
    await closePagefind();
    for (const root of workRoots) await rm(root, { recursive: true, force: true });
  }
}

/** Part of every partition's key: a new Pagefind writes a new index. */
const pagefindVersion = JSON.parse(await readFile(new URL('../package.json', import.meta.resolve('pagefind')), 'utf8')).version as string;
/** Part of every partition's key too: a change to how passages are cut or indexed re-indexes everything. */
const indexerDigest = createHash('sha256')
  .update(await readFile(new URL(import.meta.url)))
  .update(await readFile(new URL('./passages.ts', import.meta.url)))
  .update(await readFile(new URL('./page-text.ts', import.meta.url)))
  .update(await readFile(new URL('./site-pages.ts', import.meta.url)))
  .update(await readFile(new URL('./passage-files.ts', import.meta.url)))
  .update(await readFile(new URL('./partitions.ts', import.meta.url)))
  .update(await readFile(new URL('./pagefind-runner.ts', import.meta.url)))
  .digest('hex');

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

