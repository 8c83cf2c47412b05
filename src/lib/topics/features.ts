/**
 * TF-IDF vectors (sublinear tf, l2-normalised) over a fixed term list. Shared by training and inference so both
 * compute exactly the same numbers.
 */
import { headingTokens, keywordTokens, stemToken, tokenize } from './tokenize.ts';

export interface SparseVector {
  /** Term indices (each at most once), and their values. */
  idx: Int32Array;
  val: Float64Array;
}

/** Quantisation step of stored idf values (they are stored as bytes: idf = byte / IDF_SCALE). */
export const IDF_SCALE = 16;

/** Smoothed idf as in scikit-learn: ln((1 + n) / (1 + df)) + 1, quantised to the stored precision. */
export function idfOf(df: number, nDocs: number): number {
  const idf = Math.log((1 + nDocs) / (1 + df)) + 1;
  return Math.max(1, Math.min(255, Math.round(idf * IDF_SCALE))) / IDF_SCALE;
}

/**
 * Vectorise a clause: sublinear tf (1 + ln tf) times idf over the uni+bigrams of its stemmed tokens that are in
 * `index` (others are ignored), plus its keyword pseudo-tokens (tokenize.ts keywordTokens) and its section heading's
 * pseudo-tokens (tokenize.ts headingTokens), l2-normalised. Indices are in order of first appearance (not sorted).
 */
let scratch = new Int32Array(0);

export function vectorize(text: string, index: ReadonlyMap<string, number>, idf: ArrayLike<number>, heading?: string): SparseVector {
  const raw = tokenize(text);
  const tokens = raw.map(stemToken);
  if (scratch.length < idf.length) scratch = new Int32Array(idf.length);
  const counts = scratch; // all zero between calls
  const touched: number[] = [];
  const add = (i: number | undefined) => {
    if (i === undefined) return;
    if (counts[i]++ === 0) touched.push(i);
  };
  for (let k = 0; k < tokens.length; k++) {
    add(index.get(tokens[k]));
    if (k + 1 < tokens.length) add(index.get(`${tokens[k]} ${tokens[k + 1]}`));
  }
  for (const kw of keywordTokens(text, raw.length)) add(index.get(kw));
  for (const h of headingTokens(heading)) add(index.get(h));
  return weighTerms(touched, counts, idf);
}

/**
 * The vector of the terms counted in `counts` (listed in `touched`): sublinear tf times idf, l2-normalised.
 * Resets `counts` to zero for the next text. Shared by training (vectorize) and the classifier's fast path
 * (predict.ts), so both weigh terms alike.
 */
export function weighTerms(touched: number[], counts: Int32Array, idf: ArrayLike<number>): SparseVector {
  const n = touched.length;
  const idx = new Int32Array(n);
  const val = new Float64Array(n);
  let norm = 0;
  for (let k = 0; k < n; k++) {
    const i = touched[k];
    const count = counts[i];
    counts[i] = 0;
    idx[k] = i;
    val[k] = (count === 1 ? 1 : 1 + Math.log(count)) * idf[i];
    norm += val[k] * val[k];
  }
  norm = Math.sqrt(norm) || 1; // no term: nothing to scale
  for (let k = 0; k < n; k++) val[k] /= norm;
  return { idx, val };
}
