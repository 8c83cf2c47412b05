/**
 * Atomic writes. Content goes to a temp file in the target directory (".import-<pid>-<n>.tmp":
 * a dot file, never matched by `*.md` globs), then
 *  - a new file is published with link(2), which fails if the target already exists: an existing
 *    file is never overwritten, even by a concurrent run;
 *  - a replacement (same policy, re-rendered) is published with rename(2).
 * Either way readers see the old file or the new one, never half of one. On any failure the temp
 * file is removed; temp files of dead processes (a killed run) are cleaned up by `cleanStaleTemps`.
 */
import fs from 'node:fs';
import path from 'node:path';

let counter = 0;
const live = new Set<string>();

export const TEMP_PATTERN = /^\.import-(\d+)-\d+\.tmp$/;

function tempPath(dir: string): string {
  return path.join(dir, `.import-${process.pid}-${++counter}.tmp`);
}

function writeTemp(dir: string, content: string): string {
  const tmp = tempPath(dir);
  live.add(tmp);
  try {
    try {
      fs.writeFileSync(tmp, content, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      fs.mkdirSync(dir, { recursive: true }); // first file of this domain
      fs.writeFileSync(tmp, content, { flag: 'wx' });
    }
  } catch (error) {
    removeQuietly(tmp);
    throw error;
  }
  return tmp;
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
  const dir = path.dirname(target);
  const tmp = writeTemp(dir, content);
  try {
    fs.linkSync(tmp, target);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw error;
    // A file system without hard links: check, then rename (not race-free, but still atomic).
    if (fs.existsSync(target)) return false;
    fs.renameSync(tmp, target);
    live.delete(tmp);
    return true;
  } finally {
    removeQuietly(tmp);
  }
}

/** Atomically replaces `target` with `content`. */
export function replaceFile(target: string, content: string): void {
  const tmp = writeTemp(path.dirname(target), content);
  try {
    fs.renameSync(tmp, target);
    live.delete(tmp);
  } catch (error) {
    removeQuietly(tmp);
    throw error;
  }
}

/** Removes the temp files of this process that are still in flight (call on SIGINT/SIGTERM). */
export function removeLiveTemps(): void {
  for (const file of [...live]) removeQuietly(file);
}

/** Whether a process of this id runs (one we may not signal counts as running). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temp files left in `dir` by importer processes that no longer run. */
export function cleanStaleTemps(dir: string, names: string[]): void {
  for (const name of names) {
    const m = TEMP_PATTERN.exec(name);
    if (m && !processAlive(Number(m[1]))) removeQuietly(path.join(dir, name));
  }
}
