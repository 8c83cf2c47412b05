/**
 * Document series: a domain, plus the service when the source names one (frontmatter `service`). Pure views
 * over the list of policies, shared by the loader (lineage) and the pages (timelines, previous/next).
 */
export interface SeriesMember {
  id: string;
  data: { domain: string; service?: string; archivedOn: string };
}

export function seriesKey(data: { domain: string; service?: string }): string {
  return data.service ? `${data.domain}/${data.service}` : data.domain;
}

/** Oldest first; same-day snapshots of one series in id order ("…-2" after the plain one). */
function byOldest(a: SeriesMember, b: SeriesMember): number {
  return a.data.archivedOn.localeCompare(b.data.archivedOn) || a.id.length - b.id.length || a.id.localeCompare(b.id);
}

/** Every series with its snapshots oldest first, series in key order. */
export function groupSeries<P extends SeriesMember>(policies: readonly P[]): Map<string, P[]> {
  const groups = Map.groupBy(policies, (policy) => seriesKey(policy.data));
  for (const list of groups.values()) list.sort(byOldest);
  return new Map([...groups].sort(([a], [b]) => compareBytes(a, b)));
}

/** The snapshot just before and just after this one in its series. */
export function seriesNeighbours<P extends SeriesMember>(policies: readonly P[], policy: P): { older?: P; newer?: P } {
  const series = policies.filter((p) => seriesKey(p.data) === seriesKey(policy.data)).sort(byOldest);
  const index = series.findIndex((p) => p.id === policy.id);
  return { older: series[index - 1], newer: series[index + 1] };
}

/**
 * Ids the earlier importer gave (`<date>`, then `<date>-2`, -3 … in its import order, docs/history.md) that no
 * snapshot has any more, each with the snapshot now at its place: their URLs get a redirect page.
 */
export function formerIds<P extends SeriesMember>(policies: readonly P[]): { domain: string; former: string; to: P }[] {
  const current = new Set(policies.map((p) => p.id));
  const byDay = Map.groupBy(policies, (policy) => `${policy.data.domain}/${policy.data.archivedOn}`);
  const out: { domain: string; former: string; to: P }[] = [];
  for (const list of byDay.values()) {
    const serviced = list.filter((p) => p.data.service).sort((a, b) => compareBytes(`${a.data.service}__`, `${b.data.service}__`) || byOldest(a, b));
    const plain = list.filter((p) => !p.data.service).sort(byOldest);
    [...serviced, ...plain].forEach((policy, k) => {
      const { domain, archivedOn } = policy.data;
      const former = `${domain}/${k === 0 ? archivedOn : `${archivedOn}-${k + 1}`}`;
      if (former !== policy.id && !current.has(former)) out.push({ domain, former: former.slice(domain.length + 1), to: policy });
    });
  }
  return out;
}

/** Code-point order: the same on every machine and locale. */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
