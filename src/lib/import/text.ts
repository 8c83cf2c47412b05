/** Small scanners of Markdown text, by hand where a pattern would backtrack on untrusted input. */

/** A character is escaped when an odd run of backslashes precedes it. */
export function isEscaped(s: string, i: number): boolean {
  let n = 0;
  while (i - 1 - n >= 0 && s.charCodeAt(i - 1 - n) === 92) n++;
  return n % 2 === 1;
}

export const BLANK = new Set([' ', '\t']);

/**
 * Trims characters of a set from either end. By hand: a pattern like /[…]+$/ tries every start of a long run
 * of them (a heading of 40,000 spaces or dashes took seconds).
 */
export function trimStart(text: string, chars: Set<string>): string {
  let i = 0;
  while (i < text.length && chars.has(text[i])) i++;
  return text.slice(i);
}

export function trimEnd(text: string, chars: Set<string>): string {
  let i = text.length;
  while (i > 0 && chars.has(text[i - 1])) i--;
  return text.slice(0, i);
}
