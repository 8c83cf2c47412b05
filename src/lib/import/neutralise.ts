/**
 * Makes an archived policy body safe to publish as Markdown, keeping its words readable.
 *
 * Policy text is untrusted. Whatever renders it (markdown-it with html:false on the pages, Astro's
 * own Markdown pipeline, an MDX compiler some day), nothing in it may run or break the build:
 *
 *  - images `![alt](x)` become their alt text (or vanish when it is empty): no hotlinking, no
 *    ImageNotFound from relative paths;
 *  - links keep their target only when it is absolute http(s) or mailto; every other link
 *    (relative, `#fragment`, `javascript:`, `data:`, `vbscript:`, empty) becomes its plain text,
 *    and an empty link text vanishes;
 *  - reference definitions `[x]: target` with such targets are disarmed the same way;
 *  - every `<` is backslash-escaped (raw HTML, comments, `<Component />`, declarations), except
 *    http(s)/mailto autolinks `<https://...>` and inside inline code spans, where a backslash is no escape
 *    and nothing is markup (code-spans.ts finds them, conservatively); `{` and `}` likewise (MDX expressions);
 *  - `<br>` inside table rows (the only way the extracted tables show line breaks) becomes a space;
 *  - `•` bullets at the start of a line become Markdown list items.
 *
 * Backslash-aware: a character that is already escaped (odd run of backslashes before it) is left
 * alone, so `\\<b>` cannot smuggle a tag in. Fenced code blocks that start in column 0 with
 * ``` or ~~~ are copied untouched (Markdown never interprets their content); anything less
 * certain is treated as prose and escaped, which is safe either way.
 * Everything else — headings, bold lines, lists, tables, hard breaks, entities — stays as it is.
 */

import { isSafeLink } from '../policies/links.ts';
import { codeSpans } from './code-spans.ts';
import { isEscaped } from './text.ts';
import { tableBreaksToSpaces } from './table-breaks.ts';

const FENCE_OPEN = /^(?:(`{3,})[^`]*|(~{3,}).*)$/;

