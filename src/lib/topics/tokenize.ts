/**
 * Tokenizer and n-gram features for the topic classifier. Pure, deterministic, dependency-free.
 *
 * - lower-cases and NFKC-normalises, drops apostrophes inside words ("don't" -> "dont");
 * - e-mail addresses become `_email_`, URLs `_url_`, numbers of four or more digits `_num_`
 *   (short numbers like the "13" in "under 13" are kept: they carry meaning);
 * - tokens are runs of letters/digits.
 */

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/g;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"')]+/g;
const APOSTROPHE = /(\p{L})['\u2019](\p{L})/gu;
const TOKEN = /_email_|_url_|[\p{L}\p{N}]+/gu;

export function tokenize(text: string): string[] {
  const normal = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(EMAIL, ' _email_ ')
    .replace(URL, ' _url_ ')
    .replace(APOSTROPHE, '$1$2');
  const out: string[] = [];
  for (const match of normal.matchAll(TOKEN)) {
    let token = match[0];
    if (/^\p{N}{4,}$/u.test(token)) token = '_num_';
    out.push(token);
  }
  return out;
}

/**
 * A light suffix stripper (not Porter): folds common inflections and derivations so that "collect", "collects",
 * "collected", "collecting", "collection" share one feature. Tokens of 4 letters or fewer are left alone.
 */
export function stem(token: string): string {
  if (token.length <= 4 || token.startsWith('_')) return token;
  let t = token;
  for (const suffix of ['ations', 'ation', 'ments', 'ment', 'ings', 'ing', 'ions', 'ion', 'ers', 'er', 'ed', 'es', 'ly', 's']) {
    if (t.endsWith(suffix) && t.length - suffix.length >= 4) {
      t = t.slice(0, -suffix.length);
      break;
    }
  }
  // cookie/cookies, policy/policies, apply/applied all end in "i"
  if (t.endsWith('ie')) t = t.slice(0, -1);
  else if (t.endsWith('y')) t = `${t.slice(0, -1)}i`;
  return t;
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
  const tokens = tokenize(text);
  for (const term of ngrams(tokens.map(stem))) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}
