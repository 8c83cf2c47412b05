/**
 * The search page's state in its URL (`/search/?q=…&company=…&year=…&topic=…&sort=…`, so a search can be linked,
 * bookmarked and gone back to), and the links from a result to the policy page with the words to mark.
 */

/** The URL parameter that carries the words to mark on the policy page (Pagefind's name for it). */
export const HIGHLIGHT_PARAM = 'pagefind-highlight';

export const FILTERS = ['company', 'year', 'topic'] as const;

export type SearchState = Record<'q' | (typeof FILTERS)[number] | 'sort', string>;

export function stateFromUrl(search: string): SearchState {
  const params = new URLSearchParams(search);
  const get = (name: string) => params.get(name)?.trim() ?? '';
  return { q: get('q'), company: get('company'), year: get('year'), topic: get('topic'), sort: get('sort') };
}

export function urlFromState(state: SearchState): string {
  const params = new URLSearchParams();
  for (const key of ['q', ...FILTERS, 'sort'] as const) if (state[key]) params.set(key, state[key]);
  const query = params.toString();
  return query ? `?${query}` : location.pathname;
}

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
