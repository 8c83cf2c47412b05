/**
 * The arithmetic of the relevance command (scripts/eval-search.ts): precision at k of a ranked list of clause
 * links, and a plain BM25 ranking of the same clauses as the baseline. Pure, no I/O.
 */
import { tokenize } from '../../topics/tokenize.ts';
import { idf } from '../rank.ts';
import { stem } from '../stem.ts';

/**
 * Right answers among the first k links, over k: a list shorter than k counts its missing places as wrong
 * (a search that shows 3 links where 10 were asked for answered less). A link counts once, however often shown.
 */
export function precisionAt(k: number, ranked: readonly string[], isRelevant: (link: string) => boolean): number {
  const seen = new Set<string>();
  let hits = 0;
  for (const link of ranked.slice(0, k)) {
    if (!seen.has(link) && isRelevant(link)) hits++;
    seen.add(link);
  }
  return hits / k;
}

export function mean(values: readonly number[]): number {
  return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : 0;
}

/** The words of a text as the baseline compares them: the topic classifier's word rule, then the search stemmer. */
function terms(text: string): string[] {
  return tokenize(text).map((token) => stem(token));
}

export interface Bm25Document {
  id: string;
  text: string;
}

/**
 * Okapi BM25 (k1 = 1.2, b = 0.75, idf = ln(1 + (N − n + 0.5) / (n + 0.5))) of every document for the query's
 * words, best first; documents that match no word are left out, ties keep the documents' order.
 */
export function bm25Rank(documents: readonly Bm25Document[], query: string, k1 = 1.2, b = 0.75): string[] {
  const bags = documents.map((document) => {
    const counts = new Map<string, number>();
    const words = terms(document.text);
    for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
    return { id: document.id, counts, length: words.length };
  });
  const averageLength = mean(bags.map((bag) => bag.length)) || 1;
  const queryWords = [...new Set(terms(query))];
  const containing = (word: string) => bags.filter((bag) => bag.counts.has(word)).length;
  const idfOf = new Map(queryWords.map((word) => [word, idf(containing(word), bags.length)]));
  return bags
    .map((bag, index) => {
      let score = 0;
      for (const word of queryWords) {
        const tf = bag.counts.get(word) ?? 0;
        if (tf) score += idfOf.get(word)! * ((tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * bag.length) / averageLength)));
      }
      return { id: bag.id, score, index };
    })
    .filter((entry) => entry.score > 0)
    .sort((x, y) => y.score - x.score || x.index - y.index)
    .map((entry) => entry.id);
}
