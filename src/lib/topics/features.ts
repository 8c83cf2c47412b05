/**
 * TF-IDF vectors (sublinear tf, l2-normalised) over a fixed term list. One implementation for training and
 * inference, so both compute exactly the same numbers.
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
 * Vectorises clauses over a term list: sublinear tf (1 + ln tf) times idf over the
 * uni+bigrams of a clause's stemmed tokens that are terms (others are ignored), plus its keyword pseudo-tokens
 * (tokenize.ts keywordTokens) and its section heading's pseudo-tokens (tokenize.ts headingTokens), l2-normalised.
 * Indices are in order of first appearance (not sorted). Bigrams are found by numbers, without building "a b" strings.
 */
export class Vectorizer {
  /** Token -> token id, for tokens that occur in some term. */
  private readonly tokenIds = new Map<string, number>();
  /** Token id -> unigram term index or -1. */
  private readonly unigram: Int32Array;
  /** tokenId1 * tokenCount + tokenId2 -> bigram term index. */
  private readonly bigram = new Map<number, number>();
  private readonly counts: Int32Array;
  private readonly idf: ArrayLike<number>;
  private lastHeading = '';
  private lastHeadingTokens: string[] = [];
  /** Word tokens of the text last vectorised. */
  words = 0;

  constructor(terms: readonly string[], idf: ArrayLike<number>) {
    for (const part of terms.flatMap((term) => term.split(' '))) {
      if (!this.tokenIds.has(part)) this.tokenIds.set(part, this.tokenIds.size);
    }
    const T = this.tokenIds.size;
    this.unigram = new Int32Array(T).fill(-1);
    for (const [i, term] of terms.entries()) {
      const parts = term.split(' ');
      if (parts.length === 1) this.unigram[this.tokenIds.get(parts[0])!] = i;
      else this.bigram.set(this.tokenIds.get(parts[0])! * T + this.tokenIds.get(parts[1])!, i);
    }
    this.counts = new Int32Array(idf.length);
    this.idf = idf;
  }

  vector(text: string, heading?: string): SparseVector {
    const raw = tokenize(text);
    this.words = raw.length;
    const T = this.tokenIds.size;
    const counts = this.counts; // all zero between calls
    const touched: number[] = [];
    let prev = -1;
    for (let k = 0; k < raw.length; k++) {
      const id = this.tokenIds.get(stemToken(raw[k])) ?? -1;
      if (id >= 0) {
        const u = this.unigram[id];
        if (u >= 0 && counts[u]++ === 0) touched.push(u);
        if (prev >= 0) {
          const b = this.bigram.get(prev * T + id);
          if (b !== undefined && counts[b]++ === 0) touched.push(b);
        }
      }
      prev = id;
    }
    this.countPseudo(keywordTokens(text, raw.length), touched);
    if (heading) {
      // clauses of one section share their heading: tokenise it once
      if (heading !== this.lastHeading) [this.lastHeading, this.lastHeadingTokens] = [heading, headingTokens(heading)];
      this.countPseudo(this.lastHeadingTokens, touched);
    }
    return weighTerms(touched, counts, this.idf);
  }

  /** Counts pseudo-tokens (keywords, heading words) that are unigram terms. */
  private countPseudo(pseudo: readonly string[], touched: number[]): void {
    for (const p of pseudo) {
      const id = this.tokenIds.get(p);
      const u = id === undefined ? -1 : this.unigram[id];
      if (u >= 0 && this.counts[u]++ === 0) touched.push(u);
    }
  }
}

/**
 * The vector of the terms counted in `counts` (listed in `touched`): sublinear tf times idf, l2-normalised.
 * Resets `counts` to zero for the next text.
 */
function weighTerms(touched: number[], counts: Int32Array, idf: ArrayLike<number>): SparseVector {
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
