/**
 * Cache keys for Astro's incremental static builds (docs/scaling.md, "Pages"): Astro copies a page's earlier
 * output when its cacheKey and code are unchanged, so the key hashes the page's props, everything a page of this
 * site renders besides its code (layouts read no collection; a policy page's body file is written by the loader
 * from the same source as its entry). A content entry counts by its digest (src/loaders/policies.ts), which keeps
 * keys cheap for pages that list many policies. Without keys every build re-rendered every page (109 s of a 240 s
 * one-policy addition at 10,000 policies).
 */
import { createHash } from 'node:crypto';
import { clientAssetsKey } from '../build/client-assets.ts';

type DigestedEntry = { collection: string; id: string; digest: string | number };

function isDigestedEntry(value: unknown): value is DigestedEntry {
  const entry = value as Partial<DigestedEntry> | null | undefined;
  const named = typeof entry?.collection === 'string' && typeof entry.id === 'string';
  return named && (typeof entry.digest === 'string' || typeof entry.digest === 'number');
}

/**
 * A key that changes whenever `props` would render differently, or the client build's file names change
 * (a page names its scripts and styles: src/lib/build/client-assets.ts).
 */
export function pageCacheKey(props: unknown): string {
  const json = JSON.stringify(props, (_key, value: unknown) => {
    if (isDigestedEntry(value)) return `${value.collection}/${value.id}@${value.digest}`;
    // JSON would write these as {} or drop them: a key blind to a change would serve a stale page.
    if (value instanceof Map) return { map: [...value] };
    if (value instanceof Set) return { set: [...value] };
    if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') throw new TypeError(`pageCacheKey: cannot key a ${typeof value} in page props`);
    return value;
  });
  return createHash('sha256').update(clientAssetsKey()).update('\0').update(json ?? 'undefined').digest('base64url');
}
