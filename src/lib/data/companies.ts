/**
 * The static index for programs: /api/companies.json (every company) and /api/companies/<domain>.json (one
 * company's series and snapshots). Series are listed even while a company has only one (its domain), so a
 * program written today keeps working when the archive tells a company's services apart.
 */
import { compareBytes, seriesKey } from '../history/series.ts';
import { companyPath, type Company } from '../policies/views.ts';
import { DATA_VERSION, dataPaths, snapshotRow, type PolicyEntry } from './snapshots.ts';

const abs = (path: string, site: URL) => new URL(path, site).href;
/** What a company's file says of each of its snapshots, besides its id and changes page: fields of its row. */
const SNAPSHOT_FIELDS = [
  'archived_on', 'title', 'word_count', 'clause_count', 'content_hash', 'snapshot_url', 'source', 'page_url', 'json_url'
] as const;

export function companiesIndex(companies: Company<PolicyEntry>[], site: URL) {
  return {
    $schema: abs(dataPaths.schema('companies'), site),
    schema_version: DATA_VERSION,
    companies: [...companies]
      .sort((a, b) => compareBytes(a.domain, b.domain))
      .map((company) => ({
        domain: company.domain,
        name: company.name,
        series_count: new Set(company.policies.map((policy) => seriesKey(policy.data))).size,
        snapshot_count: company.policies.length,
        first_archived_on: company.policies[company.policies.length - 1].data.archivedOn,
        last_archived_on: company.policies[0].data.archivedOn,
        page_url: abs(companyPath(company.domain), site),
        api_url: abs(dataPaths.companyApi(company.domain), site),
        feed_url: abs(dataPaths.companyFeed(company.domain), site),
      })),
  };
}

/** One company: its series, each with its snapshots oldest first. */
export function companyDocument(company: Company<PolicyEntry>, site: URL) {
  const series = Map.groupBy([...company.policies].reverse(), (policy) => seriesKey(policy.data));
  return {
    $schema: abs(dataPaths.schema('company'), site),
    schema_version: DATA_VERSION,
    domain: company.domain,
    name: company.name,
    page_url: abs(companyPath(company.domain), site),
    feed_url: abs(dataPaths.companyFeed(company.domain), site),
    series: [...series].sort(([a], [b]) => compareBytes(a, b)).map(([id, policies]) => ({
      id,
      snapshots: policies.map((policy) => {
        const row = snapshotRow(policy, site);
        const changes = dataPaths.changes(policy);
        const fields = Object.fromEntries(SNAPSHOT_FIELDS.map((name) => [name, row[name]]));
        return { id: row.snapshot_id, ...fields, changes_url: changes ? abs(changes, site) : null };
      }),
    })),
  };
}
