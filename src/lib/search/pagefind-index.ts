/**
 * The search-index stage: builds the Pagefind indexes of a built site into `<outDir>/pagefind/`. `npm run build`
 * runs it right after `astro build`, in its own process (scripts/index-search.ts): Astro's heap is gone by
 * then, so the build's peak memory is the larger of the two steps, not their sum.
 *
 * What is indexed: the passages of every policy page (src/lib/search/passages.ts), never headers, footers or
 * other pages. Any Pagefind error, or a site with no policy page, fails the build with a message saying why.
 *
 * Partitions by archive date. Pagefind keeps a whole index in memory until it writes it, about 1 GB per
 * 1,000 policies (11.8 GB and 367 s for 10,000 in one index). So policies are indexed in partitions of
 * consecutive archive dates, each its own Pagefind bundle (`pagefind/<key>/`), one after another; the search
 * page merges them in the browser (Pagefind's mergeIndex) and, because a partition is a date range, sorting
 * by date is a walk through the partitions in order (src/scripts/search-page.ts). `pagefind/partitions.json`
 * lists them. A partition's key is a hash of its pages and of the indexing settings: an unchanged
 * partition is copied from the cache (`<cacheDir>/search-index/`) instead of being indexed again, and an
 * archive that grows by new snapshots only re-indexes its newest partition.
 *
 * Every partition's words. When Pagefind finds no word starting with a search term in an index, it matches the
 * longest indexed word the term starts with instead ("in" for "internet"). Alone, an index lacks such a term
 * only when the whole archive does; merged, a partition lacking a word the others have would answer
 * "zoomcorp" with every passage that says "zoom". So when there are several partitions, each also indexes
 * one vocabulary page holding every word of the archive (filter `kind:vocabulary`, which the search page
 * excludes): a word found anywhere is found in every partition, and merged searches match as one index would.
 * The cost: a new word anywhere re-indexes every partition (measured: see README, Benchmark).
 *
 * The site ships its own small search UI on Pagefind's JS API and its own highlighter, so Pagefind's prebuilt
 * UI bundles are removed from the output.
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { PASSAGE_TEXT_BUDGET, passagesOfPage } from './passages.ts';

/** Files of Pagefind's own UIs and highlighter, and the language-less WebAssembly, that this site does not use. */
const UNUSED = /^(pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)|wasm\.unknown\.pagefind)$/;
/** Policies per partition: ~2 GB of Pagefind memory; one partition up to that size (the sample, the corpus). */
export const PARTITION_POLICIES = 2_000;

export class SearchIndexError extends Error {
  constructor(message: string) {
    super(`Search index (Pagefind): ${message}`);
    this.name = 'SearchIndexError';
  }
}

export interface Partition {
  /** Folder of the bundle in the site: /pagefind/<key>/ */
  path: string;
  key: string;
  /** First and last archive date in it. */
  from: string;
  to: string;
  policies: number;
  passages: number;
}

export interface PartitionManifest {
  version: 1;
  /** Oldest first. */
  partitions: Partition[];
}

export interface IndexSummary {
  policies: number;
  passages: number;
  partitions: number;
  /** Partitions taken from the cache unchanged. */
  reused: number;
  files: number;
  bytes: number;
}

export interface IndexOptions {
  /** Where unchanged partitions are kept between builds; none: every partition is indexed. */
  cacheDir?: string;
  partitionPolicies?: number;
  passageBudget?: number;
}

interface PolicyPage {
  file: string;
  url: string;
  date: string;
  digest: string;
}

