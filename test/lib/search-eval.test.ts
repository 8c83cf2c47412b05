/** The arithmetic of `npm run eval:search` (src/lib/search/eval/): precision at k, the BM25 baseline, clause labels. */
import { describe, expect, it } from 'vitest';
import { labelClauses } from '../../src/lib/search/eval/clauses.ts';
import { bm25Rank, mean, precisionAt } from '../../src/lib/search/eval/metrics.ts';
import { policyFile, setOf } from '../../src/lib/search/eval/opp115.ts';

describe('precisionAt', () => {
  const relevant = (link: string) => link.startsWith('+');
  it('counts right answers among the first k, over k', () => {
    expect(precisionAt(5, ['+a', '-b', '+c', '-d', '+e', '+f'], relevant)).toBe(3 / 5);
    expect(precisionAt(2, ['+a', '+b', '-c'], relevant)).toBe(1);
  });
  it('counts the missing places of a short list as wrong, and a link shown twice once', () => {
    expect(precisionAt(10, ['+a', '+b'], relevant)).toBe(0.2);
    expect(precisionAt(4, ['+a', '+a', '-b', '+c'], relevant)).toBe(2 / 4);
    expect(precisionAt(10, [], relevant)).toBe(0);
  });
  it('averages per question', () => {
    expect(mean([0.2, 0.4, 0.9])).toBeCloseTo(0.5);
    expect(mean([])).toBe(0);
  });
});

describe('bm25Rank', () => {
  const docs = [
    { id: 'keep', text: 'We keep your data for two years.' },
    { id: 'cookies', text: 'We use cookies. Cookies are small files.' },
    { id: 'long', text: 'We keep records of many kinds, for as long as the law asks, in many places, with many partners and for many reasons.' },
    { id: 'none', text: 'Contact us by mail.' },
  ];
  it('ranks by the query words, rarer words and shorter documents first, and leaves out what matches nothing', () => {
    expect(bm25Rank(docs, 'keep data')).toEqual(['keep', 'long']);
    expect(bm25Rank(docs, 'cookie')).toEqual(['cookies']);
  });
  it('is the textbook formula (k1 1.2, b 0.75, idf ln(1 + (N − n + 0.5) / (n + 0.5)))', () => {
    // One document of two has the word once, both are 2 words long: score = idf * (1 * 2.2) / (1 + 1.2).
    const ranked = bm25Rank(
      [
        { id: 'a', text: 'apple pie' },
        { id: 'b', text: 'cherry pie' },
      ],
      'apple',
    );
    expect(ranked).toEqual(['a']);
    expect(Math.log(1 + (2 - 1 + 0.5) / (1 + 0.5))).toBeCloseTo(Math.log(2));
  });
});

describe('labelClauses', () => {
  const segments = [
    { index: 0, text: 'Privacy Policy\n\nWe collect your e-mail address.', categories: ['First Party Collection/Use'] },
    { index: 1, text: 'We keep it for 30 days.', categories: ['Data Retention'] },
  ];
  it("gives each clause the categories of the segment it came from, by its text", () => {
    const labelled = labelClauses(
      [
        { link: '/p/#a-1', text: 'We collect your e-mail address.' },
        { link: '/p/#a-2', text: 'We keep it for 30 days.' },
        { link: '/p/#a-3', text: 'keep it for thirty days' },
      ],
      segments,
    );
    expect(labelled.map((clause) => clause.categories)).toEqual([['First Party Collection/Use'], ['Data Retention'], ['Data Retention']]);
  });
});

describe('the OPP-115 policies as archive files', () => {
  it('splits by a seeded hash of the name, whatever the order', () => {
    const names = Array.from({ length: 40 }, (_, i) => `${i}_site${i}.com`);
    const sets = names.map((name) => setOf({ name }));
    expect(new Set(sets)).toEqual(new Set(['dev', 'held-out']));
    expect([...names].reverse().map((name) => setOf({ name }))).toEqual([...sets].reverse());
  });
  it('writes the provenance header, then the segments as paragraphs', () => {
    const file = policyFile({ name: '1_a.com', site: 'www.A.com', url: 'http://www.a.com/privacy', segments: [{ index: 0, text: 'One.', categories: [] }, { index: 1, text: ' Two. ', categories: [] }] });
    expect(file.split('\n')[0]).toMatch(/^> \*The following text is extracted and transformed from the a\.com privacy policy that was archived on \d{4}-\d{2}-\d{2}\. Please check the \[.+\]\(https:\/\/web\.archive\.org\/web\/\d{14}id_\/http:\/\/www\.a\.com\/privacy\) for the most accurate reproduction\.\*$/);
    expect(file.split('\n').slice(1).join('\n')).toBe('\nOne.\n\nTwo.\n');
  });
});
