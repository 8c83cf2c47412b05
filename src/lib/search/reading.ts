/**
 * Which passages the search page reads next (each read downloads the passage's Pagefind fragment, a few kB).
 *
 * Why: the page ranks clauses itself (src/lib/search/rank.ts) but can only rank the clauses of passages it has
 * read. Reading five passages and showing their ten best clauses showed weak clauses of those passages (a
 * mention of "privacy policy") above the strong clause of a sixth ("changes to this privacy policy"), which
 * the issue names: a strong clause of a fifth policy must beat a weak one of the first. Before reading, a
 * passage's best clause is bounded by the weights of the query words that lie together in it (its best
 * window: a clause with each of them once, of average length, scores their sum): once ten clauses are in hand,
 * the passages that could still beat the tenth are read, and only those.
 */

/**
 * The indexes (into `bounds`, the unread passages in the order found) of the passages to read next, at most
 * `batch`: the first ones while fewer than `screen` clauses are in hand, else those whose bound beats the
 * `screen`-th clause's score (`scores`: the clauses in hand not shown yet, best first), best bound first.
 */
export function passagesToRead(bounds: readonly number[], scores: readonly number[], screen: number, batch: number): number[] {
  if (scores.length < screen) return bounds.slice(0, batch).map((_, index) => index);
  const threshold = scores[screen - 1];
  return bounds
    .map((bound, index) => ({ bound, index }))
    .filter(({ bound }) => bound > threshold)
    .sort((a, b) => b.bound - a.bound || a.index - b.index)
    .slice(0, batch)
    .map(({ index }) => index);
}
