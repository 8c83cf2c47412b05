/**
 * A worker thread of the search-index stage: given policies, answers with the distinct words of what is indexed of
 * them (src/lib/search/words.ts). The vocabulary of a fresh 10,000-policy archive took 50 s on the main thread,
 * while Pagefind waited for it; workers read and tokenise on every core.
 */
import { serveRequests } from '../workers/pool.ts';
import { wordsOfPolicies } from './words.ts';

serveRequests(wordsOfPolicies);
