/**
 * What the site-wide pages (home, company timelines, /topics/, topic pages) need to know about a policy,
 * kept in Astro's data store instead of its sections: clause count, and per topic the number of clauses and
 * the first few as excerpts. The full page body lives in its own file (page-file.ts).
 *
 * Why: Astro serialises the whole data store into one module that Vite bundles. With every clause of every
 * policy in it (ids and topics only), it was 180 MB at 10,000 policies, and bundling it took longer than the
 * rest of the build; this summary is a few kB per policy.
 */
import { sectionClauses, type Section } from '../clauses/types.ts';

/** A topic page lists at most this many clauses of one policy (the rest are a link away)... */
export const CLAUSES_PER_POLICY = 2;

/** A clause on a topic: its anchor id, its section heading ("" before the first heading) and its text, cut. */
export type TopicExcerpt = { id: string; heading: string; text: string };

export interface PolicySummary {
  clauseCount: number;
  /** Topic slug → clauses on it in this policy, and the first CLAUSES_PER_POLICY of them. */
  topics: Record<string, { count: number; shown: TopicExcerpt[] }>;
}

export function summarize(sections: Section[]): PolicySummary {
  let clauseCount = 0;
  const topics: PolicySummary['topics'] = {};
  for (const section of sections) {
    for (const clause of sectionClauses(section)) {
      clauseCount++;
      for (const topic of clause.topics) {
        const entry = (topics[topic] ??= { count: 0, shown: [] });
        entry.count++;
        if (entry.shown.length < CLAUSES_PER_POLICY) entry.shown.push({ id: clause.id, heading: section.heading, text: excerpt(clause.text) });
      }
    }
  }
  return { clauseCount, topics };
}

/** A clause shortened for listing: at most `max` characters, cut at a word boundary. */
export function excerpt(text: string, max = 240): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  // Where the cut falls right after a word (before a space or punctuation), that word is whole.
  const space = /[^\p{L}\p{N}]/u.test(text[max]) ? max : cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}
