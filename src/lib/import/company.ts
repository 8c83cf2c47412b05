/** Company display name, the name people know: the rules and their order are in docs/reading.md. */
import { domainToUnicode } from 'node:url';
import { openTermsArchiveService } from './title.ts';

/**
 * Names that no rule derives, keyed by the domain as imported (lower case, without "www."). Keep it small: add a
 * name here only when the rules get it wrong on real policies, and say so in the commit.
 */
const COMPANY_NAMES: Readonly<Record<string, string>> = {
  'ui.com': 'Ubiquiti', // the label "ui"; the service "Ubiquiti"
  'steampowered.com': 'Steam', // also found by the service rule; kept as the example
  'thomsonreuters.com': 'Thomson Reuters', // the service folder is the domain; the text writes two words
  'ask.fm': 'ASKfm', // the label "ask"
  'redditinc.com': 'Reddit', // the label "redditinc"
};

/** Second-level labels that are part of a country's public suffix (co.uk, com.au, ...). */
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'edu', 'ac', 'or', 'ne', 'go', 'gob', 'mil', 'nic', 'ltd', 'plc', 'sch', 'nom', 'info', 'biz']);

/** The domain's main label, decoded from punycode when it is an IDN ("xn--bcher-kva.de" → "bücher"). */
export function mainLabel(domain: string): string {
  const labels = (domainToUnicode(domain.toLowerCase()) || domain.toLowerCase()).replace(/^www\./, '').split('.');
  if (labels.length >= 3 && labels.at(-1)!.length === 2 && SECOND_LEVEL.has(labels.at(-2)!)) return labels.at(-3)!;
  return labels.at(-2) ?? labels[0];
}

/** "smartertools" → "Smartertools", "example-shop" → "Example-Shop", "bücher" → "Bücher". */
export function capitalise(label: string): string {
  return label.replace(/(^|-)(\p{Ll})/gu, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

const squash = (name: string) => name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * The Open Terms Archive service as the company's name when it names the domain itself: the same letters as
 * the label ("Bumble"), the label with its top-level domain ("ASKfm", "Booking.com"), or a leading part of the
 * label ("Reddit" for redditinc, "Steam" for steampowered). A service in lower case is a folder named after a
 * domain, not a name.
 */
export function serviceName(domain: string, snapshotUrl: string): string | undefined {
  const service = openTermsArchiveService(snapshotUrl);
  if (!service || service === service.toLowerCase()) return undefined;
  const label = squash(mainLabel(domain));
  const withTld = squash(domain.replace(/^www\./, '').split('.').slice(-2).join(''));
  const name = squash(service);
  return name === label || name === withTld || (name.length >= 4 && label.startsWith(name)) ? service : undefined;
}

/** The display name of the company of a policy: the override table, the service name, the policy's spelling. */
export function companyName(domain: string, snapshotUrl: string, ...texts: string[]): string {
  const override = COMPANY_NAMES[domain.replace(/^www\./, '')];
  if (override) return override;
  const service = serviceName(domain, snapshotUrl);
  const derived = deriveCompany(domain, ...texts);
  // Where the two differ only in letter case, the policy's own spelling wins ("CoinDesk", "IKEA"), unless
  // the text never spelled the name and `derived` is only the capitalised label ("Protonvpn" for ProtonVPN).
  const sameName = service?.toLowerCase() === derived.toLowerCase() && derived !== capitalise(mainLabel(domain));
  return service && !sameName ? service : derived;
}

/**
 * The name a reader may know the company by besides its display name: the domain's label as a name
 * ("Steampowered" for Steam, "Ui" for Ubiquiti), or undefined when it is the same name.
 */
export function alternativeName(domain: string, displayName: string): string | undefined {
  const label = mainLabel(domain);
  return squash(label) === squash(displayName) ? undefined : capitalise(label);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c);
}

/** True when the match at [start, end) is part of a URL, link target or e-mail address. */
function inAddress(text: string, start: number, end: number): boolean {
  let a = start;
  while (a > 0 && !/[\s(<[]/.test(text[a - 1])) a--;
  let b = end;
  while (b < text.length && !/[\s)>\]]/.test(text[b])) b++;
  const token = text.slice(a, b);
  if (token.includes('@') || token.includes('://') || /^www\./i.test(token)) return true;
  return a >= 2 && text[a - 1] === '(' && text[a - 2] === ']';
}

/** 0 mixed case, 1 all caps, 2 all lower (lower is better). */
function kindOf(s: string): number {
  if (s === s.toLowerCase()) return 2;
  return s === s.toUpperCase() ? 1 : 0;
}

export function deriveCompany(domain: string, ...texts: string[]): string {
  const label = mainLabel(domain);
  // Not a Unicode regex on purpose: case-insensitive ASCII matching is much faster on big bodies.
  const pattern = new RegExp(escapeRegExp(label).replace(/\\?-/g, '[-\\s]?'), 'gi');
  const counts = new Map<string, number>(); // in order of first appearance
  for (const text of texts) {
    for (const m of text.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (isWordChar(text[start - 1]) || isWordChar(text[end]) || inAddress(text, start, end)) continue;
      counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
    }
  }
  const spellings = [...counts]
    .map(([spelling, n]) => ({ spelling, n, kind: kindOf(spelling) }))
    // lower case is how addresses are written, not a spelling; long all-caps words are SHOUTED legal text
    .filter(({ spelling, kind }) => kind === 0 || (kind === 1 && spelling.replace(/[^\p{L}]/gu, '').length <= 5))
    // a stable sort: among equals, the spelling met first
    .sort((a, b) => a.kind - b.kind || b.n - a.n);
  return spellings[0]?.spelling ?? capitalise(label);
}
