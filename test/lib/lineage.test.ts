/** Clause lineage, change lists and word diffs on small snapshots with known edits. */
import { describe, expect, it } from 'vitest';
import { changeCounts, changeEntries } from '../../src/lib/history/changes.ts';
import { alignClauses, countTokens, dice, EDIT_THRESHOLD, sinceDates, type ClauseText } from '../../src/lib/history/lineage.ts';
import { renderChangePages, wordDiff } from '../../src/lib/history/render-changes.ts';

const clauses = (...texts: string[]): ClauseText[] => texts.map((text, i) => ({ id: `c-${i + 1}`, text, heading: 'Terms' }));

const A = 'We collect your name and e-mail address when you register for an account.';
const B = 'We share information with service providers who process it on our behalf.';
const C = 'You can ask us to delete your account at any time by writing to us.';
const D = 'We keep server logs for ninety days and then delete them for good.';
const kinds = (previous: ClauseText[], current: ClauseText[]) => alignClauses(previous, current).matches.map((m) => m.kind);

describe('alignClauses', () => {
  it('identical snapshots: every clause the same, nothing removed', () => {
    const v1 = clauses(A, B, C);
    expect(alignClauses(v1, clauses(A, B, C))).toEqual({ matches: [0, 1, 2].map((previous) => ({ kind: 'same', previous })), removed: [] });
  });

  it('a whitespace-only change is no change', () => {
    expect(kinds(clauses(A, B), clauses(`  ${A.replaceAll(' ', '  \n')}`, B))).toEqual(['same', 'same']);
  });

  it('an added clause, a removed clause', () => {
    expect(alignClauses(clauses(A, B, C), clauses(A, D, C))).toEqual({
      matches: [{ kind: 'same', previous: 0 }, { kind: 'added' }, { kind: 'same', previous: 2 }],
      removed: [1],
    });
  });

  it('a one-word edit is an edit of the same clause', () => {
    expect(alignClauses(clauses(A, B, C), clauses(A, B.replace('service', 'trusted'), C)).matches[1]).toEqual({ kind: 'edited', previous: 1 });
  });

  it('a moved clause is the same clause wherever it went', () => {
    expect(alignClauses(clauses(A, B, C), clauses(C, A, B))).toEqual({
      matches: [{ kind: 'same', previous: 2 }, { kind: 'same', previous: 0 }, { kind: 'same', previous: 1 }],
      removed: [],
    });
  });

  it('a split clause: its first half continues it (edited), the second half is added', () => {
    const whole = `${A} ${D}`;
    expect(alignClauses(clauses(whole, B), clauses(A, D, B))).toEqual({
      matches: [{ kind: 'edited', previous: 0 }, { kind: 'added' }, { kind: 'same', previous: 1 }],
      removed: [],
    });
  });

  it('different clauses are not edits of each other', () => {
    expect(dice(countTokens(A), countTokens(D))).toBeLessThan(EDIT_THRESHOLD);
    expect(kinds(clauses(A), clauses(D))).toEqual(['added']);
  });
});

describe('since and changes', () => {
  it('since: unchanged clauses keep their date, edited and added clauses take this one', () => {
    const previous = clauses(A, B, C);
    const alignment = alignClauses(previous, clauses(A, B.replace('service', 'trusted'), D, C));
    expect(sinceDates(alignment, ['2005-12-10', '2006-01-01', '2007-03-04'], '2008-08-08', 4)).toEqual(['2005-12-10', '2008-08-08', '2008-08-08', '2007-03-04']);
    expect(sinceDates(undefined, undefined, '2005-12-10', 2)).toEqual(['2005-12-10', '2005-12-10']);
  });

  it('lists changes in document order, removed clauses where they stood, unchanged runs folded', () => {
    const previous = clauses(A, B, C, D);
    const alignment = alignClauses(previous, clauses(A, C.replace('any time', 'any moment'), D, 'A brand new clause about cookies and similar technologies.'));
    expect(changeEntries(alignment)).toEqual([
      { kind: 'unchanged', count: 1, first: 0 },
      { kind: 'removed', previous: 1 },
      { kind: 'edited', current: 1, previous: 2 },
      { kind: 'unchanged', count: 1, first: 2 },
      { kind: 'added', current: 3 },
    ]);
    expect(changeCounts(alignment)).toEqual({ added: 1, removed: 1, edited: 1, unchanged: 2 });
  });
});

describe('word diff and changes pages', () => {
  it('marks removed words with <del>, added words with <ins>, said in words, escaped', () => {
    const html = wordDiff('We share <data> with partners.', 'We sell <data> with partners.');
    expect(html).toBe('We <del><span class="vh"> removed: </span>share</del><ins><span class="vh"> added: </span>sell</ins> &lt;data&gt; with partners.');
  });

  it('shortens long unchanged stretches around a change', () => {
    const words = Array.from({ length: 80 }, (_, i) => `w${i}`);
    const after = [...words];
    after[40] = 'CHANGED';
    const html = wordDiff(words.join(' '), after.join(' '));
    expect(html).toContain('<ins><span class="vh"> added: </span>CHANGED</ins>');
    expect(html).not.toContain('w5 ');
    expect(html).toContain('w30');
    expect(html.startsWith('… ')).toBe(true);
  });

  it('bounds a very long diff (a rewritten table: old text struck, new text inserted), tags balanced', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `cell${i}`).join(' ');
    const after = Array.from({ length: 3000 }, (_, i) => (i % 2 ? `cell${i}` : `row${i}`)).join(' ');
    const html = wordDiff(before, after);
    expect(html.length).toBeLessThan(7_000);
    expect(html.startsWith('<del><span class="vh"> removed: </span>cell0 cell1')).toBe(true);
    expect(html.endsWith('…</ins>')).toBe(true);
    expect(html.split('<del>').length).toBe(html.split('</del>').length);
    expect(html.split('<ins>').length).toBe(html.split('</ins>').length);
  });

  it('every change carries data-change and links to both versions; pages stay small', () => {
    const previous = clauses(A, B, C);
    const current = clauses(A, B.replace('service', 'trusted'), D);
    const entries = changeEntries(alignClauses(previous, current));
    const [page] = renderChangePages({ previousId: 'x.com/2005-01-01', currentId: 'x.com/2006-01-01', previous, current, entries });
    expect(page.match(/data-change="(\w+)"/g)).toEqual(['data-change="edited"', 'data-change="added"', 'data-change="removed"']);
    expect(page).toContain('href="/policies/x.com/2006-01-01/#c-2"');
    expect(page).toContain('href="/policies/x.com/2005-01-01/#c-2"');
    expect(page).toContain('<a href="/policies/x.com/2006-01-01/#c-1">1 unchanged clause</a>');
    const many = clauses(...Array.from({ length: 400 }, (_, i) => `${D} Number ${i}.`));
    const pages = renderChangePages({ previousId: 'x.com/a', currentId: 'x.com/b', previous: [], current: many, entries: changeEntries(alignClauses([], many)) });
    expect(pages.length).toBeGreaterThan(3);
    expect(Math.max(...pages.map((p) => p.length))).toBeLessThan(13_000);
  });
});
