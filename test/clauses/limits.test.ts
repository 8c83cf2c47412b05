/**
 * Nothing a policy says is dropped by the segmenter (issue #16): past markdown-it's nesting limit, past the
 * anchors a page may hold, after a fence opened by a line of backticks and text.
 */
import { describe, expect, it } from 'vitest';
import { MAX_ANCHORS, segment } from '../../src/lib/clauses/segment.ts';
import type { SegmentedPolicy } from '../../src/lib/clauses/types.ts';
import { countWords } from '../../src/lib/import/word-count.ts';

/** Every heading and clause text of the page, in order. */
const published = (policy: SegmentedPolicy) =>
  policy.sections.flatMap((s) => [s.heading, ...s.blocks.flatMap((b) => (b.type === 'clause' ? [b.clause.text] : b.items.map((c) => c.text)))]).join(' ');
const anchors = (policy: SegmentedPolicy) => policy.sections.reduce((n, s) => n + 1 + s.blocks.reduce((m, b) => m + (b.type === 'clause' ? 1 : b.items.length), 0), 0);

describe('segment: nothing is lost', () => {
  it('keeps a list nested 200 deep, and the paragraph after it', () => {
    const markdown = `${Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}- level${i}`).join('\n')}\n\nFinal paragraph here.`;
    const text = published(segment(markdown));
    expect(text).toContain('level199');
    expect(text).toContain('Final paragraph here.');
    expect(countWords(text)).toBe(countWords(markdown));
  });

  it('keeps a quote nested 200 deep, and the paragraph after it', () => {
    const text = published(segment(`${'>'.repeat(200)} deep quote\n\nAfter the quote.`));
    expect(text).toContain('deep quote');
    expect(text).toContain('After the quote.');
  });

  it('keeps the words on the line of a run of 50,000 backticks', () => {
    const text = published(segment(`Before.\n\n${'`'.repeat(50_000)} after the ticks\n\nMore text.`));
    expect(text).toContain('after the ticks');
    expect(text).toContain('More text.');
  });

  it(`puts what is past ${MAX_ANCHORS} sections and clauses into the last clause, as text`, () => {
    const items = Array.from({ length: 30_000 }, (_, i) => `* item${i}`);
    const markdown = `## First\n\n${items.slice(0, 15_000).join('\n')}\n\n## Second\n\n${items.slice(15_000).join('\n')}\n\nThe end.`;
    const policy = segment(markdown);
    expect(anchors(policy)).toBeLessThanOrEqual(MAX_ANCHORS);
    // anchors 1 to 9,999: "First" and items 0 to 9,997; the rest (items 9,998 to 29,999, "Second", "The end.") is the last clause
    expect(policy.overflow).toEqual({ limit: MAX_ANCHORS, spilled: 30_000 - 9_998 + 2 });
    const text = published(policy);
    expect(countWords(text)).toBe(countWords(markdown));
    expect(text.endsWith('item29999 The end.')).toBe(true);
  }, 60_000);

  it('leaves a policy under the limit as it was', () => {
    expect(segment('## A\n\n* one\n* two').overflow).toBeUndefined();
  });
});
