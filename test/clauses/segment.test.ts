import { describe, expect, it } from 'vitest';
import { segment } from '../../src/lib/clauses/segment.ts';
import { IdAllocator, slugify } from '../../src/lib/clauses/slug.ts';
import type { Clause, SegmentedPolicy } from '../../src/lib/clauses/types.ts';

function clauses(policy: SegmentedPolicy): Clause[] {
  return policy.sections.flatMap((s) => s.blocks.flatMap((b) => (b.type === 'clause' ? [b.clause] : b.items)));
}
const outline = (policy: SegmentedPolicy) => policy.sections.map((s) => [s.id, s.heading, s.level]);

describe('slugify', () => {
  it('lower-cases and hyphenates', () => expect(slugify('Information Security')).toBe('information-security'));
  it('drops apostrophes instead of splitting words', () => expect(slugify("What We're Doing")).toBe('what-were-doing'));
  it('keeps non-English letters', () => expect(slugify('Données personnelles')).toBe('données-personnelles'));
  it('falls back when nothing is left', () => expect(slugify('***')).toBe('section'));
  it('cuts long headings at a word boundary', () => {
    const slug = slugify('What information do we collect from you when you visit our web site and why do we need it');
    expect(slug.length).toBeLessThanOrEqual(48);
    expect(slug).toBe('what-information-do-we-collect-from-you-when-you');
  });
});

describe('IdAllocator', () => {
  it('suffixes taken ids in order', () => {
    const ids = new IdAllocator();
    expect(['a', 'a', 'a-2', 'a'].map((w) => ids.allocate(w))).toEqual(['a', 'a-2', 'a-2-2', 'a-3']);
  });
});

describe('segment: sections', () => {
  it('takes an opening # heading as the title, not a section', () => {
    const p = segment('# Acme Privacy Policy\n\nWe care.\n\n## Cookies\n\nWe use cookies.');
    expect(p.title).toBe('Acme Privacy Policy');
    expect(outline(p)).toEqual([
      ['introduction', '', 2],
      ['cookies', 'Cookies', 2],
    ]);
  });

  it('ranks heading levels so the outline starts at h2 and never skips', () => {
    const p = segment('### One\n\nText.\n\n##### Two\n\nMore.');
    expect(outline(p)).toEqual([
      ['one', 'One', 2],
      ['two', 'Two', 3],
    ]);
  });

  it('recognises bold-only lines, bold leads, italic questions and short plain lines as headings', () => {
    const p = segment(
      [
        '**Collected Information**',
        'We collect your name.',
        '**Use of Information**  \nWe use it to serve you.',
        '_How is my information used?_  \nOnly to run the site.',
        '*Do we share it?*',
        'No.',
        'Data collection',
        'We log your IP address.',
      ].join('\n\n'),
    );
    expect(p.sections.map((s) => s.heading)).toEqual([
      'Collected Information',
      'Use of Information',
      'How is my information used?',
      'Do we share it?',
      'Data collection',
    ]);
    expect(clauses(p).map((c) => c.id)).toEqual([
      'collected-information-1',
      'use-of-information-1',
      'how-is-my-information-used-1',
      'do-we-share-it-1',
      'data-collection-1',
    ]);
  });

  it('does not take sentences, dates or version lines for headings', () => {
    const p = segment(
      ['**We never sell your data to anyone.**', 'Version 8th Sept 2005', 'Last updated March 3', 'We care about privacy.'].join('\n\n'),
    );
    expect(p.sections.map((s) => s.id)).toEqual(['introduction']);
    expect(clauses(p)).toHaveLength(4);
  });

  it('turns "* ###### Heading" list items into sections', () => {
    const p = segment('* ###### Children\n\n  We do not collect data from children.\n\n* ###### Security\n* We use SSL.');
    expect(p.sections.map((s) => s.id)).toEqual(['children', 'security']);
    expect(clauses(p).map((c) => c.id)).toEqual(['children-1', 'security-1']);
  });
});

