import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'import');
export const GOOD = path.join(FIXTURES, 'good');
export const BAD = path.join(FIXTURES, 'bad');

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'import-test-'));
}

/** All files under dir, relative, sorted (dot files included). */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((p) => fs.statSync(path.join(dir, p)).isFile())
    .sort();
}

export const HEADER = (domain: string, date: string) =>
  `> *The following text is extracted and transformed from the ${domain} privacy policy that was archived on ${date}. Please check the [original snapshot on the Wayback Machine](https://web.archive.org/web/${date.replaceAll('-', '')}000000id_/http%3A//${domain}/privacy) for the most accurate reproduction.*`;
