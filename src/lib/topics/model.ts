/**
 * The serialised model (src/lib/topics/model.json) and its decoding.
 *
 * One-vs-rest linear scores over TF-IDF uni+bigrams. Weights are stored quantised to signed bytes (one scale per
 * label), idf values to unsigned bytes, both base64-encoded: this keeps model.json small and fast to parse.
 * Training quantises exactly the same way, so cross-validation scores are those of the shipped format.
 */
import { IDF_SCALE, type CharSpace } from './features.ts';

export const MODEL_FORMAT = 'opp115-ovr-linear/2';

export interface TopicModel {
  format: typeof MODEL_FORMAT | 'opp115-ovr-linear/1';
  /** Attribution / provenance, human-readable. */
  source: string;
  /** What the model was trained on (for the eval command's "training data" warning). */
  trainedOn: { sha256: string; segments: number; policies: number };
  /** Training options used (for reproducibility). */
  options: Record<string, number | string | boolean>;
  /** Label names: the ten OPP-115 categories, then auxiliary labels (e.g. "Other:contact"). */
  labels: string[];
  /** Vocabulary: unigrams and bigrams ("a b"). */
  terms: string[];
  /**
   * Optional block of hashed character n-grams (features.ts charGramHashes), after the terms: n range, l2 weight of
   * the block, and base64 of the kept bucket numbers (uint32 little-endian, ascending).
   */
  /** Keyword pseudo-tokens (tokenize.ts keywordTokens) are among the terms. */
  keywords?: boolean;
  chars?: { minN: number; maxN: number; weight: number; buckets: string };
  /** base64 of one byte per feature (terms, then character buckets): idf * IDF_SCALE. */
  idf: string;
  /** Per label: base64 of one signed byte per feature. */
  weights: string[];
  /** Per label: weight = byte * scale. */
  scales: number[];
  bias: number[];
  /** Per label decision threshold on the linear score (on the stacked score if `stack` is present). */
  thresholds: number[];
  /** Optional second stage: per label, weights over the first-stage scores of all labels, then a bias. */
  stack?: number[][];
  /** If no category reaches its threshold, assign the one closest to it. */
  atLeastOne: boolean;
}

export interface DecodedModel {
  labels: string[];
  index: Map<string, number>;
  /** Character n-gram block, if any (its feature indices follow the terms). */
  chars?: CharSpace;
  keywords?: boolean;
  idf: Float64Array;
  /** Term-major weight matrix: w[term * labels.length + label]. */
  w: Float32Array;
  bias: Float64Array;
  thresholds: Float64Array;
  stack?: number[][];
  atLeastOne: boolean;
}

function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin);
}

/** Quantise a weight vector to signed bytes with one scale; returns the bytes and the scale. */
export function quantizeWeights(w: ArrayLike<number>): { bytes: Int8Array; scale: number } {
  let max = 0;
  for (let i = 0; i < w.length; i++) max = Math.max(max, Math.abs(w[i]));
  const scale = max > 0 ? Number((max / 127).toPrecision(6)) : 1;
  const bytes = new Int8Array(w.length);
  for (let i = 0; i < w.length; i++) bytes[i] = Math.max(-127, Math.min(127, Math.round(w[i] / scale)));
  return { bytes, scale };
}

export function decodeModel(model: TopicModel): DecodedModel {
  // format 1 is format 2 without the optional character block
  if (model.format !== MODEL_FORMAT && (model.format as string) !== 'opp115-ovr-linear/1') throw new Error(`unknown topic model format ${String(model.format)}`);
  const L = model.labels.length;
  const index = new Map<string, number>();
  model.terms.forEach((t, i) => index.set(t, i));
  let chars: CharSpace | undefined;
  if (model.chars) {
    const raw = fromBase64(model.chars.buckets);
    const view = new DataView(raw.buffer, raw.byteOffset, raw.length);
    const charIndex = new Map<number, number>();
    for (let k = 0; k < raw.length / 4; k++) charIndex.set(view.getUint32(4 * k, true), model.terms.length + k);
    chars = { minN: model.chars.minN, maxN: model.chars.maxN, weight: model.chars.weight, index: charIndex };
  }
  const V = model.terms.length + (chars?.index.size ?? 0);
  const idfBytes = fromBase64(model.idf);
  const idf = new Float64Array(V);
  for (let i = 0; i < V; i++) idf[i] = idfBytes[i] / IDF_SCALE;
  const w = new Float32Array(V * L);
  for (let l = 0; l < L; l++) {
    const raw = fromBase64(model.weights[l]);
    const bytes = new Int8Array(raw.buffer, raw.byteOffset, raw.length);
    const scale = model.scales[l];
    for (let i = 0; i < V; i++) w[i * L + l] = bytes[i] * scale;
  }
  return {
    labels: model.labels.slice(),
    index,
    ...(chars ? { chars } : {}),
    ...(model.keywords ? { keywords: true } : {}),
    idf,
    w,
    bias: Float64Array.from(model.bias),
    thresholds: Float64Array.from(model.thresholds),
    ...(model.stack ? { stack: model.stack.map((r) => r.slice()) } : {}),
    atLeastOne: model.atLeastOne,
  };
}

/** base64 of uint32 values, little-endian. */
export function uint32ToBase64(values: ArrayLike<number>): string {
  const bytes = new Uint8Array(4 * values.length);
  const view = new DataView(bytes.buffer);
  for (let k = 0; k < values.length; k++) view.setUint32(4 * k, values[k], true);
  return toBase64(bytes);
}

/** Stable JSON: one top-level key per line, fixed key order (as built), trailing newline. */
export function serializeModel(model: TopicModel): string {
  const lines = Object.entries(model).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}
