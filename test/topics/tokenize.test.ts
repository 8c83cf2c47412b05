import { describe, expect, it } from 'vitest';
import { ngrams, stem, termCounts, tokenize } from '../../src/lib/topics/tokenize.ts';

describe('tokenize', () => {
  it('lower-cases, splits on punctuation and joins apostrophes', () => {
    expect(tokenize("We DON'T sell your data, ever.")).toEqual(['we', 'dont', 'sell', 'your', 'data', 'ever']);
  });

  it('replaces e-mail addresses, URLs and long numbers, keeps short numbers', () => {
    expect(tokenize('Mail privacy@example.com or see https://example.com/privacy?x=1 since 2015, under 13')).toEqual([
      'mail', '_email_', 'or', 'see', '_url_', 'since', '_num_', 'under', '13',
    ]);
  });

  it('handles typographic apostrophes and non-ASCII letters', () => {
    expect(tokenize('We won\u2019t share données')).toEqual(['we', 'wont', 'share', 'données']);
  });

  it('returns nothing for empty or punctuation-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' -- ** ')).toEqual([]);
  });

  it('builds unigrams then bigrams, and counts repeats', () => {
    expect(ngrams(['a', 'b', 'c'])).toEqual(['a', 'b', 'c', 'a b', 'b c']);
    const counts = termCounts('opt out, opt out');
    expect(counts.get('opt')).toBe(2);
    expect(counts.get('opt out')).toBe(2);
    expect(counts.get('out opt')).toBe(1);
  });
});

describe('stem', () => {
  it('folds common inflections and leaves short words and placeholders alone', () => {
    expect(['collect', 'collects', 'collected', 'collecting', 'collection'].map(stem)).toEqual([
      'collect', 'collect', 'collect', 'collect', 'collect',
    ]);
    expect(stem('cookies')).toBe('cooki');
    expect(stem('cookie')).toBe('cooki');
    expect(stem('policies')).toBe(stem('policy'));
    expect(stem('uses')).toBe('uses');
    expect(stem('_email_')).toBe('_email_');
  });

  it('is applied before building n-grams', () => {
    expect(termCounts('sharing shared').get('shar shar')).toBe(1);
  });
});
