/**
 * Training of the topic model: one-vs-rest L2-regularised squared-hinge linear SVMs (svm.ts) over TF-IDF uni+bigrams
 * plus keyword and heading pseudo-tokens (features.ts), thresholds chosen for precision (trainModel). Everything is
 * deterministic: seeded PRNG, stable orderings.
 */
import { IDF_SCALE, idfOf, Vectorizer } from './features.ts';
import { MODEL_FORMAT, quantizeWeights, type TopicModel } from './model.ts';
import { OPP115_CATEGORIES } from './taxonomy.ts';
import { headingTokens, keywordTokens, termCounts, tokenize } from './tokenize.ts';
import { ClauseClassifier } from './predict.ts';
import { groupFolds } from './folds.ts';
import { trainBinary } from './svm.ts';

/** One labelled segment, in the format of opp115/dev.jsonl (only `text` and `categories` are required). */
export interface Segment {
  text: string;
  categories: string[];
  votes?: Record<string, number>;
  other_type_votes?: Record<string, number>;
  policy?: string;
  /** Position of the segment in its policy. */
  segment?: number;
  /** The section heading the segment sits under, if known (data.ts withHeadings). */
  heading?: string;
}

export const DEFAULT_OPTIONS = {
  /** Keep terms that occur in at least this many training segments. */
  minDf: 3,
  /** SVM cost, and its coordinate-descent passes. */
  C: 0.25,
  epochs: 60,
  seed: 115,
  /** Folds of the inner (policy-grouped) CV whose out-of-fold scores choose the thresholds. */
  innerFolds: 5,
  /**
   * Keep only this many terms (0 = all): after a first fit, terms are ranked by their largest weight over the labels
   * (each label's weights scaled to max 1) and the model is refitted on the best ones. Keeps model.json small.
   */
  maxTerms: 6000,
};

export type TrainOptions = typeof DEFAULT_OPTIONS;

/** The auxiliary labels: OPP-115 "Other" segments of one type (by at least two votes). */
const OTHER_TYPE: Record<string, string> = {
  'Other:contact': 'Privacy contact information',
  'Other:intro': 'Introductory/Generic',
};
const LABELS: readonly string[] = [...OPP115_CATEGORIES, ...Object.keys(OTHER_TYPE)];

/**
 * Precision target of each label's threshold (the lowest at which its out-of-fold precision reaches it), the one place
 * they are set. Issue 19: every category's cross-validated precision at least 0.85. Held-out figures: eval:topics,
 * fold seed 115 (docs/topics.md, stop 17).
 */
const PRECISION_TARGETS: Readonly<Record<string, number>> = {
  // every label not named below: the floor of 0.85 plus a margin for the precision a threshold loses on held-out data
  otherwise: 0.9,
  // 37 examples, labelled inconsistently (the same text is retention in one policy, not in another): at 0.9, 0.64 held out
  'Data Retention': 0.95,
  // its false positives score among its few clear positives (recall 0.15 at 0.9): at 0.9, 0.80 held out
  'User Choice/Control': 0.95,
};

function isPositive(row: Segment, label: string): boolean {
  const type = OTHER_TYPE[label];
  if (type) return row.categories.includes('Other') && (row.other_type_votes?.[type] ?? 0) >= 2;
  return row.categories.includes(label);
}

interface Vocabulary {
  terms: string[];
  idf: Float64Array;
}

/**
 * The lowest threshold t such that the items scoring >= t have precision >= `target` (so the most recall at that
 * precision), halfway between neighbouring scores; null when no cut reaches the target (the label is never given).
 */
export function thresholdForPrecision(scores: ArrayLike<number>, gold: ArrayLike<boolean>, target: number): number | null {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  let tp = 0;
  let best: number | null = null;
  for (let r = 0; r < n; r++) {
    const i = order[r];
    if (gold[i]) tp++;
    const next = r + 1 < n ? scores[order[r + 1]] : -Infinity;
    if (next === scores[i]) continue; // can't cut between equal scores
    if (tp > 0 && tp / (r + 1) >= target) best = Number.isFinite(next) ? (scores[i] + next) / 2 : scores[i] - 1;
  }
  return best;
}

interface Fitted {
  vocab: Vocabulary;
  /** Per label, as model.json stores it: quantised weights with their scale, bias to six decimals. */
  labels: { bytes: Int8Array; scale: number; bias: number }[];
}

function stored(w: ArrayLike<number>, bias: number): Fitted['labels'][number] {
  return { ...quantizeWeights(w), bias: Number(bias.toFixed(6)) };
}

/**
 * The model's vocabulary, sorted, with its idf: the terms (n-grams, keyword and heading pseudo-tokens) of at least
 * minDf rows; beyond maxTerms, the terms with the largest weight over the labels (each label's weights scaled to max
 * 1) in a first fit on all rows.
 */
function vocabularyOf(rows: readonly Segment[], options: TrainOptions): Vocabulary {
  const df = new Map<string, number>();
  for (const { text, heading } of rows) {
    const terms = [...termCounts(text).keys(), ...new Set(keywordTokens(text, tokenize(text).length)), ...headingTokens(heading)];
    for (const term of terms) df.set(term, (df.get(term) ?? 0) + 1);
  }
  const terms = [...df.keys()].filter((t) => df.get(t)! >= options.minDf).sort();
  const full = { terms, idf: Float64Array.from(terms, (t) => idfOf(df.get(t)!, rows.length)) };
  const V = terms.length;
  if (options.maxTerms <= 0 || V <= options.maxTerms) return full;
  const first = fitWith(rows, options, full);
  const importance = Array.from({ length: V }, (_, j) => Math.max(...first.labels.map((w) => Math.abs(w.bytes[j]))));
  const keep = Array.from({ length: V }, (_, j) => j)
    .sort((a, b) => importance[b] - importance[a] || a - b)
    .slice(0, options.maxTerms)
    .sort((a, b) => a - b);
  return { terms: keep.map((j) => full.terms[j]), idf: Float64Array.from(keep, (j) => full.idf[j]) };
}

