/**
 * Readable anchor ids. Unicode letters and digits are kept (policies are not all English); everything else
 * becomes one hyphen. Ids are a public promise (links in articles, court filings), so this function's output
 * for a given heading must never change: test/clauses/pinned-ids.test.ts pins it.
 */
const MAX_SLUG_LENGTH = 48;

export function slugify(text: string, fallback = 'section'): string {
  const slug = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’‘`]/g, '') // "we're" → "were", not "we-re"
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  if (!slug) return fallback;
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  // Cut long headings (italic questions, whole bold sentences) at a word boundary.
  const cut = slug.slice(0, MAX_SLUG_LENGTH + 1);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : slug.slice(0, MAX_SLUG_LENGTH)).replace(/-+$/, '');
}

/** Hands out ids in document order; a taken id gets the first free "-2", "-3", ... suffix. */
export class IdAllocator {
  private readonly taken = new Set<string>();
  /** For each wanted id, the suffix to try first: every smaller one is taken (ids are never given back). */
  private readonly nextSuffix = new Map<string, number>();

  allocate(wanted: string): string {
    let id = wanted;
    let n = this.nextSuffix.get(wanted) ?? 2;
    if (this.taken.has(id)) for (id = `${wanted}-${n}`; this.taken.has(id); n++, id = `${wanted}-${n}`);
    if (id !== wanted) this.nextSuffix.set(wanted, n + 1);
    this.taken.add(id);
    return id;
  }
}
