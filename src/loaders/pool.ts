/**
 * Segmentation and topic labelling of policies on every core: a small pool of worker threads running
 * prepare-worker.ts (plain Node with type stripping; every module it imports is erasable TypeScript with
 * explicit extensions). Parsing and classifying is ~95 % of the loader's CPU time (profile of 1,500 policies),
 * and it ran on one core while the other idled.
 *
 * POLICY_WORKERS sets the pool size (default: available cores, at most 8; 0 = prepare in this thread).
 * Where workers cannot start (a runtime without type stripping), everything is prepared in this thread.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { preparePolicy, type Prepared } from './prepare.ts';

export interface PreparePool {
  /** Worker threads (0: preparing in this thread). */
  readonly threads: number;
  prepare(source: string, pageFile: string): Promise<Prepared>;
  close(): Promise<void>;
}

export function createPreparePool(size = defaultSize()): PreparePool {
  if (size <= 0) return inline();
  let workers: Worker[];
  try {
    workers = Array.from({ length: size }, () => new Worker(new URL('./prepare-worker.ts', import.meta.url)));
  } catch {
    return inline();
  }
  const pending = new Map<number, { resolve: (p: Prepared) => void; reject: (e: Error) => void }>();
  const load = new Map<Worker, number>(workers.map((w) => [w, 0]));
  let next = 0;
  let broken: Error | undefined;
  for (const worker of workers) {
    worker.on('message', ({ id, result, error }: { id: number; result?: Prepared; error?: string }) => {
      load.set(worker, load.get(worker)! - 1);
      const waiting = pending.get(id);
      pending.delete(id);
      if (error) waiting?.reject(new Error(error));
      else waiting?.resolve(result!);
    });
    worker.on('error', (error) => {
      broken = error;
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    });
  }
  return {
    threads: size,
    prepare(source, pageFile) {
      if (broken) return Promise.resolve(preparePolicy(source, pageFile));
      const id = next++;
      // The least busy worker: policies vary from 1 kB to 700 kB.
      const worker = workers.reduce((a, b) => (load.get(b)! < load.get(a)! ? b : a));
      load.set(worker, load.get(worker)! + 1);
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, source, pageFile });
      });
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

function defaultSize(): number {
  const configured = process.env.POLICY_WORKERS;
  if (configured !== undefined && configured !== '') return Math.max(0, Number(configured) || 0);
  return Math.min(8, os.availableParallelism());
}

function inline(): PreparePool {
  return { threads: 0, prepare: async (source, pageFile) => preparePolicy(source, pageFile), close: async () => {} };
}
