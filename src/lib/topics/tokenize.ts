/**
 * Tokenizer and n-gram features for the topic classifier. Pure and deterministic; words are stemmed by the
 * project's one stemmer (search/stem.ts, through search/terms.ts formStem).
 *
 * - lower-cases and NFKC-normalises, drops apostrophes inside words ("don't" -> "dont");
 * - e-mail addresses become `_email_`, URLs `_url_`, numbers of four or more digits `_num_`
 *   (short numbers like the "13" in "under 13" are kept: they carry meaning);
 * - tokens are runs of letters/digits.
 */

import { formStem } from '../search/terms.ts';

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/g;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"')]+/g;
const APOSTROPHE = /(\p{L})['\u2019](\p{L})/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const DIGIT = /\p{N}/u;
const PLACEHOLDERS = ['_email_', '_url_'];

function isWordChar(code: number, ch: string): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95;
  return WORD_CHAR.test(ch);
}

export function tokenize(text: string): string[] {
  let normal = text.normalize('NFKC').toLowerCase();
  // the regular expressions are costly on long texts: run them only when they can match
  if (normal.includes('@')) normal = normal.replace(EMAIL, ' _email_ ');
  if (normal.includes('http') || normal.includes('www.')) normal = normal.replace(URL, ' _url_ ');
  if (normal.includes("'") || normal.includes('\u2019')) normal = normal.replace(APOSTROPHE, '$1$2');
  const out: string[] = [];
  const n = normal.length;
  let i = 0;
  while (i < n) {
    let code = normal.charCodeAt(i);
    if (!isWordChar(code, normal[i]) || code === 95) {
      // "_" only inside our placeholders
      const placeholder = code === 95 ? PLACEHOLDERS.find((p) => normal.startsWith(p, i)) : undefined;
      if (placeholder) out.push(placeholder);
      i += placeholder?.length ?? 1;
      continue;
    }
    const start = i;
    let digits = true;
    while (i < n) {
      code = normal.charCodeAt(i);
      if (code === 95 || !isWordChar(code, normal[i])) break;
      if (digits && !(code >= 48 && code <= 57) && !(code >= 128 && DIGIT.test(normal[i]))) digits = false;
      i++;
    }
    out.push(digits && i - start >= 4 ? '_num_' : normal.slice(start, i));
  }
  return out;
}

const stemCache = new Map<string, string>();

/**
 * The stem of a token: the project's one stemmer (search/stem.ts, Snowball English as Pagefind uses it) for words of
 * the letters a to z, which is what it is written for; other tokens (placeholders such as `_email_`, numbers,
 * words with other letters) are left as they are. Memoised (real policies reuse a small vocabulary).
 */
export function stemToken(t: string): string {
  let s = stemCache.get(t);
  if (s === undefined) {
    if (stemCache.size >= 200_000) stemCache.clear();
    s = formStem(t);
    stemCache.set(t, s);
  }
  return s;
}

/** Unigrams and bigrams (joined by a space) of a token list, in order of appearance, with repeats. */
export function ngrams(tokens: readonly string[]): string[] {
  const out: string[] = tokens.slice();
  for (let i = 0; i + 1 < tokens.length; i++) out.push(`${tokens[i]} ${tokens[i + 1]}`);
  return out;
}

/** Term counts of the uni+bigrams of a text's stemmed tokens. Map iteration order is first appearance (deterministic). */
export function termCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of ngrams(tokenize(text).map(stemToken))) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/**
 * Hand-written cue patterns (on the lower-cased text) for categories whose wording varies more than word pairs
 * capture; each match adds one pseudo-token `_kw_<name>_`, and the clause length adds `_len<k>_`
 * (k = floor(log2(tokens + 1))). Used when a model is trained with `keywords`.
 * Each rule: name, substrings of which the text must contain one for the pattern to match at all (a cheap
 * pre-check that never changes the result, it only saves regex scans; null = none), pattern.
 */
