/** JSON files of the build's caches: written atomically (atomic-write.ts), read as undefined when missing or unreadable. */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from './atomic-write.ts';

export function writeJson(file: string, value: unknown): void {
  writeFileAtomic(file, JSON.stringify(value));
}

export function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}
