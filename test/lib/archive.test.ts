import { describe, expect, it } from 'vitest';
import { archiveStats, formatDate, groupByCompany, plural, policySlug, type PolicyLike } from '../../src/lib/policies/views.ts';
import { clausesOnTopic, excerpt, paginateGroups, topicCounts, topicShareByYear } from '../../src/lib/topics/counts.ts';
import { CLAUSES_PER_POLICY, summarize } from '../../src/lib/policies/summary.ts';
import type { Clause, Section } from '../../src/lib/clauses/types.ts';

let position = 0;
function clause(id: string, topics: string[]): Clause {
  return { id, kind: 'paragraph', ordinal: 1, position: ++position, html: id, text: `text of ${id}`, topics };
}
function policy(id: string, company: string, topicsPerClause: string[][]): PolicyLike {
  const [domain, archivedOn] = id.split('/');
  const sections: Section[] = [
    { id: 's', heading: 'S', level: 2, blocks: topicsPerClause.map((topics, i) => ({ type: 'clause' as const, clause: clause(`s-${i + 1}`, topics) })) },
  ];
  return { id, data: { domain, company, archivedOn: archivedOn.slice(0, 10), title: 't', wordCount: 10, summary: summarize(sections) } };
}

const policies = [
  policy('b.com/2006-01-01', 'Bee', [['cookies'], []]),
  policy('a.com/2005-06-01', 'acme', [['cookies', 'security'], ['cookies']]),
  policy('b.com/2008-03-03', 'Bee', [['security']]),
  policy('b.com/2008-03-03-2', 'Bee', []),
];

describe('archive views', () => {
  it('groups by company name, case-insensitively, snapshots newest first (same day: id order)', () => {
    const companies = groupByCompany(policies);
    expect(companies.map((c) => c.domain)).toEqual(['a.com', 'b.com']);
    expect(companies[1].policies.map((p) => p.id)).toEqual(['b.com/2008-03-03', 'b.com/2008-03-03-2', 'b.com/2006-01-01']);
  });

  it('splits ids into URL params, formats dates and plurals', () => {
    expect(policySlug('b.com/2008-03-03-2')).toEqual({ domain: 'b.com', date: '2008-03-03-2' });
    expect(formatDate('2006-06-17')).toBe('17 June 2006');
    expect(plural(1, 'clause')).toBe('1 clause');
    expect(plural(2417, 'policy', 'policies')).toBe('2,417 policies');
  });

  it('counts the archive', () => {
    expect(archiveStats(policies)).toEqual({ policies: 4, companies: 2, clauses: 5, words: 40, firstYear: 2005, lastYear: 2008 });
  });
});

describe('topic coverage', () => {
  it('counts clauses and policies per topic', () => {
    const counts = topicCounts(policies);
    expect(counts.get('cookies')).toEqual({ clauses: 3, policies: 2 });
    expect(counts.get('security')).toEqual({ clauses: 2, policies: 2 });
  });

  it('gives the share of policies addressing a topic for every archive year', () => {
    expect(topicShareByYear(policies).get('security')).toEqual([
      { year: 2005, addressing: 1, total: 1 },
      { year: 2006, addressing: 0, total: 1 },
      { year: 2008, addressing: 1, total: 2 },
    ]);
  });

  it('groups a topic\'s clauses by policy, newest first', () => {
    const groups = clausesOnTopic(policies, 'cookies');
    expect(groups.map((g) => [g.policy.id, g.total, g.clauses.map((c) => c.id)])).toEqual([
      ['b.com/2006-01-01', 1, ['s-1']],
      ['a.com/2005-06-01', 2, ['s-1', 's-2']],
    ]);
    expect(groups[1].clauses[0]).toEqual({ id: 's-1', heading: 'S', text: 'text of s-1' });
  });

  it('paginates without splitting a policy', () => {
    const groups = [{ clauses: [1, 2] }, { clauses: [3] }, { clauses: [4, 5, 6] }, { clauses: [7] }];
    expect(paginateGroups(groups, 3).map((page) => page.map((g) => g.clauses.length))).toEqual([[2, 1], [3], [1]]);
  });

  it('cuts excerpts at a word boundary', () => {
    expect(excerpt('short')).toBe('short');
    expect(excerpt('We use cookies to remember you, and to count visits.', 30)).toBe('We use cookies to remember you…');
  });
});

describe('company index by letter', () => {
  it('files companies under their first letter, accents removed, digits and symbols under #', async () => {
    const { companyInitial, groupByInitial, letterSlug } = await import('../../src/lib/policies/views.ts');
    expect(['AtTask', 'éditions', '@Mail', '123greetings', 'zoom'].map(companyInitial)).toEqual(['A', 'E', 'M', '#', 'Z']);
    expect(groupByInitial([{ name: 'b' }, { name: '9' }, { name: 'a' }, { name: 'B2' }]).map((g) => [g.initial, g.companies.length])).toEqual([
      ['A', 1],
      ['B', 2],
      ['#', 1],
    ]);
    expect([letterSlug('Q'), letterSlug('#')]).toEqual(['q', 'other']);
  });
});

describe('policy summary (what the data store keeps)', () => {
  it('counts clauses and keeps the first few clauses of each topic as excerpts', () => {
    const long = 'word '.repeat(100).trim();
    const sections: Section[] = [
      { id: 'a', heading: 'A', level: 2, blocks: [1, 2, 3].map((n) => ({ type: 'clause' as const, clause: { ...clause(`a-${n}`, ['cookies']), text: n === 1 ? long : `c${n}` } })) },
      { id: 'b', heading: '', level: 2, blocks: [{ type: 'list', ordered: false, items: [clause('b-1', ['security', 'cookies'])] }] },
    ];
    const summary = summarize(sections);
    expect(summary.clauseCount).toBe(4);
    expect(summary.topics.cookies.count).toBe(4);
    expect(summary.topics.cookies.shown.map((c) => c.id)).toEqual(['a-1', 'a-2'].slice(0, CLAUSES_PER_POLICY));
    expect(summary.topics.cookies.shown[0].text.length).toBeLessThanOrEqual(241);
    expect(summary.topics.security).toEqual({ count: 1, shown: [{ id: 'b-1', heading: '', text: 'text of b-1' }] });
  });
});
