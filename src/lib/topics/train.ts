/**
 * Training of the topic model: one-vs-rest L2-regularised squared-hinge linear SVMs (dual coordinate descent,
 * Hsieh et al. 2008, as in liblinear) over TF-IDF uni+bigrams, per-label thresholds tuned on out-of-fold scores
 * of an inner policy-grouped cross-validation. Everything is deterministic: seeded PRNG, stable orderings.
 */
import { charGramHashes, idfOf, vectorize, type CharSpace, type SparseVector } from './features.ts';
import { MODEL_FORMAT, quantizeWeights, toBase64, uint32ToBase64, type TopicModel } from './model.ts';
import { OPP115_CATEGORIES } from './taxonomy.ts';
import { keywordTokens, termCounts, tokenize } from './tokenize.ts';
import { applyStack, ClauseClassifier } from './predict.ts';

/** One labelled segment, in the format of opp115/dev.jsonl (only `text` and `categories` are required). */
export interface Segment {
  text: string;
  categories: string[];
  categories_any?: string[];
  votes?: Record<string, number>;
  other_type_votes?: Record<string, number>;
  policy?: string;
}

export interface TrainOptions {
  /** Keep terms that occur in at least this many training segments. */
  minDf: number;
  /** SVM cost. */
  C: number;
  /** Extra cost multiplier for positive examples (1 = none). */
  positiveWeight: number;
  /** Cost multiplier for negatives that one annotator (a minority) did label positive; 0 drops them. */
  ambiguousWeight: number;
  /** Extra cost for positives of rare labels: positives cost (negatives / positives)^balance more (0 = off). */
  balance: number;
  /** Coordinate-descent passes. */
  epochs: number;
  seed: number;
  /** Folds of the inner (policy-grouped) CV used to tune thresholds. */
  innerFolds: number;
  /** Shrink tuned thresholds towards 0 by this fraction (0 = use the tuned value). */
  thresholdShrink: number;
  /** Always predict at least one category. */
  atLeastOne: boolean;
  /** NB-SVM (Wang & Manning 2012): scale features by |log-count ratio|^nb per label (0 = off); folded into the weights. */
  nb: number;
  /** Smoothing of the NB log-count ratios. */
  nbAlpha: number;
  /**
   * Keep only this many terms (0 = all): after a first fit, terms are ranked by their largest weight over the labels
   * (each label's weights scaled to max 1) and the model is refitted on the best ones. Keeps model.json small.
   */
  maxTerms: number;
  /** Character n-grams (features.ts charGramHashes) from charMinN to charMaxN; charMinN = 0 turns them off. */
  charMinN: number;
  charMaxN: number;
  /** Keep character n-gram buckets seen in at least this many training segments. */
  charMinDf: number;
  /** Keep only this many character buckets (0 = all), ranked like maxTerms. */
  maxCharTerms: number;
  /**
   * Stacking (a light classifier chain): if > 0, a second linear SVM per label with this cost, over the out-of-fold
   * scores of all labels from the inner CV, so that co-occurring labels inform each other; thresholds then apply to
   * its scores. 0 = off.
   */
  stack: number;
  /** Add keyword pseudo-tokens (tokenize.ts keywordTokens) to the terms. */
  keywords: boolean;
  /** l2 norm of the character block of a vector (the word block has norm 1). */
  charWeight: number;
}

export const DEFAULT_OPTIONS: TrainOptions = {
  minDf: 3,
  C: 0.5,
  positiveWeight: 1,
  ambiguousWeight: 1,
  balance: 0,
  epochs: 60,
  seed: 115,
  innerFolds: 5,
  thresholdShrink: 0,
  atLeastOne: true,
  nb: 0,
  nbAlpha: 1,
  maxTerms: 6000,
  charMinN: 0,
  charMaxN: 5,
  charMinDf: 3,
  maxCharTerms: 0,
  charWeight: 1,
  stack: 0,
  keywords: true,
};

