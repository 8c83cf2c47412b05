/**
 * Topic counts over the whole archive, from each policy's summary (src/lib/policies/summary.ts): clause and
 * policy counts per topic, the share of policies that address each topic per archive year (the /topics/
 * charts), and each topic's clauses grouped by policy (topic pages).
 */
import { byNewest, type PolicyLike } from '../policies/views.ts';
import type { TopicExcerpt } from '../policies/summary.ts';

export { excerpt } from '../policies/summary.ts';

/** A topic page lists about this many clauses, so its weight is bounded whatever the archive's size. */
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
    for (const [topic, { count }] of Object.entries(policy.data.summary.topics)) {
      const total = counts.get(topic) ?? { clauses: 0, policies: 0 };
      total.clauses += count;
      total.policies++;
      counts.set(topic, total);
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
    for (const topic of Object.keys(policy.data.summary.topics)) {
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
  /** How many of the policy's clauses are on this topic. */
  total: number;
  /** The first of them (CLAUSES_PER_POLICY at most), in document order. */
  clauses: TopicExcerpt[];
}

/** The clauses on one topic, grouped by policy, newest policy first. */
export function clausesOnTopic<P extends PolicyLike>(policies: P[], topic: string): TopicPolicyGroup<P>[] {
  return [...policies].sort(byNewest).flatMap((policy) => {
    const entry = policy.data.summary.topics[topic];
    return entry ? [{ policy, total: entry.count, clauses: entry.shown }] : [];
  });
}

/**
 * Splits groups into pages of about `clausesPerPage` clauses without splitting a policy, so that no topic
 * page grows with the archive (the page-weight budget holds at any corpus size).
 */
export function paginateGroups<T extends { clauses: unknown[] }>(groups: T[], clausesPerPage: number): T[][] {
  const pages: T[][] = [];
  let size = 0;
  for (const group of groups) {
    if (!pages.length || size + group.clauses.length > clausesPerPage) {
      pages.push([]);
      size = 0;
    }
    pages.at(-1)!.push(group);
    size += group.clauses.length;
  }
  return pages;
}
