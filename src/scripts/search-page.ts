/**
 * The search page (/search/?q=...&company=...&year=...&topic=...&sort=...): a small UI on Pagefind's JS API.
 *
 * - Pagefind (its JS, WebAssembly and index) is imported only once the reader searches: a query or filter in
 *   the URL, typing in the box, or focusing a box that already holds a query. A plain visit loads none of it.
 * - The URL is the state: every search is shareable; typing creates one history entry per search (later
 *   keystrokes replace it), changing a filter or submitting adds one; back and forward restore the search.
 * - One result per policy (company, date, title) with its best-matching clauses as links to the clause
 *   anchors, excerpts with the matched words in <mark>; the number of results goes to a polite live region.
 * - Policy text is untrusted: excerpts are built as text nodes, never assigned as HTML.
 */

/** The parameter Pagefind adds to result URLs; the policy page's highlighter reads it (highlight.ts). */
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
  init: () => Promise<void>;
  filters: () => Promise<Record<string, Record<string, number>>>;
  search: (query: string | null, options?: { filters?: Record<string, string>; sort?: Record<string, 'asc' | 'desc'> }) => Promise<{ results: Result[] } | null>;
}

export interface SearchState {
  q: string;
  company: string;
  year: string;
  topic: string;
  sort: string;
}

const FILTERS = ['company', 'year', 'topic'] as const;
/**
 * Results shown at once. Each shown result downloads its policy's Pagefind fragment (the whole policy text,
 * gzipped: up to ~200 kB for the longest policies in the corpus), so the first screen stays short.
 */
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

  let pagefind: Promise<Pagefind> | undefined;
  const load = () =>
    (pagefind ??= import(/* @vite-ignore */ new URL('/pagefind/pagefind.js', location.href).href).then(async (module: Pagefind) => {
      await module.options({ excerptLength: 24, highlightParam: HIGHLIGHT_PARAM });
      await module.init();
      fillCompanySuggestions(doc, module);
      return module;
    }));

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
  let pending: Result[] = [];

  const renderResult = async (result: Result): Promise<HTMLLIElement> => {
    const data = await result.data();
    const item = doc.createElement('li');
    item.className = 'result';
    const heading = doc.createElement('h2');
    const link = doc.createElement('a');
    link.href = data.url;
    link.textContent = [data.meta.company, formatDate(data.meta.date)].filter(Boolean).join(', ') || data.meta.title || data.url;
    heading.append(link);
    const meta = doc.createElement('p');
    meta.className = 'result-meta';
    meta.textContent = [data.meta.title, data.meta.domain].filter(Boolean).join(' · ');
    item.append(heading, meta);
    const clauses = bestClauses(data.sub_results.filter((sub) => sub.url.includes('#')));
    if (clauses.length) {
      const hits = doc.createElement('ul');
      hits.className = 'hits';
      hits.setAttribute('aria-label', `Matching clauses in ${link.textContent}`);
      for (const sub of clauses) {
        const hit = doc.createElement('li');
        const anchor = doc.createElement('a');
        anchor.href = sub.url;
        anchor.textContent = sub.title;
        const excerpt = doc.createElement('p');
        excerpt.append(...excerptNodes(doc, sub.excerpt));
        hit.append(anchor, excerpt);
        hits.append(hit);
      }
      item.append(hits);
    } else if (data.excerpt) {
      const excerpt = doc.createElement('p');
      excerpt.append(...excerptNodes(doc, data.excerpt));
      item.append(excerpt);
    }
    return item;
  };

  const showMore = async (run: number) => {
    const batch = pending.splice(0, PAGE_SIZE);
    const items = await Promise.all(batch.map(renderResult));
    if (run !== generation) return;
    list.append(...items);
    more.hidden = pending.length === 0;
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
      const api = await load();
      const sort = state.sort === 'newest' ? { date: 'desc' as const } : state.sort === 'oldest' ? { date: 'asc' as const } : undefined;
      const response = await api.search(state.q || null, { filters, sort });
      if (run !== generation || !response) return;
      pending = [...response.results];
      const total = pending.length;
      list.replaceChildren();
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
      status.textContent = total === 0 ? `No policies found${what}.` : `${total.toLocaleString('en')} ${total === 1 ? 'policy' : 'policies'} found${what}.`;
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
    const first = list.children.length;
    void showMore(generation).then(() => (list.children[first]?.querySelector('a') as HTMLElement | null)?.focus());
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
