/**
 * Clauses that are not statements: a heading or contents entry set as a paragraph, a date line. Reading the
 * archive's labels (docs/topics.md, "Stop 17: headings and date lines") showed that most wrong Introduction, Other
 * provisions and Changes to the policy clauses were such lines of four words or more ("Changes to this Privacy
 * Policy", "How we use your data", "Last updated: August 20, 2026"), which the fragment guard (MIN_WORDS) lets
 * through. A reader of a topic page expects a statement about the topic, so these lines get no topic.
 *
 * Every test here takes time linear in the text, and most stop after MAX_WORDS words: untrusted text.
 */

/** Longer clauses are never taken for headings or date lines. */
export const MAX_WORDS = 12;

/**
 * Words a title-case heading leaves in lower case ("Changes to this Privacy Policy", "How We Use the Data We
 * Collect"). "not" is left out on purpose: it is capitalised in a title, and keeps "We do not …" a statement.
 */
const SMALL = new Set(
  'a an and or nor but the of to for in on at by with from into onto per via vs your our their its my this these that those we you us how what why when where who whom which is are do does can may will about as if'.split(
    ' ',
  ),
);

/** A date line opens with one of these (after any punctuation or markup), e.g. "Last updated:", "Effective Date:". */
const DATE_LEAD =
  /^[^\p{L}\p{N}]{0,8}(?:(?:date (?:of )?)?(?:last )?(?:updated|modified|revised|reviewed|amended)\b|last (?:update|modification|revision)\b|effective\b|(?:this )?(?:privacy )?(?:policy|notice|statement) (?:last )?(?:updated|effective)\b)/u;

/** A contents list: the section's heading ("Contents", "Table of contents", "In this policy", "Quick links"). */
const CONTENTS_HEADING = /^[^\p{L}]{0,8}(?:table of contents|contents|in this (?:privacy )?(?:policy|notice|statement)|quick links|jump to|on this page)\b/u;

/** A contact detail (an e-mail address, a number of three digits or more: phone, street number) is no line. */
const CONTACT_DETAIL = /@|\d{3}/;

/**
 * A line of an address in title case is an 'address', not a heading: "Toyota Motor Sales, U.S.A., Inc.", "Wix
 * Online Platforms Limited 1 Grant's Row Dublin 2 D02HX96, Ireland", "40 Namal Tel Aviv St., Tel Aviv, Israel; or".
 */
const ADDRESS = /\b(?:Inc|Ltd|LLC|GmbH|PLC|Corp|S\.A|B\.V)\b|\w Limited\b|\b(?:Street|St|Road|Rd|Avenue|Ave|Suite|Floor)[.,]/;

/** Closing characters skipped when looking at how a clause ends: quotes, brackets, emphasis markup. */
const CLOSERS = new Set(['"', "'", '”', '’', ')', ']', '*', '_', ' ', '\t', '\n']);

export type LineKind = 'date' | 'heading' | 'contents' | 'address';

/**
 * The words of `text` (runs of non-space characters holding a letter or digit), or undefined when there are more
 * than MAX_WORDS: only the first MAX_WORDS + 1 are looked at.
 */
function shortWords(text: string): string[] | undefined {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const space = i === text.length || text[i] === ' ' || text[i] === '\n' || text[i] === '\t' || text[i] === '\u00a0';
    if (!space && start < 0) start = i;
    else if (space && start >= 0) {
      const word = text.slice(start, i);
      start = -1;
      if (!hasWordChar(word)) continue;
      words.push(word);
      if (words.length > MAX_WORDS) return undefined;
    }
  }
  return words;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

function hasWordChar(word: string): boolean {
  return WORD_CHAR.test(word);
}

/** A letter that has an upper and a lower case (Latin, Greek, Cyrillic, …; not CJK). */
function isCased(ch: string): boolean {
  return ch.toLowerCase() !== ch.toUpperCase();
}

/** The last character of the text that is not a closer (quote, bracket, markup, space), or ''. */
function lastMark(text: string): string {
  for (let i = text.length - 1; i >= 0; i--) if (!CLOSERS.has(text[i])) return text[i];
  return '';
}

/**
 * Title case or all capitals: every word that starts with a cased letter starts with a capital, except SMALL
 * words, and at least two words do ("Changes to this Privacy Policy", "HOW TO CONTACT US", "5. Children's
 * Privacy"). `allCaps` tells whether no word has a lower-case letter at all.
 */
