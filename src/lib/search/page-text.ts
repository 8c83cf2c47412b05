/**
 * What of a built policy page is indexed, its date and digest, and its words: the pure text work of the
 * search-index stage (src/lib/search/pagefind-index.ts), in its own module so that its worker threads
 * (src/lib/search/scan-worker.ts, words-worker.ts) load it without Pagefind.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DATE_SORT, decodeEntities } from './passages.ts';

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

/**
 * The distinct words of some markup's text, lower-cased, without the punctuation around them (Pagefind
 * splits and stems them again when it indexes the vocabulary page, as it does the passages).
 */
export function wordsOf(html: string): string[] {
  return [...wordsOfTokens(rawTokens(html, new Set()))];
}

/**
 * Adds the raw tokens of some markup to `tokens`: the text between tags split at whitespace, and metadata values
 * (domain:..., date:...), which Pagefind 1.6 makes searchable too.
 */
function rawTokens(html: string, tokens: Set<string>): Set<string> {
  for (const match of html.matchAll(/data-pagefind-meta="[^":]*:([^"]*)"/g)) for (const token of match[1].split(/\s+/)) tokens.add(token);
  // Tags are skipped whole; a "<" that opens no tag is dropped, as the pattern /<[^>]*>|[^\s<]+/g would.
  const length = html.length;
  let start = -1;
  for (let at = 0; at < length; at++) {
    const code = html.charCodeAt(at);
    if (code === 60 /* < */ || isWhitespace(code)) {
      if (start >= 0) tokens.add(html.slice(start, at));
      start = -1;
      if (code === 60) {
        const close = html.indexOf('>', at + 1);
        if (close >= 0) at = close;
      }
    } else if (start < 0) start = at;
  }
  if (start >= 0) tokens.add(html.slice(start));
  return tokens;
}

/** What \s matches in a JavaScript regular expression. */
function isWhitespace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return code === 160 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

function wordsOfTokens(tokens: Iterable<string>): Set<string> {
  const words = new Set<string>();
  for (const token of tokens) {
    const text = token.includes('&') ? decodeEntities(token, () => ' ') : token;
    for (const piece of text.toLowerCase().split(/\s+/)) {
      const word = piece.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
      if (word) words.add(word);
    }
  }
  return words;
}

/**
 * The distinct words of the indexed part of some built pages (one worker's share of a partition). Pages repeat
 * one another's words, so raw tokens are gathered over all of them before each distinct one is cleaned; only
 * the indexed part of a page is decoded; the next page is read while this one is tokenised.
 */
export async function wordsOfPages(files: string[]): Promise<string[]> {
  const tokens = new Set<string>();
  let next = files.length ? readFile(files[0]) : undefined;
  for (let i = 0; i < files.length; i++) {
    const bytes = await next!;
    next = i + 1 < files.length ? readFile(files[i + 1]) : undefined;
    next?.catch(() => {}); // a failed read is reported when its turn comes
    const body = bodyTag(bytes);
    if (body) rawTokens(indexedRanges(bytes, body.start).map(([from, to]) => bytes.toString('utf8', from, to)).join(''), tokens);
  }
  return [...wordsOfTokens(tokens)];
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
    const date = DATE_SORT.exec(html.toString('latin1', body.start, body.end))?.[1];
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
