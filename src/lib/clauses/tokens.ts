/**
 * Helpers over markdown-it's tokens for the segmenter (segment.ts): where a block or an inline span closes, and
 * the plain text of inline tokens.
 */
import type { Token } from 'markdown-it';

/** Index of the token that closes the inline span opened at `open` (same markup nesting). */
export function closesAt(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    depth += tokens[i].nesting;
    if (depth === 0) return i;
  }
  return -1;
}

/** Index of the block token that closes the one opened at `open`. */
export function closingIndex(tokens: Token[], open: number): number {
  if (tokens[open].nesting !== 1) return open;
  const close = closesAt(tokens, open);
  return close < 0 ? tokens.length - 1 : close;
}

export function headingDepth(token: Token): number {
  return Number(token.tag.slice(1));
}

export function trimBreaks(children: Token[]): Token[] {
  let start = 0;
  let end = children.length;
  const isBreak = (t: Token) => t.type === 'softbreak' || t.type === 'hardbreak' || (t.type === 'text' && !t.content.trim());
  while (start < end && isBreak(children[start])) start++;
  while (end > start && isBreak(children[end - 1])) end--;
  return children.slice(start, end);
}

/** Plain text of inline tokens, whitespace collapsed. */
export function plainText(children: Token[]): string {
  let out = '';
  for (const token of children) {
    if (token.type === 'text' || token.type === 'code_inline') out += token.content;
    else if (token.type === 'softbreak' || token.type === 'hardbreak') out += ' ';
    else if (token.type === 'image') out += plainText(token.children ?? []);
  }
  return collapse(out);
}

/**
 * A list item's or a table's text: its inline content and the code blocks in it, which the item's HTML shows (not a
 * fence's info).
 */
export function blockText(tokens: Token[]): string {
  const code = (t: Token) => (t.type === 'code_block' || t.type === 'fence' ? t.content : '');
  return collapse(tokens.map((t) => (t.type === 'inline' ? plainText(t.children ?? []) : code(t))).join(' '));
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
