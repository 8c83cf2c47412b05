/**
 * No rendered text joins a word to a following link, element or number ("privacy policy ofatmail.com",
 * "read what3 policies", "browseall policies"). The usual cause is a template line break between text and an
 * {expression} or an inline element, which the compiler drops: the words meet with nothing between them.
 *
 * The rule, over every built page, as a reader (or a screen reader, or copy and paste) gets the text:
 *   1. across a tag boundary inside one line of inline content, a letter or digit must not touch a letter or
 *      digit (two text nodes with no space and no block boundary between them);
 *   2. in the site's own words (not policy text, not code), a lower-case word must not run into a number that
 *      a lower-case word follows ("what1,492 policies"). Names and domains with digits ("Coolmath4Kids",
 *      "abc7.com", "hi5 privacy policy", all on a corpus build) are not joins: the word must have three letters
 *      or more, start the token and not be part of an address. A join after "of" or "in" is left to rule 1
 *      when, as usual, the number sits in an element.
 * Policy text is left out of both: it is shown as archived, joined words and all.
 */
import { readFileSync } from 'node:fs';
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { builtPages } from '../support/pages.ts';
import { builtFile } from '../support/site.ts';

/** Elements that flow inside a line of text; any other element ends the line (block, list item, cell, ...). */
const INLINE = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'dfn', 'em', 'i', 'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'del', 'ins']);
/** Content that is not read as text (and any element with the hidden attribute). */
const SKIP = new Set(['script', 'style', 'template', 'svg', 'select', 'datalist', 'head']);
/** Policy text as archived (clauses, their excerpts on topic pages, and on changes pages). */
const POLICY_TEXT = '.clause, .policy-excerpt, .change-text';
const WORD_CHAR = /[\p{L}\p{N}]/u;

interface Problem {
  text: string;
}

/** The lines of inline text of a page, as runs of text nodes with the element each one belongs to. */
function lines($: cheerio.CheerioAPI): { node: AnyNode; text: string }[][] {
  const all: { node: AnyNode; text: string }[][] = [];
  let current: { node: AnyNode; text: string }[] = [];
  const end = () => {
    if (current.length) all.push(current);
    current = [];
  };
  const walk = (node: AnyNode) => {
    if (node.type === 'text') {
      const text = (node as unknown as { data: string }).data;
      if (text.length) current.push({ node, text });
      return;
    }
    if (node.type !== 'tag' && node.type !== 'root') return;
    const element = node as Element;
    const name = element.name?.toLowerCase();
    if ((name && SKIP.has(name)) || element.attribs?.hidden !== undefined) return;
    const inline = name !== undefined && INLINE.has(name);
    if (!inline) end();
    for (const child of element.children ?? []) walk(child);
    if (!inline) end();
  };
  walk($.root()[0] as unknown as AnyNode);
  end();
  return all;
}

function inPolicyText($: cheerio.CheerioAPI, node: AnyNode): boolean {
  return $(node.parent as Element).closest(POLICY_TEXT).length > 0;
}

function inCode($: cheerio.CheerioAPI, node: AnyNode): boolean {
  return $(node.parent as Element).closest('code, kbd, samp, pre').length > 0;
}

export function joinedWords(html: string): Problem[] {
  // Parsed as a browser without scripts does, so that <noscript> content is checked as the markup it is.
  const $ = cheerio.load(html, { scriptingEnabled: false });
  const problems: Problem[] = [];
  for (const line of lines($)) {
    for (let i = 0; i + 1 < line.length; i++) {
      const left = line[i];
      const right = line[i + 1];
      if (inPolicyText($, left.node) && inPolicyText($, right.node)) continue;
      if (WORD_CHAR.test(left.text.at(-1)!) && WORD_CHAR.test(right.text[0])) {
        problems.push({ text: `…${left.text.slice(-30)}|${right.text.slice(0, 30)}…`.replace(/\s+/g, ' ') });
      }
    }
    for (const { node, text } of line) {
      if (inPolicyText($, node) || inCode($, node)) continue;
      for (const match of text.matchAll(/(?<![\p{L}\p{N}.@/-])\p{Ll}{3,}\d[\d,]*(?=\s+\p{Ll})/gu)) problems.push({ text: `…${text.slice(Math.max(0, match.index - 20), match.index + 25)}…`.replace(/\s+/g, ' ') });
    }
  }
  return problems;
}

describe('joined words', () => {
  it('finds what it is meant to find', () => {
    expect(joinedWords('<p>privacy policy of<a href="/">atmail.com</a></p>')).toHaveLength(1);
    expect(joinedWords('<p>read what3 policies</p>')).toHaveLength(1);
    expect(joinedWords('<p>what1,492 policies</p>')).toHaveLength(1);
    expect(joinedWords('<p>browse<a href="/">all policies</a></p>')).toHaveLength(1);
    expect(joinedWords('<p><a href="/">Collection</a><a href="/">Sharing</a></p>')).toHaveLength(1);
    expect(joinedWords('<noscript><p>browse<a href="/">all policies</a></p></noscript>')).toHaveLength(1);
    expect(joinedWords('<p>privacy policy of <a href="/">atmail.com</a>, <strong>3</strong> policies</p>')).toHaveLength(0);
    expect(joinedWords('<ul><li>one</li><li>two</li></ul><p>a<br>b</p>')).toHaveLength(0);
    expect(joinedWords('<p>hash <code>sha256</code></p><p class="clause">as archived mp3<a href="/">x</a></p>')).toHaveLength(0);
    // Names with digits in them are not joins ("Coolmath4Kids", "Abc7", "Vid2C": a corpus build).
    expect(joinedWords('<p>Coolmath4Kids privacy policy, Abc7 and Vid2C, abc7.com, hi5 privacy policy, abc7 - Privacy</p>')).toHaveLength(0);
  });

  it.each(builtPages())('$url has no word joined to a link or number', ({ file }) => {
    expect(joinedWords(readFileSync(builtFile(file), 'utf8'))).toEqual([]);
  });
});
