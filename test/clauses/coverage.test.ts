/**
 * A build says so, naming the file, when a page shows fewer words than the importer counted (issue #16).
 * preparePolicy is the loader's per-file step; the loader prints its warnings as `<file>: <warning>`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { coverageWarnings } from '../../src/lib/clauses/coverage.ts';
import { MAX_ANCHORS, segment } from '../../src/lib/clauses/segment.ts';
import { preparePolicy } from '../../src/loaders/prepare.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coverage-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const source = (wordCount: number, body: string) =>
  `---\ndomain: example.com\ncompany: Example\ntitle: Example privacy policy\narchivedOn: 2020-01-01\nsnapshotUrl: https://example.com/\nsourceLabel: original\ncontentHash: sha256:${'0'.repeat(64)}\nwordCount: ${wordCount}\n---\n\n${body}\n`;

describe('preparePolicy: words published against words imported', () => {
  it('warns when the page shows fewer words than were imported', () => {
    const prepared = preparePolicy(source(400, 'Eight words survive in this one short paragraph.'), path.join(dir, 'a.page'), 'example.com/2020-01-01');
    expect(prepared.ok).toBe(true);
    expect(prepared.ok && prepared.warnings).toEqual(['the page shows 8 of the 400 words imported (98.0 % missing)']);
  });

  it('says nothing when every word is there (list numbers apart)', () => {
    const body = '## Rights\n\n1. You may ask for a copy.\n2. You may ask us to delete it.\n3. You may object.';
    const prepared = preparePolicy(source(22, body), path.join(dir, 'b.page'), 'example.com/2020-01-01');
    expect(prepared.ok && prepared.warnings).toEqual([]);
  });
});

describe('coverageWarnings', () => {
  it('reports a page past the anchor limit', () => {
    const markdown = Array.from({ length: MAX_ANCHORS + 5 }, (_, i) => `* item${i}`).join('\n');
    const warnings = coverageWarnings(segment(markdown), MAX_ANCHORS + 5);
    expect(warnings).toEqual([`more than ${MAX_ANCHORS} sections and clauses: the last 7 are shown as the text of one clause`]);
  }, 30_000);
});
