/**
 * The HTML of a changes page's list of changes, as strings (like src/lib/policies/render.ts, whose escaping it
 * reuses), cut into pages so that the largest pairs of the corpus stay within the page-weight budget. What each
 * change shows, and why, is in docs/history.md; colour is never the only sign.
 */
import { diffWords } from 'diff';
import { escapeHtml } from '../policies/render.ts';
import { excerpt } from '../policies/summary.ts';
import { plural } from '../policies/views.ts';
import type { ChangeEntry } from './changes.ts';
import type { ClauseText } from './lineage.ts';

/** Characters of HTML per changes page before the next change starts a new page. */
const PAGE_CHARS = 12_000;
const CONTEXT_WORDS = 12;
const EXCERPT_CHARS = 400;
/** An edited clause's diff stops after this many characters of HTML. */
const ENTRY_CHARS = 6_000;
/** Edits (words and spaces) past which a clause counts as rewritten: old text struck, new text inserted. */
const MAX_EDIT_LENGTH = 600;

export interface ChangesInput {
  previousId: string;
  currentId: string;
  previous: readonly ClauseText[];
  current: readonly ClauseText[];
  entries: readonly ChangeEntry[];
}

/** The inner HTML of the <ol class="changes"> of each page (at least one page). */
export function renderChangePages(input: ChangesInput): string[] {
  const pages: string[] = [];
  let page = '';
  for (const entry of input.entries) {
    const html = renderEntry(entry, input);
    if (page && page.length + html.length > PAGE_CHARS) {
      pages.push(page);
      page = '';
    }
    page += html;
  }
  pages.push(page);
  return pages;
}

const clauseLink = (policyId: string, clauseId: string, label: string) =>
  `<a href="/policies/${escapeHtml(policyId)}/#${escapeHtml(clauseId)}">${label}</a>`;

function where(clause: ClauseText): string {
  return clause.heading ? ` in <span class="change-section">${escapeHtml(clause.heading)}</span>` : '';
}

function renderEntry(entry: ChangeEntry, input: ChangesInput): string {
  const { previous, current, previousId, currentId } = input;
  switch (entry.kind) {
    case 'unchanged': {
      const first = current[entry.first];
      return `<li class="change-fold">${clauseLink(currentId, first.id, plural(entry.count, 'unchanged clause'))}</li>`;
    }
    case 'added': {
      const clause = current[entry.current];
      return `<li class="change" data-change="added"><p class="change-head"><strong>Added</strong>${where(clause)} · ${clauseLink(currentId, clause.id, 'this version')}</p><p class="change-text"><ins><span class="vh"> added: </span>${escapeHtml(excerpt(clause.text, EXCERPT_CHARS))}</ins></p></li>`;
    }
    case 'removed': {
      const clause = previous[entry.previous];
      return `<li class="change" data-change="removed"><p class="change-head"><strong>Removed</strong>${where(clause)} · ${clauseLink(previousId, clause.id, 'previous version')}</p><p class="change-text"><del><span class="vh"> removed: </span>${escapeHtml(excerpt(clause.text, EXCERPT_CHARS))}</del></p></li>`;
    }
    case 'edited': {
      const clause = current[entry.current];
      const before = previous[entry.previous];
      return `<li class="change" data-change="edited"><p class="change-head"><strong>Edited</strong>${where(clause)} · ${clauseLink(currentId, clause.id, 'this version')} · ${clauseLink(previousId, before.id, 'previous version')}</p><p class="change-text">${wordDiff(before.text, clause.text)}</p></li>`;
    }
  }
}

/**
 * Removed words in <del>, added words in <ins>; unchanged stretches shortened around the changes. A diff longer
 * than `budget` characters (a long table rewritten cell by cell) stops there and says so: the two versions are
 * linked next to it.
 */
export function wordDiff(before: string, after: string, budget = ENTRY_CHARS): string {
  // Past MAX_EDIT_LENGTH edits the diff costs quadratic time and says little: the clause was rewritten.
  const parts = diffWords(before, after, { maxEditLength: MAX_EDIT_LENGTH }) ?? [
    { value: before, removed: true, added: false, count: 0 },
    { value: after, removed: false, added: true, count: 0 },
  ];
  let html = '';
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    const room = budget - html.length;
    const text = (value: string) => escapeHtml(value.length > room ? excerpt(value, Math.max(40, Math.floor(room / 2))) : value);
    if (part.removed) html += `<del><span class="vh"> removed: </span>${text(part.value)}</del>`;
    else if (part.added) html += `<ins><span class="vh"> added: </span>${text(part.value)}</ins>`;
    else html += text(shorten(part.value, k > 0, k < parts.length - 1));
    if (html.length >= budget && k < parts.length - 1) return `${html} <span class="change-more">[… more changes in this clause: compare the two versions]</span>`;
  }
  return html;
}

/** An unchanged stretch: CONTEXT_WORDS words after the change before it and before the change after it. */
function shorten(text: string, afterChange: boolean, beforeChange: boolean): string {
  const words = text.split(/(\s+)/);
  const keep = CONTEXT_WORDS * 2; // words and the spaces between them
  const head = afterChange ? keep : 0;
  const tail = beforeChange ? keep : 0;
  if (words.length <= head + tail + 2) return text;
  return `${afterChange ? words.slice(0, head).join('') : ''}… ${beforeChange ? words.slice(-tail).join('') : ''}`;
}
