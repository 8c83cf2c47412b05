/**
 * One archived policy file (bytes) → frontmatter + neutralised body. Pure: no file system.
 * Throws InputError (with the line it refers to) for input that cannot be imported.
 */
import { createHash } from 'node:crypto';
import { policyFrontmatter, type PolicyFrontmatter } from '../policies/schema.ts';
import { companyName } from './company.ts';
import { decodeInput } from './decode.ts';
import { InputError } from './errors.ts';
import { parseHeader } from './header.ts';
import { neutraliseBody } from './neutralise.ts';
import { deriveTitle, firstHeading } from './title.ts';
import { implausibleDate } from './dates.ts';
import { decodeWaybackUrl, waybackDate } from './wayback.ts';
import { countWords } from './word-count.ts';

export interface Converted {
  frontmatter: PolicyFrontmatter;
  body: string;
  warnings: { line: number; message: string }[];
}

function sha256(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** CRLF/CR → LF; control characters other than tab and line feed removed. */
function normaliseText(text: string): string {
  let s = text;
  if (s.includes('\r')) s = s.replace(/\r\n?/g, '\n');
  if (/[\x00-\x08\x0b-\x1f\x7f]/.test(s)) s = s.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
  return s;
}

export function convertPolicy(bytes: Uint8Array): Converted {
  const decoded = decodeInput(bytes);
  const warnings = decoded.warning ? [decoded.warning] : [];
  const text = normaliseText(decoded.text);

  // The header is the first line; blank lines before it are tolerated.
  let start = 0;
  let lineNo = 1;
  while (true) {
    const nl = text.indexOf('\n', start);
    const line = nl === -1 ? text.slice(start) : text.slice(start, nl);
    if (line.trim() !== '' || nl === -1) break;
    start = nl + 1;
    lineNo++;
  }
  const nl = text.indexOf('\n', start);
  const headerLine = nl === -1 ? text.slice(start) : text.slice(start, nl);
  if (headerLine.trim() === '') throw new InputError(lineNo, 'empty file: no provenance header');
  const parsed = parseHeader(headerLine);
  if (!parsed.ok) throw new InputError(lineNo, parsed.reason);
  const header = parsed.header;
  const implausible = implausibleDate(header.archivedOn);
  if (implausible) throw new InputError(lineNo, implausible);
  const snapshotDay = waybackDate(header.snapshotUrl);
  if (snapshotDay && snapshotDay !== header.archivedOn) {
    warnings.push({ line: lineNo, message: `archive date ${header.archivedOn} differs from the snapshot URL's timestamp (${snapshotDay}); the header's date is kept` });
  }

  const rawBody = (nl === -1 ? '' : text.slice(nl + 1)).replace(/^(?:[ \t]*\n)+/, '').trimEnd();
  if (rawBody.trim() === '') throw new InputError(lineNo + 1, 'empty body: nothing but whitespace after the header');

  const body = neutraliseBody(rawBody);
  const heading = firstHeading(rawBody);
  const company = companyName(header.domain, header.snapshotUrl, heading ?? '', rawBody);
  const candidate: Record<string, unknown> = {
    domain: header.domain,
    company,
    title: deriveTitle(rawBody, company, header.snapshotUrl),
    archivedOn: header.archivedOn,
    snapshotUrl: header.snapshotUrl,
    originalUrl: decodeWaybackUrl(header.snapshotUrl),
    sourceLabel: header.sourceLabel,
    contentHash: sha256(bytes),
    wordCount: countWords(body),
  };
  if (candidate.originalUrl === undefined) delete candidate.originalUrl;
  const checked = policyFrontmatter.safeParse(candidate);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new InputError(lineNo, `cannot build valid frontmatter: ${issue.path.join('.')}: ${issue.message}`);
  }
  return { frontmatter: checked.data, body, warnings };
}
