/**
 * The search page (/search/?q=...&company=...&year=...&topic=...&sort=...): a small UI on Pagefind's JS API.
 *
 * - Pagefind (its JS, WebAssembly and index) is imported only once the reader searches: a query or filter in
 *   the URL, typing in the box, or focusing a box that already holds a query. A plain visit loads none of it.
 * - The index is a set of partitions by archive date (src/lib/search/pagefind-index.ts), merged into one search.
 * - What Pagefind finds are passages, runs of clauses of one policy (src/lib/search/passages.ts): results
 *   are grouped by policy, each with its best-matching clauses.
 * - The URL is the state: every search is shareable, and back and forward restore it.
 * - The number of results goes to a polite live region; the status says which common words were left out.
 * - Pagefind is given the query's words already stemmed (src/lib/search/query.ts; why the stemmer is bundled
 *   here: docs/scaling.md).
 */

import { plural } from '../lib/policies/views.ts';
import { isCommon, pagefindQuery, type PagefindQuery } from '../lib/search/query.ts';
import { quotedPhrases } from '../lib/search/rank.ts';
import { ClauseSearch, PAGE_SIZE } from './search-clauses.ts';
import { findPassages, listPassages, preloadWords } from './search-find.ts';
import { FILTERS, fillFormFromUrl, filterWords, readForm, urlFromState, type SearchState } from './search-form.ts';
import { fillCompanySuggestions, loadSearch, readFragment, type Result } from './search-pagefind.ts';
import { policyLabel, ResultList } from './search-results.ts';

