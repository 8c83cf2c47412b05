/**
 * Digests of source files, for caches that must be dropped when code changes: the policies loader's entries
 * (the code that prepares a policy) and the build record (everything that shapes the site).
 */
import type { Hash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** The files under `entry` (recursively), or `entry` itself when it is a file; none when it does not exist. */
export async function sourceFiles(entry: string): Promise<string[]> {
  const info = await stat(entry).catch(() => undefined);
  if (!info) return [];
  if (!info.isDirectory()) return [entry];
  return (await readdir(entry, { recursive: true, withFileTypes: true })).filter((item) => item.isFile()).map((item) => path.join(item.parentPath, item.name));
}

/** Adds each file's path (relative to the project) and bytes to `hash`, in path order; "(none)" for a missing file. */
export async function hashFiles(hash: Hash, projectRoot: string, files: string[]): Promise<Hash> {
  for (const file of [...files].sort()) hash.update(`${path.relative(projectRoot, file)}\n`).update(await readFile(file).catch(() => Buffer.from('(none)')));
  return hash;
}
