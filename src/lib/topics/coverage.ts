/**
 * Topic figures over the whole archive: clause and policy counts per topic, and the share of policies that
 * address each topic per archive year (the /topics/ charts), and each topic's clauses grouped by policy.
 */
import { clausesOf, byNewest, type PolicyLike } from '../policies/archive.ts';
import type { Clause } from '../clauses/types.ts';

/** A topic page lists at most this many clauses of one policy (the rest are a link away)... */
export const CLAUSES_PER_POLICY = 2;
/** ...and about this many clauses in all, so its weight is bounded whatever the archive's size. */
export const CLAUSES_PER_PAGE = 30;

export interface TopicCount {
  clauses: number;
  policies: number;
}

export interface YearShare {
  year: number;
  /** Policies archived that year that have at least one clause on the topic. */
  addressing: number;
  /** All policies archived that year. */
  total: number;
}

export function topicCounts(policies: PolicyLike[]): Map<string, TopicCount> {
  const counts = new Map<string, TopicCount>();
  for (const policy of policies) {
    const seen = new Set<string>();
    for (const clause of clausesOf(policy.data.sections)) {
      for (const topic of clause.topics) {
        const count = counts.get(topic) ?? { clauses: 0, policies: 0 };
        count.clauses++;
        if (!seen.has(topic)) {
          count.policies++;
          seen.add(topic);
        }
        counts.set(topic, count);
      }
    }
  }
  return counts;
}

/** Per topic, one entry per archive year present in the archive (years without policies are left out). */
export function topicShareByYear(policies: PolicyLike[]): Map<string, YearShare[]> {
  const totals = new Map<number, number>();
  const addressing = new Map<string, Map<number, number>>();
  for (const policy of policies) {
    const year = Number(policy.data.archivedOn.slice(0, 4));
    totals.set(year, (totals.get(year) ?? 0) + 1);
    const topics = new Set(clausesOf(policy.data.sections).flatMap((clause) => clause.topics));
    for (const topic of topics) {
      const byYear = addressing.get(topic) ?? new Map<number, number>();
      byYear.set(year, (byYear.get(year) ?? 0) + 1);
      addressing.set(topic, byYear);
    }
  }
  const years = [...totals.keys()].sort((a, b) => a - b);
  const result = new Map<string, YearShare[]>();
  for (const [topic, byYear] of addressing) {
    result.set(topic, years.map((year) => ({ year, addressing: byYear.get(year) ?? 0, total: totals.get(year)! })));
  }
  return result;
}

export interface TopicPolicyGroup<P extends PolicyLike = PolicyLike> {
  policy: P;
  /** The policy's clauses on this topic, in document order, each with its section heading. */
  clauses: { clause: Clause; heading: string }[];
}

/** The clauses on one topic, grouped by policy, newest policy first. */
export function clausesOnTopic<P extends PolicyLike>(policies: P[], topic: string): TopicPolicyGroup<P>[] {
  const groups: TopicPolicyGroup<P>[] = [];
  for (const policy of [...policies].sort(byNewest)) {
    const clauses: TopicPolicyGroup<P>['clauses'] = [];
    for (const section of policy.data.sections) {
      for (const block of section.blocks) {
        for (const clause of block.type === 'clause' ? [block.clause] : block.items) {
          if (clause.topics.includes(topic)) clauses.push({ clause, heading: section.heading });
        }
      }
    }
    if (clauses.length) groups.push({ policy, clauses });
  }
  return groups;
}

/**
 * Splits groups into pages of about `clausesPerPage` clauses without splitting a policy, so that no topic
 * page grows with the archive (the page-weight budget holds at any corpus size).
 */
export function paginateGroups<T extends { clauses: unknown[] }>(groups: T[], clausesPerPage: number): T[][] {
  const pages: T[][] = [];
  let page: T[] = [];
  let size = 0;
  for (const group of groups) {
    if (page.length && size + group.clauses.length > clausesPerPage) {
      pages.push(page);
      page = [];
      size = 0;
    }
    page.push(group);
    size += group.clauses.length;
  }
  if (page.length) pages.push(page);
  return pages;
}

/** A clause shortened for listing: at most `max` characters, cut at a word boundary. */
export function excerpt(text: string, max = 240): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  // Where the cut falls right after a word (before a space or punctuation), that word is whole.
  const space = /[^\p{L}\p{N}]/u.test(text[max]) ? max : cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}
