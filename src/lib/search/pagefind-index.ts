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
 * consecutive archive dates, each its own Pagefind bundle (`pagefind/<key>/`), two at a time (3.9 GB peak at
 * 10,000 policies); the search page merges them in the browser (Pagefind's mergeIndex) and, because a
 * partition is a date range, sorting by date is a walk through the partitions in order
 * (src/scripts/search-page.ts). `pagefind/partitions.json` lists them. A partition's key is a hash of its
 * pages' indexed part, of the indexer and of the vocabulary below: an unchanged partition is copied from the
 * cache (`<cacheDir>/search-index/`) instead of being indexed again.
 *
 * Every partition's words. When Pagefind finds no word starting with a search term in an index, it matches the
 * longest indexed word the term starts with instead ("in" for "internet"). Alone, an index lacks such a term
 * only when the whole archive does; merged, a partition lacking a word the others have would answer
 * "zoomcorp" with every passage that says "zoom". So when there are several partitions, each also indexes
 * one vocabulary page holding every word of the archive (filter `kind:vocabulary`, which the search page
 * excludes): a word found anywhere is found in every partition, and merged searches match as one index would.
 * The cost: a new word anywhere re-indexes every partition (measured: see README, Benchmark).
 *
 * The site ships its own small search UI on Pagefind's JS API and its own highlighter, so Pagefind's prebuilt
 * UI bundles are removed from the output.
 */
import { createHash } from 'node:crypto';
import { copyFile, link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { escapeHtml } from '../policies/render.ts';
import { createWorkerPool } from '../workers/pool.ts';
import { bodyTag, indexedRanges, wordsOfPages } from './page-text.ts';
import { PASSAGE_TEXT_BUDGET, passagesOfPage } from './passages.ts';

/** Files of Pagefind's own UIs and highlighter, and the language-less WebAssembly, that this site does not use. */
const UNUSED = /^(pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)|wasm\.unknown\.pagefind)$/;
/**
 * Policies per partition: with two partitions indexed at once, 3.9 GB peak for the whole step at 10,000
 * policies (target: under 6 GB). Archives up to this size (the sample, the shared corpus) are one partition.
 */
export const PARTITION_POLICIES = 2_000;

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
}

export interface IndexOptions {
  /** Where unchanged partitions are kept between builds; none: every partition is indexed. */
  cacheDir?: string;
  partitionPolicies?: number;
  passageBudget?: number;
  /** Partitions indexed at the same time (default 2; memory grows with it). */
  concurrency?: number;
}

interface PolicyPage {
  file: string;
  url: string;
  date: string;
  digest: string;
}

