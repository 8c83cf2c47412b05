import { describe, expect, it } from 'vitest';
import { withHeadings } from '../../src/lib/topics/data.ts';
import { topicsLine, scoreMultiLabel } from '../../src/lib/topics/scores.ts';
import { headingTokens } from '../../src/lib/topics/tokenize.ts';
import { thresholdForPrecision } from '../../src/lib/topics/train.ts';

describe('thresholdForPrecision (issue 19: precision first)', () => {
  // scores, best first: + + - + - - +
  const scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3];
  const gold = [true, true, false, true, false, false, true];

  it('takes the lowest cut whose items above it reach the precision target', () => {
    // cuts: 1/1, 2/2, 2/3, 3/4 (0.75), 3/5, 3/6, 4/7
    expect(thresholdForPrecision(scores, gold, 0.75)).toBeCloseTo(0.55, 12);
    expect(thresholdForPrecision(scores, gold, 0.9)).toBeCloseTo(0.75, 12);
    expect(thresholdForPrecision(scores, gold, 0.58)).toBeCloseTo(0.45, 12);
    expect(thresholdForPrecision(scores, gold, 0.5)).toBeCloseTo(0.3 - 1, 12); // every item: below the lowest score
  });

  it('gives no threshold (the label is never shown) when no cut is precise enough', () => {
    expect(thresholdForPrecision([0.9, 0.8], [false, true], 0.9)).toBeNull();
    expect(thresholdForPrecision([0.9, 0.8], [false, false], 0.1)).toBeNull();
  });

  it('never cuts between equal scores', () => {
    expect(thresholdForPrecision([0.9, 0.9, 0.1], [true, false, true], 0.9)).toBeNull();
  });
});

describe('OPP-115 segments get the section heading a site clause would have', () => {
  const row = (segment: number, text: string, policy = 'p') => ({ policy, segment, text, categories: [] });

  it('moves a heading line out of the text and carries it to the following segments of the policy', () => {
    const rows = withHeadings([
      row(1, 'We keep logs for 30 days.'),
      row(0, 'Data Retention\n\nWe keep your data while your account is open.'),
      row(2, 'Children\nWe do not collect data from children.'),
      row(0, 'Hello.', 'q'),
    ]);
    expect(rows.map((r) => [r.text, r.heading])).toEqual([
      ['We keep logs for 30 days.', 'Data Retention'],
      ['We keep your data while your account is open.', 'Data Retention'],
      ['We do not collect data from children.', 'Children'],
      ['Hello.', undefined],
    ]);
  });

  it('does not take a sentence, a long line or a lone line for a heading', () => {
    const rows = withHeadings([
      row(0, 'We collect your name.\nAnd your e-mail address.'),
      row(1, `${'Long words here '.repeat(6)}\nbody`),
      row(2, 'Security'),
    ]);
    expect(rows.map((r) => r.heading)).toEqual([undefined, undefined, undefined]);
  });
});

describe('heading features', () => {
  it('are stemmed, prefixed and distinct', () => {
    expect(headingTokens('Data retention: how long we retain data')).toEqual(['h_data', 'h_retent', 'h_how', 'h_long', 'h_we', 'h_retain']);
    expect(headingTokens(undefined)).toEqual([]);
  });
});

describe('the eval command line', () => {
  it('reports the lowest precision of the categories predicted, and how many never were', () => {
    const scores = scoreMultiLabel(
      [['A'], ['A'], ['B'], ['C']],
      [['A'], ['B'], ['B'], []],
      ['A', 'B', 'C'],
    );
    expect(topicsLine(scores)).toBe('topics macro-F1 0.444 micro-F1 0.571 min-precision 0.500 never-predicted 1');
  });
});
