/**
 * One policy never fails the search index: a section of 130,000 list items (issue #16) overflowed the call
 * stack in passages.ts. The segmenter now caps a page at MAX_ANCHORS, so this feeds the cutter sections built
 * directly, past that cap.
 */
import { describe, expect, it } from 'vitest';
import type { Clause } from '../../src/lib/clauses/types.ts';
import { searchUnits } from '../../src/lib/policies/search-units.ts';
import { passageDocuments, passageHead } from '../../src/lib/search/passages.ts';

describe('passageDocuments on a huge section', () => {
  it('cuts 130,000 list items of one section without overflowing the stack', () => {
    const items: Clause[] = Array.from({ length: 130_000 }, (_, i) => ({
      id: `introduction-${i + 1}`, kind: 'item', ordinal: i + 1, position: i + 1, html: 'a', text: 'a', topics: [],
    }));
    const units = searchUnits([{ id: 'introduction', heading: '', level: 2, blocks: [{ type: 'list', ordered: false, items }] }]);
    const policy = { id: 'example.com/2019-03-01', data: { domain: 'example.com', company: 'Example', archivedOn: '2019-03-01', title: 'Example privacy policy', snapshotUrl: 'https://example.com/privacy' } };
    const documents = passageDocuments(units, passageHead(policy, { domain: 'example.com', name: 'Example' }, ''));
    expect(documents.length).toBeGreaterThan(1);
    const anchors = documents.reduce((n, doc) => n + (doc.match(/<span id="introduction-\d+"/g)?.length ?? 0), 0);
    expect(anchors).toBe(130_000);
  }, 60_000);
});
