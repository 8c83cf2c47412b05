/**
 * The one atomic write of the project: the content goes to a temp file beside the target, then rename(2) (or,
 * for a file that must not exist yet, link(2)) puts it in place, so a reader sees the old file or the new one,
 * never half of one. The temp file never outlives the call; the target's folder is made when missing.
 */
import { existsSync, linkSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Errors of a file system without hard links. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'ENOSYS', 'EOPNOTSUPP']);

export interface AtomicWriteOptions {
  /** The temp file (default `<file>.<pid>.<random>.tmp`): in the target's folder, so that rename(2) can move it. */
  temporary?: string;
  /** Only create: an existing file is never replaced, even by a concurrent writer (link(2) fails if it exists). */
  exclusive?: boolean;
}

/** Writes `content` to `file` atomically; false only when `exclusive` and the file exists (nothing written). */
export function writeFileAtomic(file: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): boolean {
  const temporary = options.temporary ?? `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(temporary, content, { flag: 'wx' });
    if (!options.exclusive) renameSync(temporary, file);
    else return createOnly(temporary, file);
    return true;
  } finally {
    rmSync(temporary, { force: true });
  }
}

function createOnly(temporary: string, file: string): boolean {
  try {
    linkSync(temporary, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return false;
    if (!NO_LINKS.has(code)) throw error;
    // A file system without hard links: check, then rename (not race-free, but still atomic).
    if (existsSync(file)) return false;
    renameSync(temporary, file);
    return true;
  }
}
