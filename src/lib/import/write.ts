/**
 * The importer's writes, atomic (src/lib/files/atomic-write.ts), with temp files of its own naming in the target
 * directory (".import-<pid>-<n>.tmp": a dot file, never matched by `*.md` globs):
 *  - a new file is only created, never replaces an existing one, even one a concurrent run wrote;
 *  - a replacement (same policy, re-rendered) replaces the file.
 * Temp files still in flight when the process is interrupted are removed by `removeLiveTemps`; those of dead
 * processes (a killed run) by `cleanStaleTemps`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { processAlive } from '../files/process-alive.ts';

let counter = 0;
const live = new Set<string>();

const TEMP_PATTERN = /^\.import-(\d+)-\d+\.tmp$/;

function withTemp<T>(target: string, write: (temporary: string) => T): T {
  const temporary = path.join(path.dirname(target), `.import-${process.pid}-${++counter}.tmp`);
  live.add(temporary);
  try {
    return write(temporary);
  } finally {
    live.delete(temporary);
  }
}

function removeQuietly(file: string): void {
  live.delete(file);
  try {
    fs.unlinkSync(file);
  } catch {
    /* already gone */
  }
}

/** Publishes a new file; returns false (and writes nothing) if `target` already exists. */
export function writeNewFile(target: string, content: string): boolean {
  return withTemp(target, (temporary) => writeFileAtomic(target, content, { temporary, exclusive: true }));
}

/** Atomically replaces `target` with `content`. */
export function replaceFile(target: string, content: string): void {
  withTemp(target, (temporary) => writeFileAtomic(target, content, { temporary }));
}

/** Removes the temp files of this process that are still in flight (call on SIGINT/SIGTERM). */
export function removeLiveTemps(): void {
  for (const file of [...live]) removeQuietly(file);
}

/** Removes temp files left in `dir` by importer processes that no longer run. */
export function cleanStaleTemps(dir: string, names: string[]): void {
  for (const name of names) {
    const m = TEMP_PATTERN.exec(name);
    if (m && !processAlive(Number(m[1]))) removeQuietly(path.join(dir, name));
  }
}
