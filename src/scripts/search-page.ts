/**
 * The search page (/search/?q=...&company=...&year=...&topic=...&sort=...): a small UI on Pagefind's JS API.
 *
 * - Pagefind (its JS, WebAssembly and index) is imported only once the reader searches: a query or filter in
 *   the URL, typing in the box, or focusing a box that already holds a query. A plain visit loads none of it.
 * - The index is a set of partitions by archive date (src/lib/search/pagefind-index.ts), listed in
 *   /pagefind/partitions.json: the newest is loaded and the others merged into it. Relevance ranks across
 *   all of them; sorting by date reads them one after another, newest (or oldest) first, since Pagefind's
 *   merge keeps no date order across indexes.
 * - A partition reused from an earlier build may lack words added to the archive since: a query that only
 *   such words could match skips it (src/lib/search/terms.ts), as one index of the whole archive would.
 * - What Pagefind finds are passages, runs of clauses of one policy (src/lib/search/passages.ts): results
 *   are grouped by policy, each with its best-matching clauses. A search without words lists each policy's
 *   first passage, one result per policy.
 * - The URL is the state: every search is shareable; typing creates one history entry per search (later
 *   keystrokes replace it), changing a filter or submitting adds one; back and forward restore the search.
 * - One result per policy (company, date, title) with its best-matching clauses as links to the clause
 *   anchors, excerpts with the matched words in <mark>; the number of results goes to a polite live region.
 * - Policy text is untrusted: excerpts are built as text nodes, never assigned as HTML.
 * - Pagefind is given the query's words already stemmed, and without the words found in nearly every passage
 *   ("the", "how") when other words remain (src/lib/search/query.ts; its stemmer is 1.7 kB of this script, gzip,
 *   and loading it with Pagefind instead cost more: Vite's preload helper and a request): a first search then
 *   downloads less. The status says which words were left out; result links carry the words searched as
 *   typed, for the policy page's highlighter.
 */

import { isCommon, pagefindQuery } from '../lib/search/query.ts';
import { quotedPhrases, type ClauseResult } from '../lib/search/rank.ts';
import { lacksTerm, queryTerms } from '../lib/search/terms.ts';
import { ClauseSearch, PAGE_SIZE } from './search-clauses.ts';
import { findPassages, listPassages, preloadWords, type FoundPassage } from './search-find.ts';
import { fillCompanySuggestions, loadSearch, readFragment, type Search, type Result } from './search-pagefind.ts';
import { formatDate, policyLabel, renderClause } from './search-results.ts';
import { FILTERS, stateFromUrl, urlFromState, withHighlight, type SearchState } from './search-url.ts';

