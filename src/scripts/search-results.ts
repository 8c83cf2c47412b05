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
