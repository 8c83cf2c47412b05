import { describe, expect, it } from 'vitest';
import { markedRanges, searchedStems, termsFrom } from '../../src/scripts/highlight.ts';

/** The words a policy page marks in a text for the words searched. */
const marked = (text: string, ...terms: string[]) => markedRanges(text, searchedStems(terms)).map(([start, end]) => text.slice(start, end));

describe('words marked on a policy page after a search', () => {
  it('marks the words with the stem of a word searched, as the search page matches clauses (Snowball, whole words)', () => {
    expect(marked('We share data. Shared with partners; sharing is rare. Shareholders vote.', 'sharing')).toEqual(['share', 'Shared', 'sharing']);
    expect(marked('Cookies and a cookie, cookie-based tracking.', 'cookies')).toEqual(['Cookies', 'cookie', 'cookie-based']);
    // Snowball gives "information", "informed" and "informal" one stem, "inform": the search page finds all three.
    expect(marked('Information you give, informed consent, informal notes, infographics.', 'information')).toEqual(['Information', 'informed', 'informal']);
  });

  it('leaves out the punctuation around a word and keeps the word whole', () => {
    expect(marked('("Privacy") the company’s privacy-policy.', 'privacy')).toEqual(['Privacy', 'privacy-policy']);
    expect(marked('Write to the Company’s office.', 'company')).toEqual(['Company’s']);
  });

  it('marks nothing without words, and takes words only from the URL', () => {
    expect(marked('Some text.')).toEqual([]);
    expect(termsFrom('?pagefind-highlight=Data%20Retention&pagefind-highlight=%22opt-out%22')).toEqual(['data', 'retention', '"opt-out"']);
    // A word's forms, as the search page ranks by them: "opt-out" marks "opt-out", "optout", and "opt" or "out" alone.
    expect(marked('You may opt-out (optout) or opt out.', ...termsFrom('?pagefind-highlight=%22opt-out%22'))).toEqual(['opt-out', 'optout', 'opt', 'out']);
  });

  it('takes linear time on a long text without spaces', () => {
    const text = `${'a'.repeat(200_000)}!`;
    expect(markedRanges(text, searchedStems(['b']))).toEqual([]);
  });
});
