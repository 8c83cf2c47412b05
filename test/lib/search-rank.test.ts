/** How the search page ranks clauses (src/lib/search/rank.ts). */
import { describe, expect, it } from 'vitest';
import { TOPICS_MARK } from '../../src/lib/policies/topics-mark.ts';
import { bestWindow, boostTopic, clauseHits, excerptOf, quotedPhrases, rankClauses, seriesOf, snapshotNote, type Fragment } from '../../src/lib/search/rank.ts';
import { wordStems } from '../../src/lib/search/terms.ts';

/** A passage as Pagefind's fragment has it: header words, then headings and clause markers at word positions. */
function fragment(date: string, parts: (['h', string] | ['c', string, string, string?])[], header = 'Acme privacy policy.', domain = 'acme.com', service?: string): Fragment {
  const words = header.split(' ');
  const anchors: Fragment['anchors'] = [];
  let heading = '';
  for (const part of parts) {
    if (part[0] === 'h') {
      heading = part[1];
      anchors.push({ element: 'h2', id: part[1].toLowerCase().replace(/\W+/g, '-'), text: part[1], location: words.length });
      words.push(...part[1].split(' '));
    } else {
      anchors.push({ element: 'span', id: part[1], text: '', title: part[3] ? `${heading}${TOPICS_MARK}${part[3]}` : heading, location: words.length });
      words.push(...part[2].split(' '));
    }
  }
  return { url: `/policies/${domain}/${service ? `${date}-${service}` : date}/?pagefind-highlight=x`, content: words.join(' '), anchors, label: { company: 'Acme', date, domain, title: 'Privacy policy' } };
}
const weights = (...terms: string[]) => new Map(terms.flatMap((term) => wordStems(term).map((form) => [form, 1] as const)));

describe('clauseHits', () => {
  const passage = fragment('2020-01-01', [
    ['h', 'Data retention'],
    ['c', 'retention-1', 'We keep your data for two years.', 'retention'],
    ['c', 'retention-2', 'Then we delete it.', 'retention'],
    ['h', 'Information we collect'],
    ['c', 'collect-1', 'We collect the data you give us and the data your browser sends us every time.'],
  ]);

  it('scores clauses, never a heading, and links each to its anchor on the policy page', () => {
    const hits = clauseHits(passage, weights('data'));
    // retention-2 has the word only in its heading ("Data retention").
    expect(hits.map((hit) => hit.url)).toEqual(['/policies/acme.com/2020-01-01/#retention-1', '/policies/acme.com/2020-01-01/#retention-2', '/policies/acme.com/2020-01-01/#collect-1']);
    expect(hits.every((hit) => hit.heading !== '' && hit.words.length > 0)).toBe(true);
  });

  it("counts a heading's words for the clauses under it, less than the clause's own words", () => {
    const [delete2, keep1] = [clauseHits(passage, weights('retention')), clauseHits(passage, weights('keep'))];
    expect(delete2.map((hit) => hit.url.split('#')[1])).toEqual(['retention-1', 'retention-2']);
    expect(delete2[0].score).toBeLessThan(keep1[0].score);
    expect(delete2[0].topics).toEqual(['retention']);
  });

  it('matches whole words by their stem, not a short word as the start of a longer one', () => {
    expect(clauseHits(passage, weights('years')).map((hit) => hit.url.split('#')[1])).toEqual(['retention-1']);
    expect(clauseHits(passage, new Map([['i', 1]]))).toEqual([]);
    expect(clauseHits(passage, weights('dat'))).toEqual([]);
  });

  it('keeps only the clauses that have a quoted phrase, word after word', () => {
    const phrase = quotedPhrases('"data you give"');
    expect(phrase).toEqual([['data', 'you', 'give']]);
    expect(clauseHits(passage, weights('data', 'you', 'give'), phrase).map((hit) => hit.url.split('#')[1])).toEqual(['collect-1']);
  });

  it('makes the policy itself a hit when its header has the word (a company name)', () => {
    const hits = clauseHits(passage, weights('acme'));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ whole: true, url: '/policies/acme.com/2020-01-01/' });
    // Not when the query is about something else too: that is a subject, not a name.
    expect(clauseHits(passage, weights('acme', 'years')).filter((hit) => hit.whole)).toEqual([]);
  });
});

