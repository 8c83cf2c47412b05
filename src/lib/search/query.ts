/**
 * What the search page hands Pagefind for what the reader typed (no dependencies beyond the stemmer, so the
 * page's script stays small). A first search downloads each word's index chunk, and a common word's is large
 * ("your": in 97 % of the passages, 109 kB); so (why and figures: docs/scaling.md, "What the search page now sends"):
 * - words found in nearly every passage are left out when other words remain (they change little of what is
 *   found, Pagefind weighing words by rarity); "not", "us", "my" and a quoted phrase stay;
 * - words are sent as their stems (src/lib/search/stem.ts): one chunk per word instead of two. A word is sent as
 *   typed when its stem would stem further (Pagefind would look for another word) or it is not plain letters.
 */
import { stem } from './stem.ts';

export interface PagefindQuery {
  /** The query for Pagefind's search. */
  query: string;
  /** The words searched, as typed (for the partitions' vocabularies and the result links' highlighting). */
  words: string[];
  /** The words left out for being in nearly every passage, as typed. */
  ignored: string[];
}

/** Function words in at least 88 % of the corpus's passages (measured on its Pagefind index), lower case. */
const COMMON_WORDS = new Set(
  'a an the and or of to in on at by for from with about as is are be have if this that these it its we our ours you your yours can will may when also how which do'.split(' '),
);
/**
 * The words a question is made of rather than its subject ("can I see the data you have about me"): since the
 * page ranks clauses by the words they share with the query (src/lib/search/rank.ts), these would only rank a
 * clause higher for saying "my" or "what" (`npm run eval:search`: dev P@10 with them kept, see docs/search.md).
 */
const QUESTION_WORDS = new Set(
  'i me my mine myself they them their theirs he she his her what who whom whose where why does did doing done am was were been being would should could shall must might has had having there here any some all so than then too very just into onto over up down per via get gets got happen happens happened tell told let know'.split(' '),
);

/**
 * Stems of the subject words found in nearly every passage (at least 94 % of the corpus's passages; what a
 * search for one costs: docs/search.md). Unlike function words they matter to a clause's score, so they are not
 * left out; but beside a rarer word they find no passage that word does not, and the search page does not
 * search for them then (src/scripts/search-find.ts).
 */
export const UBIQUITOUS = new Set('onli inform privaci use person servic part data other provid'.split(' '));

/** Whether a token typed is a function or question word (left out when other words remain). */
export function isCommon(token: string): boolean {
  const word = token.toLowerCase().replace(/^[^a-z]+|[^a-z]+$/gi, '');
  return COMMON_WORDS.has(word) || QUESTION_WORDS.has(word);
}

export function pagefindQuery(typed: string): PagefindQuery {
  const tokens = typed.trim().split(/\s+/).filter(Boolean);
  const leaveOut = !typed.includes('"') && tokens.some((token) => !isCommon(token));
  const words = leaveOut ? tokens.filter((token) => !isCommon(token)) : tokens;
  const ignored = leaveOut ? tokens.filter(isCommon) : [];
  return { query: words.map(stemmedToken).join(' '), words, ignored };
}

/** A word's stem, keeping the quote of a phrase before it or a quote or punctuation mark after it ("parties",). */
function stemmedToken(token: string): string {
  const parts = /^("?)([A-Za-z]+)([".,;:!?]*)$/.exec(token);
  if (!parts) return token;
  const [, before, word, after] = parts;
  const stemmed = stem(word.toLowerCase());
  return stem(stemmed) === stemmed ? before + stemmed + after : token;
}
