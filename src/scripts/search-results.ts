/**
 * One clause of the search results as DOM: its section heading as the link to the clause, the clause's text
 * around the matched words (marked, with an ellipsis where cut), and, for a clause that several snapshots of
 * its policy share, in how many and which years. Policy text is untrusted: only text nodes, never HTML.
 */
import { formatDate } from '../lib/policies/views.ts';
import { excerptOf, snapshotNote, type ClauseResult } from '../lib/search/rank.ts';
import { withHighlight } from './search-url.ts';

function renderClause(doc: Document, clause: ClauseResult, href: string): HTMLLIElement {
  const item = doc.createElement('li');
  const anchor = Object.assign(doc.createElement('a'), { href, textContent: clause.heading || 'Opening text' });
  const text = doc.createElement('p');
  const { parts, cutBefore, cutAfter } = excerptOf(clause);
  const mark = (word: string) => Object.assign(doc.createElement('mark'), { textContent: word });
  if (cutBefore) text.append('… ');
  for (const part of parts) text.append(typeof part === 'string' ? part : mark(part.mark));
  if (cutAfter) text.append(' …');
  item.append(anchor, text);
  const note = snapshotNote(clause.dates);
  const since = `Unchanged ${note}; this is the newest.`;
  if (note) item.append(Object.assign(doc.createElement('p'), { className: 'snapshots', textContent: since }));
  return item;
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

/**
 * The results on screen: one list item per policy (company, date, title, domain), its matching clauses in a
 * list under it; a later clause of a policy shown joins it.
 */
export class ResultList {
  /** The words searched for the results on screen, for the result links' highlight parameter. */
  searchedWords: string[] = [];
  private shown = new Map<string, { item: HTMLLIElement; hits: HTMLUListElement }>();

  constructor(
    private readonly doc: Document,
    readonly list: HTMLOListElement,
  ) {}

  get empty(): boolean {
    return this.shown.size === 0;
  }

  clear(): void {
    this.list.replaceChildren();
    this.shown = new Map();
  }

  /** The list item of a policy, added to the list and remembered. */
  policyItem(pageUrl: string, meta: Record<string, string | undefined>): { item: HTMLLIElement; hits: HTMLUListElement } {
    const key = new URL(pageUrl, location.href).pathname;
    const existing = this.shown.get(key);
    if (existing) return existing;
    const item = Object.assign(this.doc.createElement('li'), { className: 'result' });
    const name = [meta.company, meta.date && formatDate(meta.date)].filter(Boolean).join(', ') || meta.title || pageUrl;
    const heading = this.doc.createElement('h2');
    const href = withHighlight(pageUrl, this.searchedWords);
    heading.append(Object.assign(this.doc.createElement('a'), { href, textContent: name }));
    const about = [meta.title, meta.domain].filter(Boolean).join(' · ');
    item.append(heading, Object.assign(this.doc.createElement('p'), { className: 'result-meta', textContent: about }));
    const hits = Object.assign(this.doc.createElement('ul'), { className: 'hits' });
    hits.setAttribute('aria-label', `Matching clauses in ${name}`);
    const entry = { item, hits };
    this.shown.set(key, entry);
    this.list.append(item);
    return entry;
  }

  /** Clauses as results, grouped by policy (a policy shown before gets them in its list). */
  renderScreen(screen: readonly ClauseResult[]): void {
    for (const clause of screen) {
      const { item, hits } = this.policyItem(clause.page, clause.label);
      if (clause.whole) continue;
      hits.append(renderClause(this.doc, clause, withHighlight(clause.url, this.searchedWords)));
      if (!hits.isConnected) item.append(hits);
    }
  }

  /** Replaces the results with the screen, keeping the focus on the link that had it. */
  replaceWith(screen: readonly ClauseResult[]): void {
    const active = this.doc.activeElement;
    const focused = active && this.list.contains(active) ? active.getAttribute('href') : null;
    this.clear();
    this.renderScreen(screen);
    if (focused) this.list.querySelector<HTMLAnchorElement>(`a[href="${CSS.escape(focused)}"]`)?.focus();
  }
}
