import { BLANK, isEscaped, trimEnd, trimStart } from './text.ts';

/** `<br>` in a table row (a line starting with `|`) → one space: cells cannot hold line breaks. */
export function tableBreaksToSpaces(s: string): string {
  return s.replace(/^[ \t]*\|.*$/gm, (row: string) => (/<br/i.test(row) ? rowBreaksToSpaces(row) : row));
}

/**
 * In one table row: each run of `<br>` (with the spaces and tabs around it) → one space; an escaped `<br>`
 * stays. By hand, because a pattern with spaces on both sides of `<br>` backtracks over long runs of spaces.
 */
function rowBreaksToSpaces(row: string): string {
  const BREAK = /<br[ \t]*\/?>/gi;
  let out = '';
  let last = 0;
  let pending = false; // a run of breaks was seen: one space before the next text
  for (let m = BREAK.exec(row); m; m = BREAK.exec(row)) {
    if (isEscaped(row, m.index)) continue;
    const between = pending ? trimStart(row.slice(last, m.index), BLANK) : row.slice(last, m.index);
    if (between !== '' || !pending) out += `${pending ? ' ' : ''}${trimEnd(between, BLANK)}`;
    pending = true;
    last = m.index + m[0].length;
  }
  return pending ? `${out} ${trimStart(row.slice(last), BLANK)}` : row;
}
