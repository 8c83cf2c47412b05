/**
 * The clauses of a built policy page and the OPP-115 categories of the segment each came from, for the
 * relevance command. A clause's segment is found by its text: the first segment, from the previous clause's
 * on, whose text contains the clause's (words compared lower-case, punctuation ignored); failing that, the
 * segment sharing most of its words.
 */
import * as cheerio from 'cheerio';
import type { Segment } from './opp115.ts';

export interface LabelledClause {
  /** The clause link as the search page writes it: /policies/<domain>/<date>/#<id> */
  link: string;
  text: string;
  categories: string[];
}

const normal = (text: string) => ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;

/**
 * A page's clauses (link and text), and its section heading links with the first clause of their section: a
 * heading shown as a result lands the reader there, so it is judged as that clause (the way the figure
 * was taken).
 */
export function clausesOfPage(html: string, pageUrl: string) {
  const $ = cheerio.load(html);
  const landings = new Map<string, string>();
  for (const section of $('.policy-body section').toArray()) {
    const heading = $(section).children('h1, h2, h3, h4, h5, h6').first().attr('id');
    const clause = $(section).find('.clause[id]').first().attr('id');
    if (heading && clause) landings.set(`${pageUrl}#${heading}`, `${pageUrl}#${clause}`);
  }
  $('.clause .cl, .clause .topics').remove();
  const clauses = $('.policy-body .clause[id]')
    .toArray()
    .map((element) => ({ link: `${pageUrl}#${$(element).attr('id')}`, text: $(element).text().replace(/\s+/g, ' ').trim() }));
  return { clauses, landings };
}

export function labelClauses(clauses: { link: string; text: string }[], segments: Segment[]): LabelledClause[] {
  const texts = segments.map((segment) => normal(segment.text));
  let from = 0;
  return clauses.map((clause) => {
    const own = normal(clause.text);
    let found = texts.findIndex((text, index) => index >= from && text.includes(own));
    if (found < 0) found = texts.findIndex((text) => text.includes(own));
    if (found < 0) {
      const words = new Set(own.split(' ').filter(Boolean));
      let best = -1;
      texts.forEach((text, index) => {
        const shared = text.split(' ').filter((word) => words.has(word)).length;
        if (shared > best) [best, found] = [shared, index];
      });
    } else from = found;
    return { ...clause, categories: found >= 0 ? segments[found].categories : [] };
  });
}
