/** What the search page sends Pagefind for a typed query (src/lib/search/query.ts), and its result links. */
import { describe, expect, it } from 'vitest';
import { pagefindQuery } from '../../src/lib/search/query.ts';
import { stem } from '../../src/lib/search/stem.ts';
import { withHighlight } from '../../src/scripts/search-url.ts';

describe('pagefindQuery', () => {
  it('sends each word as its stem when that stem is its own stem', () => {
    expect(pagefindQuery('third parties')).toEqual({ query: 'third parti', words: ['third', 'parties'], ignored: [] });
    expect(pagefindQuery('  Cookies   Tracking ').query).toBe('cooki track');
    expect(pagefindQuery('data, retention.').query).toBe('data, retent.');
  });

  it('sends as typed what it cannot stem the way Pagefind would', () => {
    // "accelerate" stems to "acceler", which stems further to "accel": sending "acceler" would find other words.
    expect(stem(stem('accelerate'))).not.toBe(stem('accelerate'));
    expect(pagefindQuery('accelerate').query).toBe('accelerate');
    expect(pagefindQuery('e-mail café abc1 (cookies)').query).toBe('e-mail café abc1 (cookies)');
    expect(pagefindQuery('').query).toBe('');
  });

  it('leaves out words found in nearly every passage when other words remain, and says which', () => {
    expect(pagefindQuery('How do they use my data?')).toEqual({ query: 'use data?', words: ['use', 'data?'], ignored: ['How', 'do', 'they', 'my'] });
    expect(pagefindQuery('sell your data').query).toBe('sell data');
  });

  it('keeps the words that carry meaning here, and every word of a phrase or of a query of common words only', () => {
    expect(pagefindQuery('do not track').words).toEqual(['not', 'track']);
    expect(pagefindQuery('opt out').words).toEqual(['opt', 'out']);
    expect(pagefindQuery('transfers to the us').words).toEqual(['transfers', 'us']);
    expect(pagefindQuery('"how we use your data"')).toEqual({ query: '"how we use your data"', words: ['"how', 'we', 'use', 'your', 'data"'], ignored: [] });
    // The words a question is made of are not required (issue 15): the clauses are ranked by the others.
    expect(pagefindQuery('delete my account').words).toEqual(['delete', 'account']);
    expect(pagefindQuery('can I see the data you have about me').words).toEqual(['see', 'data']);
    expect(pagefindQuery('children under 13').words).toEqual(['children', 'under', '13']);
    expect(pagefindQuery('how are we').words).toEqual(['how', 'are', 'we']);
  });

  it('hands Pagefind only words that stem to themselves', () => {
    for (const word of ['privacy', 'cookies', 'organization', 'international', 'accelerate', 'evening', 'dying', 'agreed', 'happily']) {
      const sent = pagefindQuery(word).query;
      expect(stem(sent), word).toBe(sent === word ? stem(word) : sent);
    }
  });
});

describe('withHighlight', () => {
  it('carries the words searched as typed, before the clause anchor', () => {
    expect(withHighlight('/policies/a.com/2020-01-01/?pagefind-highlight=parti#c-3', ['third', 'parties'])).toBe('/policies/a.com/2020-01-01/?pagefind-highlight=third&pagefind-highlight=parties#c-3');
    expect(withHighlight('/policies/a.com/2020-01-01/', ['"cookie', 'policy"'])).toBe('/policies/a.com/2020-01-01/?pagefind-highlight=%22cookie&pagefind-highlight=policy%22');
  });
});
