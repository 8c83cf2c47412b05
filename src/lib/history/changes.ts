/**
 * What changed between two snapshots of a series, in the current snapshot's document order: each current
 * clause as unchanged, edited or added, and each removed previous clause where it stood (after the previous
 * clause it followed). Runs of unchanged clauses are folded into one entry with their count.
 */
import type { Alignment } from './lineage.ts';

export type ChangeEntry =
  | { kind: 'unchanged'; count: number; first: number }
  | { kind: 'added'; current: number }
  | { kind: 'removed'; previous: number }
  | { kind: 'edited'; current: number; previous: number };

export type ChangeCounts = Record<'added' | 'removed' | 'edited' | 'unchanged', number>;

export function changeCounts(alignment: Alignment): ChangeCounts {
  const counts = { added: 0, removed: alignment.removed.length, edited: 0, unchanged: 0 };
  for (const m of alignment.matches) counts[m.kind === 'same' ? 'unchanged' : m.kind]++;
  return counts;
}

export function changeEntries(alignment: Alignment): ChangeEntry[] {
  const entries: ChangeEntry[] = [];
  const removed = [...alignment.removed];
  let r = 0;
  const flushRemovedBefore = (limit: number) => {
    while (r < removed.length && removed[r] < limit) entries.push({ kind: 'removed', previous: removed[r++] });
  };
  alignment.matches.forEach((m, i) => {
    if (m.kind !== 'added') flushRemovedBefore(m.previous);
    if (m.kind === 'same') {
      const last = entries[entries.length - 1];
      if (last?.kind === 'unchanged') last.count++;
      else entries.push({ kind: 'unchanged', count: 1, first: i });
    } else if (m.kind === 'edited') entries.push({ kind: 'edited', current: i, previous: m.previous });
    else entries.push({ kind: 'added', current: i });
  });
  flushRemovedBefore(Infinity);
  return entries;
}
