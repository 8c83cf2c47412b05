/**
 * The HTML of a policy page's body — topic summary, table of contents, sections and clauses — as strings,
 * rendered once per policy in the loader's worker threads instead of by Astro components on every build.
 *
 * Why strings: a policy has ~120 clauses (up to thousands); rendering each through three Astro components
 * cost 12 ms per page (1,495 OTA + Princeton-Leuven policies, 17.6 s of page generation), on one core, in
 * every build. Here it runs in parallel, is cached with the parsed policy, and the page inserts it.
 *
 * Safety: clause HTML comes from the segmenter (policy text escaped, links filtered); every other string
 * here (headings, ids, topic names) is escaped by this module.
 */
import { sectionClauses, type Block, type Clause, type Section } from '../clauses/types.ts';
import { TOPIC_BY_SLUG, TOPICS_IN_ORDER } from '../topics/taxonomy.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Topics that say nothing about practices: not listed among those no clause was recognised as. */
const NOT_A_PRACTICE = new Set(['introduction', 'other']);

export interface RenderedPolicy {
  /** <nav class="topic-summary"> or "" when no clause has a topic. */
  topicSummary: string;
  /** <nav class="toc"> or "" when the policy has fewer than two headed sections. */
  toc: string;
  /** The inner HTML of <div class="policy-body">. */
  body: string;
  clauseCount: number;
  /** Topic slugs found anywhere in the policy, sorted (search filters). */
  topics: string[];
}

export function renderPolicy(sections: Section[]): RenderedPolicy {
  const clauses = sections.flatMap(sectionClauses);
  return {
    topicSummary: renderTopicSummary(clauses),
    toc: renderToc(sections),
    body: sections.map(renderSection).join(''),
    clauseCount: clauses.length,
    topics: [...new Set(clauses.flatMap((clause) => clause.topics))].sort(),
  };
}

function renderTopicSummary(clauses: Clause[]): string {
  const present = TOPICS_IN_ORDER.map((topic) => {
    const on = clauses.filter((clause) => clause.topics.includes(topic.slug));
    return { topic, count: on.length, first: on[0]?.id };
  }).filter((entry) => entry.count > 0);
  if (!present.length) return '';
  const missing = TOPICS_IN_ORDER.filter((topic) => !NOT_A_PRACTICE.has(topic.slug) && !present.some((entry) => entry.topic === topic));
  const items = present
    .map(({ topic, count, first }) => `<li><a href="#${escapeHtml(first!)}">${escapeHtml(topic.name)}</a> <span class="muted">(${count})</span></li>`)
    .join('');
  // Says what was found, never that the policy is silent: the classifier gives a label only when it is confident,
  // so it misses clauses (see /about/#topics).
  const notFound = missing.length
    ? `<p class="muted">No clause was recognised as: ${escapeHtml(missing.map((topic) => topic.name).join(', '))}. <a href="/about/#topics">How topics are recognised</a>.</p>`
    : '';
  // Kept out of the search index explicitly: its list of topic names would match almost any query.
  return `<nav class="topic-summary" aria-labelledby="topics-heading" data-pagefind-ignore><h2 id="topics-heading">Topics recognised in this policy</h2><ul>${items}</ul>${notFound}</nav>`;
}

/** Past this many entries the contents list is folded (<details>), so that it never pushes the text a screen away. */
export const TOC_FOLD_ENTRIES = 12;

/**
 * The contents list (id "contents_list", which the page's "back to contents" link targets). A long one is folded
 * on narrow screens; on wide screens the stylesheet shows it open beside the text (global.css, .toc). Its ids have
 * an underscore, which section and clause ids (slugs) never have: a policy with a section called "Contents" has
 * the id "contents".
 */
function renderToc(sections: Section[]): string {
  const headed = sections.filter((section) => section.heading);
  if (headed.length < 2) return '';
  const items = headed.map((section) => `<li class="l${section.level}"><a href="#${escapeHtml(section.id)}">${escapeHtml(section.heading)}</a></li>`).join('');
  const heading = '<h2 id="contents_heading">Contents</h2>';
  const list = `<ol>${items}</ol>`;
  const content = headed.length > TOC_FOLD_ENTRIES ? `<details><summary>${heading} <span class="muted">${headed.length} sections</span></summary>${list}</details>` : heading + list;
  return `<nav class="toc" id="contents_list" aria-labelledby="contents_heading">${content}</nav>`;
}

/**
 * A section's parts as the page writes them: its start tag, its heading element and the title its clauses carry
 * (escaped), the section heading or "Introduction" for the text before the first heading (which gets a heading
 * for assistive technology only). Search passages are cut from the same parts (search-units.ts).
 */
export function sectionParts(section: Section): { open: string; heading: string; title: string } {
  const id = escapeHtml(section.id);
  const tag = section.heading ? `h${Math.min(section.level, 4)}` : 'h2';
  const heading = section.heading ? `<${tag} id="${id}">${escapeHtml(section.heading)}</${tag}>` : `<h2 class="vh" id="${id}" data-pagefind-ignore>Introduction</h2>`;
  return { open: `<section aria-labelledby="${id}">`, heading, title: escapeHtml(section.heading || 'Introduction') };
}

function renderSection(section: Section): string {
  const { open, heading, title } = sectionParts(section);
  return `${open}${heading}${section.blocks.map((block) => renderBlock(block, title)).join('')}</section>`;
}

/** A clause's element: a list item in a list, a table's block, else a paragraph. */
export const clauseTag = (clause: Clause, inList: boolean): 'p' | 'li' | 'div' => (inList ? 'li' : clause.kind === 'table' ? 'div' : 'p');

/** A list block's start tag and end tag. */
export function listTags(block: Extract<Block, { type: 'list' }>): [open: string, close: string] {
  return block.ordered ? [`<ol${block.start !== undefined ? ` start="${block.start}"` : ''}>`, '</ol>'] : ['<ul>', '</ul>'];
}

function renderBlock(block: Block, heading: string): string {
  if (block.type === 'clause') return renderClause(block.clause, clauseTag(block.clause, false), heading);
  const [open, close] = listTags(block);
  return `${open}${block.items.map((clause) => renderClause(clause, 'li', heading)).join('')}${close}`;
}

/** A clause's content: its HTML, a table in a scrolling region. */
export function clauseContent(clause: Clause): string {
  return clause.kind === 'table' ? `<div class="table-scroll" tabindex="0" role="region" aria-label="Table">${clause.html}</div>` : clause.html;
}

/**
 * One clause: its anchor id, a link to itself (the copy-link control; without JavaScript a plain permalink),
 * its content and its topics. The id plus data-pagefind-title (the section heading) make it its own search
 * sub-result, linked to #id.
 */
function renderClause(clause: Clause, tag: 'p' | 'li' | 'div', heading: string): string {
  const id = escapeHtml(clause.id);
  const content = clauseContent(clause);
  const topics = clause.topics.length
    ? `<span class="topics" data-pagefind-ignore><span class="vh">Topics:</span>${clause.topics
        .map((slug) => `<a href="/topics/${escapeHtml(slug)}/">${escapeHtml(TOPIC_BY_SLUG.get(slug)?.name ?? slug)}</a>`)
        .join('')}</span>`
    : '';
  return `<${tag} class="clause" id="${id}" data-pagefind-title="${heading}"><a class="cl" href="#${id}" data-pagefind-ignore><span class="vh">Link to this clause</span></a>${content}${topics}</${tag}>`;
}
