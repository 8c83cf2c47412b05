/**
 * Words as Pagefind's search sees them, and which index partitions cannot answer a query (shared by the
 * search-index stage, the search page and the policy page's highlighter; no dependency but the stemmer, so the
 * pages' scripts stay small).
 *
 * Why a partition may lack some of the archive's words, and so be skipped: src/lib/search/pagefind-index.ts.
 */
import { stem } from './stem.ts';

/**
 * A word in the form Pagefind's search compares, with its parts: lower case, diacritics and punctuation
 * removed ("E-mail" → "email", and its parts "e", "mail").
 */
export function searchForms(word: string): string[] {
  const plain = word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const parts = plain.split(PUNCTUATION).filter(Boolean);
  return parts.length > 1 ? [parts.join(''), ...parts] : parts;
}

/** Punctuation that Pagefind drops from a query (its search strips these Unicode classes). */
const PUNCTUATION = /[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]+/u;

/**
 * Words already stemmed: a passage of up to 4,000 words repeats most of them, and each is stemmed once per
 * page visit instead of at every occurrence (the clauses of a first screen are scored on the main thread).
 */
const STEMS = new Map<string, string[]>();
const STEMS_KEPT = 50_000;

/** The forms of a word of policy text compared with the query's stems ("E-mail," → email, e, mail). */
export function wordStems(word: string): string[] {
  const known = STEMS.get(word);
  if (known) return known;
  const forms = searchForms(word).map(formStem);
  if (STEMS.size >= STEMS_KEPT) STEMS.clear();
  STEMS.set(word, forms);
  return forms;
}

/**
 * Pagefind's stem of a word in search form or a lower-case token (the stemmer knows the letters a to z; other words
 * are kept): the search's and the topic classifier's.
 */
export const formStem = (form: string) => (/^[a-z]+$/.test(form) ? stem(form) : form);

/** The terms of a query as Pagefind searches them: whitespace-separated, each in its search form. */
export function queryTerms(query: string): string[] {
  return query.split(/\s+/).flatMap((token) => searchForms(token).slice(0, 1));
}

/** A stem a partition lacks, and how much of it the partition knows (its longest start that starts a stem there). */
export type MissingWord = [stem: string, known: number];

/**
 * The archive's stems that a partition lacks (Pagefind indexes and matches stems: see `stemsOf`), sorted, each
 * with what the partition knows of it.
 */
export function missingWords(archiveStems: Iterable<string>, ownStems: Iterable<string>): MissingWord[] {
  const own = new Set(ownStems);
  const sorted = [...own].sort();
  let next = 0;
  return [...archiveStems]
    .filter((word) => !own.has(word))
    .sort()
    .map((word) => {
      // The longest shared start with any stem of a sorted list is with one of the word's two neighbours there.
      while (next < sorted.length && sorted[next] < word) next++;
      return [word, Math.max(sharedStart(word, sorted[next - 1]), sharedStart(word, sorted[next]))];
    });
}

/** The stems of words as Pagefind's search compares them (`wordStems`). */
export function stemsOf(words: Iterable<string>): Set<string> {
  const stems = new Set<string>();
  // Not through wordStems' cache: a vocabulary has more words than it keeps.
  for (const word of words) for (const form of searchForms(word)) stems.add(formStem(form));
  return stems;
}

function sharedStart(a: string, b: string | undefined): number {
  let n = 0;
  while (n < a.length && a[n] === b?.[n]) n++;
  return n;
}

/**
 * Whether a partition cannot match one of the terms (in search form, src/lib/search/terms.ts `queryTerms`):
 * Pagefind looks for the stems that start with the term's stem, and some stem the partition lacks does while
 * none it has does (the term's stem is longer than what the partition knows of that stem). Pagefind would then
 * answer that term with the longest word the term starts with; the archive as one index would not.
 */
export function lacksTerm(missing: readonly MissingWord[], terms: readonly string[]): boolean {
  return terms.flatMap(wordStems).some((term) => missing.some(([word, known]) => term.length > known && word.startsWith(term)));
}
