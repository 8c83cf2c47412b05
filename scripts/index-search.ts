/**
 * Builds the Pagefind search index of the built site (second step of `npm run build`, after `astro build`).
 * The site folder is OUT_DIR, like astro.config.mjs, default dist/. Any indexing error exits non-zero.
 */
import path from 'node:path';
import { buildSearchIndex } from '../src/lib/search/pagefind-index.ts';

const site = path.resolve(process.env.OUT_DIR ?? 'dist');
const started = performance.now();
try {
  const summary = await buildSearchIndex(site);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`[pagefind-index] indexed ${summary.pages} pages: ${summary.files} files, ${(summary.bytes / 1024).toFixed(0)} KiB in ${seconds} s`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
