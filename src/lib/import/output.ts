/**
 * Where a policy goes: <out>/<domain>/<date>.md, or <date>-2.md, -3, ... when a different
 * snapshot of the same domain already took the date. A file is recognised by the contentHash in its
 * frontmatter: the same input always maps to the same output file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readContentHash } from './frontmatter.ts';
import { cleanStaleTemps } from './write.ts';

export interface ExistingVersion {
  file: string;
  hash: string | undefined;
}

export function fileNameFor(date: string, n: number): string {
  return n <= 1 ? `${date}.md` : `${date}-${n}.md`;
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
      cleanStaleTemps(dir, listing);
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

  /** The existing file for this date that holds `hash`, if any (lowest suffix first). */
  find(domain: string, date: string, hash: string): string | undefined {
    const candidates: [number, string][] = [];
    for (const name of this.names(domain)) {
      if (!name.startsWith(date)) continue;
      const m = /^\d{4}-\d{2}-\d{2}(?:-(\d+))?\.md$/.exec(name);
      if (m && name.slice(0, 10) === date) candidates.push([m[1] ? Number(m[1]) : 1, name]);
    }
    candidates.sort((x, y) => x[0] - y[0]);
    for (const [, name] of candidates) {
      const file = path.join(this.dirFor(domain), name);
      if (this.hashOf(file) === hash) return file;
    }
    return undefined;
  }

  /** The first free `<date>[-n].md` from `from` on. */
  nextFree(domain: string, date: string, from = 1): { file: string; n: number } {
    const names = this.names(domain);
    let n = from;
    while (names.has(fileNameFor(date, n))) n++;
    return { file: path.join(this.dirFor(domain), fileNameFor(date, n)), n };
  }

  recordWritten(domain: string, file: string, hash: string): void {
    this.names(domain).add(path.basename(file));
    this.hashes.set(file, hash);
  }

  /** Someone else created the file between our check and our write. */
  recordTaken(domain: string, file: string): void {
    this.names(domain).add(path.basename(file));
    this.hashes.delete(file);
  }
}
