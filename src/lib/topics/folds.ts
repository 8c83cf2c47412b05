/**
 * Seeded randomness and policy-grouped folds for training and evaluating the topic model (train.ts): the same
 * seed always gives the same shuffles and folds.
 */

/** mulberry32: small, fast, seeded PRNG returning floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/**
 * Assign each row to one of k folds so that rows of one group (policy) are always in the same fold. Groups are
 * shuffled with the seed, then placed largest first into the currently smallest fold (balanced sizes).
 * Rows without a group each form their own group.
 */
export function groupFolds(groups: ReadonlyArray<string | undefined>, k: number, seed: number): number[] {
  const sizes = new Map<string, number>();
  groups.forEach((g, i) => {
    const key = g ?? `\u0000row${i}`;
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  });
  const keys = shuffle([...sizes.keys()].sort(), prng(seed));
  // stable sort by size descending keeps the shuffled order among equal sizes
  keys.sort((a, b) => sizes.get(b)! - sizes.get(a)!);
  const foldSize = new Array<number>(k).fill(0);
  const foldOf = new Map<string, number>();
  for (const key of keys) {
    let best = 0;
    for (let f = 1; f < k; f++) if (foldSize[f] < foldSize[best]) best = f;
    foldOf.set(key, best);
    foldSize[best] += sizes.get(key)!;
  }
  return groups.map((g, i) => foldOf.get(g ?? `\u0000row${i}`)!);
}
