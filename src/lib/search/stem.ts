/**
 * The English stemmer of Pagefind 1.6's search: Snowball's "english" algorithm as of Snowball 3.1
 * (https://snowballstem.org/algorithms/english/stemmer.html, with the 3.0–3.1 changes: "-ogist" → "-og",
 * no undoubling after a lone a/e/o, and the prefixes past-, univers-, later-, emerg-, organ-, inter- kept whole).
 *
 * Why the search page needs it: a term handed to Pagefind already stemmed loads one index chunk instead of two
 * (src/lib/search/query.ts; measured in docs/scaling.md, "Stems").
 *
 * Written from the algorithm's description, for lower-case words of the letters a to z; test/lib/stem.test.ts
 * checks it against the stems Pagefind itself writes into an index.
 */

const VOWELS = 'aeiouy';
/** Letters that do not close a short syllable ("snow" and "box" are not short). */
const NOT_CLOSING_SHORT = 'aeiouywxY';
/** Letters after which a final "li" (a "-ly" by then) is removed: "quickly" → "quick", "feely" stays "feeli". */
const VALID_LI = 'cdeghkmnrt';

/** Whole words with a fixed stem, or left as they are. */
const EXCEPTIONS = new Map([
  ['skis', 'ski'], ['skies', 'sky'], ['idly', 'idl'], ['gently', 'gentl'], ['ugly', 'ugli'], ['early', 'earli'],
  ['only', 'onli'], ['singly', 'singl'], ['sky', 'sky'], ['news', 'news'], ['howe', 'howe'], ['atlas', 'atlas'],
  ['cosmos', 'cosmos'], ['bias', 'bias'], ['andes', 'andes'],
]);

/** Beginnings after which R1 starts, so that "general" and "generous" (or "universe" and "university") stay apart. */
const R1_PREFIXES = ['gener', 'commun', 'arsen', 'past', 'univers', 'later', 'emerg', 'organ', 'inter'];

const isVowel = (c: string | undefined) => c !== undefined && VOWELS.includes(c);

/** The longest of `suffixes` that `word` ends with. */
function longestSuffix(word: string, suffixes: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const suffix of suffixes) if (word.endsWith(suffix) && (found === undefined || suffix.length > found.length)) found = suffix;
  return found;
}

/**
 * Whether `word` ends in a short syllable: a consonant, a vowel and a consonant other than w, x or Y ("hop"),
 * or a vowel and a consonant as the whole word ("at").
 */
function endsShort(word: string): boolean {
  const n = word.length;
  if (n >= 2 && isVowel(word[n - 2])) {
    if (n >= 3 && !isVowel(word[n - 3]) && !NOT_CLOSING_SHORT.includes(word[n - 1])) return true;
    if (n === 2 && !isVowel(word[1])) return true;
  }
  return word.endsWith('past'); // "pasted" → "paste", not "past"
}

/** Snowball's regions: R1 starts after the first consonant that follows a vowel, R2 the same again within R1. */
function regions(word: string): { r1: number; r2: number } {
  const afterVowelConsonant = (from: number) => {
    let i = from;
    while (i < word.length && !isVowel(word[i])) i++;
    while (i < word.length && isVowel(word[i])) i++;
    return i < word.length ? i + 1 : word.length;
  };
  const prefix = R1_PREFIXES.find((start) => word.startsWith(start));
  const r1 = prefix ? prefix.length : afterVowelConsonant(0);
  // Without a vowel followed by a consonant, both regions are empty.
  if (!prefix && r1 === word.length) return { r1, r2: word.length };
  return { r1, r2: afterVowelConsonant(r1) };
}

/** Whether a vowel occurs in word[0, end). */
const hasVowelBefore = (word: string, end: number) => [...word.slice(0, end)].some(isVowel);

function step1a(word: string): string {
  const suffix = longestSuffix(word, ['sses', 'ied', 'ies', 's', 'us', 'ss']);
  const stem = suffix === undefined ? word : word.slice(0, -suffix.length);
  switch (suffix) {
    case 'sses':
      return `${stem}ss`;
    case 'ied':
    case 'ies':
      return stem.length >= 2 ? `${stem}i` : `${stem}ie`;
    case 's':
      // Delete the s if a vowel comes before the letter ahead of it ("gaps" → "gap", "gas" stays).
      return stem.length >= 1 && hasVowelBefore(stem, stem.length - 1) ? stem : word;
    default:
      return word;
  }
}

