/**
 * Search passages: a built policy page cut into the documents Pagefind indexes.
 *
 * Why: a search result costs the reader one Pagefind fragment, and a fragment holds its whole document's
 * text. Indexed as one document, a long policy made a single result cost up to 202 kB gzip (hi5.com, in the
 * 1,491 corpus policies; median 10.5 kB), so a first query downloaded 750 kB. Cut into passages of at most
 * PASSAGE_TEXT_BUDGET characters of clause text, at clause boundaries, a result costs a few kB, and the
 * topic filter narrows to the passages that hold clauses of that topic.
 *
 * Each passage is a small HTML document made of the page's own markup (the <article data-pagefind-body> tag
 * with its filters and sort key, whole clauses), so what is indexed is what is published. Every passage has
 * its policy page's URL (src/lib/search/pagefind-index.ts), so a clause's sub-result URL is the clause's
 * anchor on that page. One change to the markup: a clause's id and data-pagefind-title move from the clause
 * element to an empty <span> at its start. Pagefind stores the text of every element with an id in the
 * fragment, beside the page's text, so clause anchors made a fragment hold the policy twice; an empty
 * marker at the same word position gives the same sub-result with no second copy (fragments −40 %, and less
 * for Pagefind to compress: its write step on the 1,494 corpus policies went from 21.4 to 19.2 s).
 *
 * Pagefind 1.6 makes every metadata value searchable (and a page without a title takes its first <h1>). So
 * only the first passage carries the header — title, company, domain, date, as the page declares them —
 * and the `passage:first` filter, which lets a search without words list one result per policy. Later
 * passages keep the filters (company, year, topics) but none of those words: otherwise a title like "Privacy
 * Policy" would make every passage of the policy a match for "privacy". What a result needs to show them
 * (company, title, date, domain) travels in one `policy` metadata value, base64-encoded JSON, a single
 * token no one searches for.
 *
 * Parsing: this reads only markup the site itself writes (src/lib/policies/render.ts and the policy page),
 * where policy text is escaped, so a tag scanner is exact here; a page that does not have that shape is an
 * error, not a guess.
 */

/** Characters of clause text per passage: about 4,000 words, at most ~9 kB of fragment (gzip). At 1,494 corpus policies: 2,8xx passages. */
export const PASSAGE_TEXT_BUDGET = 24_000;

export interface PagePassages {
  /** The policy page's URL path, e.g. /policies/atmail.com/2005-12-10/ */
  url: string;
  /** Archive date (the page's `date` sort value), YYYY-MM-DD. */
  date: string;
  /** One HTML document per passage, in page order. */
  documents: string[];
}

export class PassageError extends Error {
  constructor(url: string, reason: string) {
    super(`${url}: cannot cut into search passages: ${reason}`);
    this.name = 'PassageError';
  }
}

/** A policy article's archive date, as its sort key (the scan of built pages reads it too: page-text.ts). */
export const DATE_SORT = /data-pagefind-sort="date:(\d{4}-\d{2}-\d{2})"/;
const ARTICLE_OPEN = /<article\b[^>]*\sdata-pagefind-body(?=[\s=>])[^>]*>/;
const BODY_OPEN = '<div class="policy-body">';
const TOPIC_FILTER = /<data value="[^"]*" data-pagefind-filter="topic\[value\]"><\/data>/g;
const CLAUSE_TOPIC = /<a href="\/topics\/([a-z0-9-]+)\/">/g;
/**
 * Between a clause anchor's title (its section heading) and the clause's topic slugs, in the passages only
 * (src/lib/search/rank.ts reads them): a character no heading has (render.ts writes none).
 */