export const AUX_LABELS = ['Other:contact', 'Other:intro'] as const;
export const LABELS: readonly string[] = [...OPP115_CATEGORIES, ...AUX_LABELS];

const OTHER_TYPE: Record<string, string> = {
  'Other:contact': 'Privacy contact information',
  'Other:intro': 'Introductory/Generic',
};

/** mulberry32: small, fast, seeded PRNG returning floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/**
 * Assign each row to one of k folds so that rows of one group (policy) are always in the same fold. Groups are
 * shuffled with the seed, then placed largest first into the currently smallest fold (balanced sizes).
 * Rows without a group each form their own group.
 */
export function groupFolds(groups: ReadonlyArray<string | undefined>, k: number, seed: number): number[] {
  const sizes = new Map<string, number>();
  groups.forEach((g, i) => {
    const key = g ?? `\u0000row${i}`;
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  });
  const keys = shuffle([...sizes.keys()].sort(), prng(seed));
  // stable sort by size descending keeps the shuffled order among equal sizes
  keys.sort((a, b) => sizes.get(b)! - sizes.get(a)!);
  const foldSize = new Array<number>(k).fill(0);
  const foldOf = new Map<string, number>();
  for (const key of keys) {
    let best = 0;
    for (let f = 1; f < k; f++) if (foldSize[f] < foldSize[best]) best = f;
    foldOf.set(key, best);
    foldSize[best] += sizes.get(key)!;
  }
  return groups.map((g, i) => foldOf.get(g ?? `\u0000row${i}`)!);
}

export function isPositive(row: Segment, label: string): boolean {
  const type = OTHER_TYPE[label];
  if (type) return row.categories.includes('Other') && (row.other_type_votes?.[type] ?? 0) >= 2;
  return row.categories.includes(label);
}

/** A minority (one annotator) labelled it: a soft negative. */
function isAmbiguous(row: Segment, label: string): boolean {
  const type = OTHER_TYPE[label];
  if (type) return (row.other_type_votes?.[type] ?? 0) === 1;
  return (row.votes?.[label] ?? 0) === 1 || (!row.votes && (row.categories_any ?? []).includes(label));
}

export interface Vocabulary {
  terms: string[];
  /** idf of every feature: terms, then character buckets. */
  idf: Float64Array;
  index: Map<string, number>;
  /** Character block: kept buckets (ascending) and their settings. */
  chars?: CharSpace & { buckets: number[] };
}

export function buildVocabulary(texts: readonly string[], minDf: number, options?: Partial<TrainOptions>): Vocabulary {
  const df = new Map<string, number>();
  for (const text of texts) {
    const terms = [...termCounts(text).keys()];
    if (options?.keywords) terms.push(...new Set(keywordTokens(text, tokenize(text).length)));
    for (const term of terms) df.set(term, (df.get(term) ?? 0) + 1);
  }
  const terms = [...df.entries()]
    .filter(([, n]) => n >= minDf)
    .map(([t]) => t)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const idf = terms.map((t) => idfOf(df.get(t)!, texts.length));
  const index = new Map<string, number>();
  terms.forEach((t, i) => index.set(t, i));
  if (!options?.charMinN) return { terms, idf: Float64Array.from(idf), index };
  const charDf = new Map<number, number>();
  for (const text of texts) {
    const seen = new Set<number>();
    for (const t of tokenize(text)) charGramHashes(t, options.charMinN, options.charMaxN!).forEach((h) => seen.add(h));
    for (const h of seen) charDf.set(h, (charDf.get(h) ?? 0) + 1);
  }
  const buckets = [...charDf.entries()]
    .filter(([, n]) => n >= (options.charMinDf ?? 1))
    .map(([h]) => h)
    .sort((a, b) => a - b);
  const charIndex = new Map<number, number>();
  buckets.forEach((h, k) => {
    charIndex.set(h, terms.length + k);
    idf.push(idfOf(charDf.get(h)!, texts.length));
  });
  return {
    terms,
    idf: Float64Array.from(idf),
    index,
    chars: { minN: options.charMinN, maxN: options.charMaxN!, weight: options.charWeight ?? 1, index: charIndex, buckets },
  };
}

