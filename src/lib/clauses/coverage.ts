/**
 * Did the page publish what the policy says? Every word of the policy body (the text the importer wrote) must
 * be on its page: in the title, a heading or a clause. The loader prints what this finds, naming the file: text
 * is never dropped in silence (issue #16). There is no tolerance: one missing word is reported.
 *
 * Both sides are read the same way, so that a difference is a loss and not a way of counting:
 * - the body as a reader sees it (reader-text.ts): without ordered-list numbers (the page shows them as list
 *   numbering), link destinations and titles, autolinks; escapes and character references decoded;
 * - a word is what lies between spaces (or table pipes), compared by its letters and digits only: emphasis,
 *   brackets and punctuation inside it do not count, so "**f**rom" and "[News](…)[Markets](…)" on one side are
 *   "from" and "NewsMarkets" on the page, as a reader sees them, whether markdown-it made emphasis of them or not;
 * - words are compared as multisets, in one pass over each side.
 * The page may show words the body does not (an autolink's address, a list number that is no list): not a loss.
 */
import { WORD_CHAR } from '../import/word-count.ts';
import { readerText } from './reader-text.ts';
import { sectionClauses, type SegmentedPolicy } from './types.ts';

/** How many missing words a warning names. */
const NAMED = 5;

/** White space as JavaScript's \s (the segmenter collapses it into single spaces), and the table pipe. */
const SEPARATOR = new Uint8Array(0x10000);
for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x7c, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]) SEPARATOR[c] = 1;
SEPARATOR.fill(1, 0x2000, 0x200b);

/** Calls `each` with every word of the text: the word as written, and its letters and digits. */
function eachWord(text: string, each: (word: string, key: string) => void): void {
  let start = 0;
  let key = '';
  let plain = true; // the word so far is all letters and digits: its key is the word itself
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0x20;
    if (SEPARATOR[c] === 1) {
      if (i > start) {
        if (plain) each(text.slice(start, i), text.slice(start, i));
        else if (key) each(text.slice(start, i), key);
      }
      key = '';
      plain = true;
      start = i + 1;
    } else if (WORD_CHAR[c] !== 1) {
      if (plain) key = text.slice(start, i);
      plain = false;
    } else if (!plain) key += text[i];
  }
}

/** What the page shows: its title, headings and clauses. */
function pageTexts(policy: SegmentedPolicy): string[] {
  const texts = policy.sections.flatMap((section) => [section.heading, ...sectionClauses(section).map((c) => c.text)]);
  return policy.title ? [policy.title, ...texts] : texts;
}

/** The runs of letters and digits of a word ("Conditions](https://x.com))" has "Conditions", "https", "x", "com"). */
function eachRun(word: string, each: (run: string) => void): void {
  for (let i = 0; i < word.length; i++) {
    if (WORD_CHAR[word.charCodeAt(i)] !== 1) continue;
    let j = i + 1;
    while (j < word.length && WORD_CHAR[word.charCodeAt(j)] === 1) j++;
    each(word.slice(i, j));
    i = j;
  }
}

function take(counts: Map<string, number>, key: string): boolean {
  const n = counts.get(key) ?? 0;
  if (n === 0) return false;
  counts.set(key, n - 1);
  return true;
}

const add = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

/**
 * The words of the body that its page does not show (each as written, in the body's order), and how many words
 * the body has. A body word is matched with a page word of the same letters and digits; the few left over on
 * both sides are then matched by their runs of letters: where the two sides split a word differently (a code
 * block shows a link's address; "P****roctorio" is no emphasis, the page shows the asterisks), the runs agree.
 */
export function missingWords(body: string, policy: SegmentedPolicy): { words: number; missing: string[] } {
  const texts = pageTexts(policy);
  const shown = new Map<string, number>();
  for (const text of texts) eachWord(text, (_, key) => add(shown, key));
  const unmatched: string[] = [];
  let words = 0;
  eachWord(readerText(body), (word, key) => {
    words++;
    if (!take(shown, key)) unmatched.push(word);
  });
  if (unmatched.length === 0) return { words, missing: [] };
  const runs = new Map<string, number>();
  for (const text of texts) eachWord(text, (word, key) => {
    if (take(shown, key)) eachRun(word, (run) => add(runs, run));
  });
  const missing = unmatched.filter((word) => {
    let lost = false;
    eachRun(word, (run) => { if (!take(runs, run)) lost = true; });
    return lost;
  });
  return { words, missing };
}

/** What a build should say about this page (nothing, usually). */
export function coverageWarnings(policy: SegmentedPolicy, body: string): string[] {
  const warnings: string[] = [];
  if (policy.overflow) {
    warnings.push(`more than ${policy.overflow.limit} sections and clauses: the last ${policy.overflow.spilled} are shown as the text of one clause`);
  }
  const { words, missing } = missingWords(body, policy);
  if (missing.length > 0) {
    const share = (100 * missing.length) / words;
    const named = missing.slice(0, NAMED).map((word) => JSON.stringify(word)).join(', ');
    warnings.push(
      `the page shows ${words - missing.length} of the ${words} words imported (${share < 0.1 ? '<0.1' : share.toFixed(1)} % missing; first missing: ${named}${missing.length > NAMED ? ', …' : ''})`,
    );
  }
  return warnings;
}
