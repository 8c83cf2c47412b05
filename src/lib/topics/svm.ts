/**
 * The binary learner of the topic model (train.ts): an L2-regularised squared-hinge linear SVM trained by dual
 * coordinate descent (Hsieh et al. 2008, as in liblinear). Deterministic: seeded PRNG.
 */
import type { SparseVector } from './features.ts';
import { prng, shuffle } from './folds.ts';

/**
 * Squared-hinge (L2-loss) linear SVM, dual coordinate descent. Bias is a constant feature of value 1 (regularised,
 * as in liblinear). Cost C for every example (C <= 0 learns nothing). Returns weights (length dim) and bias.
 */
export function trainBinary(
  X: readonly SparseVector[],
  y: Int8Array,
  C: number,
  dim: number,
  epochs: number,
  seed: number,
): { w: Float64Array; b: number } {
  const w = new Float64Array(dim);
  let b = 0;
  if (C <= 0) return { w, b };
  const alpha = new Float64Array(X.length);
  const diag = 0.5 / C;
  const qd = Float64Array.from(X, ({ val }) => val.reduce((sq, v) => sq + v * v, 1) + diag); // 1: the bias feature
  const active = Array.from(X, (_, i) => i);
  const rand = prng(seed);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(active, rand);
    let maxPG = -Infinity;
    let minPG = Infinity;
    for (const i of active) {
      const x = X[i];
      let s = b;
      for (let k = 0; k < x.idx.length; k++) s += w[x.idx[k]] * x.val[k];
      const G = y[i] * s - 1 + diag * alpha[i];
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