function step1b(word: string, r1: number): string {
  const suffix = longestSuffix(word, ['eed', 'eedly', 'ed', 'edly', 'ing', 'ingly']);
  if (suffix === undefined) return word;
  const stem = word.slice(0, -suffix.length);
  if (suffix === 'eed' || suffix === 'eedly') {
    if (stem.length < r1) return word;
    return stem === 'proc' || stem === 'exc' || stem === 'succ' ? word : `${stem}ee`;
  }
  if (suffix === 'ing') {
    // dying → die, lying → lie; inning, outing, evening… stay.
    if (stem.length === 2 && stem[1] === 'y' && !isVowel(stem[0])) return `${stem[0]}ie`;
    if (['inn', 'out', 'cann', 'herr', 'earr', 'even'].includes(stem)) return word;
  }
  if (!hasVowelBefore(stem, stem.length)) return word;
  if (stem.endsWith('at') || stem.endsWith('bl') || stem.endsWith('iz')) return `${stem}e`;
  const last = stem.at(-1);
  if (last !== undefined && stem.at(-2) === last && 'bdfgmnprt'.includes(last)) {
    // "add", "egg", "off" keep their double letter.
    return stem.length === 3 && 'aeo'.includes(stem[0]) ? stem : stem.slice(0, -1);
  }
  return stem.length === r1 && endsShort(stem) ? `${stem}e` : stem;
}

function step1c(word: string): string {
  const n = word.length;
  if (n >= 3 && (word[n - 1] === 'y' || word[n - 1] === 'Y') && !isVowel(word[n - 2])) return `${word.slice(0, -1)}i`;
  return word;
}

const STEP2: Record<string, string> = {
  tional: 'tion', enci: 'ence', anci: 'ance', abli: 'able', entli: 'ent', izer: 'ize', ization: 'ize',
  ational: 'ate', ation: 'ate', ator: 'ate', alism: 'al', aliti: 'al', alli: 'al', fulness: 'ful', ousli: 'ous',
  ousness: 'ous', iveness: 'ive', iviti: 'ive', biliti: 'ble', bli: 'ble', ogist: 'og', ogi: 'og', fulli: 'ful',
  lessli: 'less', li: '',
};
const STEP2_SUFFIXES = Object.keys(STEP2);

function step2(word: string, r1: number): string {
  const suffix = longestSuffix(word, STEP2_SUFFIXES);
  if (suffix === undefined || word.length - suffix.length < r1) return word;
  const stem = word.slice(0, -suffix.length);
  if (suffix === 'ogi') return stem.endsWith('l') ? `${stem}og` : word;
  if (suffix === 'li') return stem.length > 0 && VALID_LI.includes(stem[stem.length - 1]) ? stem : word;
  return stem + STEP2[suffix];
}

const STEP3: Record<string, string> = { tional: 'tion', ational: 'ate', alize: 'al', icate: 'ic', iciti: 'ic', ical: 'ic', ful: '', ness: '', ative: '' };
const STEP3_SUFFIXES = Object.keys(STEP3);

function step3(word: string, r1: number, r2: number): string {
  const suffix = longestSuffix(word, STEP3_SUFFIXES);
  if (suffix === undefined) return word;
  const start = word.length - suffix.length;
  if (start < r1 || (suffix === 'ative' && start < r2)) return word;
  return word.slice(0, start) + STEP3[suffix];
}

const STEP4_SUFFIXES = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize', 'ion'];

function step4(word: string, r2: number): string {
  const suffix = longestSuffix(word, STEP4_SUFFIXES);
  if (suffix === undefined) return word;
  const start = word.length - suffix.length;
  if (start < r2) return word;
  if (suffix === 'ion' && word[start - 1] !== 's' && word[start - 1] !== 't') return word;
  return word.slice(0, start);
}

function step5(word: string, r1: number, r2: number): string {
  const start = word.length - 1;
  if (word.endsWith('e')) {
    if (start >= r2 || (start >= r1 && !endsShort(word.slice(0, start)))) return word.slice(0, start);
  } else if (word.endsWith('l')) {
    if (start >= r2 && word[start - 1] === 'l') return word.slice(0, start);
  }
  return word;
}

/** The Snowball English stem of a lower-case word of the letters a to z ("cookies" → "cooki", "privacy" → "privaci"). */
export function stem(word: string): string {
  const exception = EXCEPTIONS.get(word);
  if (exception !== undefined) return exception;
  if (word.length < 3) return word;
  // A y that starts the word or follows a vowel is a consonant: marked Y while the steps run.
  let marked = '';
  for (let i = 0; i < word.length; i++) marked += word[i] === 'y' && (i === 0 || isVowel(marked[i - 1])) ? 'Y' : word[i];
  const { r1, r2 } = regions(marked);
  let w = step1a(marked);
  w = step1b(w, r1);
  w = step1c(w);
  w = step2(w, r1);
  w = step3(w, r1, r2);
  w = step4(w, r2);
  w = step5(w, r1, r2);
  return w.replaceAll('Y', 'y');
}

