/**
 * One build at a time per cache folder: two builds in one checkout wrote the same data store, ledger and
 * output, and crashed (`ENOENT rename …data-store.json.tmp`). `npm run build` takes a lock file holding its
 * pid; a second build refuses with a message naming the holder. A lock whose process is gone (kill -9, a
 * crash) is taken over.
 */
import { renameSync, rmSync, statSync } from 'node:fs';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { readJson } from '../files/json-file.ts';
import { processAlive } from '../files/process-alive.ts';

export class LockedError extends Error {}

type Holder = { pid: number; started: string };

function readHolder(file: string): Holder | undefined {
  const holder = readJson<Holder>(file);
  return Number.isInteger(holder?.pid) ? holder : undefined;
}

/** A lock file is written whole (atomic-write.ts); an unreadable one, damaged, is stale only once this old. */
const UNREADABLE_GRACE_MS = 10_000;

/** Takes the lock, or throws LockedError naming the build that holds it; returns the release function. */
export function acquireLock(file: string): () => void {
  for (let attempt = 0; ; attempt++) {
    const mine: Holder = { pid: process.pid, started: new Date().toISOString() };
    if (writeFileAtomic(file, JSON.stringify(mine), { exclusive: true })) {
      return () => {
        if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
      };
    }
    const holder = readHolder(file);
    const mtime = statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    const stale = holder ? !processAlive(holder.pid) : Date.now() - mtime > UNREADABLE_GRACE_MS;
    if (!stale || attempt > 0) {
      throw new LockedError(
        `another build is running in this checkout${holder ? ` (pid ${holder.pid}, started ${holder.started})` : ''}: wait for it to finish, or remove ${file} if no build runs`,
      );
    }
    // Stale: move it aside (only one of two builds taking over at once succeeds), then try again.
    try {
      renameSync(file, `${file}.stale-${process.pid}`);
      rmSync(`${file}.stale-${process.pid}`, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
