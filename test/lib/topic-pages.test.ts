import { describe, expect, it } from 'vitest';
import { pageCacheKey } from '../../src/lib/pages/cache-key.ts';
import { pagesChangedBy, topicPages } from '../../src/lib/pages/topic-pages.ts';
import type { PolicyLike } from '../../src/lib/policies/views.ts';

/** A policy archived on day `n` of 2001 with `clauses` clauses on the topic "t". */
/** A content entry as the pages see it: cache keys count it by its digest. */
type Entry = PolicyLike & { digest: string; collection: string };

function policy(n: number, clauses = 1, id = `p${n}.com/2001-01-${String(n).padStart(2, '0')}`): Entry {
  const shown = Array.from({ length: Math.min(clauses, 2) }, (_, i) => ({ id: `c-${i + 1}`, heading: '', text: 'x' }));
  return {
    id,
    digest: id,
    collection: 'policies',
    data: { domain: `p${n}.com`, company: `P${n}`, archivedOn: `2001-01-${String(n).padStart(2, '0')}`, title: 'Privacy', wordCount: 1, summary: { clauseCount: clauses, topics: { t: { count: clauses, shown } } } },
  };
}
const days = (count: number) => Array.from({ length: count }, (_, i) => policy(i + 1));
const shape = (pages: ReturnType<typeof topicPages>) => pages.map((page) => ({ number: page.number, days: page.groups.map((g) => Number(g.policy.data.archivedOn.slice(8))), newer: page.newer, older: page.older }));

describe('topic pages', () => {
  it('is one front page while the topic fits on it', () => {
    expect(shape(topicPages(days(3), 't', 3))).toEqual([{ number: undefined, days: [3, 2, 1], newer: undefined, older: undefined }]);
    expect(topicPages(days(3), 't', 3)[0].policyCount).toBe(3);
    expect(topicPages(days(3), 'other', 3)).toEqual([{ groups: [], policyCount: 0 }]);
  });

  it('adds archive pages counted from the oldest, each newest first, linked to each other and the front page', () => {
    expect(shape(topicPages(days(7), 't', 3))).toEqual([
      { number: undefined, days: [7, 6, 5], newer: undefined, older: 2 },
      { number: 1, days: [3, 2, 1], newer: 2, older: undefined },
      { number: 2, days: [6, 5, 4], newer: 3, older: 1 },
      { number: 3, days: [7], newer: 0, older: 2 },
    ]);
  });

  it('changes only the front page and the newest archive pages when a newer policy is added', () => {
    const before = topicPages(days(7), 't', 3);
    const after = topicPages(days(8), 't', 3);
    expect(after.slice(1, 3)).toEqual(before.slice(1, 3));
    expect(shape(after).slice(3)).toEqual([{ number: 3, days: [8, 7], newer: 0, older: 2 }]);
    // A new archive page: the one before it now links to it instead of the front page.
    const grown = topicPages(days(10), 't', 3);
    expect(shape(grown).slice(3)).toEqual([
      { number: 3, days: [9, 8, 7], newer: 4, older: 2 },
      { number: 4, days: [10], newer: 0, older: 3 },
    ]);
  });
});

describe('the topic pages an addition changes', () => {
  /** Deterministic pseudo-random numbers, so that a failure can be replayed. */
  function random(seed: number): () => number {
    return () => ((seed = Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
  }

  it('covers every page whose content is new, for additions of any date', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = random(seed);
      const count = 1 + Math.floor(next() * 40);
      const archive = Array.from({ length: count }, (_, i) => policy(1 + Math.floor(next() * 28), 1 + Math.floor(next() * 3), `c${i}.com/x`));
      const additions = Array.from({ length: 1 + Math.floor(next() * 3) }, (_, i) => policy(1 + Math.floor(next() * 28), 1 + Math.floor(next() * 3), `new${i}.com/x`));
      const published = new Set(topicPages(archive, 't', 4).map((page) => pageCacheKey(page)));
      const after = topicPages([...archive, ...additions], 't', 4);
      const changed = after.filter((page) => !published.has(pageCacheKey(page)));
      const rendered = new Set(pagesChangedBy(after, new Set(additions.map((p) => p.id))));
      for (const page of changed) expect(rendered.has(page), `seed ${seed}, page ${page.number ?? 'front'}`).toBe(true);
    }
  });

  it('is the front page and the newest archive pages when the addition is the newest policy', () => {
    const pages = topicPages([...days(20), policy(21, 1, 'new.com/2001-01-21')], 't', 3);
    expect(pagesChangedBy(pages, new Set(['new.com/2001-01-21'])).map((page) => page.number)).toEqual([undefined, 6, 7]);
  });
});
