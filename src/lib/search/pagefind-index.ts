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
import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, statfs, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { escapeHtml } from '../policies/render.ts';
import { createWorkerPool } from '../workers/pool.ts';
import { scanPages, wordsOfPages } from './page-text.ts';
import { PASSAGE_TEXT_BUDGET, passagesOfPage } from './passages.ts';
import { missingWords, searchForms, type MissingWord } from './terms.ts';

/** Files of Pagefind's own UIs and highlighter, and the language-less WebAssembly, that this site does not use. */
const UNUSED = /^(pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)|wasm\.unknown\.pagefind)$/;
/**
 * Policies per partition: with two partitions indexed at once and passages cut ahead, 4.7 GB peak for the whole
 * build at 10,000 policies, ~0.4 GB of it passage files in /dev/shm (target: under 6 GB). Archives up to this
 * size (the sample, the shared corpus) are one partition.
 */
export const PARTITION_POLICIES = 2_000;
/** The smallest tail partition (the newest policies, past the last full partition): this share of a full one. */
export const TAIL_DIVISOR = 16;
/**
 * A reused partition may lack this many of the archive's words (in search form) before it is indexed again. A new
 * snapshot brings few: in the 1,492 corpus policies, the words only one policy has are 1 at the median, 6.2 on
 * average, 13 at the 90th percentile (905 at most: a policy in another language).
 */
export const MISSING_WORDS_LIMIT = 400;

export class SearchIndexError extends Error {
  constructor(message: string) {
    super(`Search index (Pagefind): ${message}`);
    this.name = 'SearchIndexError';
  }
}

export interface Partition {
  /** Folder of the bundle in the site: /pagefind/<key>/ */
  path: string;
  key: string;
  /** First and last archive date in it. */
  from: string;
  to: string;
  policies: number;
  passages: number;
  /** Words of the archive this partition was indexed without (see above); absent when none. */
  missing?: MissingWord[];
}

export interface PartitionManifest {
  version: 1;
  /** Oldest first. */
  partitions: Partition[];
}

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

interface PolicyPage {
  file: string;
  url: string;
  date: string;
  digest: string;
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
    throw new SearchIndexError(error instanceof Error ? error.message : String(error));
  } finally {
    await pagefind.close();
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
  .digest('hex');

/** The scan's cache file in the index cache: what each built page held when it had this size and time. */
const SCAN_CACHE = 'scan.json';
type ScanEntry = [size: number, mtime: number, date?: string, digest?: string];

/**
 * Every built page with a search body: its URL, archive date and a digest of what of it is indexed. A page
 * whose size and modification time are those of the last scan is taken from the scan's cache: after an
 * additions build only the pages it wrote are read (21,000 pages took ~25 s to read at 10,000 policies).
 */
async function policyPages(siteDir: string, cacheRoot?: string, publishedDir?: string): Promise<PolicyPage[]> {
  const cacheFile = cacheRoot && path.join(cacheRoot, SCAN_CACHE);
  const previous = (cacheFile && (await readJson<Record<string, ScanEntry>>(cacheFile))) || {};
  // Synchronous listing and stats: fs.promises' recursive readdir took 2.1-2.9 s for the 43,000 files of a
  // 10,000-policy site, readdirSync 0.5 s (this thread has nothing else to do meanwhile). A page of siteDir
  // replaces the published page of the same path.
  const byRelative = new Map<string, string>();
  for (const dir of publishedDir ? [publishedDir, siteDir] : [siteDir]) {
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || entry.name !== 'index.html') continue;
      const file = path.join(entry.parentPath, entry.name);
      byRelative.set(path.relative(dir, file), file);
    }
  }
  const relatives = [...byRelative.keys()];
  const files = [...byRelative.values()];
  const stats = files.map((file) => statSync(file));
  const scanned: Record<string, ScanEntry> = {};
  const unknown: number[] = [];
  relatives.forEach((relative, index) => {
    const known = previous[relative];
    const { size, mtimeMs } = stats[index];
    if (known && known[0] === size && known[1] === mtimeMs) scanned[relative] = known;
    else unknown.push(index);
  });
  // Pages not in the scan's cache (all of them in a first build) are read by worker threads, a batch at a time.
  const batches: number[][] = [];
  for (let at = 0; at < unknown.length; at += SCAN_BATCH) batches.push(unknown.slice(at, at + SCAN_BATCH));
  const requests = batches.map((batch) => batch.map((index) => files[index]));
  await inWorkers(new URL('./scan-worker.ts', import.meta.url), scanPages, requests, 'reading the built pages', (scans, n) => {
    batches[n].forEach((index, k) => {
      const relative = relatives[index];
      const scan = scans[k];
      if (scan && 'error' in scan) throw new SearchIndexError(`${relative}: ${scan.error}`);
      const { size, mtimeMs } = stats[index];
      scanned[relative] = scan ? [size, mtimeMs, scan.date, scan.digest] : [size, mtimeMs];
    });
  });
  const pages: PolicyPage[] = [];
  files.forEach((file, index) => {
    const [, , date, digest] = scanned[relatives[index]];
    if (!date || !digest) return;
    const url = `/${path.dirname(relatives[index]).split(path.sep).join('/')}/`.replace(/^\/\.\/$/, '/');
    pages.push({ file, url, date, digest });
  });
  if (cacheFile) {
    await mkdir(path.dirname(cacheFile), { recursive: true });
    await writeFile(`${cacheFile}.tmp-${process.pid}`, JSON.stringify(scanned));
    await rename(`${cacheFile}.tmp-${process.pid}`, cacheFile);
  }
  // Date order, then URL: partitions are date ranges and the same pages always fall into the same ones.
  return pages.sort((a, b) => a.date.localeCompare(b.date) || a.url.localeCompare(b.url));
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
          throw new SearchIndexError(`${what}: ${error.message}`);
        });
        use(result, index);
      }),
    );
  } finally {
    await pool.close();
  }
}