const KEYWORD_RULES: ReadonlyArray<readonly [string, readonly string[] | null, RegExp]> = [
  ['keepfor', ['retain', 'retention', 'keep', 'kept', 'stor', 'hold', 'maintain'], /\b(?:retain|retention|keep|kept|store|stored|storage|hold|maintain)\b[^.;]{0,60}\b(?:for|until|as long as|period|years?|months?|days?)\b/],
  ['duration', ['day', 'week', 'month', 'year'], /\b(?:\d+|one|two|three|six|twelve|thirty|ninety) (?:\(\d+\) )?(?:days?|weeks?|months?|years?)\b/],
  ['optout', ['opt', 'unsubscrib', 'remove '], /\bopt(?:-| )?(?:out|in)\b|\bunsubscrib|\bremove (?:yourself|your name) from\b/],
  ['prefs', ['preferences', 'settings', 'privacy control'], /\b(?:preferences|settings|privacy controls?)\b/],
  ['refuse', ['cookie'], /\b(?:disable|refuse|decline|reject|block|turn off|delete)\b[^.;]{0,40}\bcookies?\b|\bcookies?\b[^.;]{0,40}\b(?:disable|refuse|decline|reject|block)/],
  ['youchoose', ['you'], /\byou (?:may|can|could|have the (?:right|option|ability)(?: to)?) (?:choose|elect|decline|refuse|opt|withdraw|object)\b|\byour (?:choices?|consent)\b/],
  ['edit', ['your ', 'their '], /\b(?:access|review|update|correct|amend|edit|modify|change|delete|remove)\b[^.;]{0,40}\b(?:your|their) (?:personal |account )?(?:information|data|account|profile|details)\b/],
  ['rights', ['right to', 'right of'], /\bright (?:to|of) (?:access|rectif|eras|delet|correct|request|obtain|data portab)/],
  ['secure', ['encrypt', 'ssl', 'tls', 'secure socket', 'firewall', 'safeguard', 'unauthori', 'security measures'], /\b(?:encrypt|ssl|tls|secure sockets?|firewalls?|safeguards?|unauthori[sz]ed access|security measures)/],
  ['sell', ['sell', 'sold', 'rent', 'trade', 'disclos', 'transfer'], /\b(?:sell|sells|sold|rent|trade|disclose|transfer)\b[^.;]{0,40}\b(?:information|data|address(?:es)?|details|lists?)\b/],
  ['region', ['california', 'nevada', 'europ', 'eea', 'gdpr', 'canad', 'swi', 'kingdom', 'resident', 'outside'], /\b(?:california|nevada|europe(?:an)?|eea|gdpr|canada|canadian|switzerland|swiss|united kingdom)\b|\bresidents? of\b|\boutside (?:of )?the (?:united states|u\.?s\.?)/],
  ['phone', null, /\(?\b\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b|\b1-8\d\d\b/],
  ['postal', null, /\b(?:suite|street|st\.|ave\.?|avenue|road|blvd|p\.?\s?o\.? box|attn)\b|\b[a-z]{2} \d{5}\b/],
  ['thispolicy', ['policy', 'statement', 'notice'], /\bthis (?:online )?(?:privacy )?(?:policy|statement|notice)\b[^.;]{0,30}\b(?:describes|explains|applies|covers|sets out|governs)/],
  ['changes', ['policy', 'statement', 'notice'], /\b(?:change|modify|revise|update|amend)\b[^.;]{0,30}\b(?:this|our|the) (?:privacy )?(?:policy|statement|notice)/],
];

export const KEYWORD_RULES_FOR_TESTS = KEYWORD_RULES;

export function keywordTokens(text: string, tokenCount: number): string[] {
  const lower = text.toLowerCase();
  const out = [`_len${Math.floor(Math.log2(tokenCount + 1))}_`];
  for (const [name, needles, re] of KEYWORD_RULES) {
    if (needles && !needles.some((n) => lower.includes(n))) continue;
    if (re.test(lower)) out.push(`_kw_${name}_`);
  }
  return out;
}

/**
 * The section heading of a clause as features: one pseudo-token `h_<stem>` per distinct stemmed heading token
 * (so "Data retention" gives `h_data`, `h_retent`), in order of first appearance. The model learns their weights
 * from OPP-115 segments whose heading it knows (data.ts withHeadings), like any other term.
 */
export function headingTokens(heading: string | undefined): string[] {
  if (!heading) return [];
  return [...new Set(tokenize(heading).map((t) => `h_${stemToken(t)}`))];
}
