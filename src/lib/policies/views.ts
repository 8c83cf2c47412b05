/**
 * Pure views over the list of policies that the pages share: grouping by company, ordering snapshots,
 * corpus figures. Kept free of Astro so it can be unit tested.
 */
import type { PolicyFrontmatter } from './schema.ts';
import type { PolicySummary } from './summary.ts';

export interface PolicyLike {
  id: string;
  data: Pick<PolicyFrontmatter, 'domain' | 'company' | 'archivedOn' | 'title' | 'wordCount'> & { summary: PolicySummary };
}

export interface Company<P extends PolicyLike = PolicyLike> {
  domain: string;
  name: string;
  /** Snapshots, newest first. */
  policies: P[];
}

/** Newest first; same-day snapshots in id order ("2006-06-17" before "2006-06-17-2"). */
export function byNewest<P extends PolicyLike>(a: P, b: P): number {
  return b.data.archivedOn.localeCompare(a.data.archivedOn) || a.id.localeCompare(b.id);
}

/** Companies sorted by display name (case-insensitive, then domain), each with its snapshots newest first. */
export function groupByCompany<P extends PolicyLike>(policies: P[]): Company<P>[] {
  return [...Map.groupBy(policies, (policy) => policy.data.domain)]
    .map(([domain, list]) => {
      const sorted = list.sort(byNewest);
      return { domain, name: sorted[0].data.company, policies: sorted };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.domain.localeCompare(b.domain));
}

/** Path of a policy page: /policies/<domain>/<date>/ (a same-day second snapshot has a -2 suffix in its id). */
export function policyPath(policyId: string): string {
  return `/policies/${policyId}/`;
}

export function companyPath(domain: string): string {
  return `/policies/${domain}/`;
}

export function policySlug(policyId: string): { domain: string; date: string } {
  const slash = policyId.indexOf('/');
  return { domain: policyId.slice(0, slash), date: policyId.slice(slash + 1) };
}

/** "17 June 2006": one unambiguous format for an international audience. */
export function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const names = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${day} ${names[month - 1]} ${year}`;
}

/** How many snapshots, companies, clauses and words, and the first and last archive year (undefined: none). */
export function archiveStats(policies: PolicyLike[]) {
  const years = policies.map((policy) => Number(policy.data.archivedOn.slice(0, 4))).sort((a, b) => a - b);
  return {
    policies: policies.length,
    companies: new Set(policies.map((policy) => policy.data.domain)).size,
    clauses: policies.reduce((sum, policy) => sum + policy.data.summary.clauseCount, 0),
    words: policies.reduce((sum, policy) => sum + policy.data.wordCount, 0),
    firstYear: years[0] as number | undefined,
    lastYear: years.at(-1),
  };
}

/** "1 clause", "2,417 clauses". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? singular : pluralForm}`;
}

/**
 * The letter a company is filed under in the A–Z index: its name's first letter without accents, or "#" for
 * names that start with a digit or a symbol ("@Mail", "123greetings").
 */
export function companyInitial(name: string): string {
  const first = name.normalize('NFKD').replace(/[^\p{L}\p{N}]/gu, '').charAt(0).toUpperCase();
  return /[A-Z]/.test(first) ? first : '#';
}

/** URL segment of a letter page: /policies/by-letter/a/, and /policies/by-letter/other/ for "#". */
export function letterSlug(initial: string): string {
  return initial === '#' ? 'other' : initial.toLowerCase();
}

/** Companies grouped by initial, letters in A–Z order with "#" last. */
export function groupByInitial<C extends { name: string }>(companies: C[]): { initial: string; companies: C[] }[] {
  return [...Map.groupBy(companies, (company) => companyInitial(company.name))]
    .sort(([a], [b]) => (a === '#' ? 1 : b === '#' ? -1 : a.localeCompare(b)))
    .map(([initial, list]) => ({ initial, companies: list }));
}

/** Above this many companies, /policies/ links to one page per letter instead of listing them all. */
export const COMPANIES_ON_ONE_PAGE = 300;
