/**
 * The policies loader's code digest (src/loaders/policies.ts): part of every entry's digest, so that a change to
 * the code that prepares policies prepares them again, and Astro's incremental build cannot keep a stale page.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareCodeDigest } from '../../src/loaders/policies.ts';
import { PROJECT_ROOT } from '../support/site.ts';

const copy = mkdtempSync(path.join(os.tmpdir(), 'ppa-prepare-code-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));
for (const part of ['src/loaders/prepare.ts', 'src/lib/clauses', 'src/lib/content', 'src/lib/history', 'src/lib/policies', 'src/lib/topics', 'src/lib/search', 'src/pages']) {
  cpSync(path.join(PROJECT_ROOT, part), path.join(copy, part), { recursive: true });
}

describe('prepareCodeDigest', () => {
  it('is the same for the same code, wherever the project is', async () => {
    expect(await prepareCodeDigest(copy)).toBe(await prepareCodeDigest(PROJECT_ROOT));
  });

  it('changes when the renderer, the segmenter or the topic model changes', async () => {
    const before = await prepareCodeDigest(copy);
    for (const file of ['src/lib/policies/render.ts', 'src/lib/clauses/segment.ts', 'src/lib/topics/model.json']) {
      const full = path.join(copy, file);
      const original = (await import('node:fs')).readFileSync(full);
      writeFileSync(full, Buffer.concat([original, Buffer.from('\n')]));
      expect(await prepareCodeDigest(copy), file).not.toBe(before);
      writeFileSync(full, original);
    }
    expect(await prepareCodeDigest(copy)).toBe(before);
  });

  it('does not change with code that only lays pages out or indexes them', async () => {
    const before = await prepareCodeDigest(copy);
    writeFileSync(path.join(copy, 'src/lib/search/passages.ts'), '// another indexer\n');
    writeFileSync(path.join(copy, 'src/pages/index.astro'), '---\n---\n');
    expect(await prepareCodeDigest(copy)).toBe(before);
  });
});