/**
 * Squared-hinge (L2-loss) linear SVM, dual coordinate descent. Bias is a constant feature of value 1 (regularised,
 * as in liblinear). cost[i] = 0 leaves example i out. Returns weights (length dim) and bias.
 */
export function trainBinary(
  X: readonly SparseVector[],
  y: Int8Array,
  cost: Float64Array,
  dim: number,
  epochs: number,
  seed: number,
): { w: Float64Array; b: number } {
  const n = X.length;
  const w = new Float64Array(dim);
  let b = 0;
  const alpha = new Float64Array(n);
  const diag = new Float64Array(n);
  const qd = new Float64Array(n);
  const active: number[] = [];
  for (let i = 0; i < n; i++) {
    if (cost[i] <= 0) continue;
    diag[i] = 0.5 / cost[i];
    let sq = 1; // bias feature
    const v = X[i].val;
    for (let k = 0; k < v.length; k++) sq += v[k] * v[k];
    qd[i] = sq + diag[i];
    active.push(i);
  }
  const rand = prng(seed);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(active, rand);
    let maxPG = -Infinity;
    let minPG = Infinity;
    for (const i of active) {
      const x = X[i];
      let s = b;
      for (let k = 0; k < x.idx.length; k++) s += w[x.idx[k]] * x.val[k];
      const G = y[i] * s - 1 + diag[i] * alpha[i];
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

/** Threshold maximising F1 of `score >= t` against gold; midpoint between neighbouring scores. */
export function bestThreshold(scores: ArrayLike<number>, gold: ArrayLike<boolean>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  let positives = 0;
  for (let i = 0; i < n; i++) if (gold[i]) positives++;
  if (positives === 0) return 0;
  let tp = 0;
  let fp = 0;
  let bestF1 = -1;
  let best = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r];
    if (gold[i]) tp++;
    else fp++;
    const next = r + 1 < n ? scores[order[r + 1]] : -Infinity;
    if (next === scores[i]) continue; // can't cut between equal scores
    const f1 = (2 * tp) / (2 * tp + fp + (positives - tp));
    if (f1 > bestF1) {
      bestF1 = f1;
      best = Number.isFinite(next) ? (scores[i] + next) / 2 : scores[i] - 1;
    }
  }
  return best;
}

interface Fitted {
  vocab: Vocabulary;
  weights: Int8Array[];
  scales: number[];
  bias: number[];
}

function fit(rows: readonly Segment[], options: TrainOptions): Fitted {
  const full = buildVocabulary(
    rows.map((r) => r.text),
    options.minDf,
    options,
  );
  const Vw = full.terms.length;
  const Vc = full.chars?.buckets.length ?? 0;
  const pruneWords = options.maxTerms > 0 && Vw > options.maxTerms;
  const pruneChars = options.maxCharTerms > 0 && Vc > options.maxCharTerms;
  const first = fitWith(rows, options, full);
  if (!pruneWords && !pruneChars) return first;
  const importance = Array.from({ length: Vw + Vc }, (_, j) => Math.max(...first.weights.map((w) => Math.abs(w[j]))));
  const best = (from: number, to: number, max: number) => {
    const all = Array.from({ length: to - from }, (_, k) => from + k);
    if (max <= 0 || all.length <= max) return all;
    return all
      .sort((a, b) => importance[b] - importance[a] || a - b)
      .slice(0, max)
      .sort((a, b) => a - b);
  };
  const keepWords = best(0, Vw, options.maxTerms);
  const keepChars = best(Vw, Vw + Vc, options.maxCharTerms);
  const terms = keepWords.map((j) => full.terms[j]);
  const index = new Map<string, number>();
  terms.forEach((t, i) => index.set(t, i));
  const vocab: Vocabulary = { terms, idf: Float64Array.from([...keepWords, ...keepChars], (j) => full.idf[j]), index };
  if (full.chars) {
    const buckets = keepChars.map((j) => full.chars!.buckets[j - Vw]);
    const charIndex = new Map<number, number>();
    buckets.forEach((h, k) => charIndex.set(h, terms.length + k));
    vocab.chars = { ...full.chars, index: charIndex, buckets };
  }
  return fitWith(rows, options, vocab);
}

