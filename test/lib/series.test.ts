/** Series views: grouping, neighbours inside a series, and the ids of the earlier naming that need a redirect. */
import { describe, expect, it } from 'vitest';
import { formerIds, groupSeries, seriesNeighbours } from '../../src/lib/history/series.ts';

const p = (id: string, archivedOn: string, service?: string) => ({ id, data: { domain: id.split('/')[0], archivedOn, ...(service ? { service } : {}) } });

describe('series', () => {
  const policies = [
    p('ms.com/2020-12-16-msn', '2020-12-16', 'msn'),
    p('ms.com/2020-12-16-microsoft-store', '2020-12-16', 'microsoft-store'),
    p('ms.com/2020-12-16-microsoft', '2020-12-16', 'microsoft'),
    p('ms.com/2021-12-08-microsoft', '2021-12-08', 'microsoft'),
    p('ms.com/2020-12-24-bing', '2020-12-24', 'bing'),
    p('ms.com/2021-12-08', '2021-12-08'),
  ];

  it('groups snapshots by domain and service, oldest first', () => {
    expect([...groupSeries(policies)].map(([key, list]) => [key, list.map((x) => x.id)])).toEqual([
      ['ms.com', ['ms.com/2021-12-08']],
      ['ms.com/bing', ['ms.com/2020-12-24-bing']],
      ['ms.com/microsoft', ['ms.com/2020-12-16-microsoft', 'ms.com/2021-12-08-microsoft']],
      ['ms.com/microsoft-store', ['ms.com/2020-12-16-microsoft-store']],
      ['ms.com/msn', ['ms.com/2020-12-16-msn']],
    ]);
  });

  it('previous and next stay inside the series, never another service of the same day', () => {
    const { older, newer } = seriesNeighbours(policies, policies[2]);
    expect(older).toBeUndefined();
    expect(newer?.id).toBe('ms.com/2021-12-08-microsoft');
    expect(seriesNeighbours(policies, policies[3]).older?.id).toBe('ms.com/2020-12-16-microsoft');
  });

  it('redirects the ids the earlier importer gave in file-name order (service by service), never over a current id', () => {
    expect(formerIds(policies).map(({ former, to }) => [former, to.id])).toEqual([
      // 2020-12-16: "microsoft-store__" sorts before "microsoft__" and "msn__", as the file names did.
      ['2020-12-16', 'ms.com/2020-12-16-microsoft-store'],
      ['2020-12-16-2', 'ms.com/2020-12-16-microsoft'],
      ['2020-12-16-3', 'ms.com/2020-12-16-msn'],
      // 2021-12-08: the Wayback snapshot holds the bare date now; the service's old id was that one: no redirect.
      ['2021-12-08-2', 'ms.com/2021-12-08'],
      ['2020-12-24', 'ms.com/2020-12-24-bing'],
    ]);
  });
});
