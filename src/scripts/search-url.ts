/** The links from a search result to the policy page, with the words to mark. */

/** The URL parameter that carries the words to mark on the policy page (Pagefind's name for it). */
export const HIGHLIGHT_PARAM = 'pagefind-highlight';

/**
 * A result link that asks the policy page to mark the words searched, as typed (Pagefind's own parameter would
 * carry the stems it was given, "parti", which the highlighter cannot find in "parties").
 */
export function withHighlight(url: string, words: readonly string[]): string {
  const link = new URL(url, 'https://archive.invalid');
  link.searchParams.delete(HIGHLIGHT_PARAM);
  for (const word of words) link.searchParams.append(HIGHLIGHT_PARAM, word);
  return link.pathname + link.search + link.hash;
}
