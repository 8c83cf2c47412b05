/**
 * Which passages hold the query's words, best first: one Pagefind search per content word, all at once (a
 * word's search waits for its index chunk; run one after another, a three-word question waited for three
 * downloads in turn), their results merged.
 */
import type { Partition } from '../lib/search/partitions.ts';
import { pagefindQuery, UBIQUITOUS, type PagefindQuery } from '../lib/search/query.ts';
import { bestWindow, idf } from '../lib/search/rank.ts';
import { lacksTerm, queryTerms, wordStems } from '../lib/search/terms.ts';
import { fromPartitions, type Pagefind, type Result } from './search-pagefind.ts';

/** Clauses a passage is taken to hold when choosing which passages to read (OPP-115 policies: ~40). */
const ESTIMATED_CLAUSES = 40;

/** A passage found, with the query words (their indexes) of its best window: what its best clause may have. */
export interface FoundPassage {
  result: Result;
  window: number[];
}

export interface Found {
  /** How often each word occurs in the passages found, under every form it matches. */
  occurrences: Map<string, number>;
  /** Forms of the words not searched (found in nearly every passage): their occurrences are to be estimated. */
  unsearched: string[];
  /** Passages in the index (all partitions). */
  passages: number;
  /** Best first. */
  ranked: FoundPassage[];
}

/** What Pagefind is asked for one word: its stem (src/lib/search/query.ts). */
const termOf = (word: string) => pagefindQuery(word).query.replace(/"/g, '');

/** The partitions that can have the words (src/lib/search/terms.ts), and the scope narrowed to them. */
function narrowTo(partitions: Partition[], words: string, scope: Record<string, unknown>) {
  const terms = queryTerms(words);
  const searched = partitions.filter((partition) => !(partition.missing && lacksTerm(partition.missing, terms)));
  const keys = searched.map((partition) => partition.key);
  return { searched, filters: searched.length < partitions.length ? { ...scope, partition: { any: keys } } : scope };
}

/**
 * Starts downloading the index chunks of the words (Pagefind's preload), so that the search, when it runs,
 * finds them loaded or on their way. Costs nothing more: the search would load the same chunks.
 */
export function preloadWords(api: Pagefind, words: readonly string[]): void {
  for (const word of words) {
    const term = termOf(word);
    // A word in nearly every passage is searched only if no other word comes: not worth its large chunk yet.
    if (term && !UBIQUITOUS.has(term) && api.preload) void api.preload(term).catch(() => {});
  }
}

/**
 * The passages that hold any of the words, best first: the passage whose words lie closest together (as in one
 * clause) first, then Pagefind's scores added. Undefined when Pagefind gave up (a newer search).
 */
export async function findPassages(api: Pagefind, partitions: Partition[], words: string[], scope: Record<string, unknown>): Promise<Found | undefined> {
  const passages = partitions.reduce((sum, partition) => sum + (partition.passages ?? 0), 0) || 1;
  const terms = words.map(termOf);
  const searchWords = (skip: readonly boolean[]) =>
    Promise.all(
      words.map(async (word, index) => {
        const term = terms[index];
        const { searched, filters } = narrowTo(partitions, word, scope);
        if (!term || !searched.length || skip[index]) return { results: [] as Result[], skipped: true };
        const response = await api.search(term, { filters });
        return response && { results: fromPartitions(response.results, searched) };
      }),
    );
  // Beside a rarer word, a word found in nearly every passage finds nothing more and costs its search most;
  // it is searched after all when the other words find nothing (a misspelt word beside it).
  let unsearched = terms.map((term) => UBIQUITOUS.has(term) && terms.some((other) => other && !UBIQUITOUS.has(other)));
  let responses = await searchWords(unsearched);
  if (unsearched.includes(true) && responses.every((response) => response && !response.results.length)) {
    unsearched = unsearched.map(() => false);
    responses = await searchWords(unsearched);
  }
  if (responses.some((response) => !response)) return undefined;
  const occurrences = new Map<string, number>();
  const found = new Map<string, { result: Result; score: number; positions: number[][] }>();
  // For choosing passages: each word's rarity among clauses, taking a passage for ESTIMATED_CLAUSES clauses.
  const weights = responses.map((response, index) => {
    if ('skipped' in response!) return 0;
    const count = response!.results.reduce((sum, result) => sum + (result.words?.length ?? 1), 0);
    for (const form of wordStems(words[index])) occurrences.set(form, Math.min(occurrences.get(form) ?? Infinity, count));
    for (const result of response!.results) {
      const known = found.get(result.id) ?? { result, score: 0, positions: words.map(() => []) };
      // Read through the word found least in it: Pagefind's reading works on the word's every position.
      if ((result.words?.length ?? 0) < (known.result.words?.length ?? 0)) known.result = result;
      known.score += result.score;
      known.positions[index] = result.words ?? [];
      found.set(result.id, known);
    }
    return idf(count, passages * ESTIMATED_CLAUSES);
  });
  const ranked = [...found.values()]
    .map((entry) => ({ ...entry, best: bestWindow(entry.positions, weights) }))
    .sort((a, b) => b.best.score - a.best.score || b.score - a.score)
    .map((entry) => ({ result: entry.result, window: entry.best.words }));
  return { occurrences, unsearched: words.filter((_, index) => unsearched[index]).flatMap(wordStems), passages, ranked };
}

/**
 * The passages Pagefind finds for the whole query, in its order, or by date (every word, newest or oldest
 * passage first, one partition after another: Pagefind's merge keeps no date order across indexes). Without
 * words, one passage per policy: its first.
 */
export async function listPassages(
  api: Pagefind,
  sent: PagefindQuery,
  scope: Record<string, unknown>,
  partitions: Partition[],
  byDate?: 'newest' | 'oldest',
): Promise<Result[] | undefined> {
  const query = sent.query || null;
  if (!query) scope = { ...scope, passage: 'first' };
  const { searched, filters } = narrowTo(partitions, sent.words.join(' '), scope);
  if (!searched.length) return [];
  if (!byDate) {
    const response = await api.search(query, { filters });
    return response ? fromPartitions(response.results, searched) : undefined;
  }
  const sort = { date: byDate === 'newest' ? ('desc' as const) : ('asc' as const) };
  const order = byDate === 'newest' ? [...searched].reverse() : searched;
  const results: Result[] = [];
  for (const partition of order) {
    const response = await api.search(query, { filters: { ...scope, partition: partition.key }, sort });
    if (!response) return undefined;
    results.push(...fromPartitions(response.results, [partition]));
  }
  return results;
}
