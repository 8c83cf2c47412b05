/**
 * The loader's page files (src/lib/policies/page-file.ts): what the policy page reads is what the loader wrote.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPageFile, writePageFile } from '../../src/lib/policies/page-file.ts';
import type { RenderedPolicy } from '../../src/lib/policies/render.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'page-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('page files', () => {
  it('give back exactly what was written: line breaks, quotes, non-Latin text, surrogate pairs, empty parts', () => {
    const cases: RenderedPolicy[] = [
      { topicSummary: '<nav class="topic-summary">\n"Cookies"</nav>', toc: '<nav class="toc">é\n</nav>', body: '<p>Ünïcode — 中文 😀 {"json": "like"}\n\n</p>\n', clauseCount: 3, topics: ['cookies', 'sharing'] },
      { topicSummary: '', toc: '', body: '', clauseCount: 0, topics: [] },
      { topicSummary: '\n', toc: '😀', body: '\n{"lengths":[1,2]}\n', clauseCount: 1, topics: ['children'] },
    ];
    cases.forEach((rendered, n) => {
      const file = path.join(dir, 'example.com', `2020-01-0${n + 1}.page`);
      writePageFile(file, rendered);
      expect(readPageFile(file)).toEqual(rendered);
    });
  });

  it('refuse a file of another format, or cut short, with the file named', () => {
    const old = path.join(dir, 'old.page');
    writeFileSync(old, JSON.stringify({ topicSummary: '', toc: '', body: '<p>x</p>', clauseCount: 1, topics: [] }));
    expect(() => readPageFile(old)).toThrow(`${old}: not a policy page file`);
    const whole = path.join(dir, 'whole.page');
    writePageFile(whole, { topicSummary: '<nav>summary</nav>', toc: '<nav>contents</nav>', body: '<p>x</p>', clauseCount: 1, topics: [] });
    const short = path.join(dir, 'short.page');
    const text = readFileSync(whole, 'utf8');
    writeFileSync(short, text.slice(0, text.indexOf('\n') + 5));
    expect(() => readPageFile(short)).toThrow(`${short}: not a policy page file`);
  });
});
