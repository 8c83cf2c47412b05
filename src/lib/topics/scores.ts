/**
 * Multi-label evaluation: per-category precision/recall/F1/support, macro- and micro-averaged F1.
 *
 * Conventions: precision of a category never predicted is 0, recall of a category with no gold example is 0, and
 * F1 is 0 when precision + recall is 0. The macro average is over the categories that occur in the gold labels or
 * in the predictions (a category absent from both says nothing about the classifier).
 */

function prf(tp: number, fp: number, fn: number) {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

export function scoreMultiLabel(
  gold: ReadonlyArray<readonly string[]>,
  predicted: ReadonlyArray<readonly string[]>,
  categories: readonly string[],
) {
  if (gold.length !== predicted.length) throw new Error('gold and predicted differ in length');
  const perCategory = categories.map((category) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      const g = gold[i].includes(category);
      const p = predicted[i].includes(category);
      if (g && p) tp++;
      else if (p) fp++;
      else if (g) fn++;
    }
    return { category, tp, fp, fn, ...prf(tp, fp, fn), support: tp + fn }; // support: the gold examples
  });
  const counted = perCategory.filter((c) => c.tp + c.fp + c.fn > 0);
  const macroF1 = counted.length ? counted.reduce((s, c) => s + c.f1, 0) / counted.length : 0;
  const sum = (k: 'tp' | 'fp' | 'fn') => perCategory.reduce((s, c) => s + c[k], 0);
  const micro = prf(sum('tp'), sum('fp'), sum('fn'));
  return { perCategory, macroF1, microPrecision: micro.precision, microRecall: micro.recall, microF1: micro.f1 };
}

type Scores = ReturnType<typeof scoreMultiLabel>;

/** The table and, as the last line, exactly `macro-F1 <x> micro-F1 <y>` (three decimals). */
export function formatScores(scores: Scores): string {
  const width = Math.max(8, ...scores.perCategory.map((c) => c.category.length));
  const row = (name: string, p: number, r: number, f1: number) =>
    `${name.padEnd(width)}  ${p.toFixed(3).padStart(9)}  ${r.toFixed(3).padStart(6)}  ${f1.toFixed(3).padStart(5)}`;
  return [
    `${'category'.padEnd(width)}  precision  recall     F1  support`,
    ...scores.perCategory.map((c) => `${row(c.category, c.precision, c.recall, c.f1)}  ${`${c.support}`.padStart(7)}`),
    row('micro avg', scores.microPrecision, scores.microRecall, scores.microF1),
    summaryLine(scores),
  ].join('\n');
}

export function summaryLine(scores: Pick<Scores, 'macroF1' | 'microF1'>): string {
  return `macro-F1 ${scores.macroF1.toFixed(3)} micro-F1 ${scores.microF1.toFixed(3)}`;
}

/**
 * The eval command's last line: `topics macro-F1 <x> micro-F1 <y> min-precision <z>`, where min-precision is the
 * lowest precision of the categories that were predicted at least once (a category never predicted shows no wrong
 * label; it lowers recall and F1 instead), followed by ` never-predicted <n>` when there are such categories.
 */
export function topicsLine(scores: Scores): string {
  const predicted = scores.perCategory.filter((c) => c.tp + c.fp > 0);
  const minPrecision = predicted.length ? Math.min(...predicted.map((c) => c.precision)) : 0;
  const never = scores.perCategory.length - predicted.length;
  return `topics ${summaryLine(scores)} min-precision ${minPrecision.toFixed(3)}${never ? ` never-predicted ${never}` : ''}`;
}
