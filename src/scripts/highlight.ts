/**
 * Marks the searched words in a policy when the reader arrives from a search result
 * (`/policies/x/y/?pagefind-highlight=word#clause`; loaded by highlight-loader.ts only then). Only the policy's
 * own text nodes are touched (not the copy-link control, not the topic tags): policy text stays text (no
 * innerHTML), and the result works under the site's CSP.
 */
import { wordStems } from '../lib/search/terms.ts';
import { HIGHLIGHT_PARAM } from './search-url.ts';

/** The words searched, as the URL carries them (lower case, split at white space; each word's forms are its stems). */
export function termsFrom(search: string): string[] {
  const words = new URLSearchParams(search).getAll(HIGHLIGHT_PARAM).flatMap((value) => value.toLocaleLowerCase('en').split(/\s+/));
  return [...new Set(words.filter(Boolean))];
}

/**
 * The stems a policy word must have to be marked: those of the words searched (`wordStems`, the rule the search
 * page ranks clauses by), so "sharing" marks "share" and "shared", not "shareholder".
 */
export function searchedStems(terms: readonly string[]): Set<string> {
  return new Set(terms.flatMap(wordStems));
}

/** Where the words to mark are in a text: [start, end) of each whitespace-separated word, its punctuation left out. */
export function markedRanges(text: string, stems: ReadonlySet<string>): [number, number][] {
  const ranges: [number, number][] = [];
  for (const word of text.matchAll(/[^\s\uFEFF]+/gu)) {
    if (!wordStems(word[0]).some((form) => stems.has(form))) continue;
    const core = /[\p{L}\p{N}](?:.*[\p{L}\p{N}])?/u.exec(word[0]);
    if (core) ranges.push([word.index + core.index, word.index + core.index + core[0].length]);
  }
  return ranges;
}

/** Wraps every match in <mark class="hl">. */
export function highlight(root: Element, terms: string[]): void {
  const stems = searchedStems(terms);
  if (!stems.size) return;
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest('a.cl, .topics, .since, mark, script, style') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  for (const node of nodes) {
    const text = node.data;
    const ranges = markedRanges(text, stems);
    if (!ranges.length) continue;
    const parts: (string | Node)[] = [];
    let last = 0;
    for (const [start, end] of ranges) {
      const mark = Object.assign(doc.createElement('mark'), { className: 'hl', textContent: text.slice(start, end) });
      parts.push(text.slice(last, start), mark);
      last = end;
    }
    node.replaceWith(...parts, text.slice(last));
  }
}