/** Indexes the policy pages under `siteDir` into `<siteDir>/pagefind/`. */
export async function buildSearchIndex(siteDir: string, options: IndexOptions = {}): Promise<IndexSummary> {
  const outputRoot = path.join(siteDir, 'pagefind');
  const partitionPolicies = options.partitionPolicies ?? PARTITION_POLICIES;
  const budget = options.passageBudget ?? PASSAGE_TEXT_BUDGET;
  if (!(partitionPolicies >= 1)) throw new SearchIndexError(`partition size must be at least 1 policy (got ${partitionPolicies})`);
  if (!(budget >= 1)) throw new SearchIndexError(`passage length must be at least 1 character (got ${budget})`);
  try {
    const words = new Set<string>();
    const pages = await policyPages(siteDir, words);
    if (pages.length === 0) throw new SearchIndexError(`no page in ${siteDir} has data-pagefind-body: nothing to index`);
    await rm(outputRoot, { recursive: true, force: true });
    await mkdir(outputRoot, { recursive: true });
    const cacheRoot = options.cacheDir ? path.join(options.cacheDir, 'search-index') : undefined;
    const groups = partition(pages, partitionPolicies);
    const vocabulary = groups.length > 1 ? [...words].sort().join(' ') : '';
    words.clear();
    const partitions: Partition[] = [];
    let passages = 0;
    let reused = 0;
    for (const group of groups) {
      const key = createHash('sha256')
        .update(`${indexerDigest}:${budget}:${pagefindVersion}\n`)
        .update(vocabulary ? `vocabulary ${createHash('sha256').update(vocabulary).digest('hex')}\n` : '')
        .update(group.map((page) => `${page.url} ${page.digest}\n`).join(''))
        .digest('hex')
        .slice(0, 16);
      const target = path.join(outputRoot, key);
      const cached = cacheRoot && path.join(cacheRoot, key);
      let count: number;
      if (cached && (await exists(path.join(cached, 'passages.json')))) {
        await cp(cached, target, { recursive: true });
        count = JSON.parse(await readFile(path.join(cached, 'passages.json'), 'utf8')).passages;
        reused++;
      } else {
        count = await indexPartition(group, target, budget, vocabulary);
        await writeFile(path.join(target, 'passages.json'), JSON.stringify({ passages: count }));
        if (cached) {
          const temporary = `${cached}.tmp-${process.pid}`;
          await rm(temporary, { recursive: true, force: true });
          await cp(target, temporary, { recursive: true });
          await rm(cached, { recursive: true, force: true });
          await rename(temporary, cached);
        }
      }
      passages += count;
      partitions.push({ path: `/pagefind/${key}/`, key, from: group[0].date, to: group.at(-1)!.date, policies: group.length, passages: count });
    }
    if (cacheRoot) await pruneCache(cacheRoot, new Set(partitions.map((entry) => entry.key)));
    const manifest: PartitionManifest = { version: 1, partitions };
    await writeFile(path.join(outputRoot, 'partitions.json'), JSON.stringify(manifest));
    const { files, bytes } = await folderSize(outputRoot);
    return { policies: pages.length, passages, partitions: partitions.length, reused, files, bytes };
  } catch (error) {
    await rm(outputRoot, { recursive: true, force: true });
    if (error instanceof SearchIndexError) throw error;
    throw new SearchIndexError(error instanceof Error ? error.message : String(error));
  } finally {
    await pagefind.close();
  }
}

/** Part of every partition's key: a new Pagefind writes a new index. */
const pagefindVersion = JSON.parse(await readFile(new URL('../package.json', import.meta.resolve('pagefind')), 'utf8')).version as string;
/** Part of every partition's key too: a change to how passages are cut or indexed re-indexes everything. */
const indexerDigest = createHash('sha256')
  .update(await readFile(new URL(import.meta.url)))
  .update(await readFile(new URL('./passages.ts', import.meta.url)))
  .digest('hex');

/** A start tag carrying the attribute (policy text is escaped, so it cannot produce one). */
const BODY_TAG = /<[a-zA-Z][^<>]*\sdata-pagefind-body(?=[\s=/>])/;

/** Every built page with a search body: its URL, archive date and a digest of its HTML; its words go to `words`. */
async function policyPages(siteDir: string, words: Set<string>): Promise<PolicyPage[]> {
  const pages: PolicyPage[] = [];
  for (const entry of await readdir(siteDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name !== 'index.html') continue;
    const file = path.join(entry.parentPath, entry.name);
    const html = await readFile(file, 'utf8');
    if (!BODY_TAG.test(html)) continue;
    const url = `/${path.relative(siteDir, entry.parentPath).split(path.sep).join('/')}/`.replace(/^\/\/$/, '/');
    const date = /data-pagefind-sort="date:(\d{4}-\d{2}-\d{2})"/.exec(html)?.[1];
    if (!date) throw new SearchIndexError(`${path.relative(siteDir, file)}: the search body has no date sort value`);
    const indexed = indexedPart(html);
    for (const word of wordsOf(indexed)) words.add(word);
    pages.push({ file, url, date, digest: createHash('sha256').update(indexed).digest('hex') });
  }
  // Date order, then URL: partitions are date ranges and the same pages always fall into the same ones.
  return pages.sort((a, b) => a.date.localeCompare(b.date) || a.url.localeCompare(b.url));
}

/**
 * The part of a page that decides what is indexed: the article without what Pagefind leaves out — its <nav>s
 * (the links to neighbouring snapshots, which change when a snapshot is added; contents; topic summary) and
 * the provenance list (excludeSelectors). Assets' hashed names and the rest of the chrome are outside it.
 */