export function neutraliseBody(markdown: string): string {
  const out: string[] = [];
  let prose: string[] = [];
  let fence: string | null = null; // the run of ` or ~ that opened the fence we are in
  const flush = () => {
    if (prose.length) out.push(neutraliseProse(prose.join('\n')));
    prose = [];
  };
  for (const line of markdown.split('\n')) {
    if (fence) {
      out.push(line);
      if (closesFence(line, fence)) fence = null;
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (open) {
      flush();
      fence = open[1] ?? open[2];
      out.push(line);
      continue;
    }
    prose.push(line);
  }
  flush();
  return out.join('\n');
}

function closesFence(line: string, fence: string): boolean {
  const m = /^ {0,3}(`+|~+)[ \t]*$/.exec(line);
  return m !== null && m[1][0] === fence[0] && m[1].length >= fence.length;
}

function neutraliseProse(text: string): string {
  let s = text;
  if (s.includes('•')) s = s.replace(/^([ \t]*)•[ \t]*/gm, '$1- ');
  if (/<br/i.test(s)) s = tableBreaksToSpaces(s);
  if (s.includes('[')) {
    s = rewriteLinks(s);
    if (s.includes(']:')) s = disarmDefinitions(s);
  }
  if (s.includes('](')) s = disarmOrphanLinks(s);
  return escapeSpecials(s);
}

interface InlineLink {
  textEnd: number;
  dest: string;
  /** The title with its delimiters, or ''. */
  title: string;
  /** Index just after the closing parenthesis. */
  end: number;
}

const MAX_LINK_TEXT = 4000;
/** Longer destinations or titles are not parsed as one (disarmOrphanLinks still disarms a useless target). */
const MAX_DEST = 8192;
/** CommonMark's limit on nested parentheses in a destination (markdown-it's too). */
const MAX_DEST_PARENS = 32;
/** Links inside link texts deeper than this are left to disarmOrphanLinks. */
const MAX_LINK_DEPTH = 8;

/**
 * The matching `]` of every unescaped `[` of s, in one pass (a stack; a blank line ends a paragraph and every
 * bracket left open in it). Scanning forward from each `[` instead is quadratic on `[[[[…`.
 */
function matchBrackets(s: string): Map<number, number> {
  const close = new Map<number, number>();
  const open: number[] = [];
  for (let j = 0; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 92) j++; // backslash: the next character is escaped
    else if (c === 91) open.push(j);
    else if (c === 93) { const i = open.pop(); if (i !== undefined) close.set(i, j); }
    else if (c === 10 && open.length && /^\n[ \t]*(\n|$)/.test(s.slice(j, j + 200))) open.length = 0;
  }
  return close;
}

/** Parses `[text](dest "title")` starting at s[i] === '[' (text from i + 1). Conservative; null when unsure. */
function parseInlineLink(s: string, i: number, brackets: Map<number, number>): InlineLink | null {
  const textEnd = brackets.get(i);
  if (textEnd === undefined || textEnd - (i + 1) >= MAX_LINK_TEXT || s[textEnd + 1] !== '(') return null;
  let k = skipSpace(s, textEnd + 2);
  let dest = '';
  const destLimit = Math.min(s.length, k + MAX_DEST);
  if (s[k] === '<') {
    let e = k + 1;
    for (; e < destLimit; e++) {
      const c = s[e];
      if (c === '\\') { e++; continue; }
      if (c === '>' || c === '<' || c === '\n') break;
    }
    if (s[e] !== '>') return null;
    dest = s.slice(k + 1, e);
    k = e + 1;
  } else {
    let parens = 0;
    let e = k;
    for (; e < destLimit; e++) {
      const c = s[e];
      const code = c.charCodeAt(0);
      if (c === '\\') { e++; continue; }
      if (code <= 32 || code === 127) break;
      if (c === '(') { if (++parens > MAX_DEST_PARENS) return null; }
      else if (c === ')') { if (parens === 0) break; parens--; }
    }
    if (parens !== 0 || e >= destLimit) return null;
    dest = s.slice(k, e);
    k = e;
  }
  const afterDest = k;
  k = skipSpace(s, k);
  let title = '';
  const open = s[k];
  if (k > afterDest && (open === '"' || open === "'" || open === '(')) {
    const close = open === '(' ? ')' : open;
    const titleLimit = Math.min(s.length, k + MAX_DEST);
    let e = k + 1;
    for (; e < titleLimit; e++) {
      const c = s[e];
      if (c === '\\') { e++; continue; }
      if (c === close) break;
      if (open === '(' && c === '(') return null;
      if (c === '\n' && /^\n[ \t]*(\n|$)/.test(s.slice(e, e + 200))) return null;
    }
    if (s[e] !== close || e >= titleLimit) return null;
    title = s.slice(k, e + 1);
    k = skipSpace(s, e + 1);
  }
  if (s[k] !== ')') return null;
  return { textEnd, dest, title, end: k + 1 };
}

/** Spaces and tabs, and at most one line ending. */
function skipSpace(s: string, k: number): number {
  let newlines = 0;
  while (k < s.length) {
    const c = s[k];
    if (c === ' ' || c === '\t') k++;
    else if (c === '\n' && newlines === 0) { newlines++; k++; }
    else break;
  }
  return k;
}

/** A kept destination written without angle brackets (so no `<` needs protecting). */
function plainDest(dest: string): string {
  return dest.replace(/[ <>]/g, (c) => (c === ' ' ? '%20' : c === '<' ? '%3C' : '%3E'));
}

/** Rewrites inline links and images, innermost first where they nest. */
export function rewriteLinks(s: string, depth = 0): string {
  let i = s.indexOf('[');
  if (i === -1 || depth > MAX_LINK_DEPTH) return s;
  const brackets = matchBrackets(s);
  let out = '';
  let last = 0;
  while (i !== -1) {
    if (isEscaped(s, i)) { i = s.indexOf('[', i + 1); continue; }
    const link = parseInlineLink(s, i, brackets);
    if (!link) { i = s.indexOf('[', i + 1); continue; }
    const image = i > 0 && s[i - 1] === '!' && !isEscaped(s, i - 1);
    out += s.slice(last, image ? i - 1 : i);
    const inner = rewriteLinks(s.slice(i + 1, link.textEnd), depth + 1);
    if (inner.trim() === '') {
      // an empty image or link: nothing to read, nothing to keep
    } else if (!image && isSafeLink(link.dest)) {
      out += `[${inner}](${plainDest(link.dest.trim())}${link.title ? ` ${link.title}` : ''})`;
    } else {
      out += inner;
    }
    last = link.end;
    i = s.indexOf('[', link.end);
  }
  return out + s.slice(last);
}

/** `[label]: target` definitions whose target is not useful: escape the `[` so they are text. */
function disarmDefinitions(s: string): string {
  return s.replace(/^( {0,3})\[((?:[^\]\\\n]|\\.)+)\]:[ \t]*(?:\n[ \t]*)?<?([^\s>]*)/gm, (m, indent: string, _label, target: string) =>
    isSafeLink(target) ? m : `${indent}\\${m.slice(indent.length)}`,
  );
}

/**
 * A `](` left over after rewriting is a link the scanner could not delimit (very long text, odd
 * nesting). If its target is not useful, escape the `]` so no renderer makes a link of it.
 */
function disarmOrphanLinks(s: string): string {
  return s.replace(/\](?!\([ \t]*<?(?:https?:\/\/|mailto:))\([ \t]*\n?[ \t]*<?([^\s)>]*)/gi, (m: string, target: string, offset: number) =>
    isEscaped(s, offset) || isSafeLink(target) ? m : `\\${m}`,
  );
}

const SPECIALS = /<(?:https?|mailto):[^\s<>\x00-\x1f\x7f]*>|\\?[<{}]/gi;
const ENTITY: Record<string, string> = { '<': '&lt;', '{': '&#123;', '}': '&#125;' };

const URL_START = /https?:\/\/|www\./gi;
const URL_WINDOW = 2048;

/**
 * True when position i continues a bare URL ("https://...", "www..." earlier in the same run of non-space
 * characters, at most 2 kB back): a GFM autolink literal there would swallow a backslash (remark-gfm does), so
 * a character reference is used instead. Asked for increasing positions, it walks s once: looking back from
 * every position instead made a run of `a{` quadratic.
 */
function urlTracker(s: string): (i: number) => boolean {
  const starts: [number, number][] = [...s.matchAll(URL_START)].map((m) => [m.index, m.index + m[0].length]);
  let scanned = 0;
  let wordStart = 0; // just after the last space, tab or line feed before `scanned`
  let next = 0; // starts[0..next) end at or before the position asked
  return (i: number) => {
    for (; scanned < i; scanned++) {
      const c = s.charCodeAt(scanned);
      if (c === 32 || c === 10 || c === 9) wordStart = scanned + 1;
    }
    while (next < starts.length && starts[next][1] <= i) next++;
    const latest = starts[next - 1];
    return latest !== undefined && latest[0] >= Math.max(wordStart, i - URL_WINDOW);
  };
}

/**
 * Escapes `<`, `{`, `}` that are not already escaped (with a backslash, or with a character
 * reference right after a bare URL); keeps http(s)/mailto autolinks as they are.
 */
function escapeSpecials(s: string): string {
  if (!/[<{}]/.test(s)) return s;
  const continuesUrl = urlTracker(s);
  const spans = s.includes('`') ? codeSpans(s) : [];
  let span = 0;
  return s.replace(SPECIALS, (m: string, offset: number) => {
    if (m[0] === '<' && m.length > 1) return m; // an autolink
    while (span < spans.length && spans[span][1] <= offset) span++;
    if (span < spans.length && spans[span][0] <= offset) return m; // inside inline code: literal there
    const ch = m[m.length - 1];
    const slashed = m.length === 2;
    const at = offset + m.length - 1;
    const escaped = isEscaped(s, at);
    if (continuesUrl(offset)) {
      // drop the one backslash that escaped the character (it would become part of the URL)
      return `${slashed && !escaped ? '\\' : ''}${ENTITY[ch]}`;
    }
    if (escaped) return m;
    return `${slashed ? '\\' : ''}\\${ch}`;
  });
}
