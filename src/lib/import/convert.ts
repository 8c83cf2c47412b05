/**
 * One archived policy file (bytes) → frontmatter + neutralised body. Pure: no file system.
 * Throws InputError (with the line it refers to) for input that cannot be imported.
 */
import { createHash } from 'node:crypto';
import { policyFrontmatter, type PolicyFrontmatter } from '../policies/schema.ts';
import { companyName } from './company.ts';
import { decodeInput } from './decode.ts';
import { InputError } from './errors.ts';
import { decodeWaybackUrl, parseHeader, waybackDate } from './header.ts';
import { neutraliseBody } from './neutralise.ts';
import { deriveTitle, firstHeading } from './title.ts';
import { BLANK, trimStart } from './text.ts';
import { countWords } from './word-count.ts';

export interface Converted {
  frontmatter: PolicyFrontmatter;
  body: string;
  warnings: { line: number; message: string }[];
}

/** The first privacy policies on the web are from the late 1990s; the web itself from 1991. */
const EARLIEST_DATE = '1991-01-01';

export function convertPolicy(bytes: Uint8Array): Converted {
  const decoded = decodeInput(bytes);
  const warnings = decoded.warning ? [decoded.warning] : [];
  // CRLF/CR → LF; control characters other than tab and line feed removed.
  const text = decoded.text.replace(/\r\n?/g, '\n').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');

  // The header is the first line; blank lines before it are tolerated.
  const [start, blankLines] = skipBlankLines(text, 0, (line) => line.trim() === '');
  const lineNo = 1 + blankLines;
  const nl = text.indexOf('\n', start);
  const headerLine = nl === -1 ? text.slice(start) : text.slice(start, nl);
  if (headerLine.trim() === '') throw new InputError(lineNo, 'empty file: no provenance header');
  const parsed = parseHeader(headerLine);
  if (!parsed.ok) throw new InputError(lineNo, parsed.reason);
  const header = parsed.header;
  const date = header.archivedOn;
  const today = new Date().toISOString().slice(0, 10);
  if (date < EARLIEST_DATE) throw new InputError(lineNo, `archive date ${date} is before the web (${EARLIEST_DATE})`);
  if (date > today) throw new InputError(lineNo, `archive date ${date} is in the future (today is ${today})`);
  const snapshotDay = waybackDate(header.snapshotUrl);
  if (snapshotDay && snapshotDay !== header.archivedOn) {
    warnings.push({ line: lineNo, message: `archive date ${header.archivedOn} differs from the snapshot URL's timestamp (${snapshotDay}); the header's date is kept` });
  }

  const bodyStart = nl === -1 ? text.length : skipBlankLines(text, nl + 1, (line) => trimStart(line, BLANK) === '')[0];
  const rawBody = text.slice(bodyStart).trimEnd();
  if (rawBody.trim() === '') throw new InputError(lineNo + 1, 'empty body: nothing but whitespace after the header');

  const body = neutraliseBody(rawBody);
  const company = companyName(header.domain, header.snapshotUrl, firstHeading(rawBody) ?? '', rawBody);
  const originalUrl = decodeWaybackUrl(header.snapshotUrl);
  const checked = policyFrontmatter.safeParse({
    ...header, // domain, archivedOn, snapshotUrl, sourceLabel
    company,
    title: deriveTitle(rawBody, company, header.snapshotUrl),
    ...(originalUrl !== undefined && { originalUrl }),
    contentHash: `sha256:${createHash('sha256').update(bytes).digest('hex')}`,
    wordCount: countWords(body),
  });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new InputError(lineNo, `cannot build valid frontmatter: ${issue.path.join('.')}: ${issue.message}`);
  }
  return { frontmatter: checked.data, body, warnings };
}

// Where the blank lines (each ending with a line feed) from `start` end, and their count. A loop over indexOf: one
// pattern over them overflows V8's regexp stack on megabytes of blank lines.
function skipBlankLines(text: string, start: number, isBlank: (line: string) => boolean): [number, number] {
  let count = 0;
  for (let nl = text.indexOf('\n', start); nl !== -1 && isBlank(text.slice(start, nl)); nl = text.indexOf('\n', start)) {
    start = nl + 1;
    count++;
  }
  return [start, count];
}
