/**
 * The history of every series, computed by the policies loader once all policies are prepared (docs/history.md,
 * "Where it is computed"): each snapshot's lineage against the previous one of its series, its change counts and
 * changes pages, written next to its page file (historyFiles). A snapshot's `key` hashes its own digest and its
 * predecessor's key: it is computed again only when it or an earlier snapshot of its series changed.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import { sectionClauses, type Section } from '../clauses/types.ts';
import { changeCounts, changeEntries, type ChangeCounts } from './changes.ts';
import { alignClauses, sinceDates, type ClauseText } from './lineage.ts';
import { renderChangePages } from './render-changes.ts';
import { oldestSince } from './since.ts';
import { readJson, writeJson } from '../files/json-file.ts';
import { writeClauseRows } from '../policies/data-file.ts';
import { groupSeries, type SeriesMember } from './series.ts';
import { createWorkerPool } from '../workers/pool.ts';

/** What pages and feeds know of a snapshot's history (kept in the data store, a few dozen bytes). */
export interface HistoryMeta {
  key: string;
  /** Id of the previous snapshot of its series, if any, and the changes since it. */
  previous?: string;
  counts?: ChangeCounts;
  /** Number of changes pages (0 without a previous snapshot). */
  changePages: number;
  /** The oldest date from which clauses are unchanged, and how many (with a previous snapshot only: its page says it). */
  oldest?: { date: string; count: number };
}

interface HistoryFile {
  key: string;
  meta: HistoryMeta;
  since: Record<string, string>;
}

export function historyFiles(pageFile: string): { clauses: string; history: string; changes: string } {
  const base = pageFile.replace(/\.page$/, '');
  return { clauses: `${base}.clauses.json`, history: `${base}.history.json`, changes: `${base}.changes.json` };
}

export function clauseTexts(sections: readonly Section[]): ClauseText[] {
  return sections.flatMap((section) =>
    sectionClauses(section).map((clause) => ({ id: clause.id, text: clause.text, heading: section.heading })),
  );
}

export function readSince(pageFile: string): Record<string, string> {
  return readJson<HistoryFile>(historyFiles(pageFile).history)?.since ?? {};
}

/** The last changes file read: a snapshot's changes pages are rendered one after another, each reads it. */
let lastChanges: { file: string; mtimeMs: number; pages: string[] } | undefined;

export function readChangePages(pageFile: string): string[] {
  const file = historyFiles(pageFile).changes;
  const mtimeMs = existsSync(file) ? statSync(file).mtimeMs : -1;
  if (lastChanges?.file === file && lastChanges.mtimeMs === mtimeMs) return lastChanges.pages;
  const pages = readJson<string[]>(file);
  if (!pages) throw new Error(`${file}: missing or unreadable (a full build writes it again)`);
  lastChanges = { file, mtimeMs, pages };
  return pages;
}

export interface HistoryEntry extends SeriesMember {
  digest: string;
  data: SeriesMember['data'] & { pageFile: string };
}

/**
 * The history of every snapshot of these policies (whole series), by id; `computed` counts fresh lineages.
 * Series are independent: they are computed on worker threads (history-worker.ts; `threads` of them, 0: in
 * this thread), the largest first so that no long series is left for the end.
 */
export async function computeHistories(entries: readonly HistoryEntry[], threads = defaultThreads(entries.length)): Promise<{ metas: Map<string, HistoryMeta>; computed: number }> {
  const metas = new Map<string, HistoryMeta>();
  let computed = 0;
  const series = [...groupSeries(entries).values()].sort((a, b) => b.length - a.length);
  const pool = createWorkerPool(new URL('./history-worker.ts', import.meta.url), Math.min(threads, series.length), seriesHistory);
  try {
    await Promise.all(
      series.map(async (members) => {
        const result = await pool.run(members);
        for (const [id, meta] of result.metas) metas.set(id, meta);
        computed += result.computed;
      }),
    );
  } finally {
    await pool.close();
  }
  return { metas, computed };
}

/** Worker threads cost their start (~1 s on this machine): a company's few snapshots are computed here. */
function defaultThreads(entries: number): number {
  return entries < 64 ? 0 : Math.min(8, os.availableParallelism());
}

/** The history of one series, oldest first: each snapshot against the one before it (cached by key). */
export function seriesHistory(series: readonly HistoryEntry[]): { metas: [string, HistoryMeta][]; computed: number } {
  const metas: [string, HistoryMeta][] = [];
  let computed = 0;
  let previous: { entry: HistoryEntry; key: string; clauses?: ClauseText[]; since?: Record<string, string> } | undefined;
  for (const entry of series) {
    const key = createHash('sha256').update(`${previous?.key ?? ''}:${entry.digest}`).digest('hex').slice(0, 32);
    const files = historyFiles(entry.data.pageFile);
    const cached = readJson<HistoryFile>(files.history);
    if (cached?.key === key) {
      metas.push([entry.id, cached.meta]);
      previous = { entry, key, since: cached.since };
      continue;
    }
    const clauses = readJson<ClauseText[]>(files.clauses);
    if (!clauses) throw new Error(`${files.clauses}: missing or unreadable (a full build writes it again)`);
    let since = sinceDates(undefined, undefined, entry.data.archivedOn, clauses.length);
    let meta: HistoryMeta = { key, changePages: 0 };
    if (previous) {
      const before = previous.clauses ?? readJson<ClauseText[]>(historyFiles(previous.entry.data.pageFile).clauses) ?? [];
      const beforeSince = previous.since ?? readSince(previous.entry.data.pageFile);
      const alignment = alignClauses(before, clauses);
      since = sinceDates(alignment, before.map((c) => beforeSince[c.id] ?? previous!.entry.data.archivedOn), entry.data.archivedOn, clauses.length);
      const pages = renderChangePages({ previousId: previous.entry.id, currentId: entry.id, previous: before, current: clauses, entries: changeEntries(alignment) });
      writeJson(files.changes, pages);
      meta = { key, previous: previous.entry.id, counts: changeCounts(alignment), changePages: pages.length };
    }
    const sinceById = Object.fromEntries(clauses.map((c, i) => [c.id, since[i]]));
    if (previous) meta.oldest = oldestSince(sinceById);
    writeClauseRows(entry.data.pageFile, { id: entry.id, domain: entry.data.domain, archivedOn: entry.data.archivedOn }, sinceById);
    writeJson(files.history, { key, meta, since: sinceById } satisfies HistoryFile);
    metas.push([entry.id, meta]);
    computed++;
    previous = { entry, key, clauses, since: sinceById };
  }
  return { metas, computed };
}
