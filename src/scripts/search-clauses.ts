/**
 * The clauses of a search with words: the passages found are read a few at a time (each read downloads a
 * fragment), their clauses scored (src/lib/search/rank.ts), and shown best first, each text of a series once.
 */
import { plural } from '../lib/policies/views.ts';
import { clauseHits, clauseKey, fragmentWords, idf, rankClauses } from '../lib/search/rank.ts';
import type { ClauseHit, ClauseResult } from '../lib/search/rank.ts';
import { passagesToRead } from '../lib/search/reading.ts';
import { wordStems } from '../lib/search/terms.ts';
import type { Found, FoundPassage } from './search-find.ts';
import { readFragment, type ResultData } from './search-pagefind.ts';
import { policyLabel } from './search-results.ts';

/** Passages read at once (each downloads its Pagefind fragment, a few kB), so the first screen stays light. */
export const PAGE_SIZE = 5;
/** Clauses shown at once (a screen), grouped by policy. */
const CLAUSES_PER_SCREEN = 10;
/**
 * Once a screen's worth of clauses is in hand, at most this many more passages are read for it, those that could
 * hold a better clause than its last (bytes of a first search: `npm run search:figures`, docs/search.md).
 */
const EXTRA_PASSAGES = 3;

export class ClauseSearch {
  private weights?: Map<string, number>;
  private hits: (ClauseHit & { order: number })[] = [];
  private readonly shownKeys = new Set<string>();

  /** `words`: the query's words (as searched); `pending`: the passages found, in the order to read them. */
  constructor(
    private readonly words: readonly string[],
    private readonly found: Found,
    private pending: FoundPassage[],
    private readonly phrases: string[][],
    private readonly byDate: boolean,
  ) {}

  get unread(): number {
    return this.pending.length;
  }

  /** The clauses read and not shown yet, in the order they are to be shown. */
  unshown(): ClauseResult[] {
    const ranked = rankClauses(this.hits);
    if (this.byDate) {
      const order = new Map(this.hits.map((hit) => [hit.url, hit.order]));
      ranked.sort((a, b) => order.get(a.url)! - order.get(b.url)! || b.score - a.score);
    }
    return ranked.filter((clause) => !this.shownKeys.has(clauseKey(clause)));
  }

  /**
   * The next screen's clauses, marked as shown: passages are read until a screen's worth is in hand, then
   * those that could still hold a better clause than the screen's last (src/lib/search/reading.ts).
   * Undefined when `current()` turns false meanwhile (a newer search). `provisional` gets the screen as it
   * stands before those last reads, to show it meanwhile.
   */
  async nextScreen(current: () => boolean, provisional?: (screen: ClauseResult[]) => void): Promise<ClauseResult[] | undefined> {
    let extra = false;
    for (;;) {
      const unshown = this.unshown();
      const full = unshown.length >= CLAUSES_PER_SCREEN;
      if (full && (this.byDate || extra || !this.weights)) break;
      // The screen as it stands, while the passages that could better it are read (not marked as shown).
      if (full) provisional?.(unshown.slice(0, CLAUSES_PER_SCREEN));
      extra = full;
      const bounds = this.pending.map((passage) => this.bound(passage));
      const chosen = new Set(passagesToRead(bounds, unshown.map((clause) => clause.score), CLAUSES_PER_SCREEN, full ? EXTRA_PASSAGES : PAGE_SIZE));
      if (!chosen.size) break;
      const batch = this.pending.filter((_, index) => chosen.has(index));
      this.pending = this.pending.filter((_, index) => !chosen.has(index));
      const data = await Promise.all(batch.map((passage) => readFragment(passage.result)));
      if (!current()) return undefined;
      this.read(data);
    }
    const screen = this.unshown().slice(0, CLAUSES_PER_SCREEN);
    for (const clause of screen) this.shownKeys.add(clauseKey(clause));
    return screen;
  }

  /** The best a passage's clause may score: the clause weights of the query words of its best window. */
  private bound(passage: FoundPassage): number {
    const weights = this.weights;
    if (!weights) return Infinity;
    return passage.window.reduce((sum, word) => sum + Math.max(0, ...wordStems(this.words[word]).map((form) => weights.get(form) ?? 0)), 0);
  }

  private read(batch: ResultData[]): void {
    // Words are weighed by their rarity among the archive's clauses: the count of clauses is estimated from
    // the first passages read (their clauses per passage), that of a word's clauses by its occurrences.
    if (!this.weights) {
      const perPassage = batch.reduce((sum, data) => sum + data.anchors.filter((anchor) => anchor.element === 'span').length, 0) / Math.max(1, batch.length);
      const { occurrences, unsearched, passages } = this.found;
      const total = Math.max(1, passages * perPassage);
      const counts = new Map([...occurrences, ...estimatedOccurrences(batch, unsearched, passages)]);
      this.weights = new Map([...counts].map(([form, count]) => [form, idf(Math.min(count, total), total)]));
    }
    for (const data of batch) {
      const order = this.hits.length;
      const hits = clauseHits({ ...data, label: policyLabel(data.meta) }, this.weights, this.phrases);
      this.hits.push(...hits.map((hit) => ({ ...hit, order })));
    }
  }

  /** Status words for the clauses and policies found so far ("At least" while passages remain unread), or "". */
  countStatus(): string {
    if (!this.hits.length) return '';
    const ranked = rankClauses(this.hits);
    const policies = new Set(ranked.map((clause) => clause.page)).size;
    const found = ranked.filter((clause) => !clause.whole);
    const counts = found.length ? `${plural(found.length, 'clause')} in ${plural(policies, 'policy', 'policies')}` : plural(policies, 'policy', 'policies');
    return this.pending.length ? `At least ${counts}` : counts.charAt(0).toUpperCase() + counts.slice(1);
  }
}

/** How often each form occurs in the index, estimated from the passages read (as many times per passage). */
function estimatedOccurrences(batch: readonly ResultData[], forms: readonly string[], passages: number): [string, number][] {
  if (!forms.length) return [];
  const counts = new Map(forms.map((form) => [form, 0]));
  for (const word of batch.flatMap((data) => fragmentWords(data.content))) {
    for (const form of wordStems(word)) if (counts.has(form)) counts.set(form, counts.get(form)! + 1);
  }
  return [...counts].map(([form, count]) => [form, (count / Math.max(1, batch.length)) * passages]);
}
