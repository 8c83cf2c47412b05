/**
 * Company display name from the domain: the domain's main label ("smartertools" for
 * smartertools.com, "bbc" for bbc.co.uk), spelled as the policy itself spells it
 * ("SmarterTools", "AtTask"); otherwise the label capitalised.
 */

/** Second-level labels that are part of a country's public suffix (co.uk, com.au, ...). */
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'edu', 'ac', 'or', 'ne', 'go', 'gob', 'mil', 'nic', 'ltd', 'plc', 'sch', 'nom', 'info', 'biz']);

export function mainLabel(domain: string): string {
  const labels = domain.toLowerCase().replace(/^www\./, '').split('.');
  if (labels.length >= 3) {
    const tld = labels[labels.length - 1];
    const sld = labels[labels.length - 2];
    if (tld.length === 2 && SECOND_LEVEL.has(sld)) return labels[labels.length - 3];
  }
  return labels.length >= 2 ? labels[labels.length - 2] : labels[0];
}

/** "smartertools" → "Smartertools", "example-shop" → "Example-Shop". */
export function capitalise(label: string): string {
  return label.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
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
