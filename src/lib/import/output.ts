/**
 * Where a policy goes: <out>/<domain>/<date>[-<service>].md, or `-2.md`, -3, ... for a second, different snapshot
 * of the same series on the same day; files of the earlier naming are found by `findFormer` (docs/history.md).
 * A file is recognised by the contentHash in its frontmatter: the same input always maps to the same output file.
 *
 * The importer's writes are atomic (src/lib/files/atomic-write.ts), with temp files of its own naming in the
 * target directory (".import-<pid>-<n>.tmp": a dot file, never matched by `*.md` globs): a new file is only
 * created, never replaces an existing one, even one a concurrent run wrote; a replacement (same policy,
 * re-rendered) replaces the file. Temp files still in flight when the process is interrupted are removed by
 * `removeLiveTemps`; those of dead processes (a killed run) when the index first lists their folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readContentHash } from '../content/frontmatter.ts';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { processAlive } from '../files/process-alive.ts';

function fileNameFor(base: string, n: number): string {
  return n <= 1 ? `${base}.md` : `${base}-${n}.md`;
}

/** Caches, per output directory, which `<date>[-n].md` files exist and which hash each holds. */
export class OutputIndex {
  out: string;
  private dirs = new Map<string, Set<string>>();
  private hashes = new Map<string, string | undefined>();

  constructor(out: string) {
    this.out = out;
  }

  dirFor(domain: string): string {
    return path.join(this.out, domain);
  }

  private names(domain: string): Set<string> {
    let names = this.dirs.get(domain);
    if (!names) {
      const dir = this.dirFor(domain);
      let listing: string[] = [];
      try {
        listing = fs.readdirSync(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      // Temp files left by importer processes that no longer run (a killed run).
      for (const name of listing) {
        const pid = TEMP_PATTERN.exec(name)?.[1];
        if (pid && !processAlive(Number(pid))) removeQuietly(path.join(dir, name));
      }
      names = new Set(listing.filter((name) => name.endsWith('.md')));
      this.dirs.set(domain, names);
    }
    return names;
  }

  hashOf(file: string): string | undefined {
    if (this.hashes.has(file)) return this.hashes.get(file);
    let hash: string | undefined;
    try {
      const fd = fs.openSync(file, 'r');
      try {
        const buf = Buffer.alloc(4096);
        const n = fs.readSync(fd, buf, 0, buf.length, 0);
        hash = readContentHash(buf.subarray(0, n).toString('utf8'));
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      hash = undefined;
    }
    this.hashes.set(file, hash);
    return hash;
  }

  /** The existing `<base>[-n].md` file that holds `hash`, if any (lowest suffix first). */
  find(domain: string, base: string, hash: string): string | undefined {
    const names = this.names(domain);
    for (let n = 1; n <= names.size; n++) {
      const name = fileNameFor(base, n);
      if (names.has(name) && this.hashOf(path.join(this.dirFor(domain), name)) === hash) return path.join(this.dirFor(domain), name);
    }
    return undefined;
  }

  /** A file of the earlier naming (`<date>.md`, `<date>-<n>.md`) that holds `hash` but is not `<base>[-n].md`. */
  findFormer(domain: string, date: string, base: string, hash: string): string | undefined {
    for (const name of this.names(domain)) {
      const m = /^(\d{4}-\d{2}-\d{2})(?:-\d+)?\.md$/.exec(name);
      if (!m || m[1] !== date || name === `${base}.md` || new RegExp(`^${base}-\\d+\\.md$`).test(name)) continue;
      const file = path.join(this.dirFor(domain), name);
      if (this.hashOf(file) === hash) return file;
    }
    return undefined;
  }

  nextFree(domain: string, base: string): string {
    const names = this.names(domain);
    let n = 1;
    while (names.has(fileNameFor(base, n))) n++;
    return path.join(this.dirFor(domain), fileNameFor(base, n));
  }

  recordRemoved(domain: string, file: string): void {
    this.names(domain).delete(path.basename(file));
    this.hashes.delete(file);
  }

  /** A file now in `domain`: written by us with `hash`, or (no hash) by someone else between our check and write. */
  recordAdded(domain: string, file: string, hash?: string): void {
    this.names(domain).add(path.basename(file));
    if (hash) this.hashes.set(file, hash);
    else this.hashes.delete(file);
  }
}

let counter = 0;
const live = new Set<string>();

const TEMP_PATTERN = /^\.import-(\d+)-\d+\.tmp$/;

/** Writes `target` atomically; when `exclusive`, only creates it: false (and nothing written) if it exists. */
function writeWithTemp(target: string, content: string, exclusive: boolean): boolean {
  const temporary = path.join(path.dirname(target), `.import-${process.pid}-${++counter}.tmp`);
  live.add(temporary);
  try {
    return writeFileAtomic(target, content, { temporary, exclusive });
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

export function writeNewFile(target: string, content: string): boolean {
  return writeWithTemp(target, content, true);
}

export function replaceFile(target: string, content: string): void {
  writeWithTemp(target, content, false);
}

/** Removes the temp files of this process that are still in flight (call on SIGINT/SIGTERM). */
export function removeLiveTemps(): void {
  for (const file of [...live]) removeQuietly(file);
}