/** Indexes the policy pages under `siteDir` into `<siteDir>/pagefind/`. */
export async function buildSearchIndex(siteDir: string, options: IndexOptions = {}): Promise<IndexSummary> {
  const outputRoot = path.join(siteDir, 'pagefind');
  const partitionPolicies = options.partitionPolicies ?? PARTITION_POLICIES;
  const budget = options.passageBudget ?? PASSAGE_TEXT_BUDGET;
  const concurrency = options.concurrency ?? 2;
  if (!(partitionPolicies >= 1)) throw new SearchIndexError(`partition size must be at least 1 policy (got ${partitionPolicies})`);
  if (!(budget >= 1)) throw new SearchIndexError(`passage length must be at least 1 character (got ${budget})`);
  try {
    const pages = await policyPages(siteDir);
    if (pages.length === 0) throw new SearchIndexError(`no page in ${siteDir} has data-pagefind-body: nothing to index`);
    await rm(outputRoot, { recursive: true, force: true });
    await mkdir(outputRoot, { recursive: true });
    const cacheRoot = options.cacheDir ? path.join(options.cacheDir, 'search-index') : undefined;
    const groups = partition(pages, partitionPolicies).map((group) => ({
      pages: group,
      content: createHash('sha256')
        .update(`${indexerDigest}:${budget}:${pagefindVersion}\n`)
        .update(group.map((page) => `${page.url} ${page.digest}\n`).join(''))
        .digest('hex'),
    }));
    // Several partitions: each indexes the archive's vocabulary (see above). A partition's words are kept in
    // the cache by its content, so only new or changed partitions are read for them.
    const wordsRoot = cacheRoot && path.join(cacheRoot, 'words');
    let vocabulary = '';
    if (groups.length > 1) {
      const words = new Set<string>();
      const lists = await partitionWords(groups.map((group) => ({ pages: group.pages, cacheFile: wordsRoot && path.join(wordsRoot, `${group.content}.txt`) })));
      for (const list of lists) for (const word of list) words.add(word);
      vocabulary = [...words].sort().join(' ');
    }
    const vocabularyDigest = vocabulary ? createHash('sha256').update(vocabulary).digest('hex') : 'none';
    let passages = 0;
    let reused = 0;
    const build = async ({ pages: group, content }: (typeof groups)[number]): Promise<Partition> => {
      const key = createHash('sha256').update(`${content}:${vocabularyDigest}`).digest('hex').slice(0, 16);
      const target = path.join(outputRoot, key);
      const cached = cacheRoot && path.join(cacheRoot, key);
      let count: number;
      if (cached && (await exists(path.join(cached, 'passages.json')))) {
        await linkTree(cached, target);
        count = JSON.parse(await readFile(path.join(cached, 'passages.json'), 'utf8')).passages;
        reused++;
      } else {
        count = await indexPartition(group, target, budget, vocabulary, path.join(options.cacheDir ?? os.tmpdir(), 'search-index-work', `${key}-${process.pid}`));
        await writeFile(path.join(target, 'passages.json'), JSON.stringify({ passages: count }));
        if (cached) {
          const temporary = `${cached}.tmp-${process.pid}`;
          await rm(temporary, { recursive: true, force: true });
          await linkTree(target, temporary);
          await rm(cached, { recursive: true, force: true });
          await rename(temporary, cached);
        }
      }
      passages += count;
      return { path: `/pagefind/${key}/`, key, from: group[0].date, to: group.at(-1)!.date, policies: group.length, passages: count };
    };
    // Two partitions at a time: Pagefind writes an index on one core while the next partition is cut and read.
    const partitions: Partition[] = new Array(groups.length);
    let next = 0;
    const worker = async () => {
      while (next < groups.length) {
        const i = next++;
        partitions[i] = await build(groups[i]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, groups.length) }, worker));
    if (cacheRoot) await pruneCache(cacheRoot, new Set([...partitions.map((entry) => entry.key), 'words']));
    if (wordsRoot && groups.length > 1) await pruneCache(wordsRoot, new Set(groups.map((group) => `${group.content}.txt`)));
    const manifest: PartitionManifest = { version: 1, partitions };
    await writeFile(path.join(outputRoot, 'partitions.json'), JSON.stringify(manifest));
    const { files, bytes } = await folderSize(outputRoot);
    return { policies: pages.length, passages, partitions: partitions.length, reused, files, bytes };
  } catch (error) {
    await rm(outputRoot, { recursive: true, force: true });
    if (error instanceof SearchIndexError) throw error;
    throw new SearchIndexError(error instanceof Error ? error.message : String(error));
  } finally {
    await pagefind.close();
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

/** Every built page with a search body: its URL, archive date and a digest of what of it is indexed. */
async function policyPages(siteDir: string): Promise<PolicyPage[]> {
  const pages: PolicyPage[] = [];
  for (const entry of await readdir(siteDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name !== 'index.html') continue;
    const file = path.join(entry.parentPath, entry.name);
    // Bytes, not text: the markup searched for is ASCII, and decoding every page was a third of this scan.
    const html = await readFile(file);
    const body = bodyTag(html);
    if (!body) continue;
    const url = `/${path.relative(siteDir, entry.parentPath).split(path.sep).join('/')}/`.replace(/^\/\/$/, '/');
    const date = /data-pagefind-sort="date:(\d{4}-\d{2}-\d{2})"/.exec(html.toString('latin1', body.start, body.end))?.[1];
    if (!date) throw new SearchIndexError(`${path.relative(siteDir, file)}: the search body has no date sort value`);
    const digest = createHash('sha256');
    for (const [from, to] of indexedRanges(html, body.start)) digest.update(html.subarray(from, to));
    pages.push({ file, url, date, digest: digest.digest('hex') });
  }
  // Date order, then URL: partitions are date ranges and the same pages always fall into the same ones.
  return pages.sort((a, b) => a.date.localeCompare(b.date) || a.url.localeCompare(b.url));
}

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
  if (tasks.length) {
    const pool = createWorkerPool(new URL('./words-worker.ts', import.meta.url), Math.min(2, os.availableParallelism(), tasks.length), wordsOfPages);
    try {
      await Promise.all(
        tasks.map(async ({ group, files }) => {
          const words = await pool.run(files).catch((error: Error) => {
            throw new SearchIndexError(`reading words for the vocabulary: ${error.message}`);
          });
          const set = sets.get(group)!;
          for (const word of words) set.add(word);
        }),
      );
    } finally {
      await pool.close();
    }
  }
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
 * sorting by date across partitions is their order). Adding newer snapshots only changes the last one.
 */
