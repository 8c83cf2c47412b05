/**
 * Clauses that say nothing alone: a short list item or line, a lead-in to a list, a pointer elsewhere. The
 * classifier gives them the catch-all topics (OPP-115's "Other") for want of a place, nearly always wrongly
 * (docs/topics.md, stop 18, with the examples read): label.ts takes these two topics off and leaves the others.
 *
 * Linear in the text: untrusted input.
 */
import { lastMark, MAX_WORDS } from './lines.ts';

/** The catch-all topics, from OPP-115's "Other" but for Contact. */
export const CATCH_ALL_TOPICS: ReadonlySet<string> = new Set(['introduction', 'other']);

/** A lead-in to a list of at most this many words says nothing without its list. */
const MAX_LEAD_IN_WORDS = 25;

/** A sentence that opens with one of these points elsewhere (after any punctuation or markup). */
const POINTER_LEAD =
  /^[^\p{L}\p{N}]{0,8}(?:(?:to )?(?:learn|find out|read) more\b|(?:please )?(?:click|tap) (?:here|on)\b|(?:please )?(?:see|visit|refer to|read)\b|for (?:more|further|additional)? ?(?:information|info|details)\b|more (?:information|info|details)\b|further (?:information|details)\b|you (?:can|may) (?:read|find|learn|view)\b|(?:below|here) you (?:will|can|may) find\b)/u;

/** A sentence that ends with one of these (before its closing marks) points elsewhere: "… can be found here." */
const POINTER_END = /(?:\bhere|\bopens in a new (?:tab|window))[\s"'”’).:*_›»]*$/u;

/**
 * A sentence that holds one of these anywhere points elsewhere: "… please click here for information on …", "… are
 * identified in the section titled …".
 */
const POINTER_ANYWHERE = /\bclick here\b|\bmore (?:information|details|context)\b|\b(?:shown|set out|listed) in table\b|\bin the section (?:titled|entitled|called)\b/u;

/**
 * A sentence that opens with a condition or the readers it is for, then sends them elsewhere: "If you are a
 * California resident, please see …", "For individuals in the United States, please refer to …". ("If you have
 * questions, please contact us …" and "Where we rely on your consent, please note …" say something.)
 */
const POINTER_AFTER_CONDITION = /^(?:if|for|where|when)\b[^,]{0,80}, (?:please )?(?:see|refer to|visit|read|review|consult)\b/u;

/** Characters that end a sentence when a space or the end of the text follows. */
const SENTENCE_END = new Set(['.', '!', '?']);

/** Only this much of a sentence's start or end is looked at. */
const EDGE = 80;

/**
 * The text's sentences (split after ".", "!" or "?" and a space, but not after an abbreviation with a full stop
 * inside it: "U.S.", "e.g."), each trimmed; one pass (each look back stays inside one word).
 */
function sentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (SENTENCE_END.has(text[i]) && (i + 1 === text.length || (text[i + 1] === ' ' && !isAbbreviation(text, i)))) {
      const s = text.slice(start, i + 1).trim();
      if (s) out.push(s);
      start = i + 1;
    }
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

/** Whether the word that ends with the "." at `end` has another "." in it ("U.S.", "e.g."). */
function isAbbreviation(text: string, end: number): boolean {
  for (let k = end - 1; k >= 0 && text[k] !== ' '; k--) if (text[k] === '.') return true;
  return false;
}

/**
 * A sentence that opens with a pointer lead, ends with "here" (or "Opens in a new tab"), or holds "click here", "more
 * information" ("Our full privacy notices contain more information about these topics.").
 */
function isPointer(sentence: string): boolean {
  const lower = sentence.toLowerCase();
  return POINTER_LEAD.test(lower.slice(0, EDGE)) || POINTER_AFTER_CONDITION.test(lower.slice(0, 2 * EDGE)) || POINTER_END.test(lower.slice(-EDGE).replace(/[.!?]+$/, '')) || POINTER_ANYWHERE.test(lower);
}

/** Words of the text (runs of non-space characters), counted up to `limit + 1`. */
function wordCount(text: string, limit: number): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length && count <= limit; i++) {
    const space = text[i] === ' ' || text[i] === '\n' || text[i] === '\t' || text[i] === '\u00a0';
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}

/**
 * Whether a clause says nothing alone: a list item (`item`) of at most MAX_WORDS words; a line of at most MAX_WORDS
 * words that does not end with a full stop; a lead-in of one sentence ending with ":", of at most MAX_LEAD_IN_WORDS
 * words ("We rely on the following legal bases …:"; "This Privacy Policy does not apply to you if you are a Weixin
 * user. You are a Weixin user if you had either:" says something before its lead-in); or a
 * clause every sentence of which points elsewhere (isPointer).
 */
export function saysNothingAlone(text: string, item: boolean): boolean {
  const words = wordCount(text, MAX_LEAD_IN_WORDS);
  const end = lastMark(text);
  if (words <= MAX_WORDS && (item || end !== '.')) return true;
  const all = sentences(text);
  if (words <= MAX_LEAD_IN_WORDS && end === ':' && all.length === 1) return true;
  return all.length > 0 && all.every(isPointer);
}
