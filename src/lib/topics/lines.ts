/**
 * Clauses that are not statements (a heading or contents entry set as a paragraph, a date line, an address line)
 * get no topic: docs/topics.md ("Stop 17: headings and date lines", "Stop 18") gives the rules with their examples
 * and the reading of the archive behind them. Every test here takes time linear in the text, and most stop after
 * MAX_WORDS words: untrusted text.
 */

import { isDateSentence } from './date-line.ts';

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

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * A line of an address in title case is an 'address', not a heading: "Toyota Motor Sales, U.S.A., Inc.", "Wix
 * Online Platforms Limited 1 Grant's Row Dublin 2 D02HX96, Ireland", "40 Namal Tel Aviv St., Tel Aviv, Israel; or".
 */
const ADDRESS = /\b(?:Inc|Ltd|LLC|GmbH|PLC|Corp|S\.A|B\.V)\b|\w Limited\b|\b(?:Street|St|Road|Rd|Avenue|Ave|Suite|Floor)[.,]/;

/**
 * In a title-case line that holds a number, a street, a post box or a US state and ZIP code make it an address
 * (stop 18): "100 Union Square Drive", "Starbucks Customer Service Starbucks, P.O. Box 20430, Augusta, GA 30916".
 */
const STREET = /\b(?:Street|St|Road|Rd|Avenue|Ave|Drive|Boulevard|Blvd|Parkway|Pkwy|Expressway|Highway|Hwy|Lane|Suite|Ste|Floor|Box|Allee)\b|\b[A-Z]{2} \d{5}\b/;

/** Closing characters skipped when looking at how a clause ends: quotes, brackets, emphasis markup. */
const CLOSERS = new Set(['"', "'", '”', '’', ')', ']', '*', '_', ' ', '\t', '\n']);

export type LineKind = 'date' | 'heading' | 'contents' | 'address';

/** An address line may be longer than other lines (a company, a street, a city and a postcode on one line). */
const MAX_ADDRESS_WORDS = 20;

/**
 * The words of `text` (runs of non-space characters holding a letter or digit), or undefined when there are more
 * than `limit`: only the first `limit` + 1 are looked at.
 */
function shortWords(text: string, limit = MAX_WORDS): string[] | undefined {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const space = i === text.length || text[i] === ' ' || text[i] === '\n' || text[i] === '\t' || text[i] === '\u00a0';
    if (!space && start < 0) start = i;
    else if (space && start >= 0) {
      const word = text.slice(start, i);
      start = -1;
      if (!WORD_CHAR.test(word)) continue;
      words.push(word);
      if (words.length > limit) return undefined;
    }
  }
  return words;
}

/** A letter that has an upper and a lower case (Latin, Greek, Cyrillic, …; not CJK). */
function isCased(ch: string): boolean {
  return ch.toLowerCase() !== ch.toUpperCase();
}

/** The last character of the text that is not a closer (quote, bracket, markup, space), or ''. */
export function lastMark(text: string): string {
  for (let i = text.length - 1; i >= 0; i--) if (!CLOSERS.has(text[i])) return text[i];
  return '';
}

/**
 * The length of an enumerator glued to the word it numbers ("9.c.Changes" -> 4, "2.HOW" -> 2, "(3)We" -> 3): digits,
 * then digits or single letters, each closed by "." or ")", followed by a letter; 0 if there is none. Linear.
 */
function gluedEnumerator(word: string): number {
  let i = word[0] === '(' ? 1 : 0;
  const start = i;
  while (i < word.length && i - start < 3 && isDigit(word[i])) i++;
  if (i === start || (word[i] !== '.' && word[i] !== ')')) return 0;
  i++;
  for (;;) {
    let j = i;
    while (j < word.length && j - i < 3 && isDigit(word[j])) j++;
    if (j === i && j < word.length && isCased(word[j])) j++;
    if (j === i || (word[j] !== '.' && word[j] !== ')')) break;
    i = j + 1;
  }
  return i < word.length && isCased(word[i]) ? i : 0;
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

/**
 * Title case or all capitals: every word that starts with a cased letter starts with a capital, except SMALL
 * words, and at least two words do ("Changes to this Privacy Policy", "HOW TO CONTACT US", "5. Children's
 * Privacy"). `allCaps` tells whether no word has a lower-case letter at all.
 */
function titleCase(words: string[]): { title: boolean; allCaps: boolean } {
  let capitals = 0;
  let allCaps = true;
  for (const [k, whole] of words.entries()) {
    const word = k === 0 ? whole.slice(gluedEnumerator(whole)) : whole; // "9.c.Changes to this Policy"
    const first = [...word].find(isCased);
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
 * Whether a clause is a line rather than a statement, and which kind (docs/topics.md has each rule's examples):
 * - 'date': a date line of at most MAX_WORDS words ("Last updated: August 20, 2026"), or a date sentence
 *   (date-line.ts: "Published on 19 November 2024");
 * - 'heading': at most MAX_WORDS words in title case or capitals that do not end a sentence, with its number glued
 *   on or not ("9.c.Changes to this Policy"); in capitals and ending with a full stop, only when numbered ("J. HOW
 *   TO CONTACT US.", for "WE DO NOT SELL YOUR PERSONAL INFORMATION." is a statement); never in sentence case;
 * - 'contents': at most MAX_WORDS words not ending a sentence, in a section headed "Contents", "In this policy", …;
 * - 'address': a line of an address in title case (a company suffix, a street word; with a number, also "Drive",
 *   "Box", a state and ZIP code, and up to MAX_ADDRESS_WORDS words): at most a contact detail.
 * A contact detail (an e-mail address or a number of three digits or more) is none of these, but for an address.
 */
export function lineKind(text: string, heading?: string): LineKind | undefined {
  const words = shortWords(text, MAX_ADDRESS_WORDS);
  if (!words?.length) return undefined;
  const digit = /\d/.test(text);
  if (words.length > MAX_WORDS) return digit && STREET.test(text) && titleCase(words).title ? 'address' : undefined;
  if (digit && (DATE_LEAD.test(text.slice(0, 80).toLowerCase()) || isDateSentence(words))) return 'date';
  const { title, allCaps } = titleCase(words);
  if (title && (ADDRESS.test(text) || (digit && STREET.test(text)))) return 'address';
  if (CONTACT_DETAIL.test(text)) return undefined;
  const end = lastMark(text);
  if (end === ',' || end === ';' || end === '!' || end === '…') return undefined; // a list item or a sentence
  const numbered = isEnumerator(words[0]) || gluedEnumerator(words[0]) > 0;
  if (title && (end !== '.' || !allCaps || numbered)) return 'heading';
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