function indexedPart(html: string): string {
  const start = html.search(BODY_TAG);
  const end = html.indexOf('</article>', start);
  return html
    .slice(start, end)
    .replace(/<nav\b[^>]*>.*?<\/nav>/gs, '')
    .replace(/<dl class="provenance">.*?<\/dl>/gs, '');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The distinct words of some markup's text, lower-cased, without the punctuation around them (Pagefind
 * splits and stems them again when it indexes the vocabulary page, as it does the passages).
 */
export function wordsOf(html: string): string[] {
  // Metadata values (domain:..., date:...) are searchable in Pagefind 1.6 too.
  const metadata = [...html.matchAll(/data-pagefind-meta="[^":]*:([^"]*)"/g)].map((match) => match[1]).join(' ');
  const text = `${html} ${metadata}`
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
      }
      return ENTITIES[name.toLowerCase()] ?? ' ';
    })
    .toLowerCase();
  const words = new Set<string>();
  for (const token of text.split(/\s+/)) {
    const word = token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (word) words.add(word);
  }
  return [...words];
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Consecutive runs of about `size` policies, never splitting one archive date over two partitions (so that
 * sorting by date across partitions is their order). Adding newer snapshots only changes the last one.
 */
export function partition<T extends { date: string }>(pages: T[], size: number): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  for (const page of pages) {
    if (current.length >= size && page.date !== current.at(-1)!.date) {
      groups.push(current);
      current = [];
    }
    current.push(page);
  }
  if (current.length) groups.push(current);
  return groups;
}

async function indexPartition(pages: PolicyPage[], outputPath: string, budget: number, vocabulary: string): Promise<number> {
  const created = await pagefind.createIndex({ forceLanguage: 'en', excludeSelectors: ['.provenance', '.versions', '.toc'] });
  if (!created.index || created.errors.length) throw new SearchIndexError(`could not start: ${created.errors.join('; ') || 'no index returned'}`);
  const { index } = created;
  let passages = 0;
  try {
    // Several pages in flight: Pagefind parses while the next files are read and cut.
    const add = async (page: PolicyPage) => {
      const cut = passagesOfPage(await readFile(page.file, 'utf8'), page.url, budget);
      if (!cut) throw new SearchIndexError(`${page.url}: the search body disappeared while indexing`);
      const added = await Promise.all(cut.documents.map((content, n) => index.addHTMLFile({ url: `${page.url}#passage-${n + 1}`, content })));
      const errors = added.flatMap((result) => result.errors);
      if (errors.length) throw new SearchIndexError(`indexing ${page.url} failed: ${errors.join('; ')}`);
      passages += added.length;
    };
    const inFlight = new Set<Promise<void>>();
    for (const page of pages) {
      const job: Promise<void> = add(page).finally(() => inFlight.delete(job));
      job.catch(() => {}); // reported by the race or the final wait, not as an unhandled rejection
      inFlight.add(job);
      if (inFlight.size >= 8) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (vocabulary) {
      const content = `<!doctype html><html lang="en"><head><title></title></head><body><article data-pagefind-body><data data-pagefind-filter="kind:vocabulary"></data><p>${escapeText(vocabulary)}</p></article></body></html>`;
      const added = await index.addHTMLFile({ url: '/search/vocabulary/', content });
      if (added.errors.length) throw new SearchIndexError(`indexing the vocabulary page failed: ${added.errors.join('; ')}`);
    }
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new SearchIndexError(`writing ${outputPath} failed: ${written.errors.join('; ')}`);
  } finally {
    await index.deleteIndex();
  }
  const entry = JSON.parse(await readFile(path.join(outputPath, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
  const indexed = Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
  const added = passages + (vocabulary ? 1 : 0);
  if (indexed !== added) throw new SearchIndexError(`indexed ${indexed} pages into ${outputPath}, but ${added} were added (${passages} passages${vocabulary ? ' and the vocabulary' : ''})`);
  for (const name of await readdir(outputPath)) if (UNUSED.test(name)) await rm(path.join(outputPath, name));
  await slimFragments(path.join(outputPath, 'fragment'));
  return passages;
}

async function pruneCache(cacheRoot: string, keep: Set<string>): Promise<void> {
  for (const name of await readdir(cacheRoot).catch(() => [] as string[])) if (!keep.has(name)) await rm(path.join(cacheRoot, name), { recursive: true, force: true });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
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
