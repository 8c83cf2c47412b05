/**
 * Where a snapshot's text comes from, and the licence and attribution its reuse needs: one rule for the policy
 * page's provenance and every published data file (docs/data.md, "Sources and licences").
 */
export interface Source {
  id: 'open-terms-archive' | 'princeton-leuven' | 'other';
  name: string;
  /** SPDX identifier where there is one, else a short phrase. */
  licence: string;
  licence_url: string | null;
  /** Where the source publishes its collection. */
  url: string | null;
  attribution: string;
}

export const SOURCES: Record<Source['id'], Source> = {
  'open-terms-archive': {
    id: 'open-terms-archive',
    name: 'Open Terms Archive',
    licence: 'ODC-By-1.0',
    licence_url: 'https://opendatacommons.org/licenses/by/1-0/',
    url: 'https://opentermsarchive.org/',
    attribution: 'Open Terms Archive contributors',
  },
  'princeton-leuven': {
    id: 'princeton-leuven',
    name: 'Princeton-Leuven Longitudinal Corpus of Privacy Policies',
    licence: 'research use',
    licence_url: null,
    url: 'https://github.com/citp/privacy-policy-historical',
    attribution: 'Amos, Acar, Lucherini, Kshirsagar, Narayanan and Mayer, "Privacy Policies over Time: Curation and Analysis of a Million-Document Dataset" (The Web Conference 2021)',
  },
  other: { id: 'other', name: 'Other source', licence: 'unknown', licence_url: null, url: null, attribution: 'see the snapshot URL' },
};

export function sourceOf(data: { sourceLabel: string; snapshotUrl: string }): Source {
  if (/open terms archive/i.test(data.sourceLabel) || data.snapshotUrl.includes('OpenTermsArchive')) return SOURCES['open-terms-archive'];
  if (/^https?:\/\/web\.archive\.org\//.test(data.snapshotUrl)) return SOURCES['princeton-leuven'];
  return SOURCES.other;
}
