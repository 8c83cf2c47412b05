/**
 * Company display name, the name people know, in this order:
 *   1. the committed override table (company-names.ts), for what no rule gets right ("ui.com" → Ubiquiti);
 *   2. the Open Terms Archive service name, when it names this domain ("Reddit" for redditinc.com, "Stack
 *      Overflow" for stackoverflow.com; not "Gmail" for google.com, one of several services of that domain),
 *      unless the policy spells the same letters otherwise ("CoinDesk", not the service's "Coindesk");
 *   3. the domain's main label ("smartertools" for smartertools.com, "bbc" for bbc.co.uk; an IDN label
 *      decoded, "bücher" for xn--bcher-kva.de), spelled as the policy itself spells it ("SmarterTools",
 *      "AtTask"); otherwise the label capitalised.
 */
import { domainToUnicode } from 'node:url';
import { COMPANY_NAMES } from './company-names.ts';
import { openTermsArchiveService } from './title.ts';

/** Second-level labels that are part of a country's public suffix (co.uk, com.au, ...). */
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'edu', 'ac', 'or', 'ne', 'go', 'gob', 'mil', 'nic', 'ltd', 'plc', 'sch', 'nom', 'info', 'biz']);

/** The domain's main label, decoded from punycode when it is an IDN ("xn--bcher-kva.de" → "bücher"). */
export function mainLabel(domain: string): string {
  const labels = (domainToUnicode(domain.toLowerCase()) || domain.toLowerCase()).replace(/^www\./, '').split('.');
  if (labels.length >= 3) {
    const tld = labels[labels.length - 1];
    const sld = labels[labels.length - 2];
    if (tld.length === 2 && SECOND_LEVEL.has(sld)) return labels[labels.length - 3];
  }
  return labels.length >= 2 ? labels[labels.length - 2] : labels[0];
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

/** The display name of the company of a policy (see the module comment for the order of the rules). */
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

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function isWordChar(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  if (code < 128) return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
  return LETTER_OR_DIGIT.test(c);
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

type Kind = 0 | 1 | 2; // 0 mixed case, 1 all caps, 2 all lower (lower is better)

function kindOf(s: string): Kind {
  const upper = s.toUpperCase();
  const lower = s.toLowerCase();
  if (s === lower) return 2;
  if (s === upper) return 1;
  return 0;
}

export function deriveCompany(domain: string, ...texts: string[]): string {
  const label = mainLabel(domain);
  // Not a Unicode regex on purpose: case-insensitive ASCII matching is much faster on big bodies.
  const pattern = new RegExp(escapeRegExp(label).replace(/\\?-/g, '[-\\s]?'), 'gi');
  const counts = new Map<string, { n: number; first: number }>();
  let order = 0;
  for (const text of texts) {
    if (!text) continue;
    pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = pattern.exec(text)) !== null) {
      const start = m.index;
      const end = start + m[0].length;
      if (isWordChar(text[start - 1]) || isWordChar(text[end]) || inAddress(text, start, end)) continue;
      const spelling = m[0];
      const entry = counts.get(spelling);
      if (entry) entry.n++;
      else counts.set(spelling, { n: 1, first: order++ });
    }
  }
  let best: string | undefined;
  let bestKey: [number, number, number] | undefined;
  for (const [spelling, { n, first }] of counts) {
    const kind = kindOf(spelling);
    if (kind === 2) continue; // lower case is how addresses are written, not a spelling
    if (kind === 1 && spelling.replace(/[^\p{L}]/gu, '').length > 5) continue; // SHOUTED legal text
    const key: [number, number, number] = [kind, -n, first];
    if (!bestKey || key[0] < bestKey[0] || (key[0] === bestKey[0] && (key[1] < bestKey[1] || (key[1] === bestKey[1] && key[2] < bestKey[2])))) {
      best = spelling;
      bestKey = key;
    }
  }
  return best ?? capitalise(label);
}
