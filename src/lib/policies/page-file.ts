/**
 * A policy's page body, rendered once by the loader (render.ts), lives in one file per policy under the Astro
 * cache folder and is read only by that policy's page; the data store keeps a small summary (summary.ts).
 * Written atomically: a reader never sees half a file.
 *
 * Format: one line of JSON (the small fields, and the lengths of the first two HTML parts), then the three HTML
 * parts one after another. Not one JSON document: the parts are most of the file (~100 kB per policy), and
 * escaping every quote of the HTML into JSON and back cost ~1 ms per policy each way (2,000 bench policies:
 * written in 2.4–3.2 s as JSON, 1.8–2.5 s so; read in 3.8–4.0 s as JSON, 2.0–2.3 s so), the reading on the
 * single thread that renders the pages.
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../files/atomic-write.ts';
import type { RenderedPolicy } from './render.ts';

type Header = Omit<RenderedPolicy, 'topicSummary' | 'toc' | 'body'> & { lengths: [topicSummary: number, toc: number] };

export function writePageFile(file: string, rendered: RenderedPolicy): void {
  const { topicSummary, toc, body, ...rest } = rendered;
  const header: Header = { ...rest, lengths: [topicSummary.length, toc.length] };
  writeFileAtomic(file, `${JSON.stringify(header)}\n${topicSummary}${toc}${body}`);
}

export function readPageFile(file: string): RenderedPolicy {
  const text = readFileSync(file, 'utf8');
  const end = text.indexOf('\n');
  let header: Header | undefined;
  try {
    header = end > 0 ? (JSON.parse(text.slice(0, end)) as Header) : undefined;
  } catch {
    header = undefined;
  }
  const [summaryLength, tocLength] = header?.lengths ?? [NaN, NaN];
  if (!header || !Number.isInteger(summaryLength) || !Number.isInteger(tocLength) || end + 1 + summaryLength + tocLength > text.length) {
    throw new Error(`${file}: not a policy page file (written by an older version? a full build writes it again)`);
  }
  const { lengths: _lengths, ...rest } = header;
  const tocStart = end + 1 + summaryLength;
  const bodyStart = tocStart + tocLength;
  return { ...rest, topicSummary: text.slice(end + 1, tocStart), toc: text.slice(tocStart, bodyStart), body: text.slice(bodyStart) };
}
