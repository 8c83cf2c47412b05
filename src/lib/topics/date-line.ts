/**
 * A date sentence: a short line that says nothing but a date of the policy, in words the date-line lead of lines.ts
 * (DATE_LEAD) does not open with: "Published on 19 November 2024", "Version 3.0, effective July 7, 2020"
 * (docs/topics.md, stop 18). A clause that merely holds a date says something else too and is left alone.
 */

/** Month and day names, in full and short: parts of a date. */
const DATE_NAMES = new Set(
  'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday'.split(
    ' ',
  ),
);

/** Words that say when the policy changed; a date sentence holds at least one. */
const DATE_VERBS = new Set('updated update reviewed revised revision modified modification amended published posted effective valid date dated version'.split(' '));

/** The other words a date sentence may hold: what is dated, and the glue of the sentence. */
const DATE_WORDS = new Set(
  'this the our privacy policy notice statement cookie cookies page document was is has been were last first as of on from and in at since it its current latest'.split(' '),
);

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const DIGIT = /\d/;

/** The word without the punctuation around it, in lower case: "(Version" -> "version", "update:" -> "update". */
function bare(word: string): string {
  let start = 0;
  let end = word.length;
  while (start < end && !LETTER_OR_DIGIT.test(word[start])) start++;
  while (end > start && !LETTER_OR_DIGIT.test(word[end - 1])) end--;
  return word.slice(start, end).toLowerCase();
}

/**
 * Whether `words` (a short line's words, lines.ts shortWords) are a date sentence: at least one number or date
 * ("2020", "6th,", "24/04/2026"), at least one of DATE_VERBS, and nothing but these, date names and DATE_WORDS.
 * Linear in the length of the words.
 */
export function isDateSentence(words: readonly string[]): boolean {
  let dated = false;
  let verb = false;
  for (const word of words) {
    const w = bare(word);
    if (!w) continue;
    if (DIGIT.test(w)) dated = true;
    else if (DATE_VERBS.has(w)) verb = true;
    else if (!DATE_NAMES.has(w) && !DATE_WORDS.has(w)) return false;
  }
  return dated && verb;
}
