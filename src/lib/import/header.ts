/**
 * The provenance header, the first line of every archived policy file:
 *
 *   > *The following text is extracted and transformed from the <domain> privacy policy that was
 *   archived on <YYYY-MM-DD>. Please check the [<link text>](<snapshot URL>) for the most accurate
 *   reproduction.*
 *
 * `parseHeader` is pure: it returns the parsed fields or the reason the line is not a valid header.
 * A Wayback Machine snapshot URL carries the original address and the day of the snapshot:
 *   https://web.archive.org/web/20060617022507id_/http%3A//www.attask.com/privacy.html
 */
import { domainToASCII } from 'node:url';
import { policyFrontmatter, type PolicyFrontmatter } from '../policies/schema.ts';

type Header = Pick<PolicyFrontmatter, 'domain' | 'archivedOn' | 'sourceLabel' | 'snapshotUrl'>;

// Both patterns run on the line with its outer white space trimmed, and no two adjacent parts can match the
// same characters: on untrusted text a pattern like /^\s*>?\s*/ backtracks (4,000 spaces took 33 s).
const INTRO = /^(?:>\s*)?(?:\*\s*)?The following text is extracted and transformed from the\b/i;
const FULL =
  /^(?:>\s*)?(?:\*\s*)?The following text is extracted and transformed from the\s+(\S+)\s+privacy policy that was archived on\s+(\S+?)\.?\s+Please check the\s+\[([^\]]*)\]\((.*)\)\s+for the most accurate reproduction\.?\s*\*?$/i;
const REAL_DATE = policyFrontmatter.shape.archivedOn; // no 2006-02-30
// A host name as the source writes it. Usually dotted (example.com); a single label is kept too (the Open Terms
// Archive corpus names one service "jottacloud"): inventing a top-level domain would falsify provenance.
const DOMAIN = /^(?=.*[a-z])[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

function normaliseDomain(raw: string): string | undefined {
  let domain = raw.trim().replace(/\.$/, '').toLowerCase();
  if (/[^\x00-\x7f]/.test(domain)) domain = domainToASCII(domain);
  domain = domain.replace(/^www\./, '');
  return DOMAIN.test(domain) && domain.length <= 253 ? domain : undefined;
}

export function parseHeader(raw: string): { ok: true; header: Header } | { ok: false; reason: string } {
  const line = raw.trim();
  if (!INTRO.test(line)) {
    return { ok: false, reason: 'missing provenance header: the first line must be "> *The following text is extracted and transformed from the <domain> privacy policy that was archived on <YYYY-MM-DD>. Please check the [<label>](<URL>) ..."' };
  }
  const m = FULL.exec(line);
  if (!m) {
    const what = !/privacy policy that was archived on/i.test(line)
      ? 'no "<domain> privacy policy that was archived on <date>"'
      : !line.includes('](')
        ? 'no snapshot link "[<label>](<URL>)"'
        : 'it does not end with "for the most accurate reproduction."';
    return { ok: false, reason: `malformed provenance header: ${what}` };
  }
  const [, rawDomain, date, label, rawUrl] = m;
  const domain = normaliseDomain(rawDomain);
  if (!domain) return { ok: false, reason: `invalid domain "${rawDomain}" in header (expected a host name like example.com)` };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return { ok: false, reason: `malformed provenance header: archive date "${date}" is not written YYYY-MM-DD` };
  if (!REAL_DATE.safeParse(date).success) return { ok: false, reason: `impossible date ${date} in header` };
  const sourceLabel = label.replace(/\s+/g, ' ').trim();
  if (!sourceLabel) return { ok: false, reason: 'malformed provenance header: the snapshot link has no text' };
  let snapshotUrl = rawUrl.trim();
  if (snapshotUrl.startsWith('<') && snapshotUrl.endsWith('>')) snapshotUrl = snapshotUrl.slice(1, -1);
  if (!isHttpUrl(snapshotUrl)) return { ok: false, reason: `malformed provenance header: snapshot URL "${snapshotUrl}" is not an http(s) URL` };
  return { ok: true, header: { domain, archivedOn: date, sourceLabel, snapshotUrl } };
}

function isHttpUrl(value: string): boolean {
  // An http(s) URL that parses has a host name: the URL standard rejects one without.
  return /^https?:\/\/\S/i.test(value) && !/\s/.test(value) && URL.canParse(value);
}

const WAYBACK = /^https?:\/\/(?:web\.|wayback\.)?archive\.org\/web\/(\d{1,14})(?:[a-z]{2}_|\*)?\/(.+)$/i;

/** The original address of a Wayback snapshot URL (decoded, http(s) only), or undefined. */
export function decodeWaybackUrl(snapshotUrl: string): string | undefined {
  const match = WAYBACK.exec(snapshotUrl.trim());
  if (!match) return undefined;
  let rest = match[2];
  // The original is usually percent-encoded as a whole ("http%3A//host/..."): decode once.
  if (/^https?%3A/i.test(rest)) {
    try {
      rest = decodeURIComponent(rest);
    } catch {
      rest = rest.replace(/^(https?)%3A/i, '$1:');
    }
  }
  // The Wayback Machine collapses "//" after the scheme at times ("http:/host").
  rest = rest.replace(/^(https?):\/*/i, (_m, scheme: string) => `${scheme.toLowerCase()}://`);
  return /^https?:\/\/[^/?#\s]/.test(rest) ? URL.parse(rest)?.href : undefined;
}

/** The day of a Wayback snapshot URL's timestamp (YYYY-MM-DD, at least 8 digits), or undefined. */
export function waybackDate(snapshotUrl: string): string | undefined {
  const digits = WAYBACK.exec(snapshotUrl.trim())?.[1];
  if (!digits || digits.length < 8) return undefined;
  return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
}
