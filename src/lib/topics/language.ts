/**
 * Whether a clause is written in English, as far as topics go: the classifier reads English only (OPP-115), so a
 * clause in another language loses the catch-all topics (label.ts; docs/topics.md, stop 18).
 *
 * The test, on the clause's first MAX_WORDS words: a clause is not English when fewer than ENGLISH_SHARE of them are
 * English function words and at least FOREIGN_SHARE are function words of the other languages met in the archive.
 * An address or a list of nouns has neither and stays English. Clauses shorter than MIN_WORDS words are left alone.
 */

const FUNCTION_WORDS = new Set(
  'the a an and or of to in on at for from by with as is are was were be been may will can not no we you your our us it its this that these those which who what when where how if any all such'.split(' '),
);

/** Function words of other languages that are not English words too ("a", "in", "is", "die" … left out). */
const FOREIGN_WORDS = new Set(
  'der das und nicht für mit von zu den dem des ist sind werden wir sie ihre ihrer ihnen oder auf eine einer durch le la les des et du un une pour dans nous vous est sont par sur avec que qui ou au aux el los las y o para por con del su sus una lo il di che per non sono della delle het een en van dat op voor niet zijn wij uw się jest oraz lub dla przez że nie są jak które în și pentru cu care este sau prin sunt az és hogy van vagy nem egy da em os ao não uma'.split(
    ' ',
  ),
);

const MIN_WORDS = 6;
const MAX_WORDS = 60;
/** English prose of more than a few words has about one function word in three; other languages almost none. */
const ENGLISH_SHARE = 0.1;
const FOREIGN_SHARE = 0.1;

export function readsAsEnglish(text: string): boolean {
  let words = 0;
  let english = 0;
  let foreign = 0;
  for (const match of text.matchAll(/[\p{L}']+/gu)) {
    const word = match[0].toLowerCase();
    words++;
    if (FUNCTION_WORDS.has(word)) english++;
    else if (FOREIGN_WORDS.has(word)) foreign++;
    if (words >= MAX_WORDS) break;
  }
  return words < MIN_WORDS || english / words >= ENGLISH_SHARE || foreign / words < FOREIGN_SHARE;
}
