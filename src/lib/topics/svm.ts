/**
 * The binary learner of the topic model (train.ts): an L2-regularised squared-hinge linear SVM trained by dual
 * coordinate descent (Hsieh et al. 2008, as in liblinear). Deterministic: seeded PRNG.
 */
import type { SparseVector } from './features.ts';
import { prng, shuffle } from './folds.ts';

/**
 * Squared-hinge (L2-loss) linear SVM, dual coordinate descent. Bias is a constant feature of value 1 (regularised,
 * as in liblinear). cost[i] = 0 leaves example i out. Returns weights (length dim) and bias.
 */
export function trainBinary(
  X: readonly SparseVector[],
  y: Int8Array,
  cost: Float64Array,
  dim: number,
  epochs: number,
  seed: number,
): { w: Float64Array; b: number } {
  const n = X.length;
  const w = new Float64Array(dim);
  let b = 0;
  const alpha = new Float64Array(n);
  const diag = new Float64Array(n);
  const qd = new Float64Array(n);
  const active: number[] = [];
  for (let i = 0; i < n; i++) {
    if (cost[i] <= 0) continue;
    diag[i] = 0.5 / cost[i];
    let sq = 1; // bias feature
    const v = X[i].val;
    for (let k = 0; k < v.length; k++) sq += v[k] * v[k];
    qd[i] = sq + diag[i];
    active.push(i);
  }
  const rand = prng(seed);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(active, rand);
    let maxPG = -Infinity;
    let minPG = Infinity;
    for (const i of active) {
      const x = X[i];
      let s = b;
      for (let k = 0; k < x.idx.length; k++) s += w[x.idx[k]] * x.val[k];
      const G = y[i] * s - 1 + diag[i] * alpha[i];
      const PG = alpha[i] === 0 ? Math.min(G, 0) : G;
      maxPG = Math.max(maxPG, PG);
      minPG = Math.min(minPG, PG);
      if (Math.abs(PG) > 1e-12) {
        const old = alpha[i];
        alpha[i] = Math.max(old - G / qd[i], 0);
        const d = (alpha[i] - old) * y[i];
        for (let k = 0; k < x.idx.length; k++) w[x.idx[k]] += d * x.val[k];
        b += d;
      }
    }
    if (maxPG - minPG < 1e-3) break;
  }
  return { w, b };
}