export function partition<T extends { date: string }>(pages: T[], size: number): T[][] {
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

/**
 * Indexes one partition. Its passages are written as files and Pagefind reads them itself (addDirectory
 * parses files in parallel; sending each passage over the Node API's pipe took 51 s instead of 31 s for
 * the 1,494 corpus policies). Passage n of every page goes to a folder of its own, `<work>/<n>/<page path>/`,
 * so that every passage's URL is its policy page's and each clause's sub-result URL is the clause anchor.
 */
async function indexPartition(pages: PolicyPage[], outputPath: string, budget: number, vocabulary: string, workDir: string): Promise<number> {
  await rm(workDir, { recursive: true, force: true });
  let passages = 0;
  let depth = 0;
  for (const page of pages) {
    const cut = passagesOfPage(await readFile(page.file, 'utf8'), page.url, budget);
    if (!cut) throw new SearchIndexError(`${page.url}: the search body disappeared while indexing`);
    for (const [n, content] of cut.documents.entries()) {
      const dir = path.join(workDir, String(n + 1), ...page.url.split('/').filter(Boolean));
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'index.html'), content);
    }
    passages += cut.documents.length;
    depth = Math.max(depth, cut.documents.length);
  }
  const roots = Array.from({ length: depth }, (_, n) => path.join(workDir, String(n + 1)));
  if (vocabulary) {
    const dir = path.join(workDir, 'vocabulary', 'search', 'vocabulary');
    await mkdir(dir, { recursive: true });
    const content = `<!doctype html><html lang="en"><head><title></title></head><body><article data-pagefind-body><data data-pagefind-filter="kind:vocabulary"></data><p>${escapeHtml(vocabulary)}</p></article></body></html>`;
    await writeFile(path.join(dir, 'index.html'), content);
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
    await rm(workDir, { recursive: true, force: true });
  }
  const expected = passages + (vocabulary ? 1 : 0);
  if (indexed !== expected) throw new SearchIndexError(`indexed ${indexed} pages into ${outputPath}, but wrote ${expected} (${passages} passages${vocabulary ? ' and the vocabulary' : ''})`);
  for (const name of await readdir(outputPath)) if (UNUSED.test(name)) await rm(path.join(outputPath, name));
  return passages;
}

/**
 * A copy of a folder made of hard links (a plain copy where the file system refuses them): a partition is
 * ~4,300 files, and copying the four unchanged partitions of a 10,000-policy archive into the site took ~12 s
 * of an addition. Safe because neither side is ever written in place: Pagefind writes new files, a build
 * empties the site folder (unlinking, which leaves the cache's copy), and the cache is replaced by renaming.
 */
async function linkTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) await linkTree(source, target);
    else await link(source, target).catch(() => copyFile(source, target));
  }
}

async function pruneCache(cacheRoot: string, keep: Set<string>): Promise<void> {
  for (const name of await readdir(cacheRoot).catch(() => [] as string[])) if (!keep.has(name)) await rm(path.join(cacheRoot, name), { recursive: true, force: true });
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
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}