function fitWith(rows: readonly Segment[], options: TrainOptions, vocab: Vocabulary): Fitted {
  const X = rows.map((r) => vectorize(r.text, vocab.index, vocab.idf, vocab.chars, options.keywords));
  const weights: Int8Array[] = [];
  const scales: number[] = [];
  const bias: number[] = [];
  LABELS.forEach((label, l) => {
    const y = new Int8Array(rows.length);
    const cost = new Float64Array(rows.length);
    let positives = 0;
    rows.forEach((r, i) => {
      const pos = isPositive(r, label);
      if (pos) positives++;
      y[i] = pos ? 1 : -1;
      cost[i] = options.C * (pos ? options.positiveWeight : isAmbiguous(r, label) ? options.ambiguousWeight : 1);
    });
    if (options.balance > 0 && positives > 0) {
      const boost = ((rows.length - positives) / positives) ** options.balance;
      for (let i = 0; i < rows.length; i++) if (y[i] > 0) cost[i] *= boost;
    }
    let Xl: readonly SparseVector[] = X;
    let r: Float64Array | undefined;
    if (options.nb > 0) {
      const V = vocab.idf.length;
      const p = new Float64Array(V).fill(options.nbAlpha);
      const q = new Float64Array(V).fill(options.nbAlpha);
      X.forEach((x, i) => {
        const into = y[i] > 0 ? p : q;
        for (let k = 0; k < x.idx.length; k++) into[x.idx[k]] += x.val[k];
      });
      let ps = 0;
      let qs = 0;
      for (let j = 0; j < V; j++) {
        ps += p[j];
        qs += q[j];
      }
      const ratio = new Float64Array(V);
      for (let j = 0; j < V; j++) ratio[j] = Math.abs(Math.log(p[j] / ps / (q[j] / qs))) ** options.nb;
      r = ratio;
      Xl = X.map((x) => ({ idx: x.idx, val: Float64Array.from(x.val, (v, k) => v * ratio[x.idx[k]]) }));
    }
    const { w, b } = trainBinary(Xl, y, cost, vocab.idf.length, options.epochs, options.seed + 7919 * l);
    if (r) for (let j = 0; j < w.length; j++) w[j] *= r[j];
    const q = quantizeWeights(w);
    weights.push(q.bytes);
    scales.push(q.scale);
    bias.push(Number(b.toFixed(6)));
  });
  return { vocab, weights, scales, bias };
}

function toModel(f: Fitted, thresholds: number[], options: TrainOptions, trainedOn: TopicModel['trainedOn']): TopicModel {
  const idfBytes = Uint8Array.from(f.vocab.idf, (v) => Math.round(v * 16));
  return {
    format: MODEL_FORMAT,
    source:
      'Trained on OPP-115 (Wilson et al., ACL 2016; Usable Privacy Policy Project, CMU; research licence) by scripts/train-topics.ts',
    trainedOn,
    options: { ...options },
    labels: [...LABELS],
    terms: f.vocab.terms,
    ...(options.keywords ? { keywords: true } : {}),
    ...(f.vocab.chars
      ? {
          chars: {
            minN: f.vocab.chars.minN,
            maxN: f.vocab.chars.maxN,
            weight: f.vocab.chars.weight,
            buckets: uint32ToBase64(f.vocab.chars.buckets),
          },
        }
      : {}),
    idf: toBase64(idfBytes),
    weights: f.weights.map((w) => toBase64(new Uint8Array(w.buffer, w.byteOffset, w.length))),
    scales: f.scales,
    bias: f.bias,
    thresholds: thresholds.map((t) => Number(t.toFixed(6))),
    atLeastOne: options.atLeastOne,
  };
}

