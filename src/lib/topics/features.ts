/**
 * TF-IDF vectors (sublinear tf, l2-normalised) over a fixed term list. Shared by training and inference so
 * both compute exactly the same numbers.
 */
import { stemmedTokens } from './tokenize.ts';

export interface SparseVector {
  /** Term indices (each at most once). */
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
 * Terms not in the vocabulary are ignored. Indices are in order of first appearance (not sorted).
 */
let scratch = new Int32Array(0);

export function vectorize(text: string, index: ReadonlyMap<string, number>, idf: ArrayLike<number>): SparseVector {
  const tokens = stemmedTokens(text);
  if (scratch.length < idf.length) scratch = new Int32Array(idf.length);
  const counts = scratch; // all zero between calls
  const touched: number[] = [];
  const add = (term: string) => {
    const i = index.get(term);
    if (i === undefined) return;
    if (counts[i]++ === 0) touched.push(i);
  };
  for (let k = 0; k < tokens.length; k++) {
    add(tokens[k]);
    if (k + 1 < tokens.length) add(`${tokens[k]} ${tokens[k + 1]}`);
  }
  const n = touched.length;
  const idx = new Int32Array(n);
  const val = new Float64Array(n);
  let norm = 0;
  for (let k = 0; k < n; k++) {
    const i = touched[k];
    const count = counts[i];
    counts[i] = 0;
    const v = (count === 1 ? 1 : 1 + Math.log(count)) * idf[i];
    idx[k] = i;
    val[k] = v;
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < n; k++) val[k] /= norm;
  return { idx, val };
}

export function dot(w: ArrayLike<number>, x: SparseVector): number {
  let s = 0;
  for (let k = 0; k < x.idx.length; k++) s += w[x.idx[k]] * x.val[k];
  return s;
}
