/**
 * The search page's form as a search state (src/scripts/search-url.ts) and back, and the filters in the words of
 * their menus, for the status line.
 */
import { FILTERS, type SearchState } from './search-url.ts';

const field = (form: HTMLFormElement, name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;

export function readForm(form: HTMLFormElement): SearchState {
  const value = (name: string) => field(form, name)?.value ?? '';
  return { q: value('q').trim(), company: value('company'), year: value('year'), topic: value('topic'), sort: value('sort') };
}

export function fillForm(form: HTMLFormElement, state: SearchState): void {
  for (const key of ['q', ...FILTERS, 'sort'] as const) {
    const element = field(form, key);
    if (element) element.value = state[key];
  }
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