export function enhanceSearchPage(doc: Document): void {
  const form = doc.getElementById('search') as HTMLFormElement | null;
  const box = doc.getElementById('search-q') as HTMLInputElement | null;
  const status = doc.getElementById('search-status');
  const list = doc.getElementById('search-results') as HTMLOListElement | null;
  const more = doc.getElementById('search-more') as HTMLButtonElement | null;
  if (!form || !box || !status || !list || !more) return;
  form.classList.add('enhanced');

  let pagefind: Promise<Search> | undefined;
  const load = () => (pagefind ??= loadSearch());
  const company = form.elements.namedItem('company');
  if (company instanceof HTMLInputElement) company.addEventListener('focus', () => void load().then(({ api }) => fillCompanySuggestions(doc, api)), { once: true });

  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
  const readForm = (): SearchState => ({
    q: box.value.trim(),
    company: field('company')?.value ?? '',
    year: field('year')?.value ?? '',
    topic: field('topic')?.value ?? '',
    sort: field('sort')?.value ?? '',
  });
  const fillForm = (state: SearchState) => {
    box.value = state.q;
    for (const key of [...FILTERS, 'sort'] as const) {
      const element = field(key);
      if (element) element.value = state[key];
    }
  };

  let generation = 0;
  /** Announces what the search on screen found so far (again after "Show more results" reads more). */
  let sayFound = () => {};
  /** The words searched for the results on screen, for the result links' highlight parameter. */
  let searchedWords: string[] = [];
  /** A search without words: the policies' first passages still to show. */
  let pending: Result[] = [];
  /** The results shown, by policy page path: a later clause of a shown policy joins it. */
  let shown = new Map<string, { item: HTMLLIElement; hits: HTMLUListElement }>();
  /** A search with words: its clauses. */
  let clauses: ClauseSearch | undefined;

  /** The list item of a policy (company, date, title, domain), added to the list and remembered. */
  const policyItem = (pageUrl: string, meta: Record<string, string | undefined>) => {
    const key = new URL(pageUrl, location.href).pathname;
    const existing = shown.get(key);
    if (existing) return existing;
    const item = doc.createElement('li');
    item.className = 'result';
    const heading = doc.createElement('h2');
    const link = doc.createElement('a');
    link.href = withHighlight(pageUrl, searchedWords);
    link.textContent = [meta.company, formatDate(meta.date)].filter(Boolean).join(', ') || meta.title || pageUrl;
    heading.append(link);
    const about = doc.createElement('p');
    about.className = 'result-meta';
    about.textContent = [meta.title, meta.domain].filter(Boolean).join(' · ');
    item.append(heading, about);
    const hits = doc.createElement('ul');
    hits.className = 'hits';
    hits.setAttribute('aria-label', `Matching clauses in ${link.textContent}`);
    const entry = { item, hits };
    shown.set(key, entry);
    list.append(item);
    return entry;
  };

  /**
   * Shows the next screen: for a search with words, the next clauses, grouped by policy (a policy shown
   * before gets them in its list); without words, the next policies. Returns the first link it added.
   */
  /** Clauses as results, grouped by policy (a policy shown before gets them in its list). */
  const renderScreen = (screen: ClauseResult[]) => {
    for (const clause of screen) {
      const { item, hits } = policyItem(clause.page, clause.label);
      if (clause.whole) continue;
      hits.append(renderClause(doc, clause, withHighlight(clause.url, searchedWords)));
      if (!hits.isConnected) item.append(hits);
    }
  };

  const showMore = async (run: number): Promise<HTMLAnchorElement | undefined> => {
    const before = new Set(list.querySelectorAll('a'));
    if (!clauses) {
      const batch = await Promise.all(pending.splice(0, PAGE_SIZE).map(readFragment));
      if (run !== generation) return undefined;
      for (const data of batch) policyItem(data.url, policyLabel(data.meta));
      more.hidden = pending.length === 0;
    } else {
      // The first screen is shown as soon as the first passages are read, then replaced by the final one
      // (progressive: the passages that could better it cost one more round of fragments).
      const first = shown.size === 0;
      const screen = await clauses.nextScreen(() => run === generation, first ? (provisional) => renderScreen(provisional) : undefined);
      if (!screen) return undefined;
      if (first) {
        const focused = list.contains(doc.activeElement) ? (doc.activeElement as HTMLAnchorElement).getAttribute('href') : null;
        list.replaceChildren();
        shown = new Map();
        renderScreen(screen);
        if (focused) list.querySelector<HTMLAnchorElement>(`a[href="${CSS.escape(focused)}"]`)?.focus();
      } else renderScreen(screen);
      more.hidden = clauses.unread === 0 && clauses.unshown().length === 0;
    }
    return [...list.querySelectorAll('a')].find((link) => !before.has(link));
  };

  const search = async (state: SearchState) => {
    const run = ++generation;
    const filters = Object.fromEntries(FILTERS.filter((key) => state[key]).map((key) => [key, state[key]]));
    doc.title = state.q ? `“${state.q}”: search · Privacy Policy Archive` : 'Search · Privacy Policy Archive';
    if (!state.q && !Object.keys(filters).length) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = '';
      return;
    }
    status.setAttribute('aria-busy', 'true');
    try {
      const { api, partitions } = await load();
      // Without words, one result per policy: its first passage.
      // The vocabulary page of each partition only makes words findable everywhere: never a result.
      const scope: Record<string, unknown> = { ...filters, ...(state.q ? {} : { passage: 'first' }), not: { kind: 'vocabulary' } };
      const sent = pagefindQuery(state.q);
      const terms = queryTerms(sent.words.join(' '));
      const searched = partitions.filter((partition) => !(partition.missing && lacksTerm(partition.missing, terms)));
      if (searched.length < partitions.length) scope.partition = { any: searched.map((partition) => partition.key) };
      const phrase = state.q.includes('"');
      const byDate = state.sort === 'newest' || state.sort === 'oldest';
      const words = sent.words.map((word) => word.replace(/^"|[".,;:!?]+$/g, '')).filter(Boolean);
      const found = state.q ? await findPassages(api, partitions, words, { ...filters, not: { kind: 'vocabulary' } }) : undefined;
      if (run !== generation || (state.q && !found)) return;
      let results: FoundPassage[];
      if (found && !phrase && !byDate) results = found.ranked;
      else {
        // Sorted by date, every word, newest (or oldest) passage first; a phrase: the passages that have it.
        const listed = searched.length ? await listPassages(api, sent.query || null, scope, searched, byDate ? (state.sort as 'newest' | 'oldest') : undefined) : [];
        if (run !== generation || !listed) return;
        results = listed.map((result) => ({ result, window: [] }));
      }
      searchedWords = sent.words;
      pending = found ? [] : results.map((passage) => passage.result);
      clauses = found ? new ClauseSearch(words, found.occurrences, found.unsearched, found.passages, results, quotedPhrases(state.q), byDate) : undefined;
      const total = results.length;
      list.replaceChildren();
      shown = new Map();
      await showMore(run);
      if (run !== generation) return;
      sayFound = () => {
        // Say which filters apply, in the words of their menus ("in 2006, Cookies and tracking"): the topic
        // filter keeps policies with at least one clause on that topic.
        const narrowed = [...FILTERS]
          .filter((key) => state[key])
          .map((key) => {
            const element = field(key);
            return element instanceof HTMLSelectElement ? (element.selectedOptions[0]?.textContent ?? state[key]) : state[key];
          });
        const what = (state.q ? ` for “${state.q.replace(/^"(.*)"$/, '$1')}”` : '') + (narrowed.length ? ` in ${narrowed.join(', ')}` : '');
        const left = sent.ignored.length ? ` Common words left out: ${sent.ignored.join(', ')}.` : '';
        const counts = clauses ? clauses.countStatus() : `${total.toLocaleString('en')} ${total === 1 ? 'policy' : 'policies'}`;
        const none = clauses ? !clauses.found : total === 0;
        status.textContent = (none ? `Nothing found${what}.` : `${counts} found${what}.`) + left;
      };
      sayFound();
    } catch (error) {
      if (run === generation) status.textContent = 'Search could not be loaded. Please try again.';
      console.error(error);
    } finally {
      if (run === generation) status.removeAttribute('aria-busy');
    }
  };

  // History: the URL always shows the current search. `pushNext` makes the first change after a "commit"
  // (load, submit, filter change, back/forward) a new history entry; later keystrokes replace it.
  let pushNext = true;
  const commit = (mode: 'push' | 'replace') => {
    const state = readForm();
    const url = urlFromState(state);
    if (url !== location.search && !(url === location.pathname && !location.search)) {
      if (mode === 'push') history.pushState(null, '', url);
      else history.replaceState(null, '', url);
    }
    void search(state);
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  box.addEventListener('input', (event) => {
    void load().then(({ api }) => preloadWords(api, completedWords(box.value)), () => {});
    clearTimeout(timer);
    timer = setTimeout(() => {
      commit(pushNext ? 'push' : 'replace');
      pushNext = false;
    }, inputPause(event));
  });
  box.addEventListener('focus', () => {
    if (box.value.trim()) void load();
  });
  box.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      const first = list.querySelector('a');
      if (first) {
        event.preventDefault();
        first.focus();
      }
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
  more.addEventListener('click', () => {
    const run = generation;
    void showMore(run).then((first) => {
      if (run === generation) sayFound();
      first?.focus();
    });
  });
  window.addEventListener('popstate', () => {
    clearTimeout(timer);
    const state = stateFromUrl(location.search);
    fillForm(state);
    pushNext = true;
    void search(state);
  });

  const initial = stateFromUrl(location.search);
  fillForm(initial);
  void search(initial);
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
