/**
 * Cutting policies into search passages (src/lib/search/passages.ts, from the loader's search units:
 * src/lib/policies/search-units.ts) and grouping them into index partitions (src/lib/search/partitions.ts):
 * pure functions, checked against the policy's rendered page body.
 */
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { segment } from '../../src/lib/clauses/segment.ts';
import { renderPolicy } from '../../src/lib/policies/render.ts';
import { searchUnits } from '../../src/lib/policies/search-units.ts';
import { TOPICS_MARK } from '../../src/lib/policies/topics-mark.ts';
import { partition } from '../../src/lib/search/partitions.ts';
import { passageDocuments, passageHead } from '../../src/lib/search/passages.ts';
import { wordsOf } from '../../src/lib/search/words.ts';

const POLICY = { id: 'example.com/2019-03-01', data: { domain: 'example.com', company: 'Example', archivedOn: '2019-03-01', title: 'Example privacy policy', snapshotUrl: 'https://example.com/privacy' } };
const HEAD = passageHead(POLICY, { domain: 'example.com', name: 'Example' }, '');

/** A policy's rendered page body (its published clauses), and its passages. */
function policy(markdown: string, topics: Record<string, string[]> = {}): { html: string; passages: (budget?: number) => string[] } {
  const { sections } = segment(markdown);
  for (const section of sections)
    for (const block of section.blocks) for (const clause of block.type === 'clause' ? [block.clause] : block.items) clause.topics = topics[clause.id] ?? [];
  const units = searchUnits(sections);
  return { html: renderPolicy(sections).body, passages: (budget) => passageDocuments(units, HEAD, budget) };
}

/** Clause ids in page order: on the page the clause element has the id, in a passage its empty anchor marker. */
const clauseIds = (html: string) => [...html.matchAll(/class="clause"(?: id="([^"]+)"|><span id="([^"]+)")/g)].map((match) => match[1] ?? match[2]);
const sentence = (n: number) => `Sentence ${n} says that we keep your data for a while and share it with partners.`;

