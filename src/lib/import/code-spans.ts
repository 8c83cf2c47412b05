/**
 * Where a Markdown text has inline code spans (`…`), in which the neutraliser leaves a `<` as it is
 * (docs/robustness.md). Conservative, as a `<` left raw outside a span could open HTML: a span lies on one line,
 * between two backtick runs of the same length, with no `|` between them (GFM splits table cells first); after a run
 * left unmatched on its line (CommonMark might pair it with a later one) no span is accepted for the rest of the
 * paragraph. Backticks in autolinks are not runs; a backslash before a run takes its first backtick out of it. Linear:
 * each line is scanned once, and each run's next run of the same length is found in one backward pass.
 */
import { isEscaped } from './text.ts';

const AUTOLINK = /<(?:https?|mailto):[^\s<>\x00-\x1f\x7f]*>/gi;

/** [start, end) of every accepted code span (backticks included), in order. */
export function codeSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let trusted = true; // no unmatched run so far in this paragraph
  let offset = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') trusted = true;
    else if (line.includes('`')) trusted = spansOfLine(line, offset, trusted, spans);
    offset += line.length + 1;
  }
  return spans;
}

/** Adds the spans of one line; returns whether the paragraph can still be trusted after it. */
function spansOfLine(line: string, offset: number, trusted: boolean, spans: [number, number][]): boolean {
  const inAutolink = new Uint8Array(line.length);
  for (const m of line.matchAll(AUTOLINK)) inAutolink.fill(1, m.index, m.index + m[0].length);
  const runs: { start: number; length: number }[] = [];
  for (let i = 0; i < line.length; ) {
    if (line[i] !== '`' || inAutolink[i]) { i++; continue; }
    let end = i;
    while (end < line.length && line[end] === '`') end++;
    const start = isEscaped(line, i) ? i + 1 : i;
    if (end > start) runs.push({ start, length: end - start });
    i = end;
  }
  // The next run of the same length after each run, and the next '|' after each position.
  const nextSame = new Int32Array(runs.length).fill(-1);
  const last = new Map<number, number>();
  for (let r = runs.length - 1; r >= 0; r--) {
    nextSame[r] = last.get(runs[r].length) ?? -1;
    last.set(runs[r].length, r);
  }
  const nextPipe = new Int32Array(line.length + 1).fill(line.length);
  for (let i = line.length - 1; i >= 0; i--) nextPipe[i] = line[i] === '|' ? i : nextPipe[i + 1];
  for (let r = 0; r < runs.length; ) {
    const close = nextSame[r];
    if (close === -1) return false; // unmatched on this line: CommonMark may match it on a later one
    const from = runs[r].start;
    const to = runs[close].start + runs[close].length;
    if (trusted && nextPipe[from] >= to) spans.push([offset + from, offset + to]);
    r = close + 1;
  }
  return trusted;
}
