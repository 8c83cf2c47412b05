/**
 * The search-index stage: builds the Pagefind index of a built site into `<outDir>/pagefind/`. `npm run build`
 * runs it right after `astro build`, in its own process (scripts/index-search.ts): Astro's heap is gone by
 * then, so the build's peak memory is the larger of the two steps, not their sum (measured at 1,500
 * policies: 3.84 GB when this ran inside Astro's astro:build:done hook, 2.21 GB as its own step).
 *
 * Only pages with `data-pagefind-body` are indexed (the policy article: clause text plus its metadata);
 * headers, footers and every other page stay out. Any Pagefind error, or an index with no page in it,
 * fails the build with a message saying what went wrong.
 *
 * The site ships its own small search UI on Pagefind's JS API (src/scripts/search-page.ts) and its own
 * highlighter, so Pagefind's prebuilt UI bundles are removed from the output: nothing links to them, and
 * they would only inflate the deployed index folder.
 */
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';

/** Files of Pagefind's own UIs and highlighter that this site does not use. */
const UNUSED = /^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$/;

export class SearchIndexError extends Error {
  constructor(message: string) {
    super(`Search index (Pagefind): ${message}`);
    this.name = 'SearchIndexError';
  }
}

export interface IndexSummary {
  pages: number;
  files: number;
  bytes: number;
}

/** Indexes every HTML file under `siteDir` and writes the bundle to `<siteDir>/pagefind`. */
export async function buildSearchIndex(siteDir: string): Promise<IndexSummary> {
  const outputPath = path.join(siteDir, 'pagefind');
  try {
    const created = await pagefind.createIndex({ forceLanguage: 'en', excludeSelectors: ['.provenance', '.versions', '.toc'] });
    if (!created.index || created.errors.length) throw new SearchIndexError(`could not start: ${created.errors.join('; ') || 'no index returned'}`);
    const { index } = created;
    const bodies = await countBodyPages(siteDir);
    if (bodies === 0) throw new SearchIndexError(`no page in ${siteDir} has data-pagefind-body: nothing to index`);
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length) throw new SearchIndexError(`indexing ${siteDir} failed: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new SearchIndexError(`writing ${outputPath} failed: ${written.errors.join('; ')}`);
    const entry = JSON.parse(await readFile(path.join(outputPath, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    const pages = Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
    if (pages !== bodies) throw new SearchIndexError(`indexed ${pages} pages, but ${bodies} pages have data-pagefind-body`);
    for (const name of await readdir(outputPath)) if (UNUSED.test(name)) await rm(path.join(outputPath, name));
    await slimFragments(path.join(outputPath, 'fragment'));
    const { files, bytes } = await folderSize(outputPath);
    return { pages, files, bytes };
  } catch (error) {
    if (error instanceof SearchIndexError) throw error;
    throw new SearchIndexError(error instanceof Error ? error.message : String(error));
  } finally {
    await pagefind.close();
  }
}

/** Pagefind 1.6 fragment files: gzip of this signature followed by the page's JSON record. */
const FRAGMENT_SIGNATURE = 'pagefind_dcd';

interface FragmentAnchor {
  element: string;
  id: string;
  text?: string;
  title?: string;
  location: number;
}

/**
 * Every clause is an anchor (id + data-pagefind-title), and Pagefind stores each anchor's full text in the
 * page's fragment next to the page content: the policy text twice. Its search script reads an anchor's text
 * only to title a heading's sub-result (or an anchor without a title); clause anchors have a title. Dropping
 * that unused copy makes fragments ~40% smaller, and a fragment is what a browser downloads per result shown.
 * Anchors that can never be sub-results (no title, not a heading) are dropped too. Fails the build if the
 * format is not the one this was written for (so a Pagefind upgrade cannot silently break results).
 */
export async function slimFragments(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    const file = path.join(dir, name);
    const raw = gunzipSync(await readFile(file)).toString('utf8');
    if (!raw.startsWith(FRAGMENT_SIGNATURE)) throw new SearchIndexError(`${file} is not a Pagefind 1.6 fragment (signature missing)`);
    const record = JSON.parse(raw.slice(FRAGMENT_SIGNATURE.length)) as { anchors?: FragmentAnchor[] };
    if (!Array.isArray(record.anchors)) throw new SearchIndexError(`${file} has no anchors list: unknown fragment format`);
    record.anchors = record.anchors.flatMap((anchor) => {
      const heading = /^h\d$/i.test(anchor.element);
      if (anchor.title?.trim()) return [heading ? anchor : { ...anchor, text: '' }];
      return heading ? [anchor] : [];
    });
    await writeFile(file, gzipSync(FRAGMENT_SIGNATURE + JSON.stringify(record), { level: 9 }));
  }
}

/** A start tag carrying the attribute (policy text is escaped, so it cannot produce one). */
const BODY_TAG = /<[a-zA-Z][^<>]*\sdata-pagefind-body(?=[\s=/>])/;

/** How many built pages mark a search body (only those are indexed; chrome-only pages stay out). */
async function countBodyPages(siteDir: string): Promise<number> {
  let count = 0;
  for (const entry of await readdir(siteDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    if (BODY_TAG.test(await readFile(path.join(entry.parentPath, entry.name), 'utf8'))) count++;
  }
  return count;
}

export async function folderSize(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}