describe('passageDocuments', () => {
  const markdown = [
    sentence(0),
    '## Collection',
    ...[1, 2, 3, 4].map(sentence),
    '## Choices',
    [5, 6, 7, 8, 9].map((n) => `* ${sentence(n)}`).join('\n'),
    '## Contact',
    'Write to privacy@example.com.',
  ].join('\n\n');
  const cut = policy(markdown, { 'collection-2': ['retention'], 'choices-4': ['your-choices', 'sharing'] });
  const { html } = cut;
  const budget = 3 * sentence(0).length;
  const documents = cut.passages(budget);
  const docs = documents.map((document) => cheerio.load(document));

  it('puts every clause in exactly one passage, in page order, within the budget', () => {
    expect(documents.length).toBeGreaterThan(2);
    expect(documents.flatMap(clauseIds)).toEqual(clauseIds(html));
    for (const $ of documents.map((document) => cheerio.load(document))) {
      expect($('.clause').text().length).toBeLessThanOrEqual(budget);
    }
    // The whole policy in one passage when the budget allows it.
    expect(cut.passages().map(clauseIds)).toEqual([clauseIds(html)]);
  });

  it('keeps the filters and sort key in every passage, and the header (its words, its metadata) in the first only', () => {
    docs.forEach(($, n) => {
      const article = $('article[data-pagefind-body]');
      expect(article.attr('data-pagefind-sort')).toBe('date:2019-03-01');
      expect(article.attr('data-pagefind-filter')).toBe('year:2019');
      expect($('[data-pagefind-filter="company"]').text()).toBe('Example');
      expect($('[data-pagefind-filter="passage:first"]')).toHaveLength(n === 0 ? 1 : 0);
      if (n === 0) {
        expect(article.attr('data-pagefind-meta')).toBe('domain:example.com');
        expect($('h1').text()).toBe('Example privacy policy, 1 March 2019');
        expect($('[data-pagefind-meta="title"]').text()).toBe('Example privacy policy');
        expect($('[data-pagefind-meta="company"]').text()).toBe('Example');
      } else {
        // Pagefind makes every metadata value and a page's first <h1> searchable: none of those words here.
        expect($('h1, header').length).toBe(0);
        const metas = $('[data-pagefind-meta]').map((_, element) => $(element).attr('data-pagefind-meta')).get();
        expect(metas).toHaveLength(1);
        const label = JSON.parse(Buffer.from(metas[0].replace(/^policy:/, ''), 'base64').toString('utf8'));
        expect(label).toEqual({ company: 'Example', title: 'Example privacy policy', date: '2019-03-01', domain: 'example.com' });
        expect(metas[0]).toMatch(/^policy:[A-Za-z0-9+/=]+$/);
        expect($('[data-pagefind-filter="company"]').closest('[data-pagefind-ignore]').length).toBe(1);
      }
    });
  });

  it("marks each clause's anchor with an empty element, so that Pagefind keeps no second copy of its text", () => {
    const page = cheerio.load(html);
    let clauses = 0;
    docs.forEach(($) =>
      $('.clause').each((_, clause) => {
        clauses++;
        expect($(clause).attr('id')).toBeUndefined();
        const marker = $(clause).children().first();
        expect(marker.prop('tagName')!.toLowerCase()).toBe('span');
        expect(marker.html()).toBe('');
        const original = page(`[id="${marker.attr('id')}"]`);
        expect(original.hasClass('clause')).toBe(true);
        // The section heading, then the clause's topics for the search page's ranking (src/lib/search/rank.ts).
        const [heading, topics = ''] = marker.attr('data-pagefind-title')!.split(TOPICS_MARK);
        expect(heading).toBe(original.attr('data-pagefind-title'));
        expect(topics.split(' ').filter(Boolean)).toEqual(original.find('.topics a').map((_, a) => page(a).attr('href')!.split('/')[2]).get());
      }),
    );
    expect(clauses).toBe(page('.clause').length);
  });

  it('files each passage under the topics of its own clauses', () => {
    const page = cheerio.load(html);
    const topicsOf = (id: string) => page(`[id="${id}"] .topics a`).map((_, a) => page(a).attr('href')!.split('/')[2]).get();
    docs.forEach(($) => {
      // Without the topic tags and copy links themselves, which are never indexed.
      expect($('.clause .topics, .clause a.cl').length).toBe(0);
      const own = new Set($('.clause > span[id]').map((_, marker) => topicsOf($(marker).attr('id')!)).get());
      const facets = $('[data-pagefind-filter="topic[value]"]').map((_, element) => $(element).attr('value')).get();
      expect(facets.sort()).toEqual([...own].sort());
    });
    expect(docs.flatMap(($) => $('[data-pagefind-filter="topic[value]"]').map((_, element) => $(element).attr('value')).get()).sort()).toEqual(['retention', 'sharing', 'your-choices']);
  });

  it('rewraps list items cut from their list, and gives a section heading only to the passage it starts in', () => {
    for (const $ of docs) {
      $('li.clause').each((_, item) => expect(['ul', 'ol']).toContain($(item).parent().prop('tagName')!.toLowerCase()));
      $('.clause').each((_, clause) => expect($(clause).closest('section').length).toBe(1));
    }
    const headings = docs.flatMap(($) => $('section h2').map((_, h) => $(h).attr('id')).get());
    expect(headings).toEqual(['introduction', 'collection', 'choices', 'contact']);
  });

  it('drops a later passage without a letter or digit, which would have nothing to find', () => {
    const page = policy([sentence(1), '## Rule', sentence(2), '='.repeat(200)].join('\n\n'));
    expect(page.passages(100).flatMap(clauseIds)).toEqual(['introduction-1', 'rule-1']);
    expect(page.passages(1000).flatMap(clauseIds)).toEqual(['introduction-1', 'rule-1', 'rule-2']);
  });

  it('keeps policy text that looks like the markup around it escaped', () => {
    const page = policy([`Text with </section><section aria-labelledby="x"> and </div></article> in it.`, '## Next', sentence(1)].join('\n\n'));
    const passages = page.passages(10);
    expect(passages.flatMap(clauseIds)).toEqual(['introduction-1', 'next-1']);
    expect(passages[0]).toContain('&lt;/section&gt;&lt;section aria-labelledby=&quot;x&quot;&gt;');
  });
});