/** Pages per message to a scan worker. */
const SCAN_BATCH = 250;

/** Pages per message to a word-list worker: small enough to balance two workers, large enough to be cheap. */
const WORDS_BATCH = 200;

/**
 * The distinct words of each partition's pages, sorted: from the cache file when there is one, otherwise
 * read by worker threads (one per core, at most two; src/lib/workers/pool.ts) and written to the cache.
 */
async function partitionWords(groups: { pages: PolicyPage[]; cacheFile?: string }[]): Promise<string[][]> {
  const lists: (string[] | undefined)[] = await Promise.all(
    groups.map(async ({ cacheFile }) => (cacheFile && (await exists(cacheFile)) ? (await readFile(cacheFile, 'utf8')).split('\n').filter(Boolean) : undefined)),
  );
  const sets = new Map<number, Set<string>>();
  const tasks: { group: number; files: string[] }[] = [];
  groups.forEach(({ pages }, group) => {
    if (lists[group]) return;
    sets.set(group, new Set());
    for (let at = 0; at < pages.length; at += WORDS_BATCH) tasks.push({ group, files: pages.slice(at, at + WORDS_BATCH).map((page) => page.file) });
  });
  await inWorkers(new URL('./words-worker.ts', import.meta.url), wordsOfPages, tasks.map((task) => task.files), 'reading words for the vocabulary', (words, n) => {
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

/**
 * Consecutive runs of about `size` policies, never splitting one archive date over two partitions (so that
 * sorting by date across partitions is their order). Past the first run, the last, incomplete run (the newest
 * policies) is cut like a binary counter: a run of size/2 if it holds that many, then of size/4, and so on down
 * to `tail`, then the rest. Adding newer snapshots changes the last small run only, until it carries into the
 * next size (as 250 + 250 → 500): the newest partition stays small and the tail takes few partitions (each
 * costs a first search its metadata and a word chunk).
 */
export function partition<T extends { date: string }>(pages: T[], size: number, tail = size): T[][] {
  const groups = runs(pages, size);
  const last = groups.at(-1);
  if (groups.length < 2 || !last || last.length >= size || tail >= size) return groups;
  const cut: T[][] = [];
  let rest = last;
  for (let chunk = Math.floor(size / 2); chunk >= tail && rest.length; chunk = Math.floor(chunk / 2)) {
    if (rest.length < chunk) continue;
    const [first, ...others] = runs(rest, chunk);
    cut.push(first);
    rest = others.flat();
  }
  if (rest.length) cut.push(rest);
  return [...groups.slice(0, -1), ...cut];
}

function runs<T extends { date: string }>(pages: T[], size: number): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  for (const page of pages) {
    if (current.length >= size && page.date !== current.at(-1)!.date) {
      groups.push(current);
      current = [];
    }
    current.push(page);
  }
  if (current.length) groups.push(current);
  return groups;
}

/** A partition's passages as files, ready for Pagefind (see cutPartition). */
interface CutPartition {
  workDir: string;
  passages: number;
  /** The most passages of one page: the number of passage folders. */
  depth: number;
}

/**
 * Writes a partition's passages as files, which Pagefind reads itself (addDirectory; sending each passage over
 * the Node API's pipe took 51 s instead of 31 s for the 1,494 corpus policies).
 * Passage n of every page goes to a folder of its own, `<workDir>/<n>/<page path>/`, so that every passage's
 * URL is its policy page's and each clause's sub-result URL is the clause anchor.
 *
 * Synchronous reads and writes: each call through fs/promises is a round trip to libuv's thread pool, and
 * for the 2,883 passages of the corpus the writes alone took 3.6 s that way, 0.55 s synchronously (on tmpfs).
 * The loop yields every few pages, since Pagefind's replies for the partition being indexed arrive on this
 * thread.
 */
async function cutPartition(pages: PolicyPage[], workDir: string, budget: number, stopped: () => boolean): Promise<CutPartition> {
  rmSync(workDir, { recursive: true, force: true });
  let passages = 0;
  let depth = 0;
  for (const [n, page] of pages.entries()) {
    if (n % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
    if (stopped()) throw new SearchIndexError('cutting passages stopped: another partition failed');
    const cut = passagesOfPage(readFileSync(page.file, 'utf8'), page.url, budget);
    if (!cut) throw new SearchIndexError(`${page.url}: the search body disappeared while indexing`);
    for (const [k, content] of cut.documents.entries()) {
      const dir = path.join(workDir, String(k + 1), ...page.url.split('/').filter(Boolean));
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'index.html'), content);
    }
    passages += cut.documents.length;
    depth = Math.max(depth, cut.documents.length);
  }
  return { workDir, passages, depth };
}

interface Cutter {
  /** The cut of job `job` (in the order given), once it is ready. */
  cut(job: number): Promise<CutPartition>;
  /** A job is indexed: one more may be cut. */
  release(): void;
  /** Stops cutting (after the page in hand) and resolves when nothing is being written any more. */
  stop(): Promise<void>;
}

/**
 * Cuts the partitions to index, in order, ahead of Pagefind. Pagefind's backend does one request at a time,
 * on one core: while it adds or writes a partition, the next ones are cut on this thread, so it never waits
 * for its input (4 partitions of 2,000 policies: 130 s → 107 s with the work folder on tmpfs). At most
 * `ahead` partitions are cut and not yet indexed (about 150 MB of files each at 2,000 policies).
 */
function cutAhead(jobs: { pages: PolicyPage[]; workDir: string }[], budget: number, ahead: number): Cutter {
  const settle: { resolve(cut: CutPartition): void; reject(error: unknown): void }[] = [];
  const cuts = jobs.map(() => {
    const cut = new Promise<CutPartition>((resolve, reject) => settle.push({ resolve, reject }));
    cut.catch(() => {}); // reported when the partition's turn comes
    return cut;
  });
  let released = 0;
  let stopped = false;
  let wake: (() => void) | undefined;
  const running = (async () => {
    for (let job = 0; job < jobs.length; job++) {
      while (job >= released + ahead && !stopped) await new Promise<void>((resolve) => (wake = resolve));
      try {
        if (stopped) throw new SearchIndexError('cutting passages stopped: another partition failed');
        settle[job].resolve(await cutPartition(jobs[job].pages, jobs[job].workDir, budget, () => stopped));
      } catch (error) {
        for (let rest = job; rest < jobs.length; rest++) settle[rest].reject(error);
        return;
      }
    }
  })();
  return {
    cut: (job) => cuts[job],
    release: () => {
      released++;
      wake?.();
    },
    stop: () => {
      stopped = true;
      wake?.();
      return running;
    },
  };
}

/** Indexes one cut partition into `outputPath` (and removes its passage files). */
async function indexPartition({ workDir, passages, depth }: CutPartition, outputPath: string, vocabulary: string): Promise<number> {
  const roots = Array.from({ length: depth }, (_, n) => path.join(workDir, String(n + 1)));
  try {
    if (vocabulary) {
      const dir = path.join(workDir, 'vocabulary', 'search', 'vocabulary');
      mkdirSync(dir, { recursive: true });
      const content = `<!doctype html><html lang="en"><head><title></title></head><body><article data-pagefind-body><data data-pagefind-filter="kind:vocabulary"></data><p>${escapeHtml(vocabulary)}</p></article></body></html>`;
      writeFileSync(path.join(dir, 'index.html'), content);
      roots.push(path.join(workDir, 'vocabulary'));
    }
    const created = await pagefind.createIndex({ forceLanguage: 'en', excludeSelectors: ['.provenance', '.versions', '.toc'] });
    if (!created.index || created.errors.length) throw new SearchIndexError(`could not start: ${created.errors.join('; ') || 'no index returned'}`);
    const { index } = created;
    let indexed = 0;
    try {
      for (const root of roots) {
        const added = await index.addDirectory({ path: root });
        if (added.errors.length) throw new SearchIndexError(`indexing ${root} failed: ${added.errors.join('; ')}`);
        indexed += added.page_count;
      }
      const written = await index.writeFiles({ outputPath });
      if (written.errors.length) throw new SearchIndexError(`writing ${outputPath} failed: ${written.errors.join('; ')}`);
    } finally {
      await index.deleteIndex();
    }
    const expected = passages + (vocabulary ? 1 : 0);
    if (indexed !== expected) throw new SearchIndexError(`indexed ${indexed} pages into ${outputPath}, but wrote ${expected} (${passages} passages${vocabulary ? ' and the vocabulary' : ''})`);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  for (const name of await readdir(outputPath)) if (UNUSED.test(name)) await rm(path.join(outputPath, name));
  return passages;
}

/** tmpfs's magic number in statfs(2). */
const TMPFS_MAGIC = 0x01021994;
/** Free space /dev/shm must have to hold the passages cut ahead. */
const WORK_SPACE_NEEDED = 2 * 1024 ** 3;

/** Prefix of the work folders in /dev/shm; the process id follows. */
const SHM_PREFIX = 'privacy-archive-passages-';

/**
 * Where passages are written for Pagefind to read: a folder in /dev/shm when it is a memory file system with
 * room (files there never touch the disk: on this machine's ext4, writing the corpus's 2,883 passages took
 * 4–7.5 s, on tmpfs 0.55 s), else `fallback`. Memory is not freed by a process that dies, so folders left by
 * index steps that were killed (their process is gone) are removed first.
 */
async function passageWorkRoot(fallback: string, shm = '/dev/shm'): Promise<string> {
  try {
    const fs = await statfs(shm);
    if (fs.type === TMPFS_MAGIC) {
      for (const name of await readdir(shm)) {
        const pid = name.startsWith(SHM_PREFIX) ? Number(name.slice(SHM_PREFIX.length)) : NaN;
        if (Number.isInteger(pid) && pid !== process.pid && !processExists(pid)) await rm(path.join(shm, name), { recursive: true, force: true });
      }
      const free = await statfs(shm);
      if (free.bavail * free.bsize >= WORK_SPACE_NEEDED) return path.join(shm, `${SHM_PREFIX}${process.pid}`);
    }
  } catch {
    // no /dev/shm here
  }
  return path.join(fallback, 'search-index-work', String(process.pid));
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A copy of a folder made of hard links (a plain copy where the file system refuses them): a partition is
 * ~4,300 files, and copying the four unchanged partitions of a 10,000-policy archive into the site took ~12 s
 * of an addition. Safe because neither side is ever written in place: Pagefind writes new files, a build
 * empties the site folder (unlinking, which leaves the cache's copy), and the cache is replaced by renaming.
 * Synchronous: linking a partition through fs.promises took 0.7 s, linkSync 0.1 s (a thread-pool round trip
 * per file).
 */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target);
    else {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
}

async function pruneCache(cacheRoot: string, keep: Set<string>): Promise<void> {
  for (const name of await readdir(cacheRoot).catch(() => [] as string[])) if (!keep.has(name)) await rm(path.join(cacheRoot, name), { recursive: true, force: true });
}

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

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** The vocabularies partitions in the cache were indexed with, by digest (a few MB each at 10,000 policies). */
async function writeVocabulary(root: string, digest: string, words: string[]): Promise<void> {
  const file = path.join(root, `${digest}.txt`);
  if (await exists(file)) return;
  await mkdir(root, { recursive: true });
  await writeFile(`${file}.tmp-${process.pid}`, words.join('\n'));
  await rename(`${file}.tmp-${process.pid}`, file);
}

async function readVocabulary(root: string, digest: string): Promise<string[] | undefined> {
  return readFile(path.join(root, `${digest}.txt`), 'utf8').then(
    (text) => text.split('\n'),
    () => undefined,
  );
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

export async function folderSize(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}