describe('segment: clauses', () => {
  it('makes each top-level list item a clause, keeping nested lists inside it and skipping empty bullets', () => {
    const p = segment('## Sharing\n\n* Partners\n  * Payment processors\n  * Hosting\n*\n* Authorities');
    const [section] = p.sections;
    expect(section.blocks).toHaveLength(1);
    const list = section.blocks[0];
    expect(list.type).toBe('list');
    if (list.type !== 'list') return;
    expect(list.items.map((c) => c.id)).toEqual(['sharing-1', 'sharing-2']);
    expect(list.items[0].html).toContain('<ul>');
    expect(list.items[0].text).toBe('Partners Payment processors Hosting');
  });

  it('keeps an ordered list\'s start number', () => {
    const p = segment('3. Third\n4. Fourth');
    const block = p.sections[0].blocks[0];
    expect(block.type === 'list' && block.ordered && block.start).toBe(3);
  });

  it('makes a table one clause and flattens quotes', () => {
    const p = segment('| a | b |\n|---|---|\n| 1 | 2 |\n\n>>> Quoted text here.');
    const [table, quote] = clauses(p);
    expect(table.kind).toBe('table');
    expect(table.html).toMatch(/^<table>/);
    expect(table.text).toBe('a b 1 2');
    expect(quote.kind).toBe('paragraph');
    expect(quote.text).toBe('Quoted text here.');
  });

  it('shows indented "code" as a paragraph of text', () => {
    const p = segment('Intro.\n\n        This line was indented eight spaces.');
    expect(clauses(p)[1]).toMatchObject({ kind: 'paragraph', html: 'This line was indented eight spaces.' });
  });

  it('keeps the words of a code block inside a list item in the item\'s text, as its HTML shows them (issue #16)', () => {
    const p = segment('* Item one.\n\n      indented code words\n\n  ```\n  fenced words\n  ```\n* Item two.');
    expect(clauses(p)[0].text).toBe('Item one. indented code words fenced words');
    expect(clauses(p)[0].html).toContain('fenced words');
  });

  it('numbers clauses per section and positions per policy', () => {
    const p = segment('## A\n\nOne.\n\nTwo.\n\n## B\n\nThree.');
    expect(clauses(p).map((c) => [c.id, c.ordinal, c.position])).toEqual([
      ['a-1', 1, 1],
      ['a-2', 2, 2],
      ['b-1', 1, 3],
    ]);
  });

  it('keeps ids unique when headings repeat or collide with clause ids', () => {
    const p = segment('## Cookies\n\nOne.\n\nTwo.\n\n## Cookies\n\nThree.\n\n## Cookies 2\n\nFour.');
    const ids = [...p.sections.map((s) => s.id), ...clauses(p).map((c) => c.id)];
    expect(new Set(ids).size).toBe(ids.length);
    expect(p.sections.map((s) => s.id)).toEqual(['cookies', 'cookies-3', 'cookies-2-2']);
  });
});

describe('segment: untrusted text stays text', () => {
  const hostile = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '[click](javascript:alert(1))',
    '[data](data:text/html;base64,PHNjcmlwdD4=)',
    '![pic](../../images/x.png)',
    '[home](/index.html)',
    '<iframe src="https://evil.example"></iframe>',
    '{props.secret} <Component />',
    '<!-- comment -->',
    '&lt;script&gt;alert(1)&lt;/script&gt;',
  ].join('\n\n');
  const html = clauses(segment(hostile))
    .map((c) => c.html)
    .join('\n');

  it('escapes raw HTML', () => {
    expect(html).not.toMatch(/<(script|img|iframe|component)\b/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;!-- comment --&gt;');
  });
  it('unwraps links that are not http(s) or mailto, keeping their words', () => {
    expect(html).not.toMatch(/href="(javascript|data|\/|\.\.)/i);
    expect(html).toContain('click');
    expect(html).toContain('home');
  });
  it('never loads images', () => {
    expect(html).not.toContain('<img');
    expect(html).toContain('pic');
  });
  it('keeps safe links, marked nofollow', () => {
    const p = segment('[Archive](https://web.archive.org/web/2006/x) and [mail](mailto:a@b.c)');
    expect(clauses(p)[0].html).toBe(
      '<a href="https://web.archive.org/web/2006/x" rel="nofollow noreferrer">Archive</a> and <a href="mailto:a@b.c" rel="nofollow noreferrer">mail</a>',
    );
  });
});
