/**
 * TF-IDF vectors (sublinear tf, l2-normalised) over a fixed term list, optionally followed by a second block of
 * hashed character n-gram features (see charGramHashes). Shared by training and inference so both compute exactly
 * the same numbers.
 */
import { keywordTokens, stemToken, tokenize } from './tokenize.ts';

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

/** Character n-grams are hashed into 2^CHAR_BITS buckets. */
export const CHAR_BITS = 18;
const CHAR_MASK = (1 << CHAR_BITS) - 1;

/** Settings of the character n-gram block. */
export interface CharSpace {
  /** Smallest and largest n. */
  minN: number;
  maxN: number;
  /** Bucket -> feature index (indices follow the word terms). */
  index: ReadonlyMap<number, number>;
  /** l2 norm of the character block (the word block has norm 1). */
  weight: number;
}

/**
 * Hashed character n-grams (minN <= n <= maxN) of one token padded with a space on each side (" word "), so n-grams
 * stay within the word and mark its start and end. FNV-1a of the UTF-16 code units, seeded by n; with repeats.
 */
export function charGramHashes(token: string, minN: number, maxN: number, out: number[] = []): number[] {
  const L = token.length + 2;
  const code = (i: number) => (i === 0 || i === L - 1 ? 32 : token.charCodeAt(i - 1));
  for (let n = minN; n <= maxN; n++) {
    for (let s = 0; s + n <= L; s++) {
      let h = (0x811c9dc5 ^ n) >>> 0;
      for (let j = s; j < s + n; j++) h = Math.imul(h ^ code(j), 16777619);
      out.push((h >>> 0) & CHAR_MASK);
    }
  }
  return out;
}

/**
 * Vectorise a text: sublinear tf (1 + ln tf) times idf over terms in `index` only (terms not in the vocabulary are
 * ignored), plus keyword pseudo-tokens if `keywords` (tokenize.ts keywordTokens), l2-normalised; then, if `chars` is given, the same over the character n-grams of the (unstemmed) tokens,
 * l2-normalised to `chars.weight`. Indices are in order of first appearance (not sorted).
 */
let scratch = new Int32Array(0);

export function vectorize(
  text: string,
  index: ReadonlyMap<string, number>,
  idf: ArrayLike<number>,
  chars?: CharSpace,
  keywords = false,
): SparseVector {
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
  if (keywords) for (const kw of keywordTokens(text, raw.length)) add(index.get(kw));
  const wordCount = touched.length;
  if (chars) {
    const hashes: number[] = [];
    for (const t of raw) charGramHashes(t, chars.minN, chars.maxN, hashes);
    for (const h of hashes) add(chars.index.get(h));
  }
  return weighTerms(touched, counts, idf, wordCount, chars?.weight);
}

/**
 * The vector of the terms counted in `counts` (listed in `touched`, words first, then `wordCount`..n character
 * n-grams): sublinear tf times idf, each block l2-normalised. Resets `counts` to zero for the next text.
 * Shared by training (vectorize) and the classifier's fast path (predict.ts), so both weigh terms alike.
 */
export function weighTerms(touched: number[], counts: Int32Array, idf: ArrayLike<number>, wordCount: number, charWeight?: number): SparseVector {
  const n = touched.length;
  const idx = new Int32Array(n);
  const val = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = touched[k];
    const count = counts[i];
    counts[i] = 0;
    idx[k] = i;
    val[k] = (count === 1 ? 1 : 1 + Math.log(count)) * idf[i];
  }
  normalize(val, 0, wordCount, 1);
  if (charWeight !== undefined) normalize(val, wordCount, n, charWeight);
  return { idx, val };
}

/** Scale val[from..to) to l2 norm `target` (left alone if all zero). */
export function normalize(val: Float64Array, from: number, to: number, target: number): void {
  let norm = 0;
  for (let k = from; k < to; k++) norm += val[k] * val[k];
  norm = Math.sqrt(norm) || 1;
  for (let k = from; k < to; k++) val[k] = (val[k] / norm) * target;
}

export function dot(w: ArrayLike<number>, x: SparseVector): number {
  let s = 0;
  for (let k = 0; k < x.idx.length; k++) s += w[x.idx[k]] * x.val[k];
  return s;
}
