/**
 * One clause of the search results as DOM: its section heading as the link to the clause, the clause's text
 * around the matched words (marked, with an ellipsis where cut), and, for a clause that several snapshots of
 * its policy share, in how many and which years. Policy text is untrusted: only text nodes, never HTML.
 */
import { excerptOf, snapshotNote, type ClauseResult } from '../lib/search/rank.ts';

export function renderClause(doc: Document, clause: ClauseResult, href: string): HTMLLIElement {
  const item = doc.createElement('li');
  const anchor = doc.createElement('a');
  anchor.href = href;
  anchor.textContent = clause.heading || 'Opening text';
  const text = doc.createElement('p');
  const { parts, cutBefore, cutAfter } = excerptOf(clause);
  if (cutBefore) text.append('… ');
  for (const part of parts) {
    if (typeof part === 'string') text.append(part);
    else {
      const mark = doc.createElement('mark');
      mark.textContent = part.mark;
      text.append(mark);
    }
  }
  if (cutAfter) text.append(' …');
  item.append(anchor, text);
  const note = snapshotNote(clause.dates);
  if (note) {
    const since = doc.createElement('p');
    since.className = 'snapshots';
    since.textContent = `Unchanged ${note}; this is the newest.`;
    item.append(since);
  }
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

export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const [year, month, day] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