describe('partition', () => {
  const pages = ['2001-01-01', '2001-01-01', '2001-01-01', '2002-05-05', '2003-01-01', '2003-01-01', '2004-01-01'].map((date, n) => ({ date, n }));

  it('cuts date-ordered pages into runs of about the given size, never splitting a date', () => {
    expect(partition(pages, 2).map((group) => group.map((page) => page.n))).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(partition(pages, 100)).toEqual([pages]);
    expect(partition([], 2)).toEqual([]);
  });

  it('changes only the last run when newer pages are added', () => {
    const before = partition(pages, 2);
    const after = partition([...pages, { date: '2005-01-01', n: 7 }], 2);
    expect(after.slice(0, -1)).toEqual(before.slice(0, -1));
  });

  it('past the first full run, cuts the newest pages into tail runs of halving sizes, like a binary counter', () => {
    const days = (count: number) => Array.from({ length: count }, (_, n) => ({ date: `2001-${String(Math.floor(n / 28) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`, n }));
    const sizes = (count: number) => partition(days(count), 16, 2).map((group) => group.length);
    expect(sizes(16 + 15)).toEqual([16, 8, 4, 2, 1]);
    expect(sizes(16 + 14)).toEqual([16, 8, 4, 2]);
    expect(sizes(16 + 12)).toEqual([16, 8, 4]);
    expect(sizes(16 + 13)).toEqual([16, 8, 4, 1]);
    expect(sizes(16 + 16)).toEqual([16, 16]);
    // A newer page after an even tail adds a run of one and changes nothing else; after an odd tail it
    // carries (8 + 4 + 2 + 1 + 1 → 8 + 4 + 4), leaving the runs above the carry as they were.
    for (let tail = 0; tail < 15; tail += 2) {
      const before = partition(days(16 + tail), 16, 2);
      expect(partition(days(17 + tail), 16, 2).slice(0, -1), `tail ${tail}`).toEqual(before);
    }
    expect(partition(days(16 + 8), 16, 2).slice(0, 2)).toEqual(partition(days(16 + 13), 16, 2).slice(0, 2));
  });

  it('past the first full run, cuts the newest pages into small tail runs until they make a full run', () => {
    const days = (count: number) => Array.from({ length: count }, (_, n) => ({ date: `2001-01-${String(n + 1).padStart(2, '0')}`, n }));
    const sizes = (count: number) => partition(days(count), 4, 2).map((group) => group.length);
    expect(sizes(3)).toEqual([3]);
    expect(sizes(4)).toEqual([4]);
    expect(sizes(5)).toEqual([4, 1]);
    expect(sizes(7)).toEqual([4, 2, 1]);
    expect(sizes(8)).toEqual([4, 4]);
    expect(sizes(11)).toEqual([4, 4, 2, 1]);
    // A new newest page changes the last tail run only.
    expect(partition(days(11), 4, 2).slice(0, -1)).toEqual(partition(days(10), 4, 2));
  });
});

describe('wordsOf', () => {
  it('lists distinct lower-case words of the text, without surrounding punctuation or markup, with entities decoded', () => {
    expect(wordsOf('<p class="x">Cookies, cookies &amp; <b>e-mail</b> (privacy@example.com) &#233;t&eacute;!</p>').sort()).toEqual(['cookies', 'e-mail', 'privacy@example.com', 'ét'].sort());
    // Metadata values are searchable in Pagefind, so they count as words too.
    expect(wordsOf('<article data-pagefind-meta="domain:zoom-r7.example"><p>Hi</p></article>').sort()).toEqual(['hi', 'zoom-r7.example']);
  });

  it('splits text as /<[^>]*>|[^\\s<]+/g would: tags skipped whole, a "<" that opens none dropped, every Unicode space', () => {
    // The scanner is a hand-written loop (the regular expression was a fifth of the vocabulary step): compare the
    // two on random markup made of the characters where they could disagree.
    const reference = (html: string) => {
      const pieces = [...html.matchAll(/<[^>]*>|[^\s<]+/g)].map((match) => match[0]).filter((piece) => piece[0] !== '<');
      return [...new Set(pieces.flatMap((piece) => piece.toLowerCase().split(/\s+/)).map((piece) => piece.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')).filter(Boolean))].sort();
    };
    const alphabet = ['<', '>', '<b>', '</p>', ' ', '\n', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u200b', 'a', 'B', 'é', '1', '-', '.'];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let run = 0; run < 500; run++) {
      const html = Array.from({ length: 1 + Math.floor(random() * 30) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(wordsOf(html).sort(), JSON.stringify(html)).toEqual(reference(html));
    }
  });
});
