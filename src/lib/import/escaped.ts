/** Backslash escapes in Markdown: a character is escaped when an odd run of backslashes precedes it. */

/** Number of backslashes immediately before position i. */
export function backslashesBefore(s: string, i: number): number {
  let n = 0;
  while (i - 1 - n >= 0 && s.charCodeAt(i - 1 - n) === 92) n++;
  return n;
}

export function isEscaped(s: string, i: number): boolean {
  return backslashesBefore(s, i) % 2 === 1;
}
