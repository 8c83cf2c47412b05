/**
 * One policy never fails the search index: a section of 130,000 list items (issue #16) overflowed the call
 * stack in passages.ts. The segmenter now caps a page at MAX_ANCHORS, so this feeds the cutter a rendered
 * body built directly, past that cap.
 */
import { describe, expect, it } from 'vitest';
import type { Clause } from '../../src/lib/clauses/types.ts';
import { renderPolicy } from '../../src/lib/policies/render.ts';
import { passagesOfPage } from '../../src/lib/search/passages.ts';

describe('passagesOfPage on a huge section', () => {
  it('cuts 130,000 list items of one section without overflowing the stack', () => {
    const items: Clause[] = Array.from({ length: 130_000 }, (_, i) => ({
      id: `introduction-${i + 1}`, kind: 'item', ordinal: i + 1, position: i + 1, html: 'a', text: 'a', topics: [],
    }));
    const rendered = renderPolicy([{ id: 'introduction', heading: '', level: 2, blocks: [{ type: 'list', ordered: false, items }] }]);
    const page =
      '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><main>' +
      '<article class="policy" data-pagefind-body data-pagefind-meta="domain:example.com" data-pagefind-filter="year:2019" data-pagefind-sort="date:2019-03-01">' +
      '<header><p class="breadcrumb" data-pagefind-meta="date:2019-03-01"><a href="/policies/example.com/" data-pagefind-filter="company" data-pagefind-meta="company">Example</a></p>' +
      '<h1 data-pagefind-meta="title">Example privacy policy</h1></header>' +
      `<div class="policy-body">${rendered.body}</div></article></main></body></html>`;
    const passages = passagesOfPage(page, '/policies/example.com/2019-03-01/');
    expect(passages?.documents.length).toBeGreaterThan(1);
    const anchors = passages!.documents.reduce((n, doc) => n + (doc.match(/<span id="introduction-\d+"/g)?.length ?? 0), 0);
    expect(anchors).toBe(130_000);
  }, 60_000);
});
