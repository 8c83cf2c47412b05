/**
 * Search passages: a policy cut into the documents Pagefind indexes (and SearchIndexError, the stage's error).
 *
 * Why passages of at most PASSAGE_TEXT_BUDGET characters, cut at clause boundaries: decision 0001 (indexed
 * whole, one result of a long policy cost up to 202 kB gzip; 1,491 corpus policies, median 10.5 kB).
 *
 * Made from the search units and header the loader prepared (decision 4), never from the built pages. Each passage
 * is a small HTML document: the <article data-pagefind-body> tag with its filters and sort key, whole clauses in
 * their sections and lists, at its policy page's URL (passage-files.ts), so a clause's sub-result URL is its anchor
 * on that page. A clause's id and data-pagefind-title are on an empty <span> at its start, not on the clause
 * element: Pagefind stores the text of every element with an id in the fragment beside the page's text, so clause
 * anchors made a fragment hold the policy twice (an empty marker: same sub-result, fragments −40 %).
 *
 * Pagefind 1.6 makes every metadata value searchable (and a page without a title takes its first <h1>). So
 * only the first passage carries the header — title, company, domain, date — and the `passage:first` filter,
 * which lets a search without words list one result per policy. Later passages keep the filters (company,
 * year, topics) but none of those words: otherwise a title like "Privacy Policy" would make every passage of
 * the policy a match for "privacy". What a result needs to show them (company, title, date, domain) travels in
 * one `policy` metadata value, base64-encoded JSON, a single token no one searches for.
 */
import { readFileSync } from 'node:fs';
import { articleOpen, type HeaderPolicy, headerTop } from '../policies/policy-header.ts';
import { escapeHtml } from '../policies/render.ts';
import { type SearchClause, type SearchUnits, textOf } from '../policies/search-units.ts';
import { companyPath } from '../policies/views.ts';

/** Every failure of the search-index stage, said as such; the error that caused it is kept as `cause`. */
export class SearchIndexError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(`Search index (Pagefind): ${message}`, options);
    this.name = 'SearchIndexError';
  }
}

/** Characters of clause text per passage: about 4,000 words, at most ~9 kB of fragment (gzip). At 1,494 corpus policies: 2,8xx passages. */
export const PASSAGE_TEXT_BUDGET = 24_000;

/** What a policy's passages start with: its article tag and header (the first), or the article tag and label. */
export interface PassageHead {
  articleOpen: string;
  /** The page's <header> as search indexes it (src/lib/policies/policy-header.ts; its topic filters aside). */
  header: string;
  later: string;
}

/** A policy's passage heads: `changed` is its header's "what changed" line (policy-header.ts's changedSince). */
export function passageHead(policy: HeaderPolicy, company: { domain: string; name: string }, changed: string): PassageHead {
  const open = articleOpen(policy.data);
  // What a result shows of a policy, for passages after the first (see the module comment).
  const { title, archivedOn: date, domain } = policy.data;
  const label = { company: company.name.trim(), title: title.trim(), date, domain };
  const encoded = Buffer.from(JSON.stringify(label), 'utf8').toString('base64');
  const companyLink = `<a href="${companyPath(company.domain)}" data-pagefind-filter="company">${escapeHtml(company.name)}</a>`;
  return {
    articleOpen: open,
    header: `<header>${headerTop(policy, company, [])}${changed}</header>`,
    later: `${open.replace(/\sdata-pagefind-meta="[^"]*"/g, '')}<div data-pagefind-ignore>${companyLink}</div><data data-pagefind-meta="policy:${encoded}"></data>`,
  };
}

/** A policy's search units (`file`), as the loader wrote them; errors name the policy by its page's URL. */
export function readSearchUnits(file: string, url: string): SearchUnits {
  let units: SearchUnits;
  try {
    units = JSON.parse(readFileSync(file, 'utf8')) as SearchUnits;
  } catch (error) {
    throw new SearchIndexError(`${url}: cannot read its search units (${file}): ${error instanceof Error ? error.message : error}`, { cause: error });
  }
  if (units.version !== 1 || !Array.isArray(units.sections) || !Array.isArray(units.lists)) throw new SearchIndexError(`${url}: ${file} is not a search units file (version 1; a full build writes it again)`);
  return units;
}

/** One clause with what encloses it: its section and, for list items, its list. */
interface ClauseUnit extends SearchClause {
  section: number;
  sectionOpen: string;
  /** The section's heading element, emitted with the section's first clause (not in a continuation). */
  heading: string;
  sectionStart: boolean;
}

/** A policy's passages: one HTML document per passage, in page order. */
export function passageDocuments(units: SearchUnits, head: PassageHead, budget = PASSAGE_TEXT_BUDGET): string[] {
  const clauses: ClauseUnit[] = [];
  units.sections.forEach(({ open, heading, clauses: inSection }, section) => {
    // A loop, not push(...): spreading 130,000 list items overflowed the call stack (issue #16).
    for (const [index, clause] of inSection.entries()) clauses.push({ ...clause, section, sectionOpen: open, heading, sectionStart: index === 0 });
  });
  // A passage without a letter or digit (a clause of "=====" rules) has nothing to find: Pagefind would
  // drop it. The first passage always stays: it holds the title.
  const passages = pack(clauses, budget)
    .map((passage) => ({ passage, body: renderUnits(passage, units.lists) }))
    .filter(({ body }, index) => index === 0 || /[\p{L}\p{N}]/u.test(textOf(body)));
  return passages.map(({ passage, body }, index) => {
    const topics = [...new Set(passage.flatMap((unit) => unit.topics))].sort();
    const facets = topics.map((slug) => `<data value="${slug}" data-pagefind-filter="topic[value]"></data>`).join('');
    const start = index === 0 ? `${head.articleOpen}<data data-pagefind-filter="passage:first"></data>${facets}${head.header}` : `${head.later}${facets}`;
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title></title></head><body>${start}<div class="policy-body">${body}</div></article></body></html>`;
  });
}

/** Consecutive units into passages of at most `budget` characters of text (a longer clause stands alone). */
function pack(units: ClauseUnit[], budget: number): ClauseUnit[][] {
  const passages: ClauseUnit[][] = [[]];
  let size = 0;
  for (const unit of units) {
    if (passages.at(-1)!.length && size + unit.size > budget) {
      passages.push([]);
      size = 0;
    }
    passages.at(-1)!.push(unit);
    size += unit.size;
  }
  return passages;
}

/** Units back into well-nested markup: sections (heading only where the section starts) and lists. */
function renderUnits(units: ClauseUnit[], lists: SearchUnits['lists']): string {
  let html = '';
  let section: number | undefined;
  let list: number | undefined;
  const closeList = () => (list === undefined ? '' : lists[list][1]);
  for (const unit of units) {
    if (unit.section !== section) {
      html += closeList();
      if (section !== undefined) html += '</section>';
      list = undefined;
      section = unit.section;
      html += unit.sectionOpen;
      if (unit.sectionStart) html += unit.heading;
    }
    if (unit.list !== list) {
      html += closeList();
      list = unit.list;
      if (list !== undefined) html += lists[list][0];
    }
    html += unit.html;
  }
  html += closeList();
  if (section !== undefined) html += '</section>';
  return html;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * The character references of the site's own markup decoded: the five escapes, &nbsp; and numeric ones.
 * `unknown` decides what any other (or an out-of-range number) becomes; by default it stays as written.
 */
export function decodeEntities(text: string, unknown: (entity: string) => string = (entity) => entity): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] !== '#') return NAMED[name.toLowerCase()] ?? unknown(entity);
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : unknown(entity);
  });
}
