/**
 * The search page's stemmer must give exactly Pagefind's stems: a word it stems differently would send the
 * query to another word. Checked against Pagefind itself (test/support/pagefind-stems.ts): every word of
 * the bundled sample and the test fixtures, words that exercise each rule of the algorithm, and those words
 * with each of the endings the rules handle (real words or not: the two must agree on any string of letters).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stem } from '../../src/lib/search/stem.ts';
import { pagefindStems } from '../support/pagefind-stems.ts';

/** One or more words per rule of Snowball's English stemmer (3.1), including its 3.0 and 3.1 changes. */
const RULE_WORDS = `
  skis skies sky idly gently ugly early only singly news howe atlas cosmos bias andes
  general generous generic communication community arsenal arsenic past paste pasted pasting pastry
  universe universal university lateral later emerge emergency organ organic organize organization
  intern internal international interval interfere
  caresses ties cries gaps gas kiwis us ss ponies
  proceed exceed succeed agreed feed bleed agreedly dying lying tying vying hying inning outing canning herring
  earring evening running pinning luxuriated conflated troubled sized hopping hoped added egged offed falling
  hissing fizzed failing filing bled
  cry by say happy youth boyish saying sayyid yelling
  relational conditional valency hesitancy digitizer conformably radically differently vileness analogously
  vietnamization predication operator feudalism decisiveness hopefulness callousness formality sensitivity
  sensibility geologist geology biology apology fluently hopelessly
  triplicate formative formalize electricity electrical hopeful goodness
  revival allowance inference airliner gyroscopic adjustable defensible irritant replacement adjustment
  dependent adoption homologous communism activate angularity effective bowdlerize
  probate rate cease controll roll constructor prototype
  privacy cookies parties personal information processing third children tracking transferred
`
  .trim()
  .split(/\s+/);

/** Endings the algorithm's steps remove or rewrite, each added to every word (so "privacy" gives "privacyational"). */
const ENDINGS = ['s', 'es', 'ies', 'ied', 'ed', 'edly', 'eed', 'ing', 'ingly', 'ly', 'li', 'y', 'e', 'ness', 'ment', 'ement', 'ation', 'ational', 'tional', 'ization', 'izer', 'ator', 'alism', 'aliti', 'fulness', 'ousness', 'iveness', 'biliti', 'bli', 'ogist', 'ogi', 'alize', 'icate', 'iciti', 'ical', 'ful', 'ative', 'al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize', 'ion', 'sion', 'tion', 'll'];

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const corpusWords = [...new Set([...markdownFiles('src/content/policies'), ...markdownFiles('test/fixtures')].flatMap((file) => readFileSync(file, 'utf8').toLowerCase().match(/[a-z]+/g) ?? []))];

describe('stem', () => {
  let oracle: Map<string, string>;
  beforeAll(async () => {
    const bases = [...corpusWords, ...RULE_WORDS];
    oracle = await pagefindStems([...bases, ...bases.flatMap((word) => ENDINGS.map((ending) => word + ending))]);
  });

  it("gives Pagefind's stem for every word of the sample and the fixtures, each rule's examples, and their endings", () => {
    expect(corpusWords.length).toBeGreaterThan(500);
    expect(oracle.size).toBeGreaterThan(40_000);
    const differing = [...oracle].filter(([word, pagefindStem]) => stem(word) !== pagefindStem).map(([word, pagefindStem]) => `${word}: Pagefind ${pagefindStem}, ours ${stem(word)}`);
    expect(differing).toEqual([]);
  });

  it.each([
    ['privacy', 'privaci'],
    ['cookies', 'cooki'],
    ['parties', 'parti'],
    ['organization', 'organiz'],
    ['international', 'internat'],
    ['added', 'add'],
    ['geologist', 'geolog'],
    ['pasted', 'paste'],
    ['dying', 'die'],
    ['evening', 'evening'],
    ['skis', 'ski'],
    ['constructor', 'constructor'],
  ])('%s → %s, as Pagefind stems it (Snowball 3.x rules)', (word, expected) => {
    expect(oracle.get(word)).toBe(expected);
    expect(stem(word)).toBe(expected);
  });

  it('leaves words of fewer than three letters alone', () => {
    expect(stem('as')).toBe('as');
    expect(stem('is')).toBe('is');
  });
});