export const TOPICS_MARK = '\u001e';
/** A clause's start tag as render.ts writes it: element, id, section heading (then the page's data-since). */
const CLAUSE_OPEN = /^<(p|li|div) class="clause" id="([^"]*)" data-pagefind-title="([^"]*)"(?: data-since="[0-9-]*")?>/;
/** Parts of a clause that are not its text (the copy-link control, the topic tags, the "new in this version" mark). */
const NOT_TEXT = /<a class="cl"[^>]*>.*?<\/a>|<span class="topics"[^>]*><span class="vh">Topics:<\/span>(?:<a [^>]*>[^<]*<\/a>)*<\/span>|<span class="since"[^>]*>[^<]*<\/span>/g;

/**
 * The passages of a built page, or undefined when the page has no search body (only policy pages have one).
 */
export function passagesOfPage(html: string, url: string, budget = PASSAGE_TEXT_BUDGET): PagePassages | undefined {
  const open = ARTICLE_OPEN.exec(html);
  if (!open) return undefined;
  const articleOpen = open[0];
  const date = DATE_SORT.exec(articleOpen)?.[1];
  if (!date) throw new PassageError(url, 'the article has no date sort value (data-pagefind-sort="date:...")');
  const headerStart = html.indexOf('<header>', open.index + articleOpen.length);
  const headerEnd = html.indexOf('</header>', headerStart);
  if (headerStart < 0 || headerEnd < 0) throw new PassageError(url, 'the article has no <header>');
  const header = html.slice(headerStart, headerEnd + '</header>'.length).replace(TOPIC_FILTER, '');
  const bodyStart = html.indexOf(BODY_OPEN, headerEnd);
  if (bodyStart < 0) throw new PassageError(url, `the article has no ${BODY_OPEN}`);
  const bodyEnd = elementEnd(html, bodyStart, url);
  const units = clauseUnits(html.slice(bodyStart + BODY_OPEN.length, bodyEnd - '</div>'.length), url);

  // A passage without a letter or digit (a clause of "=====" rules) has nothing to find: Pagefind would
  // drop it. The first passage always stays: it holds the title.
  const passages = pack(units, budget)
    .map((passage) => ({ passage, body: renderUnits(passage) }))
    .filter(({ body }, index) => index === 0 || /[\p{L}\p{N}]/u.test(textOf(body)));
  const later = laterPassageHead(articleOpen, header, url);
  const documents = passages.map(({ passage, body }, index) => {
    const first = index === 0;
    const topics = [...new Set(passage.flatMap((unit) => unit.topics))].sort();
    const facets = topics.map((slug) => `<data value="${slug}" data-pagefind-filter="topic[value]"></data>`).join('');
    const head = first ? `${articleOpen}<data data-pagefind-filter="passage:first"></data>${facets}${header}` : `${later}${facets}`;
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title></title></head><body>${head}${BODY_OPEN}${body}</div></article></body></html>`;
  });
  return { url, date, documents };
}

/** What a result shows of a policy, for passages after the first (see the module comment). */
export interface PolicyLabel {
  company: string;
  title: string;
  date: string;
  domain: string;
}

const META = (name: string) => new RegExp(`<(\\w+)[^>]*\\sdata-pagefind-meta="${name}(?::([^"]*))?"[^>]*>([^<]*)`);
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

/** The article tag without its metadata, the company filter and the `policy` label, for a later passage. */
function laterPassageHead(articleOpen: string, header: string, url: string): string {
  const meta = (name: string, where: string) => {
    const match = META(name).exec(where);
    if (!match) throw new PassageError(url, `the article declares no "${name}" metadata`);
    return decodeEntities(match[2] ?? match[3]).trim();
  };
  const label: PolicyLabel = { company: meta('company', header), title: meta('title', header), date: meta('date', header), domain: meta('domain', articleOpen) };
  const company = /<a [^>]*data-pagefind-filter="company"[^>]*>[^<]*<\/a>/.exec(header)?.[0];
  if (!company) throw new PassageError(url, 'the header has no company filter');
  const encoded = Buffer.from(JSON.stringify(label), 'utf8').toString('base64');
  return `${articleOpen.replace(/\sdata-pagefind-meta="[^"]*"/g, '')}<div data-pagefind-ignore>${company.replace(/\sdata-pagefind-meta="[^"]*"/g, '')}</div><data data-pagefind-meta="policy:${encoded}"></data>`;
}

/** One clause with what encloses it on the page: its section and, for list items, its list. */
interface ClauseUnit {
  section: string;
  sectionOpen: string;
  /** The section's heading element, emitted with the section's first clause (not in a continuation). */
  heading: string;
  sectionStart: boolean;
  list?: { open: string; close: string; key: number };
  html: string;
  size: number;
  topics: string[];
}

function clauseUnits(body: string, url: string): ClauseUnit[] {
  const units: ClauseUnit[] = [];
  let listKey = 0;
  let at = 0;
  while (at < body.length) {
    if (!body.startsWith('<section ', at)) throw new PassageError(url, `expected <section> in the policy body at offset ${at}`);
    const end = elementEnd(body, at, url);
    const sectionOpen = body.slice(at, body.indexOf('>', at) + 1);
    const section = /aria-labelledby="([^"]*)"/.exec(sectionOpen)?.[1] ?? String(at);
    let inner = sectionOpen.length + at;
    const innerEnd = end - '</section>'.length;
    let heading = '';
    if (/^<h[1-6][\s>]/.test(body.slice(inner, inner + 4))) {
      const headingEnd = elementEnd(body, inner, url);
      heading = body.slice(inner, headingEnd);
      inner = headingEnd;
    }
    const found: Omit<ClauseUnit, 'sectionStart'>[] = [];
    while (inner < innerEnd) {
      const blockEnd = elementEnd(body, inner, url);
      const block = body.slice(inner, blockEnd);
      const tag = /^<([a-z0-9]+)/.exec(block)?.[1];
      if (tag === 'ul' || tag === 'ol') {
        const open = block.slice(0, block.indexOf('>') + 1);
        const list = { open, close: `</${tag}>`, key: listKey++ };
        let item = open.length;
        while (item < block.length - list.close.length) {
          const itemEnd = elementEnd(block, item, url);
          found.push(unit(url, section, sectionOpen, heading, block.slice(item, itemEnd), list));
          item = itemEnd;
        }
      } else {
        found.push(unit(url, section, sectionOpen, heading, block));
      }
      inner = blockEnd;
    }
    // A section with a heading and no clause still gets indexed (its heading is a sub-result).
    if (!found.length && heading) found.push(unit(url, section, sectionOpen, heading, ''));
    // A loop, not push(...found): spreading 130,000 list items overflowed the call stack (issue #16).
    for (const [index, entry] of found.entries()) units.push({ ...entry, sectionStart: index === 0 });
    at = end;
  }
  return units;
}