function fitWith(rows: readonly Segment[], options: TrainOptions, vocab: Vocabulary): Fitted {
  const vectorizer = new Vectorizer(vocab.terms, vocab.idf);
  const X = rows.map((r) => vectorizer.vector(r.text, r.heading));
  const labels = LABELS.map((label, l) => {
    const y = Int8Array.from(rows, (r) => (isPositive(r, label) ? 1 : -1));
    const { w, b } = trainBinary(X, y, options.C, vocab.idf.length, options.epochs, options.seed + 7919 * l);
    return stored(w, b);
  });
  return { vocab, labels };
}

function toModel(f: Fitted, thresholds: (number | null)[], options: TrainOptions, trainedOn: TopicModel['trainedOn']): TopicModel {
  const idfBytes = Uint8Array.from(f.vocab.idf, (v) => Math.round(v * IDF_SCALE));
  return {
    format: MODEL_FORMAT,
    source:
      'Trained on OPP-115 (Wilson et al., ACL 2016; Usable Privacy Policy Project, CMU; research licence) by scripts/train-topics.ts',
    trainedOn,
    options: { ...options },
    labels: [...LABELS],
    terms: f.vocab.terms,
    idf: Buffer.from(idfBytes).toString('base64'),
    weights: f.labels.map(({ bytes }) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64')),
    scales: f.labels.map((label) => label.scale),
    bias: f.labels.map((label) => label.bias),
    thresholds: thresholds.map((t) => (t === null ? null : Number(t.toFixed(6)))),
  };
}

/**
 * Train a model on rows: an inner policy-grouped CV on these rows fits one model per fold (all on the vocabulary of
 * all rows); each label's threshold is the lowest at which the out-of-fold scores reach its precision target
 * (PRECISION_TARGETS), and the model is the average of the fold models, whose scores the thresholds were chosen on
 * (more stable than one fit on all rows: cross-validated macro-F1 and precision floor, docs/topics.md stop 17).
 */
export function trainModel(
  rows: readonly Segment[],
  options: TrainOptions = DEFAULT_OPTIONS,
  trainedOn: TopicModel['trainedOn'] = { sha256: '', segments: rows.length, policies: new Set(rows.map((r) => r.policy)).size },
): TopicModel {
  const zero = new Array<number>(LABELS.length).fill(0);
  const vocab = vocabularyOf(rows, options);
  const folds = groupFolds(rows.map((r) => r.policy), options.innerFolds, options.seed + 1);
  const oof: Float64Array[] = new Array(rows.length);
  const fitted: Fitted[] = [];
  for (let f = 0; f < options.innerFolds; f++) {
    const trainRows = rows.filter((_, i) => folds[i] !== f);
    const testIdx = rows.map((_, i) => i).filter((i) => folds[i] === f);
    if (trainRows.length === 0 || testIdx.length === 0) continue;
    const fit = fitWith(trainRows, options, vocab);
    fitted.push(fit);
    // thresholds 0: the raw scores, through the same decoding path as inference
    const clf = new ClauseClassifier(toModel(fit, zero, options, trainedOn));
    for (const i of testIdx) oof[i] = clf.margins(rows[i].text, rows[i].heading);
  }
  const have = rows.map((_, i) => i).filter((i) => oof[i] !== undefined);
  const thresholds = LABELS.map((label, l) =>
    thresholdForPrecision(
      have.map((i) => oof[i][l]),
      have.map((i) => isPositive(rows[i], label)),
      PRECISION_TARGETS[label] ?? PRECISION_TARGETS.otherwise,
    ),
  );
  return toModel(averageFits(fitted), thresholds, options, trainedOn);
}

/** The average of models fitted on one vocabulary (weights dequantised, averaged, quantised again). */
function averageFits(fits: readonly Fitted[]): Fitted {
  const { vocab } = fits[0];
  const labels = LABELS.map((_, l) => {
    const w = new Float64Array(vocab.terms.length);
    for (const { labels } of fits) {
      for (let j = 0; j < w.length; j++) w[j] += (labels[l].bytes[j] * labels[l].scale) / fits.length;
    }
    return stored(w, fits.reduce((s, f) => s + f.labels[l].bias, 0) / fits.length);
  });
  return { vocab, labels };
}

/**
 * Outer policy-grouped k-fold CV: retrain (with inner CV for thresholds) on each training part. Returns each row's
 * predicted categories (out-of-fold) and fold.
 */
export function crossValidate(rows: readonly Segment[], k: number, options = DEFAULT_OPTIONS) {
  const folds = groupFolds(rows.map((r) => r.policy), k, options.seed);
  const predictions: string[][] = new Array(rows.length);
  for (let f = 0; f < k; f++) {
    const clf = new ClauseClassifier(trainModel(rows.filter((_, i) => folds[i] !== f), options));
    rows.forEach((r, i) => {
      if (folds[i] === f) predictions[i] = clf.categories(r.text, r.heading);
    });
  }
  return { predictions, folds };
}
