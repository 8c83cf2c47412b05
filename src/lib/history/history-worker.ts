/** Worker thread of the history pass: computes the history of the series it is sent (see build.ts). */
import { serveRequests } from '../workers/pool.ts';
import { seriesHistory, type HistoryEntry } from './pass.ts';

serveRequests((series: HistoryEntry[]) => seriesHistory(series));
