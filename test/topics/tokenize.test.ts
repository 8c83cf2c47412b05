import { describe, expect, it } from 'vitest';
import { stem } from '../../src/lib/search/stem.ts';
import { KEYWORD_RULES_FOR_TESTS, keywordTokens, ngrams, stemToken, termCounts, tokenize } from '../../src/lib/topics/tokenize.ts';

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

describe('stemToken', () => {
  it('folds inflections with the project stemmer and leaves placeholders and non-ASCII words alone', () => {
    expect(['collect', 'collects', 'collected', 'collecting', 'collection'].map(stemToken)).toEqual([
      'collect', 'collect', 'collect', 'collect', 'collect',
    ]);
    expect(stemToken('cookies')).toBe('cooki');
    expect(stemToken('cookie')).toBe('cooki');
    expect(stemToken('policies')).toBe(stemToken('policy'));
    expect(stemToken('uses')).toBe(stemToken('use'));
    expect(stemToken('_email_')).toBe('_email_');
    expect(stemToken('données')).toBe('données');
    expect(stemToken('13')).toBe('13');
  });

  it('is the search stemmer (search/stem.ts) for words of the letters a to z', () => {
    for (const word of ['retention', 'sharing', 'privacy', 'unsubscribe', 'children']) expect(stemToken(word)).toBe(stem(word));
  });

  it('is applied before building n-grams', () => {
    expect(termCounts('sharing shared').get('share share')).toBe(1);
  });
});

describe('keyword tokens', () => {
  it('mark retention, choice and contact cues and the clause length', () => {
    const kw = keywordTokens('We retain your data for as long as necessary and delete it after 30 days.', 15);
    expect(kw).toEqual(expect.arrayContaining(['_len4_', '_kw_keepfor_', '_kw_duration_']));
    expect(keywordTokens('You can opt out by clicking unsubscribe.', 7)).toContain('_kw_optout_');
    expect(keywordTokens('Write to 100 Main Street, Suite 5, or call (555) 123-4567.', 12)).toEqual(
      expect.arrayContaining(['_kw_postal_', '_kw_phone_']),
    );
    expect(keywordTokens('If you live in California you may ask us which companies received your information.', 15)).toContain('_kw_region_');
    expect(keywordTokens('We keep a calendar of regional events.', 7)).not.toContain('_kw_region_');
    expect(keywordTokens('', 0)).toEqual(['_len0_']);
  });

  it('pre-checks never hide a match of the pattern', () => {
    const texts = [
      'We retain your data for as long as necessary and delete it after 30 days.',
      'Our storage period is two years. Stored records are kept until you close your account.',
      'You can opt-in or opt out; unsubscribe, or remove yourself from the list. Manage your preferences in Settings.',
      'You may refuse cookies or block cookies; you have the right to choose. Your consent matters.',
      'You can update your personal information, access their account data, or exercise the right to erasure.',
      'We use SSL/TLS encryption, firewalls and safeguards against unauthorised access.',
      'This Privacy Statement describes our practices; we may revise this notice. Attn: Legal, Suite 5, CA 94105, (555) 123-4567.',
      'We never sell your e-mail address or rent our mailing lists.',
      'Residents of the EEA, Switzerland, the United Kingdom or Canada, and users outside the U.S., see below.',
    ];
    const matched = new Set<string>();
    for (const text of texts) {
      const lower = text.toLowerCase();
      for (const [name, needles, re] of KEYWORD_RULES_FOR_TESTS) {
        if (re.test(lower)) {
          matched.add(name);
          expect(needles === null || needles.some((n) => lower.includes(n)), name).toBe(true);
          expect(keywordTokens(text, 10)).toContain(`_kw_${name}_`);
        }
      }
    }
    expect([...matched].sort()).toEqual(KEYWORD_RULES_FOR_TESTS.map(([name]) => name).sort());
  });
});
