import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { segment } from '../../src/lib/clauses/segment.ts';
import { escapeHtml, renderPolicy, TOC_FOLD_ENTRIES } from '../../src/lib/policies/render.ts';

const policy = segment(
  [
    'We care about "privacy" & <you>.',
    '## Cookies & <Tracking>',
    'We use cookies.',
    '* one',
    '* two',
    '3. three',
    '## Security',
    '| a | b |\n|---|---|\n| 1 | 2 |',
  ].join('\n\n'),
);
policy.sections[1].blocks[0].type === 'clause' && (policy.sections[1].blocks[0].clause.topics = ['cookies-and-tracking']);
const rendered = renderPolicy(policy.sections);
const $ = cheerio.load(`<main>${rendered.topicSummary}${rendered.toc}<div class="policy-body">${rendered.body}</div></main>`);

describe('renderPolicy', () => {
  it('escapes what it writes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect($('h2#cookies-tracking').text()).toBe('Cookies & <Tracking>');
    expect($('.clause').first().text()).toContain('We care about "privacy" & <you>.');
    expect($('script, tracking, you').length).toBe(0);
  });

  it('gives every clause its id, a self link and its section heading as search title', () => {
    const clauses = $('.clause');
    expect(clauses.length).toBe(rendered.clauseCount);
    expect(rendered.clauseCount).toBe(6);
    clauses.each((_, el) => {
      const id = $(el).attr('id')!;
      expect($(el).children('a.cl').attr('href')).toBe(`#${id}`);
    });
    expect($('#introduction-1').attr('data-pagefind-title')).toBe('Introduction');
    expect($('#cookies-tracking-1').attr('data-pagefind-title')).toBe('Cookies & <Tracking>');
  });

  it('keeps lists as lists (with their start number) and tables in a keyboard-scrollable region', () => {
    expect($('ul > li.clause').map((_, el) => $(el).attr('id')).get()).toEqual(['cookies-tracking-2', 'cookies-tracking-3']);
    expect($('ol[start="3"] > li.clause').attr('id')).toBe('cookies-tracking-4');
    expect($('div.clause#security-1 > .table-scroll[tabindex="0"][role="region"] > table').length).toBe(1);
  });

  it('labels the introduction for assistive technology only, and lists headed sections in the contents', () => {
    expect($('h2.vh#introduction').text()).toBe('Introduction');
    expect($('.toc a').map((_, el) => $(el).attr('href')).get()).toEqual(['#cookies-tracking', '#security']);
  });

  it('summarises topics, jumping to the first clause of each, and names topics no clause was recognised as', () => {
    expect(rendered.topics).toEqual(['cookies-and-tracking']);
    expect($('.topic-summary a').attr('href')).toBe('#cookies-tracking-1');
    expect($('.topic-summary').attr('data-pagefind-ignore')).toBeDefined();
    // issue 19: say what was found, never claim the policy does not address a topic
    expect($('.topic-summary p').text()).toMatch(/^No clause was recognised as: .*Security/);
    expect($('.topic-summary').text()).not.toMatch(/not addressed/i);
    expect($('.topic-summary p a').attr('href')).toBe('/about/#topics');
    expect($('#cookies-tracking-1 .topics a').attr('href')).toBe('/topics/cookies-and-tracking/');
  });

  it('folds a long contents list, whose ids never collide with a section of the policy', () => {
    expect($('.toc details').length).toBe(0);
    const headings = ['Contents', ...Array.from({ length: TOC_FOLD_ENTRIES }, (_, i) => `Part ${i + 1}`)];
    const long = renderPolicy(segment(headings.map((heading) => `## ${heading}\n\nText of ${heading}.`).join('\n\n')).sections);
    const page = cheerio.load(`<main>${long.toc}<div class="policy-body">${long.body}</div></main>`);
    expect(page('.toc > details > summary').text()).toBe(`Contents ${headings.length} sections`);
    expect(page('.toc details ol > li')).toHaveLength(headings.length);
    const ids = page('[id]').map((_, el) => page(el).attr('id')).get();
    expect(new Set(ids).size).toBe(ids.length);
    expect(page('#contents').is('h2')).toBe(true);
    expect(page('nav#contents_list').attr('aria-labelledby')).toBe('contents_heading');
  });

  it('renders nothing for a summary or contents that would be empty', () => {
    const bare = renderPolicy(segment('Just one paragraph.').sections);
    expect(bare.topicSummary).toBe('');
    expect(bare.toc).toBe('');
  });
});
