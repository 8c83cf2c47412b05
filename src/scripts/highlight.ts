/**
 * Marks the searched words in a policy when the reader arrives from a search result
 * (`/policies/x/y/?pagefind-highlight=word#clause`). Loaded on demand by highlight-loader.ts only when the URL
 * asks for it, so ordinary visits to a policy page never download it. Only the policy's own text nodes are touched
 * (not the copy-link control, not the topic tags): policy text
 * stays text (no innerHTML), and the result works under the site's CSP.
 */
/** The URL parameter that carries the search terms (Pagefind's name for it; the search page sets it). */
export const HIGHLIGHT_PARAM = 'pagefind-highlight';

/** Search terms from the URL: words only, without quotes or operators. */
export function termsFrom(search: string): string[] {
  const words = new URLSearchParams(search)
    .getAll(HIGHLIGHT_PARAM)
    .flatMap((value) => value.toLocaleLowerCase('en').split(/[^\p{L}\p{N}]+/u))
    .filter((word) => word.length > 1);
  return [...new Set(words)];
}

/** A prefix that also matches the word's inflections (search stems words: "tracking" finds "tracked"). */
function stem(word: string): string {
  const trimmed = word.replace(/(?:ing|ed|es|s)$/u, '');
  return trimmed.length >= 3 ? trimmed : word;
}

export function termPattern(terms: string[]): RegExp | undefined {
  if (!terms.length) return undefined;
  const alternatives = terms.map((term) => stem(term).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).sort((a, b) => b.length - a.length);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})[\\p{L}\\p{N}]*`, 'giu');
}

/** Wraps every match in <mark class="hl">; returns how many were marked. */
export function highlight(root: Element, terms: string[]): number {
  const pattern = termPattern(terms);
  if (!pattern) return 0;
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest('a.cl, .topics, .since, mark, script, style') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  let count = 0;
  for (const node of nodes) {
    const text = node.data;
    pattern.lastIndex = 0;
    let match = pattern.exec(text);
    if (!match) continue;
    const fragment = doc.createDocumentFragment();
    let last = 0;
    while (match) {
      fragment.append(text.slice(last, match.index));
      const mark = doc.createElement('mark');
      mark.className = 'hl';
      mark.textContent = match[0];
      fragment.append(mark);
      count++;
      last = match.index + match[0].length;
      match = pattern.exec(text);
    }
    fragment.append(text.slice(last));
    node.replaceWith(fragment);
  }
  return count;
}