describe('rankClauses', () => {
  const snapshot = (date: string, extra = 'Cookies help us.') =>
    clauseHits(
      fragment(date, [
        ['h', 'Cookies'],
        ['c', 'cookies-1', 'We use cookies to remember you.'],
        ['c', 'cookies-2', extra],
      ]),
      weights('cookies'),
    );

  it('shows a clause that several snapshots share once, linking to the newest, with their dates', () => {
    const ranked = rankClauses([...snapshot('2019-05-01'), ...snapshot('2024-02-01', 'Cookies help us a lot.'), ...snapshot('2021-01-01')]);
    const shared = ranked.filter((clause) => clause.url.endsWith('#cookies-1'));
    expect(shared).toHaveLength(1);
    expect(shared[0].url).toBe('/policies/acme.com/2024-02-01/#cookies-1');
    expect(shared[0].dates).toEqual(['2019-05-01', '2021-01-01', '2024-02-01']);
    expect(snapshotNote(shared[0].dates)).toBe('in 3 snapshots, 2019–2024');
    // The changed clause is two results: the 2024 text, and the older text (newest: 2021) with its dates.
    expect(ranked.filter((clause) => clause.url.endsWith('#cookies-2')).map((clause) => clause.dates)).toEqual(
      expect.arrayContaining([['2024-02-01'], ['2019-05-01', '2021-01-01']]),
    );
  });

  it('merges by series: the snapshots of one service of a domain, not two services of the same domain', () => {
    const service = (date: string, name: string) =>
      clauseHits(fragment(date, [['h', 'Cookies'], ['c', 'cookies-1', 'We use cookies to remember you.']], 'Acme privacy policy.', 'acme.com', name), weights('cookies'));
    const ranked = rankClauses([...service('2019-05-01', 'mail'), ...service('2021-01-01', 'mail'), ...service('2024-02-01', 'mail'), ...service('2020-01-01', 'maps')]);
    expect(ranked.map((clause) => [clause.url, clause.dates])).toEqual(
      expect.arrayContaining([
        ['/policies/acme.com/2024-02-01-mail/#cookies-1', ['2019-05-01', '2021-01-01', '2024-02-01']],
        ['/policies/acme.com/2020-01-01-maps/#cookies-1', ['2020-01-01']],
      ]),
    );
    expect(ranked).toHaveLength(2);
    expect(seriesOf('/policies/acme.com/2020-01-01-mail-2/', 'acme.com')).toBe('acme.com/mail');
    expect(seriesOf('/policies/acme.com/2020-01-01-2/', 'acme.com')).toBe('acme.com');
    expect(seriesOf('/policies/hi5.com/2020-10-29-hi5/', 'hi5.com')).toBe('hi5.com/hi5');
  });

  it('does not merge the same text of two different policies', () => {
    const other = clauseHits(fragment('2020-01-01', [['c', 'x-1', 'We use cookies to remember you.']], 'Other.', 'other.org'), weights('cookies'));
    expect(rankClauses([...snapshot('2020-01-01'), ...other]).filter((clause) => clause.words.join(' ') === 'We use cookies to remember you.')).toHaveLength(2);
  });
});

describe('boostTopic', () => {
  it('moves up the clauses on the topic most of the best clauses have, and only then', () => {
    const clauses = [
      { id: 'a', score: 5, topics: ['retention'] },
      { id: 'b', score: 4, topics: ['sharing'] },
      { id: 'c', score: 3.5, topics: ['retention'] },
      { id: 'd', score: 3, topics: ['retention', 'other'] },
    ];
    expect(boostTopic(clauses).map((clause) => clause.id)).toEqual(['a', 'c', 'd', 'b']);
    const split = [
      { id: 'a', score: 5, topics: ['retention'] },
      { id: 'b', score: 5, topics: ['sharing'] },
      { id: 'c', score: 1, topics: ['other'] },
    ];
    expect(boostTopic(split).map((clause) => clause.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('bestWindow', () => {
  it('is the weight of the distinct words found closest together, as in one clause', () => {
    // Word 0 at 3 and 500, word 1 at 10: together near the start.
    expect(bestWindow([[3, 500], [10]], [1, 2]).score).toBe(3);
    // Far apart: the better word alone.
    expect(bestWindow([[3], [300]], [1, 2]).score).toBe(2);
    expect(bestWindow([[], []], [1, 2]).score).toBe(0);
    // Which words that window has: what the passage's best clause may have.
    expect(bestWindow([[3, 500], [10]], [1, 2]).words.sort()).toEqual([0, 1]);
    expect(bestWindow([[3], [300]], [1, 2]).words).toEqual([1]);
  });
});

describe('excerptOf', () => {
  it('is the clause text around its matches, marked, with an ellipsis where cut', () => {
    const words = Array.from({ length: 60 }, (_, i) => `w${i}`);
    const excerpt = excerptOf({ words, matched: [40] }, 10);
    expect(excerpt.cutBefore).toBe(true);
    expect(excerpt.cutAfter).toBe(true);
    expect(excerpt.parts).toEqual(['w36 w37 w38 w39 ', { mark: 'w40' }, ' w41 w42 w43 w44 w45']);
    expect(excerptOf({ words: ['a', 'b'], matched: [] })).toEqual({ parts: ['a b'], cutBefore: false, cutAfter: false });
  });
});
