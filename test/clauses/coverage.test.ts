/**
 * A build says so, naming the file, when a page shows fewer words than the importer counted (issue #16).
 * preparePolicy is the loader's per-file step; the loader prints its warnings as `<file>: <warning>`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { coverageWarnings, missingWords } from '../../src/lib/clauses/coverage.ts';
import { MAX_ANCHORS, segment } from '../../src/lib/clauses/segment.ts';
import { countWords } from '../../src/lib/import/word-count.ts';
import { preparePolicy } from '../../src/loaders/prepare.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coverage-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const source = (wordCount: number, body: string) =>
  `---\ndomain: example.com\ncompany: Example\ntitle: Example privacy policy\narchivedOn: 2020-01-01\nsnapshotUrl: https://example.com/\nsourceLabel: original\ncontentHash: sha256:${'0'.repeat(64)}\nwordCount: ${wordCount}\n---\n\n${body}\n`;

describe('preparePolicy: words published against words imported', () => {
  // wordCount as the importer writes it (countWords of the body): the check counted against it before.
  const prepare = (body: string, name: string) => preparePolicy(source(countWords(body), body), path.join(dir, name));

  it('reports a single missing word, naming it', () => {
    const body = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} says what it says about your data.`).join('\n\n');
    const policy = segment(body);
    const clause = policy.sections[0].blocks[7];
    if (clause.type !== 'clause') throw new Error('a paragraph');
    clause.clause.text = clause.clause.text.replace(' data.', '');
    expect(coverageWarnings(policy, body)).toEqual(['the page shows 359 of the 360 words imported (0.3 % missing; first missing: "data.")']);
  });

  it('says nothing when every word is there: ordered-list numbers are list numbering', () => {
    const body = `## Rights\n\n${Array.from({ length: 12 }, (_, i) => `${i + 1}. Yes.`).join('\n')}`;
    expect(prepare(body, 'b.page')).toMatchObject({ ok: true, warnings: [] });
  });

  it('says nothing when every word is there: character references are the characters', () => {
    expect(prepare('1 &lt; 2 &amp;&amp; 3 &#123; 4 &nbsp; 5.\n'.repeat(12), 'c.page')).toMatchObject({ ok: true, warnings: [] });
  });

  it('says nothing when every word is there: links written back to back are one run of letters', () => {
    expect(prepare('[News](https://a.example/n)[Markets](https://a.example/m "Markets")\n'.repeat(12), 'd.page')).toMatchObject({ ok: true, warnings: [] });
  });
});

describe('missingWords: both sides read the same way', () => {
  const missing = (body: string) => missingWords(body, segment(body)).missing;

  it('a link title running onto the next line, a destination with parentheses', () => {
    expect(missing('See [the policy](https://w.example/wiki/User:A_(B) "Privacy\npolicy (35% translated)") now.')).toEqual([]);
  });

  it('escapes, emphasis inside a word, emphasis that is no emphasis, a table', () => {
    expect(missing('**11\\. Changes** to **f**rom the **P****roctorio** [ICANN](https://i.example)\\-accredited 4.**Can**')).toEqual([]);
    expect(missing('| Name|Use |\n|---|---|\n| one|two |')).toEqual([]);
  });

  it('an indented code block shows a link as written', () => {
    expect(missing('Text.\n\n    See [Terms and Conditions](https://t.example/terms)) on our site.')).toEqual([]);
  });

  it('finds a word missing among re-split ones', () => {
    const body = 'Alpha beta.\n\nGamma delta.';
    const policy = segment(body);
    const clause = policy.sections[0].blocks[1];
    if (clause.type !== 'clause') throw new Error('a paragraph');
    clause.clause.text = 'Gamma';
    expect(missingWords(body, policy)).toEqual({ words: 4, missing: ['delta.'] });
  });
});

describe('coverageWarnings', () => {
  it('reports a page past the anchor limit', () => {
    const markdown = Array.from({ length: MAX_ANCHORS + 5 }, (_, i) => `* item${i}`).join('\n');
    const warnings = coverageWarnings(segment(markdown), markdown);
    expect(warnings).toEqual([`more than ${MAX_ANCHORS} sections and clauses: the last 7 are shown as the text of one clause`]);
  }, 30_000);
});
