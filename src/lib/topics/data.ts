/** Reading labelled segments (JSON Lines in the format of opp115/dev.jsonl) and fingerprinting them. Node only. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Segment } from './train.ts';

/**
 * Reads a JSON Lines file of segments, and the sha256 (hex) of its bytes; with `headings` (the default) each segment
 * gets its section heading (withHeadings).
 */
export function readSegments(path: string, { headings = true } = {}): { rows: Segment[]; sha256: string } {
  const bytes = readFileSync(path);
  const rows: Segment[] = [];
  for (const [n, line] of bytes.toString('utf8').split('\n').entries()) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as Segment;
    if (typeof row.text !== 'string' || !Array.isArray(row.categories)) {
      throw new Error(`${path}:${n + 1}: expected fields "text" (string) and "categories" (array)`);
    }
    rows.push(row);
  }
  return { rows: headings ? withHeadings(rows) : rows, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Short hash of a segment's whitespace-normalised text: lets eval recognise training segments without storing them. */
export function textFingerprint(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 10);
}

/** A first line that reads as a heading: short, and not ending like a sentence or a clause ("." "," ";" ":"). */
function headingLine(text: string): string | undefined {
  const nl = text.indexOf('\n');
  if (nl < 0) return undefined;
  const first = text.slice(0, nl).trim();
  if (!first || first.length > 80 || /[.,;:]$/.test(first) || !text.slice(nl).trim()) return undefined;
  return first;
}

/**
 * Gives OPP-115 segments the section heading a site clause would have. A segment whose first line is a heading
 * ("Data Retention\n\nWe keep ...") loses that line from its text and gets it as `heading`; the following segments
 * of the same policy (in `segment` order) get the same heading until the next one, as clauses under one heading do.
 * Rows without `policy` or `segment`, or that already have a heading, are left as they are.
 */
export function withHeadings(rows: Segment[]): Segment[] {
  const current = new Map<string, string>();
  const order = rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => (a.row.policy ?? '').localeCompare(b.row.policy ?? '') || (a.row.segment ?? a.i) - (b.row.segment ?? b.i) || a.i - b.i);
  const out = rows.slice();
  for (const { row, i } of order) {
    if (row.policy === undefined || row.segment === undefined || row.heading !== undefined) continue;
    const heading = headingLine(row.text);
    if (heading) current.set(row.policy, heading);
    const inherited = current.get(row.policy);
    out[i] = {
      ...row,
      text: heading ? row.text.slice(row.text.indexOf('\n')).trim() : row.text,
      ...(inherited ? { heading: inherited } : {}),
    };
  }
  return out;
}
