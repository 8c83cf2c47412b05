/**
 * What a policy page's header says that search indexes, as HTML: written by the policy page
 * (src/pages/policies/[domain]/[date]/index.astro) and, for each policy's first search passage, by the search-index
 * stage (src/lib/search/passages.ts), so that what is indexed is what is published. The page adds what search
 * leaves out (provenance, links to the neighbouring snapshots) between the two parts.
 *
 * Text is escaped as Astro escapes it (the five characters of escapeHtml): the page is the same either way.
 */
import type { HistoryMeta } from '../history/pass.ts';
import { alternativeName } from '../import/company.ts';
import { openTermsArchiveService } from '../import/title.ts';
import { escapeHtml } from './render.ts';
import { companyPath, formatDate, plural, policyPath } from './views.ts';

export interface HeaderPolicy {
  id: string;
  data: { domain: string; company: string; archivedOn: string; title: string; snapshotUrl: string; service?: string };
}

/**
 * The heading a reader sees on a policy page: "<name> privacy policy", where the name is the Open Terms
 * Archive service when the snapshot names one (google.com holds YouTube's and Gmail's policies), else the
 * company's display name. The page's own HTML title, often site chrome ("WebMail Client , WebMail Server ,
 * Email Server for …"), is kept as provenance, not used as the heading.
 */
export function policyHeading(data: { company: string; snapshotUrl: string }): string {
  const service = openTermsArchiveService(data.snapshotUrl);
  // A service written all in lower case is a folder named after the domain ("thomsonreuters.com"), not a name.
  const name = service && service !== service.toLowerCase() ? service : data.company;
  return `${name} privacy policy`;
}

/** The policy article's start tag: the search body with its domain, year filter and date sort key. */
export function articleOpen(data: HeaderPolicy['data']): string {
  return `<article class="policy" data-pagefind-body data-pagefind-meta="domain:${data.domain}" data-pagefind-filter="year:${data.archivedOn.slice(0, 4)}" data-pagefind-sort="date:${data.archivedOn}">`;
}

/**
 * Breadcrumb (with the company filter, the date and the policy's topics as search filters), heading, the page's own
 * title and the company's other name (searchable, not shown), and the document series.
 */
export function headerTop({ data }: HeaderPolicy, company: { domain: string; name: string }, topics: readonly string[]): string {
  const facets = topics.map((slug) => `<data value="${escapeHtml(slug)}" data-pagefind-filter="topic[value]"></data>`).join('');
  const breadcrumb = `<p class="breadcrumb" data-pagefind-meta="date:${data.archivedOn}"><a href="/policies/" data-pagefind-ignore>Policies</a> › <a href="${companyPath(company.domain)}" data-pagefind-filter="company" data-pagefind-meta="company">${escapeHtml(company.name)}</a>${facets}</p>`;
  // Searchable, not shown: the page's own title (the search results show it; on the page it is a provenance row,
  // which is not indexed) and the name the domain suggests when people know the company by another
  // ("Steampowered" for Steam), so that search finds either name.
  const alsoKnownAs = alternativeName(data.domain, company.name);
  return (
    `${breadcrumb}<h1>${escapeHtml(policyHeading(data))}, ${formatDate(data.archivedOn)}</h1><span hidden data-pagefind-meta="title">${escapeHtml(data.title)}</span>` +
    (alsoKnownAs ? `<span hidden data-pagefind-meta="aka">${escapeHtml(alsoKnownAs)}</span>` : '') +
    (data.service ? `<p class="series">Service: <strong>${escapeHtml(data.service)}</strong> (one document series of ${escapeHtml(company.domain)})</p>` : '')
  );
}

/** What changed since the previous snapshot of the series ("" without one), and since when the oldest clauses are unchanged. */
export function changedSince(policy: HeaderPolicy, older: HeaderPolicy | undefined, { counts, oldest }: Pick<HistoryMeta, 'counts' | 'oldest'> = {}): string {
  if (!older || !counts) return '';
  const since = oldest && oldest.date < older.data.archivedOn ? ` ${plural(oldest.count, 'clause')} unchanged since ${formatDate(oldest.date)}.` : '';
  return (
    `<p class="changed-since"><a href="${policyPath(policy.id)}changes/">What changed since ${formatDate(older.data.archivedOn)}</a>: ` +
    `${plural(counts.added, 'clause')} added, ${counts.removed.toLocaleString('en')} removed, ${counts.edited.toLocaleString('en')} edited; ${plural(counts.unchanged, 'clause')} unchanged.${since}</p>`
  );
}
