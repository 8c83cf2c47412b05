/**
 * What of a built policy page is indexed, and its words: the pure text work of the search-index stage
 * (src/lib/search/pagefind-index.ts), in its own module so that the word-list workers
 * (src/lib/search/words-worker.ts) load it without Pagefind.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { decodeEntities } from './passages.ts';

/** Page markup as text or as its UTF-8 bytes: the searches below are for ASCII markup, the same in both. */
export type Markup = string | Buffer;
const codeAt = (markup: Markup, index: number) => (typeof markup === 'string' ? markup.charCodeAt(index) : markup[index]);
const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 12 || code === 13;

/**
 * The start tag carrying data-pagefind-body (offsets of its "<" and after its ">"), if any. Policy text is
 * escaped, so the attribute inside a tag is markup, never text.
 */
export function bodyTag(markup: Markup): { start: number; end: number } | undefined {
  for (let at = markup.indexOf('data-pagefind-body'); at > 0; at = markup.indexOf('data-pagefind-body', at + 1)) {
    const after = codeAt(markup, at + 'data-pagefind-body'.length);
    if (!isSpace(codeAt(markup, at - 1)) || !(isSpace(after) || after === 61 /* = */ || after === 47 /* / */ || after === 62) /* > */) continue;
    const start = markup.lastIndexOf('<', at);
    if (start < 0 || markup.lastIndexOf('>', at) > start) continue;
    return { start, end: markup.indexOf('>', at) + 1 };
  }
  return undefined;
}

/**
 * The part of a page that decides what is indexed, as [from, to) ranges: the article without what Pagefind
 * leaves out — its <nav>s (the links to neighbouring snapshots, which change when a snapshot is added;
 * contents; topic summary) and the provenance list (excludeSelectors). Assets' hashed names and the rest of
 * the chrome are outside it. The site writes neither element nested in itself.
 */
export function indexedRanges(markup: Markup, start: number): [number, number][] {
  const end = markup.indexOf('</article>', start);
  const ranges: [number, number][] = [];
  let at = start;
  for (;;) {
    let nav = markup.indexOf('<nav', at);
    while (nav >= 0 && nav < end && !(isSpace(codeAt(markup, nav + 4)) || codeAt(markup, nav + 4) === 62)) nav = markup.indexOf('<nav', nav + 4);
    const provenance = markup.indexOf('<dl class="provenance">', at);
    const [skip, close] = nav >= 0 && nav < end && (provenance < 0 || nav < provenance) ? [nav, '</nav>'] : [provenance, '</dl>'];
    const skipEnd = skip >= 0 && skip < end ? markup.indexOf(close, skip) : -1;
    if (skipEnd < 0) break;
    ranges.push([at, skip]);
    at = skipEnd + close.length;
  }
  ranges.push([at, end]);
  return ranges;
}

export function indexedPart(html: string): string {
  const body = bodyTag(html);
  return body ? indexedRanges(html, body.start).map(([from, to]) => html.slice(from, to)).join('') : '';
}

/**
 * The distinct words of some markup's text, lower-cased, without the punctuation around them (Pagefind
 * splits and stems them again when it indexes the vocabulary page, as it does the passages).
 */
export function wordsOf(html: string): string[] {
  // Distinct raw tokens first (a page repeats most of its words): the text between tags split at whitespace,
  // and metadata values (domain:..., date:...), which Pagefind 1.6 makes searchable too.
  const tokens = new Set<string>();
  for (const match of html.matchAll(/data-pagefind-meta="[^":]*:([^"]*)"/g)) for (const token of match[1].split(/\s+/)) tokens.add(token);
  const pieces = /<[^>]*>|[^\s<]+/g;
  for (let match = pieces.exec(html); match; match = pieces.exec(html)) if (match[0][0] !== '<') tokens.add(match[0]);
  const words = new Set<string>();
  for (const token of tokens) {
    const text = token.includes('&') ? decodeEntities(token, () => ' ') : token;
    for (const piece of text.toLowerCase().split(/\s+/)) {
      const word = piece.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
      if (word) words.add(word);
    }
  }
  return [...words];
}

/** The distinct words of the indexed part of some built pages (one worker's share of a partition). */
export async function wordsOfPages(files: string[]): Promise<string[]> {
  const words = new Set<string>();
  for (const file of files) for (const word of wordsOf(indexedPart(await readFile(file, 'utf8')))) words.add(word);
  return [...words];
}

/**
 * What the index needs of a built page: its archive date and a digest of its indexed part (undefined: the page
 * has no search body; error: it has one without a date).
 */
export type PageScan = { date: string; digest: string } | { error: string } | undefined;

/** Scans some built pages (one worker's share of the site; src/lib/search/scan-worker.ts). */
export async function scanPages(files: string[]): Promise<PageScan[]> {
  const scans: PageScan[] = [];
  for (const file of files) {
    // Bytes, not text: the markup searched for is ASCII, and decoding every page was a third of this scan.
    const html = await readFile(file);
    const body = bodyTag(html);
    if (!body) {
      scans.push(undefined);
      continue;
    }
    const date = /data-pagefind-sort="date:(\d{4}-\d{2}-\d{2})"/.exec(html.toString('latin1', body.start, body.end))?.[1];
    if (!date) {
      scans.push({ error: 'the search body has no date sort value' });
      continue;
    }
    const digest = createHash('sha256');
    for (const [from, to] of indexedRanges(html, body.start)) digest.update(html.subarray(from, to));
    scans.push({ date, digest: digest.digest('hex') });
  }
  return scans;
}
