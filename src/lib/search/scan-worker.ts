/**
 * A worker thread of the search-index stage: given built pages, answers with each one's archive date and the
 * digest of its indexed part (src/lib/search/page-text.ts). A first build reads every page of the site (21,000
 * at 10,000 policies); two workers read and hash them on both cores.
 */
import { serveRequests } from '../workers/pool.ts';
import { scanPages } from './page-text.ts';

serveRequests(scanPages);
