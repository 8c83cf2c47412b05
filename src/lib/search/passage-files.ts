/**
 * Passages cut ahead of Pagefind: each partition's passages are written as files (in /dev/shm when it has room),
 * in order, a bounded number of partitions ahead of the indexer (src/lib/search/pagefind-index.ts). Why files,
 * written synchronously, ahead, on tmpfs, and what each cost: docs/scaling.md ("Pagefind's backend is one core").
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, rm, statfs } from 'node:fs/promises';
import path from 'node:path';
import { processAlive } from '../files/process-alive.ts';
import { passageDocuments, readSearchUnits, SearchIndexError } from './passages.ts';
import type { IndexedPolicy } from './policy-list.ts';

/** A partition's passages as files, ready for Pagefind (see cutPartition). */
export interface CutPartition {
  workDir: string;
  passages: number;
  /** The most passages of one page: the number of passage folders. */
  depth: number;
}

/**
 * Writes a partition's passages as files, which Pagefind reads itself (addDirectory; sending each passage over
 * the Node API's pipe took 51 s instead of 31 s for the 1,494 corpus policies).
 * Passage n of every policy goes to a folder of its own, `<workDir>/<n>/<page path>/`, so that every passage's
 * URL is its policy page's and each clause's sub-result URL is the clause anchor.
 *
 * Synchronous reads and writes (no thread-pool round trip per file); the loop yields every few policies, since
 * Pagefind's replies for the partition being indexed arrive on this thread.
 */
async function cutPartition(policies: IndexedPolicy[], workDir: string, budget: number, stopped: () => boolean): Promise<CutPartition> {
  rmSync(workDir, { recursive: true, force: true });
  let passages = 0;
  let depth = 0;
  for (const [n, policy] of policies.entries()) {
    if (n % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
    if (stopped()) throw new SearchIndexError('cutting passages stopped: another partition failed');
    const documents = passageDocuments(readSearchUnits(policy.units, policy.url), policy.head, budget);
    for (const [k, content] of documents.entries()) {
      const dir = path.join(workDir, String(k + 1), ...policy.url.split('/').filter(Boolean));
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'index.html'), content);
    }
    passages += documents.length;
    depth = Math.max(depth, documents.length);
  }
  return { workDir, passages, depth };
}

/**
 * Cuts the partitions to index, in order, ahead of Pagefind: while its one-core backend adds or writes a
 * partition, the next ones are cut on this thread, so it never waits for its input. At most `ahead` partitions
 * are cut and not yet indexed (about 150 MB of files each at 2,000 policies). `cut(job)`: that job's cut, once
 * ready; `release()`: a job is indexed, one more may be cut; `stop()`: stops cutting (after the page in hand) and
 * resolves when nothing is being written any more.
 */
export function cutAhead(jobs: { pages: IndexedPolicy[]; workDir: string }[], budget: number, ahead: number) {
  const cuts = jobs.map(() => Promise.withResolvers<CutPartition>());
  for (const { promise } of cuts) promise.catch(() => {}); // reported when the partition's turn comes
  let released = 0;
  let stopped = false;
  let wake: (() => void) | undefined;
  const running = (async () => {
    for (let job = 0; job < jobs.length; job++) {
      while (job >= released + ahead && !stopped) await new Promise<void>((resolve) => (wake = resolve));
      try {
        if (stopped) throw new SearchIndexError('cutting passages stopped: another partition failed');
        cuts[job].resolve(await cutPartition(jobs[job].pages, jobs[job].workDir, budget, () => stopped));
      } catch (error) {
        for (let rest = job; rest < jobs.length; rest++) cuts[rest].reject(error);
        return;
      }
    }
  })();
  return {
    cut: (job: number) => cuts[job].promise,
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

/** tmpfs's magic number in statfs(2). */
const TMPFS_MAGIC = 0x01021994;
/** Free space /dev/shm must have to hold the passages cut ahead. */
const WORK_SPACE_NEEDED = 2 * 1024 ** 3;

/** Prefix of the work folders in /dev/shm; the process id follows. */
const SHM_PREFIX = 'privacy-archive-passages-';

/**
 * Where passages are written for Pagefind to read: a folder in /dev/shm when it is a memory file system with
 * room, else `fallback`. Memory is not freed by a process that dies, so folders left by index steps that were
 * killed (their process is gone) are removed first.
 */
export async function passageWorkRoot(fallback: string, shm = '/dev/shm'): Promise<string> {
  try {
    const fs = await statfs(shm);
    if (fs.type === TMPFS_MAGIC) {
      for (const name of await readdir(shm)) {
        const pid = name.startsWith(SHM_PREFIX) ? Number(name.slice(SHM_PREFIX.length)) : NaN;
        if (Number.isInteger(pid) && !processAlive(pid)) await rm(path.join(shm, name), { recursive: true, force: true });
      }
      const free = await statfs(shm);
      if (free.bavail * free.bsize >= WORK_SPACE_NEEDED) return path.join(shm, `${SHM_PREFIX}${process.pid}`);
    }
  } catch {
    // no /dev/shm here
  }
  return path.join(fallback, 'search-index-work', String(process.pid));
}

