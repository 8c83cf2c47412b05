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

describe('lineKind, stop 18: glued numbers, date sentences, addresses with numbers (docs/topics.md)', () => {
  it('finds a numbered heading with no space after its number', () => {
    expect(lineKind('9.c.Changes to this Policy')).toBe('heading'); // line.me, under "9.Other important information"
    expect(lineKind('10.a.Notes on Specific Services')).toBe('heading');
    expect(lineKind('2.HOW WE USE YOUR DATA.')).toBe('heading');
    // a glued number does not make a sentence a heading
    expect(lineKind('3.We may share your data with our partners.')).toBeUndefined();
  });

  it('finds date sentences that say nothing but a date of the policy', () => {
    for (const text of [
      'Published on 19 November 2024', // finnair.com
      'This policy was reviewed on 24/04/2026 and last updated on 19/05/2026.', // ft.com
      'This privacy notice was last updated on 25 April 2022.',
      'This version (Version 4.12) is effective as of December 6th, 2022.',
      'Version 3.0, effective July 7, 2020',
      'Page last update: November 14, 2025',
      'Date: November 7, 2025',
      'Valid from 7th of May 2020, updated 15th of Aug 2023.', // dune.com
    ]) {
      expect(lineKind(text), text).toBe('date');
    }
    for (const text of [
      'We keep logs for 30 days after 1 May 2024 and then delete them.',
      'Published reviews may show your name and 2 photos.',
      'This policy was updated on 1 May 2024 to add a section on cookies.',
      'Version 2 of the app collects your location.',
      'This policy was last updated.', // no date
    ]) {
      expect(lineKind(text), text).toBeUndefined();
    }
  });

  it('finds lines of an address that hold street numbers and postcodes', () => {
    for (const text of [
      'Samsung House, 2000 Hillswood Drive, Chertsey, Surrey KT16 0RS, UK',
      '100 Union Square Drive', // hi5.com, under "14. Nous contacter"
      '67 E Evelyn Ave, Ste 200', // flickr.com
      'The Meet Group, Inc. 100 Union Square Drive New Hope, PA 18938',
      'Starbucks Customer Service Starbucks, P.O. Box 20430, Augusta, GA 30916',
      'Valve GmbH Att. Legal Alstertwiete 3 D-20099 Hamburg Germany',
      '8750 North Central Expressway',
    ]) {
      expect(lineKind(text), text).toBe('address');
    }
    // a phone line, a numbered statement and a title-case heading with a number stay what they were
    expect(lineKind('GM Flexible Earnings Card 800-388-9107')).toBeUndefined();
    expect(lineKind('Personal Information Sharing Practices For 2025')).not.toBe('address');
    expect(lineKind('We keep your data in 3 data centres on Main Street.')).toBeUndefined();
  });

  it('finds address lines of up to 20 words (lead, stop 18), and only addresses at that length', () => {
    for (const text of [
      'EU Gartner Ireland Limited Two Park Place Hatch Street Upper Dublin 2 Ireland', // gartner.com, 13 words
      'Privacy Officer MTCH Technology Services OkCupid WeWork Charlemont Exchange 42 Charlemont Street Dublin 2, D02 R593 Ireland', // okcupid.com
    ]) {
      expect(lineKind(text), text).toBe('address');
    }
    // longer than MAX_WORDS and not an address: no kind at all, even in title case
    expect(lineKind('How We Collect, Use, Share And Protect The Information You Give Us When You Use Our Services')).toBeUndefined();
    expect(lineKind('Our Offices In Dublin 2 And London Handle Requests From Customers In Every Country Of The European Union')).toBeUndefined();
    expect(lineKind('Please write to our data protection officer at 42 Charlemont Street, Dublin 2, Ireland, with your request.')).toBeUndefined();
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
    { name: 'lineKind: a long number in a date sentence', make: (n) => `Published on ${'1'.repeat(n)}`, run: (t) => lineKind(t), n: 16000 },
    { name: 'lineKind: punctuation around a date word', make: (n) => `This ${'('.repeat(n)}policy${')'.repeat(n)} was updated 2020`, run: (t) => lineKind(t), n: 8000 },
    { name: 'lineKind: a long glued enumerator', make: (n) => `1.${'a.'.repeat(n)}Changes To This Policy`, run: (t) => lineKind(t), n: 8000 },
    { name: 'lineKind: a long address word', make: (n) => `${'1'.repeat(n)} Union Square Drive`, run: (t) => lineKind(t), n: 16000 },
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