function unit(url: string, section: string, sectionOpen: string, heading: string, html: string, list?: ClauseUnit['list']): Omit<ClauseUnit, 'sectionStart'> {
  const topics = [...html.matchAll(CLAUSE_TOPIC)].map((match) => match[1]);
  // The copy-link control and topic tags are never indexed (data-pagefind-ignore): left out, they are
  // ~40% less markup for Pagefind to parse. The topics became the passage's filter values above.
  const text = html.replace(NOT_TEXT, '');
  // The clause's anchor as an empty marker (see the module comment); a section heading alone has no clause.
  // The clause's topics travel in its anchor's title, after TOPICS_MARK, for the search page's ranking.
  const title = topics.length ? `$3${TOPICS_MARK}${topics.join(' ')}` : '$3';
  const indexed = text.replace(CLAUSE_OPEN, `<$1 class="clause"><span id="$2" data-pagefind-title="${title}"></span>`);
  if (indexed === text && /^<[a-z0-9]+ class="clause"/.test(text)) throw new PassageError(url, `a clause does not start as render.ts writes clauses: ${text.slice(0, 80)}`);
  return { section, sectionOpen, heading, list, html: indexed, size: textOf(indexed).length, topics };
}

/** The indexed text of clause markup: tags, the copy-link control and topic tags removed (entities kept). */
function textOf(html: string): string {
  return html.replace(NOT_TEXT, '').replace(/<[^>]*>/g, '');
}

/** Consecutive units into passages of at most `budget` characters of text (a longer clause stands alone). */
function pack(units: ClauseUnit[], budget: number): ClauseUnit[][] {
  const passages: ClauseUnit[][] = [];
  let current: ClauseUnit[] = [];
  let size = 0;
  for (const unit of units) {
    if (current.length && size + unit.size > budget) {
      passages.push(current);
      current = [];
      size = 0;
    }
    current.push(unit);
    size += unit.size;
  }
  if (current.length || !passages.length) passages.push(current);
  return passages;
}

/** Units back into well-nested markup: sections (heading only where the section starts) and lists. */
function renderUnits(units: ClauseUnit[]): string {
  let html = '';
  let section: string | undefined;
  let list: ClauseUnit['list'];
  for (const unit of units) {
    if (unit.section !== section) {
      if (list) html += list.close;
      if (section !== undefined) html += '</section>';
      list = undefined;
      section = unit.section;
      html += unit.sectionOpen;
      if (unit.sectionStart) html += unit.heading;
    }
    if (unit.list?.key !== list?.key) {
      if (list) html += list.close;
      list = unit.list;
      if (list) html += list.open;
    }
    html += unit.html;
  }
  if (list) html += list.close;
  if (section !== undefined) html += '</section>';
  return html;
}

/**
 * The end (exclusive) of the element whose start tag begins at `start`: counts nested start and end tags of
 * the same name (the site's markup is balanced and its text is escaped, so every '<' starts a tag).
 */
function elementEnd(html: string, start: number, url: string): number {
  const name = /^<([a-zA-Z][a-zA-Z0-9]*)/.exec(html.slice(start, start + 20))?.[1];
  if (!name) throw new PassageError(url, `expected an element at offset ${start}`);
  const tags = new RegExp(`<(/?)${name}(?=[\\s>/])[^>]*>`, 'g');
  tags.lastIndex = start;
  let depth = 0;
  for (let match = tags.exec(html); match; match = tags.exec(html)) {
    depth += match[1] ? -1 : 1;
    if (depth === 0) return match.index + match[0].length;
  }
  throw new PassageError(url, `<${name}> at offset ${start} is never closed`);
}
