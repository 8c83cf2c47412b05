/**
 * The search page's state, in its URL (`/search/?q=…&company=…&year=…&topic=…&sort=…`, so a search can be
 * linked, bookmarked and gone back to) and in its form, and the filters in the words of their menus, for the
 * status line.
 */
export const FILTERS = ['company', 'year', 'topic'] as const;
const KEYS = ['q', ...FILTERS, 'sort'] as const;

export type SearchState = Record<(typeof KEYS)[number], string>;

const field = (form: HTMLFormElement, name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;

/** Fills the form from the page's URL (on arrival, and back or forward); returns its state. */
export function fillFormFromUrl(form: HTMLFormElement): SearchState {
  const params = new URLSearchParams(location.search);
  const state = Object.fromEntries(KEYS.map((key) => [key, params.get(key)?.trim() ?? ''])) as SearchState;
  for (const key of KEYS) {
    const element = field(form, key);
    if (element) element.value = state[key];
  }
  return state;
}

export function urlFromState(state: SearchState): string {
  const params = new URLSearchParams();
  for (const key of KEYS) if (state[key]) params.set(key, state[key]);
  const query = params.toString();
  return query ? `?${query}` : location.pathname;
}

export function readForm(form: HTMLFormElement): SearchState {
  const state = Object.fromEntries(KEYS.map((key) => [key, field(form, key)?.value ?? ''])) as SearchState;
  return { ...state, q: state.q.trim() };
}

/**
 * The filters that apply, in the words of their menus ("2006", "Cookies and tracking"): the topic filter keeps
 * policies with at least one clause on that topic.
 */
export function filterWords(form: HTMLFormElement, state: SearchState): string[] {
  return FILTERS.filter((key) => state[key]).map((key) => {
    const element = field(form, key);
    return element instanceof HTMLSelectElement ? (element.selectedOptions[0]?.textContent ?? state[key]) : state[key];
  });
}
