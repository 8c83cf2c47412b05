/**
 * Segmentation and topic labelling of policies on every core (src/lib/workers/pool.ts running
 * prepare-worker.ts). Parsing and classifying is ~95 % of the loader's CPU time (profile of 1,500 policies),
 * and it ran on one core while the other idled.
 *
 * POLICY_WORKERS sets the pool size (default: available cores, at most 8; 0 = prepare in this thread).
 */
import os from 'node:os';
import { config } from '../config.ts';
import { createWorkerPool, type WorkerPool } from '../lib/workers/pool.ts';
import { preparePolicy, type Prepared } from './prepare.ts';

export interface PrepareRequest {
  source: string;
  pageFile: string;
}

export type PreparePool = WorkerPool<PrepareRequest, Prepared>;

export function createPreparePool(size = defaultSize()): PreparePool {
  return createWorkerPool(new URL('./prepare-worker.ts', import.meta.url), size, ({ source, pageFile }: PrepareRequest) => preparePolicy(source, pageFile));
}

function defaultSize(): number {
  if (config.POLICY_WORKERS !== undefined) return config.POLICY_WORKERS;
  return Math.min(8, os.availableParallelism());
}
