import { describe, expect, it } from 'vitest';
import { groupFolds } from '../../src/lib/topics/folds.ts';

describe('policy-grouped folds', () => {
  const groups: string[] = [];
  for (let p = 0; p < 23; p++) for (let s = 0; s < 1 + ((p * 7) % 11); s++) groups.push(`policy-${p}`);

  it('never splits a policy across folds', () => {
    const folds = groupFolds(groups, 5, 1);
    const foldOf = new Map<string, number>();
    groups.forEach((g, i) => {
      if (foldOf.has(g)) expect(folds[i]).toBe(foldOf.get(g));
      foldOf.set(g, folds[i]);
    });
  });

  it('uses every fold with roughly balanced sizes, deterministically', () => {
    const folds = groupFolds(groups, 5, 1);
    const sizes = [0, 1, 2, 3, 4].map((f) => folds.filter((x) => x === f).length);
    expect(Math.min(...sizes)).toBeGreaterThan(0);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(11);
    expect(groupFolds(groups, 5, 1)).toEqual(folds);
    expect(folds.every((f) => f >= 0 && f < 5)).toBe(true);
  });

  it('treats rows without a policy as their own groups', () => {
    const folds = groupFolds([undefined, undefined, undefined, undefined], 2, 3);
    expect(folds.filter((f) => f === 0).length).toBe(2);
  });
});
