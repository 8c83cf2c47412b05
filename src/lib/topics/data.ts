/** Reading labelled segments (JSON Lines in the format of opp115/dev.jsonl) and fingerprinting them. Node only. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Segment } from './train.ts';

export interface LoadedFile {
  rows: Segment[];
  /** sha256 (hex) of the file's bytes. */
  sha256: string;
}

export function readSegments(path: string): LoadedFile {
  const bytes = readFileSync(path);
  const rows: Segment[] = [];
  bytes
    .toString('utf8')
    .split('\n')
    .forEach((line, n) => {
      if (!line.trim()) return;
      const row = JSON.parse(line) as Segment;
      if (typeof row.text !== 'string' || !Array.isArray(row.categories)) {
        throw new Error(`${path}:${n + 1}: expected fields "text" (string) and "categories" (array)`);
      }
      rows.push(row);
    });
  return { rows, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Short hash of a segment's whitespace-normalised text: lets eval recognise training segments without storing them. */
export function textFingerprint(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 10);
}
