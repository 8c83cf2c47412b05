import { describe, expect, it } from 'vitest';
import type { Section } from '../../src/lib/clauses/types.ts';
import { comparableLine, lineKind, MAX_WORDS, repeatsHeading } from '../../src/lib/topics/lines.ts';
import { labelTopics } from '../../src/lib/topics/label.ts';
import { growth, MAX_LINEAR_RATIO } from '../support/growth.ts';

describe('lineKind: lines that are not statements (docs/topics.md, stop 17)', () => {
  it('finds date lines', () => {
    expect(lineKind('Last updated: August 20, 2026')).toBe('date');
    expect(lineKind('_Last Update: December 9th, 202_4')).toBe('date');
    expect(lineKind('Effective Date: April 06, 2023')).toBe('date');
    expect(lineKind('Revised November 19, 2025 (major update summary and previous version)')).toBe('date');
    // a date is needed, and a sentence is not a line
    expect(lineKind('Effective immediately')).toBeUndefined();
    expect(lineKind('This Privacy Policy was last updated on May 31, 2019, and it was initially released on August 15, 2012.')).toBeUndefined();
  });

  it('finds headings in title case or capitals', () => {
    expect(lineKind('Changes to this Privacy Policy')).toBe('heading');
    expect(lineKind('HOW TO CONTACT US')).toBe('heading');
    expect(lineKind('J. HOW TO CONTACT US.')).toBe('heading');
    expect(lineKind('How Do I Opt Out?')).toBe('heading');
    expect(lineKind('Information for European Territory Residents: Our Legal Basis and Your Rights')).toBe('heading');
  });

  it('finds contents entries in sentence case only under a contents heading', () => {
    expect(lineKind('How we use your data', 'Table of Contents')).toBe('contents');
    expect(lineKind('Why Google collects data', 'Contents')).toBe('contents');
    expect(lineKind('How we use your data', 'Privacy Policy')).toBeUndefined();
  });

  it('leaves statements, list items and contact details alone (outside contents lists)', () => {
    for (const text of [
      'We do not sell your personal information.',
      'You can opt out at any time.',
      'WE DO NOT AND WILL NOT SELL YOUR PERSONAL INFORMATION.',
      'Your name and email address',
      'To facilitate transactions, redemptions, and payments;',
      'Contact Us At Privacy@Example.com',
      'GM Flexible Earnings Card 800-388-9107',
      '2. We also get technical information when you use Pinterest',
      '(b) Contact details (e-mail address, phone number)',
    ]) {
      expect(lineKind(text), text).toBeUndefined();
    }
    // a line of an address is not a heading: it may be a contact detail
    for (const text of ['Toyota Motor Sales, U.S.A., Inc.', "Wix Online Platforms Limited 1 Grant's Row Dublin 2 D02HX96, Ireland", '40 Namal Tel Aviv St., Tel Aviv, Israel; or']) {
      expect(lineKind(text), text).toBe('address');
    }
    // longer than MAX_WORDS words: never a line
    expect(lineKind(`${'Word '.repeat(MAX_WORDS)}Word`)).toBeUndefined();
  });
});

describe('a clause that repeats a heading of its policy gets no topic', () => {
  const clause = (text: string) => ({ id: 'x', kind: 'paragraph' as const, ordinal: 1, position: 1, html: text, text, topics: [] as string[] });
  it('repeatsHeading compares words only, without leading numbers', () => {
    const headings = new Set(['8. Changes to our privacy policy', 'Information collected by Zillow'].map(comparableLine));
    expect(repeatsHeading('Changes to our privacy policy', headings)).toBe(true);
    expect(repeatsHeading('information collected by Zillow', headings)).toBe(true);
    expect(repeatsHeading('We may change our privacy policy.', headings)).toBe(false);
  });

  it('labelTopics gives a contents entry that repeats a heading no topic, and the section its topic', () => {
    const entry = clause('Changes to our privacy policy'); // ubuntu.com, sentence case, under "About"
    const body = clause('We may update this policy from time to time.');
    const sections: Section[] = [
      { id: 'about', heading: 'About', level: 2, blocks: [{ type: 'clause', clause: entry }] },
      { id: 'changes', heading: 'Changes to our privacy policy', level: 2, blocks: [{ type: 'clause', clause: body }] },
    ];
    labelTopics(sections);
    expect(entry.topics).toEqual([]);
    expect(body.topics).toContain('policy-changes');
  });
});

describe('the line tests take time linear in the text (untrusted input)', () => {
  const cases: Array<{ name: string; make: (n: number) => string; run: (text: string) => unknown; n: number }> = [
    { name: 'lineKind: one long word', make: (n) => 'A'.repeat(n), run: (t) => lineKind(t), n: 16000 },
    { name: 'lineKind: punctuation before a date lead', make: (n) => `${'*'.repeat(n)}Last updated 2020`, run: (t) => lineKind(t), n: 16000 },
    { name: 'lineKind: closing marks at the end', make: (n) => `Changes To This Policy${')'.repeat(n)}`, run: (t) => lineKind(t), n: 16000 },
    { name: 'lineKind: a long contents heading', make: (n) => `Contents${' -'.repeat(n)}`, run: (t) => lineKind('How we use your data', t), n: 16000 },
    { name: 'lineKind: capitalised words', make: (n) => 'Word '.repeat(n), run: (t) => lineKind(t, t), n: 8000 },
    { name: 'lineKind: one word of many capitals and small letters', make: (n) => 'aB'.repeat(n), run: (t) => lineKind(t), n: 8000 },
    { name: 'comparableLine: numbers and separators', make: (n) => '1 .'.repeat(n), run: comparableLine, n: 30 },
    { name: 'repeatsHeading: a long line', make: (n) => 'Word '.repeat(n), run: (t) => repeatsHeading(t, new Set(['word'])), n: 8000 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const g = growth(c.make, c.run, c.n);
      expect(g.ratio, `${c.name}: ${g.small.toFixed(3)} ms at n=${c.n}, ${g.large.toFixed(3)} ms at 4n`).toBeLessThan(MAX_LINEAR_RATIO);
    }, 180_000);
  }
});
