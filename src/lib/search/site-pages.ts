/**
 * The built pages the search index is made of (src/lib/search/pagefind-index.ts): every page with a search body,
 * found by a scan of the built site whose results are cached by file size and time, and the words of a
 * partition's pages for the archive's vocabulary. Both read pages on worker threads.
 */
import { readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createWorkerPool } from '../workers/pool.ts';
import { SearchIndexError } from './index-error.ts';
import { scanPages, wordsOfPages } from './page-text.ts';

export interface PolicyPage {
  file: string;
  url: string;
  date: string;
  digest: string;
}

/** The scan's cache file in the index cache: what each built page held when it had this size and time. */
export const SCAN_CACHE = 'scan.json';
type ScanEntry = [size: number, mtime: number, date?: string, digest?: string];

/**
 * Every built page with a search body: its URL, archive date and a digest of what of it is indexed. A page
 * whose size and modification time are those of the last scan is taken from the scan's cache: after an
 * additions build only the pages it wrote are read (21,000 pages took ~25 s to read at 10,000 policies).
 */
export async function policyPages(siteDir: string, cacheRoot?: string, publishedDir?: string): Promise<PolicyPage[]> {
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
          throw new SearchIndexError(`${what}: ${error.message}`, { cause: error });
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
export async function partitionWords(groups: { pages: PolicyPage[]; cacheFile?: string }[]): Promise<string[][]> {
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

