/**
 * How the search index is cut into Pagefind bundles (see partition(); src/lib/search/pagefind-index.ts).
 * `pagefind/partitions.json` lists them.
 */
import type { MissingWord } from './terms.ts';

/**
 * Policies per partition (peak memory at 10,000 policies: docs/scaling.md). Archives up to this size (the sample,
 * the shared corpus) are one partition.
 */
export const PARTITION_POLICIES = 2_000;
/**
 * The smallest tail partition (the newest policies, past the last full partition): this share of a full one (125
 * policies: the newest partition, which an addition re-indexes, stays under it).
 */
export const TAIL_DIVISOR = 16;

export interface Partition {
  /** Folder of the bundle in the site: /pagefind/<key>/ */
  path: string;
  key: string;
  /** First and last archive date in it. */
  from: string;
  to: string;
  policies: number;
  passages: number;
  /** Words of the archive this partition was indexed without (see above); absent when none. */
  missing?: MissingWord[];
}

export interface PartitionManifest {
  version: 1;
  /** Oldest first. */
  partitions: Partition[];
}

/**
 * Consecutive runs of about `size` policies, never splitting one archive date over two partitions (so that
 * sorting by date across partitions is their order). Past the first run, the last, incomplete run (the newest
 * policies) is cut like a binary counter: a run of size/2 if it holds that many, then of size/4, and so on down
 * to `tail`, then the rest. Adding newer snapshots changes the last small run only, until it carries into the
 * next size (as 250 + 250 → 500): the newest partition stays small and the tail takes few partitions (each
 * costs a first search its metadata and a word chunk).
 */
export function partition<T extends { date: string }>(pages: T[], size: number, tail = size): T[][] {
  const groups = runs(pages, size);
  const last = groups.at(-1);
  if (groups.length < 2 || !last || last.length >= size || tail >= size) return groups;
  const cut: T[][] = [];
  let rest = last;
  for (let chunk = Math.floor(size / 2); chunk >= tail && rest.length; chunk = Math.floor(chunk / 2)) {
    if (rest.length < chunk) continue;
    const [first, ...others] = runs(rest, chunk);
    cut.push(first);
    rest = others.flat();
  }
  if (rest.length) cut.push(rest);
  return [...groups.slice(0, -1), ...cut];
}

function runs<T extends { date: string }>(pages: T[], size: number): T[][] {
  const groups: T[][] = [];
  for (const page of pages) {
    const current = groups.at(-1);
    if (current && (current.length < size || page.date === current.at(-1)!.date)) current.push(page);
    else groups.push([page]);
  }
  return groups;
}
