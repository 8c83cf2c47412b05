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
  /** Per term, its count in the text being vectorised (all zero between calls); `touched` lists the counted terms. */
  private readonly counts: Int32Array;
  private readonly touched: number[] = [];
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
    let prev = -1;
    for (const token of raw) {
      const id = this.tokenIds.get(stemToken(token)) ?? -1;
      if (id >= 0) {
        this.count(this.unigram[id]);
        if (prev >= 0) this.count(this.bigram.get(prev * T + id) ?? -1);
      }
      prev = id;
    }
    const pseudo = keywordTokens(text, raw.length);
    if (heading) {
      // clauses of one section share their heading: tokenise it once
      if (heading !== this.lastHeading) [this.lastHeading, this.lastHeadingTokens] = [heading, headingTokens(heading)];
      pseudo.push(...this.lastHeadingTokens);
    }
    for (const p of pseudo) {
      const id = this.tokenIds.get(p);
      if (id !== undefined) this.count(this.unigram[id]);
    }
    // sublinear tf times idf, l2-normalised; counts back to zero for the next text
    const touched = this.touched.splice(0);
    const val = Float64Array.from(touched, (i) => {
      const count = this.counts[i];
      this.counts[i] = 0;
      return (count === 1 ? 1 : 1 + Math.log(count)) * this.idf[i];
    });
    const norm = Math.sqrt(val.reduce((sum, v) => sum + v * v, 0)) || 1; // no term: nothing to scale
    return { idx: Int32Array.from(touched), val: val.map((v) => v / norm) };
  }

  /** One more occurrence of term `u` (-1: not a term). */
  private count(u: number): void {
    if (u >= 0 && this.counts[u]++ === 0) this.touched.push(u);
  }
}
