import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Moves every file of `from` into `to`, replacing files of the same path, and removes `from`. Each file is
 * renamed into place, so a reader of `to` sees either the old or the new version of a page, never part of one.
 * Both folders must be on the same file system (the build keeps its scratch output in its cache folder).
 */
export async function moveTree(from: string, to: string): Promise<number> {
  let moved = 0;
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) moved += await moveTree(source, target);
    else {
      await rename(source, target);
      moved++;
    }
  }
  await rm(from, { recursive: true, force: true });
  return moved;
}