export function enhanceSearchPage(doc: Document): void {
  const form = doc.getElementById('search') as HTMLFormElement | null;
  const box = doc.getElementById('search-q') as HTMLInputElement | null;
  const status = doc.getElementById('search-status');
  const list = doc.getElementById('search-results') as HTMLOListElement | null;
  const more = doc.getElementById('search-more') as HTMLButtonElement | null;
  if (!form || !box || !status || !list || !more) return;
  form.classList.add('enhanced');
  const page = new SearchPage(doc, form, status, new ResultList(doc, list), more);
  const company = form.elements.namedItem('company');
  if (company instanceof HTMLInputElement) company.addEventListener('focus', () => void page.load().then(({ api }) => fillCompanySuggestions(doc, api)), { once: true });

  // History: the URL always shows the current search. `pushNext` makes the first change after a "commit"
  // (load, submit, filter change, back/forward) a new history entry; later keystrokes replace it.
  let pushNext = true;
  const commit = (mode: 'push' | 'replace') => {
    const state = readForm(form);
    const url = urlFromState(state);
    if (url !== location.search && !(url === location.pathname && !location.search)) {
      if (mode === 'push') history.pushState(null, '', url);
      else history.replaceState(null, '', url);
    }
    void page.search(state);
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  box.addEventListener('input', (event) => {
    void page.load().then(({ api }) => preloadWords(api, completedWords(box.value)), () => {});
    clearTimeout(timer);
    timer = setTimeout(() => {
      commit(pushNext ? 'push' : 'replace');
      pushNext = false;
    }, inputPause(event));
  });
  box.addEventListener('focus', () => {
    if (box.value.trim()) void page.load();
  });
  box.addEventListener('keydown', (event) => {
    const first = list.querySelector('a');
    if (event.key === 'ArrowDown' && first) {
      event.preventDefault();
      first.focus();
    }
  });
  form.addEventListener('change', (event) => {
    if (event.target === box) return;
    commit('push');
    pushNext = true;
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    commit(pushNext ? 'push' : 'replace');
    pushNext = true;
  });
  more.addEventListener('click', () => void page.showMoreAndFocus());
  window.addEventListener('popstate', () => {
    clearTimeout(timer);
    pushNext = true;
    void page.search(fillFormFromUrl(form));
  });

  void page.search(fillFormFromUrl(form));
}

/** A search and what it shows: the results, the "Show more results" button and the status line. */
class SearchPage {
  private pagefind?: ReturnType<typeof loadSearch>;
  /** Counts searches: a search whose number is no longer the latest stops and shows nothing. */
  private generation = 0;
  /** Announces what the search on screen found so far (again after "Show more results" reads more). */
  private sayFound = () => {};
  /** A search without words: the policies' first passages still to show. */
  private pending: Result[] = [];
  /** A search with words: its clauses. */
  private clauses?: ClauseSearch;

  constructor(
    private readonly doc: Document,
    private readonly form: HTMLFormElement,
    private readonly status: HTMLElement,
    private readonly results: ResultList,
    private readonly more: HTMLButtonElement,
  ) {}

  load() {
    return (this.pagefind ??= loadSearch());
  }

  async search(state: SearchState): Promise<void> {
    const run = ++this.generation;
    const filters = Object.fromEntries(FILTERS.filter((key) => state[key]).map((key) => [key, state[key]]));
    this.doc.title = state.q ? `“${state.q}”: search · Privacy Policy Archive` : 'Search · Privacy Policy Archive';
    if (!state.q && !Object.keys(filters).length) {
      this.results.clear();
      this.more.hidden = true;
      this.status.textContent = '';
      return;
    }
    this.status.setAttribute('aria-busy', 'true');
    try {
      const sent = pagefindQuery(state.q);
      const listed = await this.passages(state, sent, filters, run);
      if (listed === undefined) return;
      this.results.searchedWords = sent.words;
      this.results.clear();
      await this.showMore(run);
      if (run !== this.generation) return;
      this.sayFound = () => {
        const narrowed = filterWords(this.form, state);
        const what = (state.q ? ` for “${state.q.replace(/^"(.*)"$/, '$1')}”` : '') + (narrowed.length ? ` in ${narrowed.join(', ')}` : '');
        const left = sent.ignored.length ? ` Common words left out: ${sent.ignored.join(', ')}.` : '';
        const counts = this.clauses?.countStatus() ?? (listed ? plural(listed, 'policy', 'policies') : '');
        this.status.textContent = (counts ? `${counts} found${what}.` : `Nothing found${what}.`) + left;
      };
      this.sayFound();
    } catch (error) {
      if (run === this.generation) this.status.textContent = 'Search could not be loaded. Please try again.';
      console.error(error);
    } finally {
      if (run === this.generation) this.status.removeAttribute('aria-busy');
    }
  }

  /**
   * Finds the passages and sets what reads them (`clauses` for a search with words, `pending` without); returns
   * how many passages Pagefind listed, or undefined when a newer search started meanwhile.
   */
  private async passages(state: SearchState, sent: PagefindQuery, filters: Record<string, string>, run: number) {
    const { api, partitions } = await this.load();
    // The vocabulary page of each partition only makes words findable everywhere: never a result.
    const scope = { ...filters, not: { kind: 'vocabulary' } };
    const byDate = state.sort === 'newest' || state.sort === 'oldest' ? state.sort : undefined;
    const words = sent.words.map((word) => word.replace(/^"|[".,;:!?]+$/g, '')).filter(Boolean);
    const found = state.q ? await findPassages(api, partitions, words, scope) : undefined;
    if (run !== this.generation || (state.q && !found)) return undefined;
    // Sorted by date, every word, newest (or oldest) passage first; a phrase: the passages that have it.
    const listing = !found || state.q.includes('"') || byDate;
    const listed = listing ? await listPassages(api, sent, scope, partitions, byDate) : [];
    if (run !== this.generation || !listed) return undefined;
    this.pending = found ? [] : listed;
    const toRead = listing ? listed.map((result) => ({ result, window: [] })) : found!.ranked;
    this.clauses = found && new ClauseSearch(words, found, toRead, quotedPhrases(state.q), byDate !== undefined);
    return listed.length;
  }

  /**
   * Shows the next screen: for a search with words, the next clauses, grouped by policy (a policy shown
   * before gets them in its list); without words, the next policies. Returns the first link it added.
   */
  private async showMore(run: number): Promise<HTMLAnchorElement | undefined> {
    const before = new Set(this.results.list.querySelectorAll('a'));
    if (!this.clauses) {
      const batch = await Promise.all(this.pending.splice(0, PAGE_SIZE).map(readFragment));
      if (run !== this.generation) return undefined;
      for (const data of batch) this.results.policyItem(data.url, policyLabel(data.meta));
      this.more.hidden = this.pending.length === 0;
    } else {
      // The first screen is shown as soon as the first passages are read, then replaced by the final one
      // (progressive: the passages that could better it cost one more round of fragments).
      const first = this.results.empty;
      const screen = await this.clauses.nextScreen(() => run === this.generation, first ? (provisional) => this.results.renderScreen(provisional) : undefined);
      if (!screen) return undefined;
      if (first) this.results.replaceWith(screen);
      else this.results.renderScreen(screen);
      this.more.hidden = this.clauses.unread === 0 && this.clauses.unshown().length === 0;
    }
    return [...this.results.list.querySelectorAll('a')].find((link) => !before.has(link));
  }

  /** "Show more results": the next screen, announced, and the focus on its first link. */
  async showMoreAndFocus(): Promise<void> {
    const run = this.generation;
    const first = await this.showMore(run);
    if (run === this.generation) this.sayFound();
    first?.focus();
  }
}

/**
 * The words typed so far, each followed by a space (not the one being typed): their index chunks start
 * downloading while the reader goes on typing. Function words are not: the search leaves them out once a
 * content word follows.
 */
function completedWords(value: string): string[] {
  if (value.includes('"')) return [];
  return value.replace(/\S+$/, '').split(/\s+/).map((word) => word.replace(/^"|[".,;:!?]+$/g, '')).filter((word) => word && !isCommon(word));
}

/** A pause for the next keystroke before searching, but none after a paste or a word chosen whole: nothing more is coming. */
function inputPause(event: Event): number {
  const input = event instanceof InputEvent ? event : undefined;
  const whole = input?.inputType === 'insertFromPaste' || input?.inputType === 'insertReplacementText' || (input?.data?.length ?? 0) > 1;
  return whole ? 0 : 200;
}
