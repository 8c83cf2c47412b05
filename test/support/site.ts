/** Where the test site is built, and from which content: the bundled sample plus the test fixtures. */
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
/**
 * TEST_SITE_DIR overrides the folder (e.g. several people iterating in one checkout with TEST_SITE_REUSE=1 on a
 * site each built themselves); CI uses the default.
 */
export const TEST_SITE_DIR = path.resolve(PROJECT_ROOT, process.env.TEST_SITE_DIR ?? '.cache/test-site');
export const TEST_POLICY_DIRS = ['src/content/policies', 'test/fixtures/policies'];
/** The test site's cache folder (CACHE_DIR), and the ledger of its build: what its search index is made of. */
export const TEST_CACHE_DIR = path.join(PROJECT_ROOT, '.cache/test-astro');
export const TEST_LEDGER = path.join(TEST_CACHE_DIR, 'archive', 'ledger');
/** Search index settings of the test site: six policies in three partitions, seeds cut into several passages. */
export const TEST_SEARCH_PARTITION_POLICIES = 2;
export const TEST_SEARCH_PASSAGE_CHARS = 1_500;
/** Few clauses per topic page, so that topics have archive pages (/topics/<slug>/<n>/) in this small site. */
const TEST_TOPIC_CLAUSES_PER_PAGE = 3;
/** The settings every build of the test content uses, so that builds made by tests equal the test site. */
export const TEST_BUILD_ENV = {
  SEARCH_PARTITION_POLICIES: String(TEST_SEARCH_PARTITION_POLICIES),
  SEARCH_PASSAGE_CHARS: String(TEST_SEARCH_PASSAGE_CHARS),
  TOPIC_CLAUSES_PER_PAGE: String(TEST_TOPIC_CLAUSES_PER_PAGE),
};

/** Ids of every policy in the test site, by content folder. */
export const SAMPLE_POLICY_IDS = ['atmail.com/2005-12-10', 'attask.com/2006-06-17', 'smartertools.com/2008-12-16'];

export function builtFile(...parts: string[]): string {
  return path.join(TEST_SITE_DIR, ...parts);
}
