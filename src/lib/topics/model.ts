/**
 * The serialised model (src/lib/topics/model.json) and its decoding.
 *
 * One-vs-rest linear scores over TF-IDF uni+bigrams, keyword and heading pseudo-tokens. Weights are stored quantised
 * to signed bytes (one scale per label), idf values to unsigned bytes, both base64-encoded: this keeps model.json
 * small and fast to parse.
 * Training quantises exactly the same way, so cross-validation scores are those of the shipped format.
 */
import { IDF_SCALE } from './features.ts';

export const MODEL_FORMAT = 'opp115-ovr-linear/3';

export interface TopicModel {
  format: typeof MODEL_FORMAT;
  /** Attribution, human-readable. */
  source: string;
  /** What the model was trained on (for the eval command's "training data" warning). */
  trainedOn: { sha256: string; segments: number; policies: number };
  options: Record<string, number | string | boolean>;
  /** Label names: the ten OPP-115 categories, then auxiliary labels (e.g. "Other:contact"). */
  labels: string[];
  /** Vocabulary: unigrams, bigrams ("a b"), keyword (`_kw_…_`, `_len…_`) and heading (`h_…`) pseudo-tokens. */
  terms: string[];
  /** base64 of one byte per term: idf * IDF_SCALE. */
  idf: string;
  /** Per label: base64 of one signed byte per feature. */
  weights: string[];
  /** Per label: weight = byte * scale. */
  scales: number[];
  bias: number[];
  /**
   * Per label decision threshold on the linear score, chosen for precision (train.ts thresholdForPrecision); null:
   * no threshold reached the precision target, so the label is never given.
   */
  thresholds: (number | null)[];
}

/** Quantise a weight vector to signed bytes with one scale; returns the bytes and the scale. */
export function quantizeWeights(w: ArrayLike<number>): { bytes: Int8Array; scale: number } {
  let max = 0;
  for (let i = 0; i < w.length; i++) max = Math.max(max, Math.abs(w[i]));
  const scale = max > 0 ? Number((max / 127).toPrecision(6)) : 1;
  return { bytes: Int8Array.from(w, (v) => Math.max(-127, Math.min(127, Math.round(v / scale)))), scale };
}

/** The model as the classifier reads it: weights in one term-major matrix, w[term * labels.length + label]. */
export function decodeModel(model: TopicModel) {
  if (model.format !== MODEL_FORMAT) throw new Error(`unknown topic model format ${String(model.format)}: retrain with npm run train:topics`);
  const L = model.labels.length;
  const V = model.terms.length;
  const w = new Float32Array(V * L);
  for (let l = 0; l < L; l++) {
    const raw = Buffer.from(model.weights[l], 'base64');
    const bytes = new Int8Array(raw.buffer, raw.byteOffset, raw.length);
    const scale = model.scales[l];
    for (let i = 0; i < V; i++) w[i * L + l] = bytes[i] * scale;
  }
  return {
    labels: model.labels.slice(),
    terms: model.terms,
    idf: Float64Array.from(Buffer.from(model.idf, 'base64'), (byte) => byte / IDF_SCALE),
    w,
    bias: Float64Array.from(model.bias),
    thresholds: Float64Array.from(model.thresholds, (t) => t ?? Infinity), // never reached where null
  };
}

/** Stable JSON: one top-level key per line, fixed key order (as built), trailing newline. */
export function serializeModel(model: TopicModel): string {
  const lines = Object.entries(model).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}
