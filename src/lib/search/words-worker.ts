/**
 * A worker thread of the search-index stage: given policies, answers with the distinct words of what is indexed of
 * them (src/lib/search/words.ts), so that Pagefind does not wait for the vocabulary (docs/scaling.md).
 */
import { serveRequests } from '../workers/pool.ts';
import { wordsOfPolicies } from './words.ts';

serveRequests(wordsOfPolicies);
