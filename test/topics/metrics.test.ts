import { describe, expect, it } from 'vitest';
import { formatScores, scoreMultiLabel, summaryLine } from '../../src/lib/topics/scores.ts';

describe('multi-label metrics', () => {
  // A: gold in rows 0,1,2; predicted in rows 0,1,3 -> tp 2, fp 1, fn 1 -> P 2/3, R 2/3, F1 2/3
  // B: gold in rows 0,3;   predicted in row 0      -> tp 1, fp 0, fn 1 -> P 1,   R 1/2, F1 2/3
  // C: gold in row 2;      never predicted         -> tp 0, fp 0, fn 1 -> P 0,   R 0,   F1 0
  // D: never gold, never predicted                 -> left out of the macro average
  const gold = [['A', 'B'], ['A'], ['A', 'C'], ['B']];
  const pred = [['A', 'B'], ['A'], [], ['A']];
  const scores = scoreMultiLabel(gold, pred, ['A', 'B', 'C', 'D']);

  it('computes per-category precision, recall, F1 and support', () => {
    const [a, b, c, d] = scores.perCategory;
    expect(a).toMatchObject({ tp: 2, fp: 1, fn: 1, support: 3 });
    expect(a.precision).toBeCloseTo(2 / 3, 12);
    expect(a.recall).toBeCloseTo(2 / 3, 12);
    expect(a.f1).toBeCloseTo(2 / 3, 12);
    expect(b).toMatchObject({ tp: 1, fp: 0, fn: 1, precision: 1, recall: 0.5, support: 2 });
    expect(b.f1).toBeCloseTo(2 / 3, 12);
    expect(c).toMatchObject({ tp: 0, fp: 0, fn: 1, precision: 0, recall: 0, f1: 0, support: 1 });
    expect(d).toMatchObject({ tp: 0, fp: 0, fn: 0, support: 0 });
  });

  it('macro-averages over categories present, micro-averages over all decisions', () => {
    expect(scores.macroF1).toBeCloseTo((2 / 3 + 2 / 3 + 0) / 3, 12);
    // micro: tp 3, fp 1, fn 3 -> P 3/4, R 1/2, F1 0.6
    expect(scores.microPrecision).toBeCloseTo(0.75, 12);
    expect(scores.microRecall).toBeCloseTo(0.5, 12);
    expect(scores.microF1).toBeCloseTo(0.6, 12);
  });

  it('ends the report with exactly "macro-F1 <x> micro-F1 <y>" (three decimals)', () => {
    const lines = formatScores(scores).split('\n');
    expect(lines.at(-1)).toBe('macro-F1 0.444 micro-F1 0.600');
    expect(lines[0]).toMatch(/^category\s+precision\s+recall\s+F1\s+support$/);
    expect(lines.length).toBe(1 + 4 + 2);
    expect(summaryLine({ macroF1: 0.85, microF1: 1 })).toBe('macro-F1 0.850 micro-F1 1.000');
  });

  it('rejects mismatched inputs', () => {
    expect(() => scoreMultiLabel([['A']], [], ['A'])).toThrow();
  });
});
