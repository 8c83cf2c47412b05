/**
 * Clause lineage: which clause of the previous snapshot of a series each clause of this one continues ("same" or
 * "edited", else "added"; previous clauses nobody continues are "removed"), by the rules of docs/history.md. Pairs
 * are taken best first, nearer positions first among equals, so that a one-word edit is never beaten by a distant
 * look-alike.
 */
import { collapse } from '../clauses/tokens.ts';
import { tokenize } from '../topics/tokenize.ts';

/** What lineage needs of a clause: its anchor id, its plain text and its section heading. */
export interface ClauseText {
  id: string;
  text: string;
  heading: string;
}

type Match = { kind: 'same' | 'edited'; previous: number } | { kind: 'added' };

export interface Alignment {
  /** One per current clause, in document order. */
  matches: Match[];
  /** Indexes of the previous clauses that no current clause continues, ascending. */
  removed: number[];
}

/** Below this Dice similarity two clauses are different clauses, not an edit of one another. */
export const EDIT_THRESHOLD = 0.55;
/** Above this many unmatched pairs, only clauses within MAX_DISTANCE positions of each other are compared. */
const MAX_PAIRS = 250_000;
const MAX_DISTANCE = 150;

export function alignClauses(previous: readonly ClauseText[], current: readonly ClauseText[]): Alignment {
  const matches: (Match | undefined)[] = new Array(current.length).fill(undefined);
  const used = new Uint8Array(previous.length);
  const byText = Map.groupBy(previous.keys(), (i) => collapse(previous[i].text));
  current.forEach((clause, i) => {
    const candidates = byText.get(collapse(clause.text));
    const j = candidates?.shift();
    if (j !== undefined) {
      matches[i] = { kind: 'same', previous: j };
      used[j] = 1;
    }
  });
  matchEdits(previous, current, matches, used);
  const removed = previous.flatMap((_, j) => (used[j] ? [] : [j]));
  return { matches: matches.map((m) => m ?? { kind: 'added' }), removed };
}

function matchEdits(previous: readonly ClauseText[], current: readonly ClauseText[], matches: (Match | undefined)[], used: Uint8Array): void {
  const left = current.flatMap((_, i) => (matches[i] ? [] : [i]));
  const right = previous.flatMap((_, j) => (used[j] ? [] : [j]));
  if (!left.length || !right.length) return;
  const windowed = left.length * right.length > MAX_PAIRS;
  const currentBags = new Map(left.map((i) => [i, wordBag(countTokens(current[i].text))]));
  const previousBags = new Map(right.map((j) => [j, wordBag(countTokens(previous[j].text))]));
  const pairs: { i: number; j: number; score: number; distance: number }[] = [];
  for (const i of left) {
    const a = currentBags.get(i)!;
    for (const j of right) {
      if (windowed && Math.abs(i - j) > MAX_DISTANCE) continue;
      const b = previousBags.get(j)!;
      // Dice can reach the threshold only if the two lengths are close enough: 2·min / (a + b).
      if (2 * Math.min(a.size, b.size) < EDIT_THRESHOLD * (a.size + b.size)) continue;
      const score = diceOfBags(a, b);
      // Positions relative to each document's length, so an insertion high up does not push everything apart.
      if (score >= EDIT_THRESHOLD) pairs.push({ i, j, score, distance: Math.abs(i / current.length - j / previous.length) });
    }
  }
  pairs.sort((x, y) => y.score - x.score || x.distance - y.distance || x.i - y.i || x.j - y.j);
  for (const { i, j } of pairs) {
    if (matches[i] || used[j]) continue;
    matches[i] = { kind: 'edited', previous: j };
    used[j] = 1;
  }
}

/** A clause's words with their counts and its number of words. */
type WordBag = { counts: Map<string, number>; size: number };

function wordBag(counts: Map<string, number>): WordBag {
  let size = 0;
  for (const n of counts.values()) size += n;
  return { counts, size };
}

function diceOfBags(a: WordBag, b: WordBag): number {
  if (!a.size || !b.size) return 0;
  const [small, large] = a.counts.size <= b.counts.size ? [a.counts, b.counts] : [b.counts, a.counts];
  let common = 0;
  for (const [token, n] of small) common += Math.min(n, large.get(token) ?? 0);
  return (2 * common) / (a.size + b.size);
}

/** A clause's words (the topic classifier's tokenizer) with their counts. */
export function countTokens(text: string): Map<string, number> {
  const bag = new Map<string, number>();
  for (const token of tokenize(text)) bag.set(token, (bag.get(token) ?? 0) + 1);
  return bag;
}

/** 2·|A∩B| / (|A|+|B|) over word multisets: 1 for the same words, 0 for none in common. */
export function dice(a: Map<string, number>, b: Map<string, number>): number {
  return diceOfBags(wordBag(a), wordBag(b));
}

/**
 * `since` of every current clause: the previous clause's `since` when its text is unchanged, else this
 * snapshot's date. `previousSince` is indexed like `previous`; without a previous snapshot pass undefined.
 */
export function sinceDates(alignment: Alignment | undefined, previousSince: readonly string[] | undefined, date: string, count: number): string[] {
  if (!alignment || !previousSince) return new Array(count).fill(date);
  return alignment.matches.map((m) => (m.kind === 'same' ? previousSince[m.previous] : date));
}