/** Raw scores (no thresholds) of a fitted model for rows, via the same decoding path as inference. */
function rawScores(model: TopicModel, rows: readonly Segment[]): Float64Array[] {
  const clf = new ClauseClassifier({ ...model, thresholds: model.labels.map(() => 0) });
  return rows.map((r) => clf.margins(r.text));
}

/**
 * Train a model on rows: thresholds come from an inner policy-grouped CV on these rows only, then the final
 * weights are fitted on all rows.
 */
export function trainModel(
  rows: readonly Segment[],
  options: TrainOptions = DEFAULT_OPTIONS,
  trainedOn: TopicModel['trainedOn'] = { sha256: '', segments: rows.length, policies: new Set(rows.map((r) => r.policy)).size },
): TopicModel {
  const L = LABELS.length;
  const thresholds = new Array<number>(L).fill(0);
  let stack: number[][] | undefined;
  if (options.innerFolds >= 2) {
    const folds = groupFolds(
      rows.map((r) => r.policy),
      options.innerFolds,
      options.seed + 1,
    );
    const oof: Float64Array[] = new Array(rows.length);
    for (let f = 0; f < options.innerFolds; f++) {
      const trainRows = rows.filter((_, i) => folds[i] !== f);
      const testIdx = rows.map((_, i) => i).filter((i) => folds[i] === f);
      if (trainRows.length === 0 || testIdx.length === 0) continue;
      const inner = toModel(fit(trainRows, options), thresholds, options, trainedOn);
      const scores = rawScores(
        inner,
        testIdx.map((i) => rows[i]),
      );
      testIdx.forEach((i, k) => (oof[i] = scores[k]));
    }
    const have = rows.map((_, i) => i).filter((i) => oof[i] !== undefined);
    let scores = have.map((i) => oof[i]);
    if (options.stack > 0) {
      stack = fitStack(
        scores,
        have.map((i) => rows[i]),
        options,
      );
      scores = scores.map((m) => applyStack(stack!, m));
    }
    for (let l = 0; l < L; l++) {
      const t = bestThreshold(
        scores.map((m) => m[l]),
        have.map((i) => isPositive(rows[i], LABELS[l])),
      );
      thresholds[l] = t * (1 - options.thresholdShrink);
    }
  }
  const model = toModel(fit(rows, options), thresholds, options, trainedOn);
  return stack ? { ...model, stack } : model;
}

/** Second-stage weights per label over the first-stage scores of all labels (last entry: bias), rounded as stored. */
function fitStack(scores: readonly Float64Array[], rows: readonly Segment[], options: TrainOptions): number[][] {
  const L = LABELS.length;
  const idx = Int32Array.from({ length: L }, (_, j) => j);
  const X = scores.map((m) => ({ idx, val: Float64Array.from(m) }));
  const cost = new Float64Array(rows.length).fill(options.stack);
  return LABELS.map((label, l) => {
    const y = Int8Array.from(rows, (r) => (isPositive(r, label) ? 1 : -1));
    const { w, b } = trainBinary(X, y, cost, L, 200, options.seed + 104729 * (l + 1));
    return [...Array.from(w, (v) => Number(v.toFixed(6))), Number(b.toFixed(6))];
  });
}

export interface CvResult {
  /** Predicted categories per row (out-of-fold). */
  predictions: string[][];
  folds: number[];
}

/** Outer policy-grouped k-fold CV: retrain (with inner CV for thresholds) on each training part. */
export function crossValidate(rows: readonly Segment[], k: number, options: TrainOptions = DEFAULT_OPTIONS): CvResult {
  const folds = groupFolds(
    rows.map((r) => r.policy),
    k,
    options.seed,
  );
  const predictions: string[][] = new Array(rows.length);
  for (let f = 0; f < k; f++) {
    const trainRows = rows.filter((_, i) => folds[i] !== f);
    const model = trainModel(trainRows, options);
    const clf = new ClauseClassifier(model);
    rows.forEach((r, i) => {
      if (folds[i] === f) predictions[i] = clf.categories(r.text);
    });
  }
  return { predictions, folds };
}
