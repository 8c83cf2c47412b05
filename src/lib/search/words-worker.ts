/**
 * A worker thread of the search-index stage: given built pages, answers with the distinct words of their
 * indexed part (src/lib/search/page-text.ts). The vocabulary of a fresh 10,000-policy archive took 50 s on
 * the main thread, while Pagefind waited for it; workers read and tokenise on every core.
 */
import { serveRequests } from '../workers/pool.ts';
import { wordsOfPages } from './page-text.ts';

serveRequests(wordsOfPages);
