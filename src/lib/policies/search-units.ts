/**
 * A policy's search passages in the making: its clauses as the units passages are cut from, made by the loader
 * from the clause objects (src/loaders/prepare.ts) and kept beside the page file; the search-index stage packs
 * them into passages (src/lib/search/passages.ts, which says what a passage is).
 *
 * A unit is the clause as the page writes it (render.ts) with two changes: its id and title
 * (data-pagefind-title, the section heading, then TOPICS_MARK and its topic slugs when it has any) move to an
 * empty <span> at its start, and the parts search never indexes (the copy-link control, the topic tags) are left
 * out. A section without a clause is one empty unit, so that its heading is still indexed.
 */
import { blockClauses, type Section } from '../clauses/types.ts';
import { clauseContent, clauseTag, escapeHtml, listTags, sectionParts } from './render.ts';
import { TOPICS_MARK } from './topics-mark.ts';

export interface SearchClause {
  html: string;
  /** Characters of its text (markup removed, character references as written): what a passage's budget counts. */
  size: number;
  topics: string[];
  /** Its list, an index into SearchUnits.lists; absent when it is not a list item. */
  list?: number;
}

export interface SearchUnits {
  version: 1;
  /** Each section's start tag and heading element, and its clauses. */
  sections: { open: string; heading: string; clauses: SearchClause[] }[];
  /** Each list's start and end tag, in page order. */
  lists: [open: string, close: string][];
}

/** The text a search unit counts: markup removed (character references kept as written). */
export const textOf = (html: string): string => html.replace(/<[^>]*>/g, '');

export function searchUnits(sections: Section[]): SearchUnits {
  const lists: SearchUnits['lists'] = [];
  const units = sections.map((section) => {
    const { open, heading, title } = sectionParts(section);
    const clauses: SearchClause[] = [];
    for (const block of section.blocks) {
      const list = block.type === 'list' ? lists.push(listTags(block)) - 1 : undefined;
      for (const clause of blockClauses(block)) {
        const topics = clause.topics.map(escapeHtml);
        const tag = clauseTag(clause, list !== undefined);
        const marker = `<span id="${escapeHtml(clause.id)}" data-pagefind-title="${title}${topics.length ? `${TOPICS_MARK}${topics.join(' ')}` : ''}"></span>`;
        const html = `<${tag} class="clause">${marker}${clauseContent(clause)}</${tag}>`;
        clauses.push({ html, size: textOf(html).length, topics, ...(list === undefined ? {} : { list }) });
      }
    }
    if (!clauses.length) clauses.push({ html: '', size: 0, topics: [] });
    return { open, heading, clauses };
  });
  return { version: 1, sections: units, lists };
}

/** Where the loader keeps a policy's search units: beside its page file. */
export const searchUnitsFile = (pageFile: string): string => pageFile.replace(/\.page$/, '.search.json');
