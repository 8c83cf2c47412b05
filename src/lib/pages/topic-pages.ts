/**
 * The pages of one topic: a front page with the newest policies that address it, and archive pages that cut
 * the whole list into runs counted from the oldest policy, so that an addition changes only the front page and
 * the newest archive page (counted from the newest, 8,013 topic pages shifted at every addition at 10,000 policies).
 */
import { CLAUSES_PER_PAGE, clausesOnTopic, paginateGroups, type TopicPolicyGroup } from '../topics/counts.ts';
import type { PolicyLike } from '../policies/views.ts';
import { config } from '../../config.ts';

/** Clauses per topic page: CLAUSES_PER_PAGE, or TOPIC_CLAUSES_PER_PAGE (the test site uses few, to have archive pages). */
export const CLAUSES_PER_TOPIC_PAGE = config.TOPIC_CLAUSES_PER_PAGE ?? CLAUSES_PER_PAGE;

export interface TopicPage<P extends PolicyLike = PolicyLike> {
  /** Undefined for the front page (/topics/<slug>/); n for /topics/<slug>/<n>/, 1 being the oldest run. */
  number?: number;
  /** Newest first. */
  groups: TopicPolicyGroup<P>[];
  /** Archive page numbers to link to; `newer` 0 is the front page. */
  newer?: number;
  older?: number;
  /** On the front page only: how many policies address the topic (it changes with every addition). */
  policyCount?: number;
}

export function topicPages<P extends PolicyLike>(policies: P[], topic: string, clausesPerPage = CLAUSES_PER_PAGE): TopicPage<P>[] {
  const newestFirst = clausesOnTopic(policies, topic);
  const [front = []] = paginateGroups(newestFirst, clausesPerPage);
  if (front.length === newestFirst.length) return [{ groups: front, policyCount: newestFirst.length }];
  const runs = paginateGroups([...newestFirst].reverse(), clausesPerPage);
  // The run holding the newest policy that the front page leaves out.
  const firstLeftOut = newestFirst.length - front.length - 1;
  let olderThanFront = 0;
  for (let seen = 0; seen <= firstLeftOut; olderThanFront++) seen += runs[olderThanFront].length;
  return [
    { groups: front, policyCount: newestFirst.length, older: olderThanFront },
    ...runs.map((run, i) => ({ number: i + 1, groups: [...run].reverse(), newer: i + 1 < runs.length ? i + 2 : 0, older: i > 0 ? i : undefined })),
  ];
}

/**
 * The pages of a topic that an addition of `added` policies can change: the front page, and the archive pages
 * from the one before the oldest run holding an added policy (runs before it keep their policies; that one
 * may link to a new run). The others are published already.
 */
export function pagesChangedBy<P extends PolicyLike>(pages: TopicPage<P>[], added: ReadonlySet<string>): TopicPage<P>[] {
  const first = pages.find((page) => page.number !== undefined && page.groups.some((group) => added.has(group.policy.id)))?.number;
  return pages.filter((page) => page.number === undefined || (first !== undefined && page.number >= first - 1));
}
