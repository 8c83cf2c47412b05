/**
 * A small pool of worker threads for CPU work of the build (the policies loader's segmentation and topic
 * labelling, the search index's vocabulary). Each worker runs a script that calls `serveRequests` with the
 * same function the pool falls back to: the script is plain Node with type stripping, so every module it
 * imports is erasable TypeScript with explicit extensions. Where workers cannot start (a runtime without type
 * stripping), or once one has failed, requests run in this thread instead.
 */
import { parentPort, Worker } from 'node:worker_threads';

export interface WorkerPool<Request, Result> {
  /** Worker threads (0: working in this thread). */
  readonly threads: number;
  run(request: Request): Promise<Result>;
  close(): Promise<void>;
}

interface Reply<Result> {
  id: number;
  result?: Result;
  error?: string;
}

/**
 * `size` workers running `script`; `inline` does the same work in this thread. A request goes to the least busy
 * worker (work items vary: policies from 1 kB to 700 kB).
 */
export function createWorkerPool<Request, Result>(script: URL, size: number, inline: (request: Request) => Result | Promise<Result>): WorkerPool<Request, Result> {
  const inThisThread: WorkerPool<Request, Result> = { threads: 0, run: async (request) => inline(request), close: async () => {} };
  if (size <= 0) return inThisThread;
  let workers: Worker[];
  try {
    workers = Array.from({ length: size }, () => new Worker(script));
  } catch {
    return inThisThread;
  }
  const pending = new Map<number, PromiseWithResolvers<Result>>();
  const load = new Map<Worker, number>(workers.map((worker) => [worker, 0]));
  let next = 0;
  let broken: Error | undefined;
  for (const worker of workers) {
    worker.on('message', ({ id, result, error }: Reply<Result>) => {
      load.set(worker, load.get(worker)! - 1);
      const waiting = pending.get(id);
      pending.delete(id);
      if (error !== undefined) waiting?.reject(new Error(error));
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
    async run(request) {
      if (broken) return inline(request);
      const id = next++;
      const worker = workers.reduce((a, b) => (load.get(b)! < load.get(a)! ? b : a));
      load.set(worker, load.get(worker)! + 1);
      const waiting = Promise.withResolvers<Result>();
      pending.set(id, waiting);
      worker.postMessage({ id, request });
      return waiting.promise;
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/** The worker side: answers every request with `work(request)`, or with the error it threw. */
export function serveRequests<Request, Result>(work: (request: Request) => Result | Promise<Result>): void {
  parentPort!.on('message', async ({ id, request }: { id: number; request: Request }) => {
    try {
      parentPort!.postMessage({ id, result: await work(request) } satisfies Reply<Result>);
    } catch (error) {
      parentPort!.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies Reply<Result>);
    }
  });
}
