/**
 * Expands command-line paths into input files: a file as given; a directory recursively
 * (every regular file, sorted by name, dot files and dot directories skipped).
 * Paths that do not exist or are not regular files are returned as problems, not thrown.
 */
import fs from 'node:fs';
import path from 'node:path';

interface InputFile {
  path: string;
  size: number;
}

export interface Expanded {
  files: InputFile[];
  problems: { path: string; message: string }[];
}

export function expandPaths(paths: readonly string[]): Expanded {
  const files = new Map<string, InputFile>(); // by absolute path: a file met twice is imported once
  const problems: Expanded['problems'] = [];
  let found = 0; // regular files met, before duplicates are dropped
  const add = (p: string, size: number) => {
    found++;
    if (!files.has(path.resolve(p))) files.set(path.resolve(p), { path: p, size });
  };
  const visitedDirs = new Set<string>();
  const walk = (dir: string) => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch {
      return;
    }
    if (visitedDirs.has(real)) return;
    visitedDirs.add(real);
    let names: string[];
    try {
      names = fs.readdirSync(dir).sort();
    } catch (error) {
      problems.push({ path: dir, message: `cannot read directory (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
      return;
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const p = path.join(dir, name);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(p); // through a symbolic link to what it points at
      } catch {
        problems.push({ path: p, message: 'broken symbolic link' });
        continue;
      }
      if (stat.isDirectory()) walk(p);
      else if (stat.isFile()) add(p, stat.size);
      else problems.push({ path: p, message: 'not a regular file' });
    }
  };
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push({ path: p, message: code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file or directory' : `cannot read (${code ?? String(error)})` });
      continue;
    }
    if (stat.isDirectory()) {
      const before = found + problems.length;
      const walkedAlready = visitedDirs.has(fs.realpathSync(p));
      walk(p);
      // A folder named on the command line that holds nothing to import is a mistake worth a word.
      if (!walkedAlready && found + problems.length === before) problems.push({ path: p, message: 'no files to import in this directory' });
    } else if (stat.isFile()) add(p, stat.size);
    else problems.push({ path: p, message: 'not a regular file' });
  }
  return { files: [...files.values()], problems };
}
