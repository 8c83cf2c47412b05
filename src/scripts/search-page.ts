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

import { pagefindQuery } from '../lib/search/query.ts';
import { lacksTerm, queryTerms, type MissingWord } from '../lib/search/terms.ts';

/**
 * The URL parameter the policy page's highlighter reads (HIGHLIGHT_PARAM in highlight.ts, written out so the
 * search page does not load the highlighter).
 */
const HIGHLIGHT_PARAM = 'pagefind-highlight';

interface SubResult {
  title: string;
  url: string;
  excerpt: string;
  weighted_locations?: { balanced_score: number }[];
}
interface ResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  sub_results: SubResult[];
}
interface Result {
  id: string;
  data: () => Promise<ResultData>;
}
interface Pagefind {
  options: (options: Record<string, unknown>) => Promise<void>;
  mergeIndex: (path: string, options: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
  filters: () => Promise<Record<string, Record<string, number>>>;
  search: (query: string | null, options?: { filters?: Record<string, unknown>; sort?: Record<string, 'asc' | 'desc'> }) => Promise<{ results: Result[] } | null>;
}

export interface SearchState {
  q: string;
  company: string;
  year: string;
  topic: string;
  sort: string;
}

interface Partition {
  path: string;
  key: string;
  /** Words of the archive this partition was indexed without (src/lib/search/terms.ts). */
  missing?: MissingWord[];
}
interface Search {
  api: Pagefind;
  /** Oldest first. */
  partitions: Partition[];
}

const FILTERS = ['company', 'year', 'topic'] as const;
/** Passages read at once (each downloads its Pagefind fragment, a few kB), so the first screen stays light. */
const PAGE_SIZE = 5;
const CLAUSES_PER_RESULT = 3;

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

/** What a result shows of its policy: a first passage's metadata, or a later passage's `policy` label. */
export function policyLabel(meta: Record<string, string | undefined>): Record<string, string | undefined> {
  if (!meta.policy) return meta;
  try {
    const bytes = Uint8Array.from(atob(meta.policy), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, string>;
  } catch {
    return meta;
  }
}

/** Excerpt HTML from Pagefind (text with `<` and `>` escaped, matches in <mark>) as safe DOM nodes. */
export function excerptNodes(doc: Document, excerpt: string): Node[] {
  const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  return excerpt.split(/(<mark>.*?<\/mark>)/s).flatMap((part): Node[] => {
    if (!part) return [];
    const marked = /^<mark>(.*)<\/mark>$/s.exec(part);
    if (!marked) return [doc.createTextNode(decode(part))];
    const mark = doc.createElement('mark');
    mark.textContent = decode(marked[1]);
    return [mark];
  });
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

function score(sub: SubResult): number {
  return (sub.weighted_locations ?? []).reduce((sum, location) => sum + location.balanced_score, 0);
}

/** The clauses that match best, best first (ties keep document order). */
export function bestClauses(subs: SubResult[], count = CLAUSES_PER_RESULT): SubResult[] {
  return subs
    .map((sub, index) => ({ sub, index, score: score(sub) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, count)
    .map((entry) => entry.sub);
}

function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const [year, month, day] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

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
  /** The words searched for the results on screen, for the result links' highlight parameter. */
  let searchedWords: string[] = [];
  let pending: Result[] = [];
  /** The results shown, by policy URL: a later passage of a shown policy adds its clauses there. */
  let shown = new Map<string, { item: HTMLLIElement; hits: HTMLUListElement }>();

  const renderPassage = (data: ResultData): HTMLLIElement | undefined => {
    // Every passage has its policy page's URL (with the highlight parameter).
    const url = withHighlight(data.url, searchedWords);
    const meta = policyLabel(data.meta);
    const clauses = bestClauses(data.sub_results.filter((sub) => sub.url.includes('#')));
    const key = new URL(url, location.href).pathname;
    const existing = shown.get(key);
    if (existing) {
      // A later passage of a policy on screen adds its best clauses to it (the reader asked for more).
      existing.hits.append(...clauses.map(renderClause));
      // Its first passage matched no clause (only the title, say): the list joins the result now.
      if (existing.hits.children.length && !existing.hits.isConnected) existing.item.append(existing.hits);
      return undefined;
    }
    const item = doc.createElement('li');
    item.className = 'result';
    const heading = doc.createElement('h2');
    const link = doc.createElement('a');
    link.href = url;
    link.textContent = [meta.company, formatDate(meta.date)].filter(Boolean).join(', ') || meta.title || url;
    heading.append(link);
    const about = doc.createElement('p');
    about.className = 'result-meta';
    about.textContent = [meta.title, meta.domain].filter(Boolean).join(' · ');
    item.append(heading, about);
    const hits = doc.createElement('ul');
    hits.className = 'hits';
    hits.setAttribute('aria-label', `Matching clauses in ${link.textContent}`);
    shown.set(key, { item, hits });
    hits.append(...clauses.map(renderClause));
    if (clauses.length) {
      item.append(hits);
    } else if (data.excerpt) {
      const excerpt = doc.createElement('p');
      excerpt.append(...excerptNodes(doc, data.excerpt));
      item.append(excerpt);
    }
    return item;
  };

  const renderClause = (sub: SubResult): HTMLLIElement => {
    const hit = doc.createElement('li');
    const anchor = doc.createElement('a');
    anchor.href = withHighlight(sub.url, searchedWords);
    anchor.textContent = sub.title;
    const excerpt = doc.createElement('p');
    excerpt.append(...excerptNodes(doc, sub.excerpt));
    hit.append(anchor, excerpt);
    return hit;
  };

  /**
   * Shows the next passages; returns the first link it added (a new result's, or a new clause's). A passage
   * that matches adds at least one clause, but to be sure every click shows something new, one that adds
   * nothing is skipped over.
   */
  const showMore = async (run: number): Promise<HTMLAnchorElement | undefined> => {
    const before = new Set(list.querySelectorAll('a'));
    let added: HTMLAnchorElement | undefined;
    while (!added && pending.length) {
      const batch = await Promise.all(pending.splice(0, PAGE_SIZE).map((result) => result.data()));
      if (run !== generation) return undefined;
      for (const data of batch) {
        const item = renderPassage(data);
        if (item) list.append(item);
      }
      added = [...list.querySelectorAll('a')].find((link) => !before.has(link));
    }
    more.hidden = pending.length === 0;
    return added;
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
      let results: Result[];
      if (searched.length === 0) results = [];
      else if (state.sort === 'newest' || state.sort === 'oldest') {
        const sort = { date: state.sort === 'newest' ? ('desc' as const) : ('asc' as const) };
        const order = state.sort === 'newest' ? [...searched].reverse() : searched;
        results = [];
        for (const partition of order) {
          const response = await api.search(sent.query || null, { filters: { ...scope, partition: partition.key }, sort });
          if (run !== generation || !response) return;
          results.push(...response.results);
        }
      } else {
        const response = await api.search(sent.query || null, { filters: scope });
        if (run !== generation || !response) return;
        results = response.results;
      }
      pending = [...results];
      searchedWords = sent.words;
      const total = pending.length;
      list.replaceChildren();
      shown = new Map();
      await showMore(run);
      if (run !== generation) return;
      // Say which filters apply, in the words of their menus ("in 2006, Cookies and tracking"): the topic
      // filter keeps policies with at least one clause on that topic.
      const narrowed = [...FILTERS]
        .filter((key) => state[key])
        .map((key) => {
          const element = field(key);
          return element instanceof HTMLSelectElement ? (element.selectedOptions[0]?.textContent ?? state[key]) : state[key];
        });
      const what = (state.q ? ` for “${state.q}”` : '') + (narrowed.length ? ` in ${narrowed.join(', ')}` : '');
      const unit = state.q ? ['passage', 'passages'] : ['policy', 'policies'];
      const left = sent.ignored.length ? ` Common words left out: ${sent.ignored.join(', ')}.` : '';
      status.textContent = (total === 0 ? `Nothing found${what}.` : `${total.toLocaleString('en')} ${total === 1 ? unit[0] : unit[1]} found${what}.`) + left;
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
  box.addEventListener('input', () => {
    void load();
    clearTimeout(timer);
    timer = setTimeout(() => {
      commit(pushNext ? 'push' : 'replace');
      pushNext = false;
    }, 200);
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
    void showMore(generation).then((first) => first?.focus());
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

/** Pagefind with every partition of the index merged in (the newest is the primary index). */
async function loadSearch(): Promise<Search> {
  const response = await fetch('/pagefind/partitions.json');
  if (!response.ok) throw new Error(`search index list: HTTP ${response.status}`);
  const { partitions } = (await response.json()) as { partitions: Partition[] };
  const newest = partitions.at(-1);
  if (!newest) throw new Error('search index list is empty');
  const api = (await import(/* @vite-ignore */ new URL(`${newest.path}pagefind.js`, location.href).href)) as Pagefind;
  const options = { excerptLength: 24 };
  await api.options({ ...options, mergeFilter: { partition: newest.key } });
  for (const partition of partitions.slice(0, -1).reverse()) await api.mergeIndex(partition.path, { ...options, mergeFilter: { partition: partition.key } });
  await api.init();
  return { api, partitions };
}

/**
 * In a large archive the company filter is a text field (a <select> of every company would weigh more than
 * the rest of the page): its suggestions come from the search index's own company facet, once Pagefind is
 * loaded anyway for the first search.
 */
function fillCompanySuggestions(doc: Document, pagefind: Pagefind): void {
  const list = doc.getElementById('company-suggestions');
  if (!(list instanceof HTMLDataListElement) || list.options.length) return;
  void pagefind.filters().then((filters) => {
    for (const name of Object.keys(filters.company ?? {}).sort((a, b) => a.localeCompare(b))) {
      const option = doc.createElement('option');
      option.value = name;
      list.append(option);
    }
  });
}
