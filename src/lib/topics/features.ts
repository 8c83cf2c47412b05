/**
 * TF-IDF vectors (sublinear tf, l2-normalised) over a fixed term list. Shared by training and inference so
 * both compute exactly the same numbers.
 */
import { termCounts } from './tokenize.ts';

export interface SparseVector {
  /** Term indices, ascending. */
  idx: Int32Array;
  /** Values, same length as idx. */
  val: Float64Array;
}

/** Quantisation step of stored idf values (they are stored as bytes: idf = byte / IDF_SCALE). */
export const IDF_SCALE = 16;

export function quantizeIdf(idf: number): number {
  return Math.max(1, Math.min(255, Math.round(idf * IDF_SCALE))) / IDF_SCALE;
}

/** Smoothed idf as in scikit-learn: ln((1 + n) / (1 + df)) + 1, quantised to the stored precision. */
export function idfOf(df: number, nDocs: number): number {
  return quantizeIdf(Math.log((1 + nDocs) / (1 + df)) + 1);
}

/**
 * Vectorise a text: sublinear tf (1 + ln tf) times idf, l2-normalised, over terms in `index` only.
 * Terms not in the vocabulary are ignored.
 */
export function vectorize(text: string, index: ReadonlyMap<string, number>, idf: ArrayLike<number>): SparseVector {
  const counts = termCounts(text);
  const pairs: number[] = [];
  for (const [term, count] of counts) {
    const i = index.get(term);
    if (i !== undefined) pairs.push(i, (1 + Math.log(count)) * idf[i]);
  }
  const n = pairs.length / 2;
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => pairs[2 * a] - pairs[2 * b]);
  const idx = new Int32Array(n);
  const val = new Float64Array(n);
  let norm = 0;
  for (let k = 0; k < n; k++) norm += pairs[2 * k + 1] ** 2;
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < n; k++) {
    idx[k] = pairs[2 * order[k]];
    val[k] = pairs[2 * order[k] + 1] / norm;
  }
  return { idx, val };
}

export function dot(w: ArrayLike<number>, x: SparseVector): number {
  let s = 0;
  for (let k = 0; k < x.idx.length; k++) s += w[x.idx[k]] * x.val[k];
  return s;
}
