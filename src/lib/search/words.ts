/**
 * The words of policies, for the archive's vocabulary (src/lib/search/index-files.ts): the pure text work of the
 * search-index stage, in its own module so that its worker threads (words-worker.ts) load it without Pagefind.
 */
import { decodeEntities, type PassageHead, readSearchUnits } from './passages.ts';

/**
 * The distinct words of some markup's text, lower-cased, without the punctuation around them (Pagefind
 * splits and stems them again when it indexes the vocabulary page, as it does the passages).
 */
export function wordsOf(html: string): string[] {
  return [...wordsOfTokens(rawTokens(html, new Set()))];
}

/**
 * The distinct words of what is indexed of some policies (one worker's share of a partition): their first passage's
 * header, section headings and clauses. Policies repeat one another's words, so raw tokens are gathered over all of
 * them before each distinct one is cleaned.
 */
export function wordsOfPolicies(policies: { url: string; units: string; head: PassageHead }[]): string[] {
  const tokens = new Set<string>();
  for (const { url, units: file, head } of policies) {
    rawTokens(head.articleOpen, tokens);
    rawTokens(head.header, tokens);
    for (const section of readSearchUnits(file, url).sections) {
      rawTokens(section.heading, tokens);
      for (const clause of section.clauses) rawTokens(clause.html, tokens);
    }
  }
  return [...wordsOfTokens(tokens)];
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
