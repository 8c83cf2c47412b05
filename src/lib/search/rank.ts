/**
 * Clause results: what the search page shows for words, ranked as clauses across policies (no DOM, no
 * dependencies beyond the stemmer, so the page's script stays small and this is unit-tested).
 * Pagefind ranks passages, requires every word and matches "me" in "Mediation", so the page ranks the clauses
 * of the passages it reads itself: why and how in docs/search.md ("How the page ranks now").
 */
import { TOPICS_MARK } from '../policies/topics-mark.ts';
import { wordStems } from './terms.ts';

/** What this module reads of a Pagefind fragment (one passage). */
export interface Fragment {
  /** The policy page's URL (with any query string Pagefind adds). */
  url: string;
  /** The passage's text, words separated by white space; anchors' locations count these words. */
  content: string;
  anchors: { element: string; id: string; text?: string; title?: string; location: number }[];
  /** The policy's label: company, title, date, domain (src/scripts/search-results.ts: policyLabel). */
  label: Record<string, string | undefined>;
}

export interface ClauseHit {
  /** Policy page URL and clause anchor: `/policies/a.com/2020-01-01/#cookies-2`. */
  url: string;
  page: string;
  /** The clause's section heading ("" when it has none). */
  heading: string;
  /** The clause's topic slugs (src/lib/topics, as labelled at build time). */
  topics: string[];
  words: string[];
  /** Indexes into `words` of the words that match the query. */
  matched: number[];
  score: number;
  domain: string;
  /** Archive date, YYYY-MM-DD. */
  date: string;
  label: Record<string, string | undefined>;
  /** The policy itself matched (its title or company name), not a clause: no words, `url` is the page's. */
  whole?: boolean;
}

/** A clause shown once for all the snapshots of its policy that have its text. */
export interface ClauseResult extends ClauseHit {
  /** Archive dates of the snapshots that have this text, oldest first (the hit is the newest). */
  dates: string[];
}

const K1 = 1.2;
const B = 0.75;
/** Mean words per clause, for BM25's length normalisation (the 75 OPP-115 policies built as a site: 40.6). */
const AVERAGE_CLAUSE_WORDS = 40;
/** A query word in the clause's section heading adds this share of the word's weight. */
const HEADING_WEIGHT = 0.3;

/** A fragment's words as Pagefind counts word positions (whitespace apart from U+FEFF separates them). */
export function fragmentWords(content: string): string[] {
  return content.split(/[^\S\uFEFF]+/);
}

/** BM25's weight of a word found in `containing` of `total` passages. */
export function idf(containing: number, total: number): number {
  return Math.log(1 + (total - containing + 0.5) / (containing + 0.5));
}

/**
 * The clauses of a passage that match at least one of the query's stems, scored. `weights` maps each query
 * stem to its idf; `phrases` (stems, in order) must each be in a clause's text, word after word. Section
 * headings are no clause. The words before the first clause are the policy's header (title, company: the
 * first passage only): when they have every word, the policy itself is a hit (`whole`), weighted like one
 * occurrence of each, so a company's name finds its policies without outranking clauses on a subject.
 */
