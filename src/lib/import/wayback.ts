/**
 * Wayback Machine snapshot URLs carry the original address:
 *   https://web.archive.org/web/20060617022507id_/http%3A//www.attask.com/privacy.html
 * `decodeWaybackUrl` returns that original (decoded, http(s) only), or undefined.
 */
const WAYBACK = /^https?:\/\/(?:web\.|wayback\.)?archive\.org\/web\/(\d{1,14})(?:[a-z]{2}_|\*)?\/(.+)$/i;

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
