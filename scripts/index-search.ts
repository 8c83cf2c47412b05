/**
 * Builds the Pagefind search index of the built site (second step of `npm run build`, after `astro build`): the
 * site is OUT_DIR, unchanged partitions are reused from CACHE_DIR, and SEARCH_PARTITION_POLICIES,
 * SEARCH_PASSAGE_CHARS and SEARCH_TAIL_POLICIES set the sizes (src/config.ts; the tests' small site uses small
 * ones, so that it has several of each). What is indexed is every policy of the ledger the loader wrote
 * (`--ledger <dir>`; by default the build's next ledger when there is one, else the ledger of the last build).
 * Any indexing error exits non-zero.
 *
 * `--published <dir>`: OUT_DIR holds an additions build's new and changed pages, to be moved over the published
 * site in <dir> (src/lib/build/publish.ts): only new partitions are written to OUT_DIR.
 */
import { existsSync } from 'node:fs';
import { config, projectPath } from '../src/config.ts';
import { ledgerFiles } from '../src/lib/build/ledger.ts';
import { buildSearchIndex } from '../src/lib/search/pagefind-index.ts';

const site = projectPath(config.OUT_DIR);
const cacheDir = projectPath(config.CACHE_DIR);
const partitionPolicies = config.SEARCH_PARTITION_POLICIES;
const passageBudget = config.SEARCH_PASSAGE_CHARS;
const tailPolicies = config.SEARCH_TAIL_POLICIES;
const option = (name: string, at = process.argv.indexOf(name)) => (at >= 0 ? process.argv[at + 1] : undefined);
const publishedDir = option('--published');
const ledgers = ledgerFiles(cacheDir);
const ledger = option('--ledger') ?? (existsSync(ledgers.next) ? ledgers.next : ledgers.current);
const started = performance.now();
try {
  const summary = await buildSearchIndex(site, { ledger, cacheDir, partitionPolicies, passageBudget, tailPolicies, publishedDir });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `[pagefind-index] ${summary.policies} policies as ${summary.passages} passages in ${summary.partitions} partitions (${summary.reused} unchanged, reused): ` +
      `${summary.files} files, ${(summary.bytes / 1024).toFixed(0)} KiB in ${seconds} s ` +
      `(list ${summary.seconds.list.toFixed(1)} s, vocabulary ${summary.seconds.vocabulary.toFixed(1)} s, partitions ${summary.seconds.partitions.toFixed(1)} s)`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  // A failure the index step did not foresee (a bug, a file system error) keeps its stack, for whoever fixes it.
  if (error instanceof Error && error.cause instanceof Error) console.error(error.cause.stack);
  process.exit(1);
}
