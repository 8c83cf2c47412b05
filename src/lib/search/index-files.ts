/** Files of the search-index stage: partition bundles linked from its cache, the cache pruned, vocabularies kept. */
import { copyFileSync, linkSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exists } from './site-pages.ts';

/**
 * A copy of a folder made of hard links (a plain copy where the file system refuses them): a partition is
 * ~4,300 files, and copying the four unchanged partitions of a 10,000-policy archive into the site took ~12 s
 * of an addition. Safe because neither side is ever written in place: Pagefind writes new files, a build
 * empties the site folder (unlinking, which leaves the cache's copy), and the cache is replaced by renaming.
 * Synchronous: linking a partition through fs.promises took 0.7 s, linkSync 0.1 s (a thread-pool round trip
 * per file).
 */
export function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target);
    else {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
}

export async function pruneCache(cacheRoot: string, keep: Set<string>): Promise<void> {
  for (const name of await readdir(cacheRoot).catch(() => [] as string[])) if (!keep.has(name)) await rm(path.join(cacheRoot, name), { recursive: true, force: true });
}

/** The vocabularies partitions in the cache were indexed with, by digest (a few MB each at 10,000 policies). */
export async function writeVocabulary(root: string, digest: string, words: string[]): Promise<void> {
  const file = path.join(root, `${digest}.txt`);
  if (await exists(file)) return;
  await mkdir(root, { recursive: true });
  await writeFile(`${file}.tmp-${process.pid}`, words.join('\n'));
  await rename(`${file}.tmp-${process.pid}`, file);
}

export async function readVocabulary(root: string, digest: string): Promise<string[] | undefined> {
  return readFile(path.join(root, `${digest}.txt`), 'utf8').then(
    (text) => text.split('\n'),
    () => undefined,
  );
}

export async function folderSize(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}
