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
 *    http(s)/mailto autolinks `<https://...>`; `{` and `}` are escaped (MDX expressions);
 *  - `<br>` inside table rows (the only way the extracted tables show line breaks) becomes a space;
 *  - `•` bullets at the start of a line become Markdown list items.
 *
 * Backslash-aware: a character that is already escaped (odd run of backslashes before it) is left
 * alone, so `\\<b>` cannot smuggle a tag in. Fenced code blocks that start in column 0 with
 * ``` or ~~~ are copied untouched (Markdown never interprets their content); anything less
 * certain is treated as prose and escaped, which is safe either way.
 * Everything else — headings, bold lines, lists, tables, hard breaks, entities — stays as it is.
 */

const FENCE_OPEN = /^(?:(`{3,})[^`]*|(~{3,}).*)$/;

const ANY_FENCE = /^(?:`{3}|~{3})/m;

export function neutraliseBody(markdown: string): string {
  if ((!markdown.includes('```') && !markdown.includes('~~~')) || !ANY_FENCE.test(markdown)) return neutraliseProse(markdown);
  const lines = markdown.split('\n');
  const out: string[] = [];
  let prose: string[] = [];
  let fence: { char: string; length: number } | null = null;
  const flush = () => {
    if (prose.length) out.push(neutraliseProse(prose.join('\n')));
    prose = [];
  };
  for (const line of lines) {
    if (fence) {
      out.push(line);
      if (closesFence(line, fence)) fence = null;
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (open) {
      flush();
      const marker = open[1] ?? open[2];
      fence = { char: marker[0], length: marker.length };
      out.push(line);
      continue;
    }
    prose.push(line);
  }
  flush();
  return out.join('\n');
}

function closesFence(line: string, fence: { char: string; length: number }): boolean {
  const m = /^ {0,3}(`+|~+)[ \t]*$/.exec(line);
  return m !== null && m[1][0] === fence.char && m[1].length >= fence.length;
}

export function neutraliseProse(text: string): string {
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

/** Number of backslashes immediately before position i. */
function backslashesBefore(s: string, i: number): number {
  let n = 0;
  while (i - 1 - n >= 0 && s.charCodeAt(i - 1 - n) === 92) n++;
  return n;
}

function isEscaped(s: string, i: number): boolean {
  return backslashesBefore(s, i) % 2 === 1;
}

const USEFUL_TARGET = /^(?:https?:\/\/[^\s/?#]|mailto:[^\s])/i;

/** Absolute http(s) and mailto targets are kept; nothing else points anywhere useful. */
export function isUsefulTarget(target: string): boolean {
  return USEFUL_TARGET.test(target.trim());
}

interface InlineLink {
  textStart: number;
  textEnd: number;
  dest: string;
  /** The title with its delimiters, or ''. */
  title: string;
  /** Index just after the closing parenthesis. */
  end: number;
}

const MAX_LINK_TEXT = 4000;

/** Parses `[text](dest "title")` starting at s[i] === '['. Conservative; null when unsure. */
function parseInlineLink(s: string, i: number): InlineLink | null {
  let depth = 1;
  let j = i + 1;
  const limit = Math.min(s.length, i + 1 + MAX_LINK_TEXT);
  for (; j < limit; j++) {
    const c = s[j];
    if (c === '\\') { j++; continue; }
    if (c === '[') depth++;
    else if (c === ']') { if (--depth === 0) break; }
    else if (c === '\n' && /^\n[ \t]*(\n|$)/.test(s.slice(j, j + 200))) return null; // blank line ends a paragraph
  }
  if (depth !== 0 || j >= limit) return null;
  const textEnd = j;
  if (s[textEnd + 1] !== '(') return null;
  let k = skipSpace(s, textEnd + 2);
  let dest = '';
  if (s[k] === '<') {
    let e = k + 1;
    for (; e < s.length; e++) {
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
    for (; e < s.length; e++) {
      const c = s[e];
      const code = c.charCodeAt(0);
      if (c === '\\') { e++; continue; }
      if (code <= 32 || code === 127) break;
      if (c === '(') parens++;
      else if (c === ')') { if (parens === 0) break; parens--; }
    }
    if (parens !== 0) return null;
    dest = s.slice(k, e);
    k = e;
  }
  const afterDest = k;
  k = skipSpace(s, k);
  let title = '';
  const open = s[k];
  if (k > afterDest && (open === '"' || open === "'" || open === '(')) {
    const close = open === '(' ? ')' : open;
    let e = k + 1;
    for (; e < s.length; e++) {
      const c = s[e];
      if (c === '\\') { e++; continue; }
      if (c === close) break;
      if (open === '(' && c === '(') return null;
      if (c === '\n' && /^\n[ \t]*(\n|$)/.test(s.slice(e, e + 200))) return null;
    }
    if (s[e] !== close) return null;
    title = s.slice(k, e + 1);
    k = skipSpace(s, e + 1);
  }
  if (s[k] !== ')') return null;
  return { textStart: i + 1, textEnd, dest, title, end: k + 1 };
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
export function rewriteLinks(s: string): string {
  let i = s.indexOf('[');
  if (i === -1) return s;
  let out = '';
  let last = 0;
  while (i !== -1) {
    if (isEscaped(s, i)) { i = s.indexOf('[', i + 1); continue; }
    const link = parseInlineLink(s, i);
    if (!link) { i = s.indexOf('[', i + 1); continue; }
    const image = i > 0 && s[i - 1] === '!' && !isEscaped(s, i - 1);
    out += s.slice(last, image ? i - 1 : i);
    const inner = rewriteLinks(s.slice(link.textStart, link.textEnd));
    if (image) {
      out += inner.trim() === '' ? '' : inner;
    } else if (inner.trim() === '') {
      // an empty link: nothing to read, nothing to keep
    } else if (isUsefulTarget(link.dest)) {
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
    isUsefulTarget(target) ? m : `${indent}\\${m.slice(indent.length)}`,
  );
}

/**
 * A `](` left over after rewriting is a link the scanner could not delimit (very long text, odd
 * nesting). If its target is not useful, escape the `]` so no renderer makes a link of it.
 */
function disarmOrphanLinks(s: string): string {
  return s.replace(/\](?!\([ \t]*<?(?:https?:\/\/|mailto:))\([ \t]*\n?[ \t]*<?([^\s)>]*)/gi, (m: string, target: string, offset: number) =>
    isEscaped(s, offset) || isUsefulTarget(target) ? m : `\\${m}`,
  );
}

/** `<br>` in a table row (a line starting with `|`) → one space: cells cannot hold line breaks. */
function tableBreaksToSpaces(s: string): string {
  return s.replace(/(?:[ \t]*<br[ \t]*\/?>[ \t]*)+/gi, (m: string, offset: number) => {
    if (isEscaped(s, offset + m.indexOf('<'))) return m;
    const lineStart = s.lastIndexOf('\n', offset) + 1;
    return /^[ \t]*\|/.test(s.slice(lineStart, lineStart + 64)) ? ' ' : m;
  });
}

const SPECIALS = /<(?:https?|mailto):[^\s<>\x00-\x1f\x7f]*>|\\?[<{}]/gi;
const ENTITY: Record<string, string> = { '<': '&lt;', '{': '&#123;', '}': '&#125;' };

/**
 * True when position i continues a bare URL ("https://...", "www..."): a GFM autolink literal
 * there would swallow a backslash (remark-gfm does), so a character reference is used instead.
 */
function continuesUrl(s: string, i: number): boolean {
  let a = i;
  const stop = Math.max(0, i - 2048);
  while (a > stop) {
    const c = s.charCodeAt(a - 1);
    if (c === 32 || c === 10 || c === 9) break;
    a--;
  }
  if (a === i) return false;
  return /https?:\/\/|www\./i.test(s.slice(a, i));
}

/**
 * Escapes `<`, `{`, `}` that are not already escaped (with a backslash, or with a character
 * reference right after a bare URL); keeps http(s)/mailto autolinks as they are.
 */
export function escapeSpecials(s: string): string {
  if (!/[<{}]/.test(s)) return s;
  return s.replace(SPECIALS, (m: string, offset: number) => {
    if (m[0] === '<' && m.length > 1) return m; // an autolink
    const ch = m[m.length - 1];
    const slashed = m.length === 2;
    const at = offset + m.length - 1;
    const escaped = (backslashesBefore(s, at) % 2) === 1;
    if (continuesUrl(s, offset)) {
      // drop the one backslash that escaped the character (it would become part of the URL)
      return `${slashed && !escaped ? '\\' : ''}${ENTITY[ch]}`;
    }
    if (escaped) return m;
    return `${slashed ? '\\' : ''}\\${ch}`;
  });
}
