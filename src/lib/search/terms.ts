/**
 * Words as Pagefind's search sees them, and which index partitions cannot answer a query (shared by the
 * search-index stage and the search page; no dependencies, so the page's script stays small).
 *
 * Why: each partition of the index also indexes a page holding the archive's whole vocabulary, because an
 * index lacking a searched word answers with the longest word the term starts with ("zoom" for "zoomcorp"),
 * and merged partitions must answer as one index would (src/lib/search/pagefind-index.ts). Re-indexing every
 * partition whenever a new snapshot brings a word would make an addition cost a whole index build, so a
 * partition is reused with the vocabulary it was indexed with, and the manifest lists the archive's words it
 * lacks: a query with a term that only such words have skips that partition.
 */

/**
 * A word in the form Pagefind's search compares, with its parts: lower case, diacritics and punctuation
 * removed ("E-mail" → "email", and its parts "e", "mail").
 */
export function searchForms(word: string): string[] {
  const plain = word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const parts = plain.split(PUNCTUATION).filter(Boolean);
  const joined = parts.join('');
  return parts.length > 1 ? [joined, ...parts] : joined ? [joined] : [];
}

/** Punctuation that Pagefind drops from a query (its search strips these Unicode classes). */
const PUNCTUATION = /[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]+/u;

/** The terms of a query as Pagefind searches them: whitespace-separated, each in its search form. */
export function queryTerms(query: string): string[] {
  return query
    .split(/\s+/)
    .map((token) => token.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(PUNCTUATION).join(''))
    .filter(Boolean);
}

/**
 * A word of the archive that a partition lacks, and how much of it the partition knows: the length of the
 * longest start of the word that starts some word of the partition.
 */
export type MissingWord = [word: string, known: number];

/** The archive's words (in search form) that a partition lacks, sorted, each with what the partition knows of it. */
export function missingWords(archiveWords: Iterable<string>, ownWords: Iterable<string>): MissingWord[] {
  const own = new Set(ownWords);
  const partitionWords = [...own].sort();
  const missing: MissingWord[] = [];
  for (const word of archiveWords) {
    if (own.has(word)) continue;
    // The longest shared start with any word of a sorted list is with one of the word's two neighbours.
    let low = 0;
    let high = partitionWords.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (partitionWords[middle] < word) low = middle + 1;
      else high = middle;
    }
    const known = Math.max(sharedStart(word, partitionWords[low - 1]), sharedStart(word, partitionWords[low]));
    missing.push([word, known]);
  }
  return missing.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function sharedStart(a: string, b: string | undefined): number {
  if (b === undefined) return 0;
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Whether a partition cannot match one of the terms: some word it lacks starts with the term's stem, and no
 * word it has does (the stem is longer than what the partition knows of that word). Pagefind would then
 * answer that term with the longest word the term starts with; the archive as one index would not.
 */
export function lacksTerm(missing: readonly MissingWord[], terms: readonly string[]): boolean {
  return terms.some((term) => {
    const stem = roughStem(term);
    return missing.some(([word, known]) => stem.length > known && word.startsWith(stem));
  });
}

/**
 * Pagefind matches stems (English Snowball: "cookies" → "cooki"), and a partition that has "cookie" answers
 * "cookies". The term is cut at least as short as its stem would be: a common suffix and a doubled final
 * letter removed, never below three letters. Shorter means a partition is skipped less often: when in doubt,
 * it is searched. (The search page also has Pagefind's exact stemmer, src/lib/search/stem.ts, for what it
 * sends; this check keeps the rougher, shorter cut on purpose, and the index step needs no stemmer.)
 */
export function roughStem(term: string): string {
  const suffix = SUFFIXES.find((ending) => term.endsWith(ending) && term.length - ending.length >= 3);
  let stem = suffix ? term.slice(0, -suffix.length) : term;
  if (stem.length > 3 && stem.at(-1) === stem.at(-2)) stem = stem.slice(0, -1);
  return stem;
}

/** Longest first: the suffixes Snowball's English stemmer removes or rewrites, and the letters it changes. */
const SUFFIXES = ['ational', 'ization', 'iveness', 'fulness', 'ousness', 'ements', 'ations', 'ement', 'ation', 'ments', 'ities', 'ness', 'ment', 'ance', 'ence', 'able', 'ible', 'ings', 'ious', 'ical', 'ing', 'ies', 'ied', 'ion', 'ity', 'ive', 'ize', 'ous', 'ful', 'ant', 'ent', 'ism', 'ist', 'al', 'ed', 'es', 'er', 'ly', 'ic', 's', 'y', 'e'];