export function clauseHits(fragment: Fragment, weights: ReadonlyMap<string, number>, phrases: readonly string[][] = []): ClauseHit[] {
  const words = fragmentWords(fragment.content);
  const anchors = [...fragment.anchors].sort((a, b) => a.location - b.location);
  const page = fragment.url.replace(/[?#].*$/, '');
  const base = { page, domain: fragment.label.domain ?? '', date: fragment.label.date ?? '', label: fragment.label };
  const hits: ClauseHit[] = [];
  const header = new Set(words.slice(0, anchors[0]?.location ?? words.length).flatMap(wordStems));
  // Only a name (every word in the header): "privacy policy changes" is about a subject, not a policy's name.
  const headerScore = [...weights].every(([term]) => header.has(term)) ? [...weights.values()].reduce((sum, weight) => sum + weight, 0) : 0;
  if (headerScore > 0 && !phrases.length) hits.push({ ...base, url: page, heading: '', topics: [], words: [], matched: [], score: headerScore, whole: true });
  anchors.forEach((anchor, index) => {
    // Clauses are marked by an empty <span> with the clause's id (src/lib/search/passages.ts); headings are not.
    if (anchor.element !== 'span') return;
    const clauseWords = words.slice(anchor.location, anchors[index + 1]?.location ?? words.length);
    const stems = clauseWords.map(wordStems);
    if (!phrases.every((phrase) => hasPhrase(stems, phrase))) return;
    const counts = new Map<string, number>();
    const matched: number[] = [];
    stems.forEach((forms, at) => {
      const found = forms.filter((form) => weights.has(form));
      if (!found.length) return;
      matched.push(at);
      for (const form of new Set(found)) counts.set(form, (counts.get(form) ?? 0) + 1);
    });
    const [title = '', topicList = ''] = (anchor.title ?? '').split(TOPICS_MARK);
    const heading = new Set(title.split(/\s+/).flatMap(wordStems));
    const score = scoreClause(weights, counts, heading, clauseWords.length);
    // A clause under a heading that has the word is a match even when its own text says it otherwise.
    if (score <= 0) return;
    hits.push({ ...base, url: `${page}#${anchor.id}`, heading: title, topics: topicList.split(' ').filter(Boolean), words: clauseWords, matched, score });
  });
  return hits;
}

/** Whether the words (each word's forms) have the phrase's stems one after the other. */
function hasPhrase(stems: readonly string[][], phrase: readonly string[]): boolean {
  for (let at = 0; at + phrase.length <= stems.length; at++) if (phrase.every((term, offset) => stems[at + offset].includes(term))) return true;
  return false;
}

/** The quoted parts of a query, each as the stems of its words. */
export function quotedPhrases(query: string): string[][] {
  return [...query.matchAll(/"([^"]+)"/g)].map((match) => match[1].split(/\s+/).flatMap((word) => wordStems(word).slice(0, 1)));
}

/**
 * BM25 of the clause's own words, plus its heading's: a query word in the heading adds HEADING_WEIGHT of the
 * word's weight, whatever the clause's length (else every short line under a matching heading would win).
 */
function scoreClause(weights: ReadonlyMap<string, number>, counts: Map<string, number>, heading: Set<string>, length: number): number {
  let score = 0;
  for (const [term, weight] of weights) {
    const tf = counts.get(term) ?? 0;
    if (tf) score += (weight * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / AVERAGE_CLAUSE_WORDS));
    if (heading.has(term)) score += weight * HEADING_WEIGHT;
  }
  return score;
}

/**
 * The series of a snapshot, from its page URL (`/policies/<domain>/<date>[-<service>][-<n>]/`, ids by
 * src/lib/import/output.ts): the domain, and the service when the id names one. A same-day second snapshot's
 * `-<n>` is dropped, so a service whose name ends in "-<digits>" counts as the service without them.
 */
export function seriesOf(url: string, domain: string): string {
  const id = /\/policies\/[^/]+\/([^/?#]+)/.exec(url)?.[1] ?? '';
  const service = id.replace(/^\d{4}-\d{2}-\d{2}/, '').replace(/-\d+$/, '').replace(/^-/, '');
  return service ? `${domain}/${service}` : domain;
}

/** The key that makes two clauses the same: series (domain and service) and text (case and spacing ignored). */
export function clauseKey(hit: Pick<ClauseHit, 'domain' | 'words' | 'whole' | 'url'>): string {
  return hit.whole ? hit.url : `${seriesOf(hit.url, hit.domain)}\n${hit.words.join(' ').toLowerCase()}`;
}

/**
 * Clauses best first, each text of a series once: the newest snapshot's clause stands for the others, and
 * lists their dates. Ties keep the order given (the passages' order).
 */
export function rankClauses(hits: readonly ClauseHit[]): ClauseResult[] {
  const byKey = new Map<string, ClauseResult>();
  for (const hit of hits) {
    const key = clauseKey(hit);
    const known = byKey.get(key) ?? { ...hit, dates: [] };
    const dates = [...new Set([...known.dates, hit.date])].sort();
    byKey.set(key, hit.date > known.date ? { ...hit, score: Math.max(hit.score, known.score), dates } : { ...known, dates });
  }
  return boostTopic([...byKey.values()].sort((a, b) => b.score - a.score));
}

/** The best clauses whose topics say what the query is about. */
const TOPIC_EVIDENCE = 5;
/** A clause on the query's subject counts this much more. */
const TOPIC_BOOST = 0.5;
/** Topics that say nothing of a subject. */
const NO_SUBJECT = new Set(['other', 'introduction']);

/**
 * Topic-aware ranking: the topic the classifier gave most of the best-matching clauses (weighed by their
 * scores, and only when it has at least half of their weight) is taken for the query's subject ("how long do
 * you keep my data": retention), and clauses on it move up. Sorted best first.
 */
export function boostTopic<T extends { score: number; topics: string[] }>(ranked: T[]): T[] {
  const best = ranked.slice(0, TOPIC_EVIDENCE);
  const total = best.reduce((sum, clause) => sum + clause.score, 0);
  const votes = new Map<string, number>();
  for (const clause of best) for (const topic of clause.topics) if (!NO_SUBJECT.has(topic)) votes.set(topic, (votes.get(topic) ?? 0) + clause.score);
  const [subject, weight] = [...votes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? [];
  if (!subject || weight! < total / 2) return ranked;
  return ranked
    .map((clause) => (clause.topics.includes(subject) ? { ...clause, score: clause.score * (1 + TOPIC_BOOST) } : clause))
    .sort((a, b) => b.score - a.score);
}

/** "in 5 snapshots, 2019–2024" for a clause found in several snapshots, else "". */
export function snapshotNote(dates: readonly string[]): string {
  if (dates.length < 2) return '';
  const first = dates[0].slice(0, 4);
  const last = dates.at(-1)!.slice(0, 4);
  return `in ${dates.length} snapshots, ${first === last ? first : `${first}–${last}`}`;
}

/**
 * About `length` words of the clause around its densest run of matched words, never cut inside a word: plain
 * text and matched words (`{ mark }`) in order, and whether words were left out before and after (an ellipsis).
 */
export function excerptOf(hit: Pick<ClauseHit, 'words' | 'matched'>, length = 32) {
  const { words, matched } = hit;
  let start = 0;
  if (words.length > length) {
    let best = -1;
    for (const at of matched) {
      const from = Math.max(0, Math.min(at - 4, words.length - length));
      const count = matched.filter((m) => m >= from && m < from + length).length;
      if (count > best) [best, start] = [count, from];
    }
  }
  const end = Math.min(words.length, start + length);
  const marked = new Set(matched);
  const parts: (string | { mark: string })[] = [];
  let text = '';
  for (let at = start; at < end; at++) {
    const space = at > start ? ' ' : '';
    if (marked.has(at)) {
      parts.push(...(text + space ? [text + space] : []), { mark: words[at] });
      text = '';
    } else text += space + words[at];
  }
  if (text) parts.push(text);
  return { parts, cutBefore: start > 0, cutAfter: end < words.length };
}

/** Words of a passage taken together when guessing where its best clause is (about a clause). */
const WINDOW = AVERAGE_CLAUSE_WORDS;

/**
 * How good the best clause of a passage may be, before reading it (`score`): the largest sum of the weights of
 * the distinct query words found within WINDOW words of each other, and which query words (their indexes) that
 * window has (`found`: each word's positions in the passage, as Pagefind reports them; `weights`: one per word).
 */
export function bestWindow(found: readonly (readonly number[])[], weights: readonly number[]): { score: number; words: number[] } {
  const located = found.flatMap((positions, word) => positions.map((at) => ({ at, word }))).sort((a, b) => a.at - b.at);
  let best = { score: 0, words: [] as number[] };
  let from = 0;
  const inWindow = new Map<number, number>();
  for (const entry of located) {
    inWindow.set(entry.word, (inWindow.get(entry.word) ?? 0) + 1);
    while (entry.at - located[from].at >= WINDOW) {
      const word = located[from++].word;
      const left = inWindow.get(word)! - 1;
      if (left) inWindow.set(word, left);
      else inWindow.delete(word);
    }
    let sum = 0;
    for (const word of inWindow.keys()) sum += weights[word];
    if (sum > best.score) best = { score: sum, words: [...inWindow.keys()] };
  }
  return best;
}
