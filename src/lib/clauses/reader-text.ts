/**
 * The text a reader of a policy body sees, as far as its words go (coverage.ts): what the page's renderer
 * (markdown-it) does not show as text is taken out, without parsing the document:
 * - ordered-list numbers at the start of a line ("1." "12)"), which the page shows as list numbering;
 * - link destinations and titles "](https://… "title")", read by markdown-it's own helpers (a title may run
 *   onto the next line), and autolinks "<https://…>";
 * - backslash escapes ("\\." is ".") and character references ("&amp;" is "&", "&#123;" is "{").
 * Emphasis, brackets and backticks stay: coverage.ts compares words by their letters and digits only.
 * Linear in the length of the text: a link destination or title is looked for over at most 2 kB.
 */
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt();
const { unescapeAll } = md.utils;
const { parseLinkDestination, parseLinkTitle } = md.helpers;
const AUTOLINK = /^<(?:https?|mailto):[^>\s]*>/i;
/** How far a link destination or title is looked for: a longer one is counted as text. */
const LINK_WINDOW = 2048;

export function readerText(markdown: string): string {
  // List numbers go line by line; a link's destination and title may run onto the next line.
  const lines = markdown.split('\n').map((line) => line.slice(afterListMarkers(line)));
  return unescapeAll(withoutLinkTargets(lines.join('\n')));
}

/** The text without link destinations and titles, nor autolinks. */
function withoutLinkTargets(line: string): string {
  const kept: string[] = [];
  let last = 0;
  let close = -2; // the next ")" at or after a position, looked up again only once passed
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x5c) {
      i++; // an escaped character is text, never markup
    } else if (c === 0x5d && line.charCodeAt(i + 1) === 0x28) {
      if (close !== -1 && close < i + 2) close = line.indexOf(')', i + 2);
      const end = close === -1 ? -1 : linkTail(line, i + 2);
      if (end === -1) continue;
      kept.push(line.slice(last, i + 1));
      last = end;
      i = end - 1;
    } else if (c === 0x3c && AUTOLINK.test(line.slice(i, i + LINK_WINDOW))) {
      kept.push(line.slice(last, i));
      i = line.indexOf('>', i);
      last = i + 1;
    }
  }
  kept.push(line.slice(last));
  return kept.join('');
}

/** After "](" at `from`: the end of "destination "title")" as markdown-it reads it, or -1 when it is no link. */
function linkTail(line: string, from: number): number {
  const max = Math.min(line.length, from + LINK_WINDOW);
  let pos = skipSpaces(line, from, max);
  const dest = parseLinkDestination(line, pos, max);
  if (!dest.ok) return line.charCodeAt(pos) === 0x29 ? pos + 1 : -1;
  const afterDest = dest.pos;
  pos = skipSpaces(line, afterDest, max);
  if (pos > afterDest) {
    const title = parseLinkTitle(line, pos, max);
    if (title.ok) pos = skipSpaces(line, title.pos, max);
  }
  return line.charCodeAt(pos) === 0x29 ? pos + 1 : -1;
}

/** Spaces, tabs and line feeds (markdown-it's link rule skips all three). */
function skipSpaces(line: string, from: number, max: number): number {
  let i = from;
  for (let c = line.charCodeAt(i); i < max && (c === 0x20 || c === 0x09 || c === 0x0a); c = line.charCodeAt(++i));
  return i;
}

/** Where the text of a line starts after quote markers, bullets and ordered-list numbers. */
function afterListMarkers(line: string): number {
  let i = 0;
  for (;;) {
    while (line.charCodeAt(i) === 0x20 || line.charCodeAt(i) === 0x09 || line.charCodeAt(i) === 0x3e) i++;
    const c = line.charCodeAt(i);
    let j = i;
    if (c === 0x2a || c === 0x2d || c === 0x2b) j = i + 1;
    else {
      while (j - i < 10 && line.charCodeAt(j) >= 0x30 && line.charCodeAt(j) <= 0x39) j++;
      if (j === i || j - i > 9 || (line.charCodeAt(j) !== 0x2e && line.charCodeAt(j) !== 0x29)) return i;
      j++;
    }
    const after = line.charCodeAt(j);
    if (j < line.length && after !== 0x20 && after !== 0x09) return i;
    i = j;
  }
}