function titleCase(words: string[]): { title: boolean; allCaps: boolean } {
  let capitals = 0;
  let allCaps = true;
  for (const word of words) {
    let first = '';
    for (const ch of word) {
      if (isCased(ch)) {
        first = ch;
        break;
      }
    }
    if (!first) continue; // a number, an enumerator like "5.", a word in an uncased script
    if (word !== word.toUpperCase()) allCaps = false;
    if (first !== first.toLowerCase()) capitals++;
    else if (!SMALL.has(word.toLowerCase().replace(/[^\p{L}]/gu, ''))) return { title: false, allCaps: false };
  }
  return { title: capitals >= 2, allCaps };
}

/** "5.", "4.2", "H.", "iv)", "(b)": an enumerator opening a numbered heading. */
function isEnumerator(word: string): boolean {
  return /^\(?(?:\d{1,3}(?:\.\d{1,3}){0,3}|[A-Za-z]|[ivxlcIVXLC]{1,6})[.)]?$/.test(word) && /[.)\d]/.test(word);
}

/**
 * Whether a clause is a line rather than a statement, and which kind:
 * - 'date': a date line of at most MAX_WORDS words ("Last updated: August 20, 2026", "Effective: 17 July 2020");
 * - 'heading': at most MAX_WORDS words in title case or capitals that do not end a sentence ("How We Protect Your
 *   Information", "Changes to This Privacy Policy", "How Do I Opt Out?", "15. Updates to this Privacy Statement.");
 *   a line in capitals ending with a full stop is a heading only when numbered ("J. HOW TO CONTACT US."), for
 *   "WE DO NOT SELL YOUR PERSONAL INFORMATION." is a statement. A numbered line in sentence case is left alone
 *   ("8. Keeping your personal data safe" is a heading, but "2. We also get technical information when you use
 *   Pinterest" and "(b) Contact details (e-mail address, phone number)" say something);
 * - 'contents': a line of at most MAX_WORDS words that does not end a sentence, in a section headed "Contents",
 *   "Table of contents", "In this policy", … ("How we use your data", "Why Google collects data").
 * - 'address': a line of an address in title case (a company suffix, a street word): at most a contact detail.
 * A contact detail (an e-mail address or a number of three digits or more) is none of these.
 * Otherwise undefined.
 */
export function lineKind(text: string, heading?: string): LineKind | undefined {
  const words = shortWords(text);
  if (!words?.length) return undefined;
  if (DATE_LEAD.test(text.slice(0, 80).toLowerCase()) && /\d/.test(text)) return 'date';
  if (CONTACT_DETAIL.test(text)) return undefined;
  const { title, allCaps } = titleCase(words);
  if (title && ADDRESS.test(text)) return 'address';
  const end = lastMark(text);
  if (end === ',' || end === ';' || end === '!' || end === '…') return undefined; // a list item or a sentence
  if (title && (end !== '.' || !allCaps || isEnumerator(words[0]))) return 'heading';
  if (end !== '.' && heading && CONTENTS_HEADING.test(heading.toLowerCase().slice(0, 80))) return 'contents';
  return undefined;
}

/** Longer headings and clauses are never compared (a line of MAX_WORDS words is far shorter). */
const MAX_LINE_CHARS = 400;

/**
 * A heading or clause reduced for comparison: lower case, words only, leading numbers dropped ("5. Children's
 * Privacy" and "Children's privacy" compare equal); '' for a text longer than MAX_LINE_CHARS. Linear in the text.
 */
export function comparableLine(text: string): string {
  if (text.length > MAX_LINE_CHARS) return '';
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  let k = 0;
  while (k < words.length - 1 && /^\d+$/.test(words[k])) k++;
  return words.slice(k).join(' ');
}

/**
 * A clause that repeats a heading of its policy (other than a contact detail, and not ending like a sentence part)
 * is a contents entry or a heading set as a paragraph: label.ts gives it no topic. `headings` holds
 * comparableLine() of every heading of the policy.
 */
export function repeatsHeading(text: string, headings: ReadonlySet<string>): boolean {
  if (text.length > MAX_LINE_CHARS || !shortWords(text) || CONTACT_DETAIL.test(text)) return false;
  const end = lastMark(text);
  if (end === ',' || end === ';') return false;
  const line = comparableLine(text);
  return line.length > 0 && headings.has(line);
}
