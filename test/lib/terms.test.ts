import { describe, expect, it } from 'vitest';
import { lacksTerm, missingWords, queryTerms, searchForms, stemsOf } from '../../src/lib/search/terms.ts';

describe('search forms of words and queries', () => {
  it('lower-cases and drops diacritics and punctuation as Pagefind does, keeping the parts of a joined word', () => {
    expect(searchForms('E-mail')).toEqual(['email', 'e', 'mail']);
    expect(searchForms('Café')).toEqual(['cafe']);
    expect(searchForms('privacy@example.com')).toEqual(['privacyexamplecom', 'privacy', 'example', 'com']);
    expect(searchForms('—')).toEqual([]);
  });

  it('splits a query at whitespace into terms in search form', () => {
    expect(queryTerms('  Zoom-Corp  "Privacy" ')).toEqual(['zoomcorp', 'privacy']);
    expect(queryTerms('')).toEqual([]);
  });
});

describe('words a partition lacks', () => {
  it('lists archive words missing from a partition with how much of each the partition knows', () => {
    expect(missingWords(['apple', 'zoom', 'zoomcorp', 'zebra'], ['apple', 'zoom'])).toEqual([
      ['zebra', 1],
      ['zoomcorp', 4],
    ]);
    expect(missingWords(['apple'], ['apple'])).toEqual([]);
    expect(missingWords(['b'], [])).toEqual([['b', 0]]);
  });

  it('skips a partition only for a term that none of its words could match', () => {
    const missing = missingWords(stemsOf(['zoom', 'zoomcorp', 'cookie', 'cookiesettings', 'privacy']), stemsOf(['zoom', 'cookie', 'privacy']));
    expect(lacksTerm(missing, ['zoomcorp'])).toBe(true);
    expect(lacksTerm(missing, ['privacy', 'zoomcorp'])).toBe(true);
    expect(lacksTerm(missing, ['zoomco'])).toBe(true);
    // Terms the partition's own words answer: "zoom" itself, and "cookies", which Pagefind stems to "cooki".
    expect(lacksTerm(missing, ['zoom'])).toBe(false);
    expect(lacksTerm(missing, ['cookies'])).toBe(false);
    expect(lacksTerm(missing, ['privacy'])).toBe(false);
    // A word no partition has is left to Pagefind, the same in every partition.
    expect(lacksTerm(missing, ['quartz'])).toBe(false);
    expect(lacksTerm([], ['zoomcorp'])).toBe(false);
  });

  it('compares stems, as Pagefind does: a word the partition has in another form is no reason to skip it', () => {
    // Pagefind answers "privacies" and "privacy" with the stem "privaci", and "shares" with "share" ("sharing").
    const missing = missingWords(stemsOf(['privacy', 'privacies', 'sharing', 'shares', 'shareholder']), stemsOf(['privacy', 'sharing']));
    expect(missing).toEqual([['sharehold', 5]]);
    expect(lacksTerm(missing, ['privacies'])).toBe(false);
    expect(lacksTerm(missing, ['shares'])).toBe(false);
    expect(lacksTerm(missing, ['shareholders'])).toBe(true);
    // "share" also starts "shareholder", which the partition lacks, but it has "sharing": Pagefind answers that.
    expect(lacksTerm(missing, ['share'])).toBe(false);
  });
});
