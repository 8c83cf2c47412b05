/**
 * Pagefind as the search page uses it: the archive's partitions (pagefind/partitions.json, oldest first) merged
 * into one search, the passages' fragments, and the company filter's suggestions from its facet.
 */
import type { Partition } from '../lib/search/partitions.ts';
import type { Fragment } from '../lib/search/rank.ts';

export type ResultData = Omit<Fragment, 'label'> & { meta: Record<string, string | undefined> };
export interface Result {
  id: string;
  score: number;
  /** Where the words are in the passage (word positions). */
  words?: number[];
  data: () => Promise<ResultData>;
  /** The path of the partition it came from, when the search knows it (one partition searched). */
  base?: string;
}
export interface Pagefind {
  options: (options: Record<string, unknown>) => Promise<void>;
  mergeIndex: (path: string, options: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
  filters: () => Promise<Record<string, Record<string, number>>>;
  search: (query: string | null, options?: { filters?: Record<string, unknown>; sort?: Record<string, 'asc' | 'desc'> }) => Promise<{ results: Result[] } | null>;
  /** Downloads what a search for the term needs, without searching (Pagefind's API; merged indexes too). */
  preload?: (query: string, options?: { filters?: Record<string, unknown> }) => Promise<void>;
}

/** Pagefind with every partition of the index merged in (the newest is the primary index), and the partitions. */
export async function loadSearch(): Promise<{ api: Pagefind; partitions: Partition[] }> {
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
 * A passage's fragment: when the result's partition is known, the fragment file is read directly (the same
 * request; gzip, decompressed by the browser), skipping the excerpts Pagefind's `data()` computes and this page
 * never shows (docs/search.md, "Clauses"); otherwise, or when the direct read fails, through Pagefind.
 */
export async function readFragment(result: Result): Promise<ResultData> {
  if (!result.base) return result.data();
  try {
    const response = await fetch(`${result.base}fragment/${result.id}.pf_fragment`);
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
    const bytes = new Uint8Array(await new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
    const signature = 'pagefind_dcd';
    if (new TextDecoder().decode(bytes.subarray(0, signature.length)) !== signature) throw new Error('not a Pagefind fragment');
    const data = JSON.parse(new TextDecoder().decode(bytes.subarray(signature.length))) as ResultData;
    // As Pagefind's reading: the zero-width spaces its indexing puts between the words of some scripts go.
    return { ...data, content: data.content.replace(/\u200B/g, '') };
  } catch {
    return result.data();
  }
}

/** The results, each with the path of the partition they came from when only one was searched. */
export function fromPartitions(results: Result[], searched: readonly Partition[]): Result[] {
  return searched.length === 1 ? results.map((result) => ({ ...result, base: searched[0].path })) : results;
}

/**
 * In a large archive the company filter is a text field (a <select> of every company would weigh more than
 * the rest of the page): its suggestions come from the search index's own company facet, once Pagefind is
 * loaded anyway for the first search.
 */
export function fillCompanySuggestions(doc: Document, pagefind: Pagefind): void {
  const list = doc.getElementById('company-suggestions');
  if (!(list instanceof HTMLDataListElement) || list.options.length) return;
  void pagefind.filters().then((filters) => {
    const names = Object.keys(filters.company ?? {}).sort((a, b) => a.localeCompare(b));
    for (const name of names) list.append(Object.assign(doc.createElement('option'), { value: name }));
  });
}
