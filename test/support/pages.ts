/**
 * The pages of the built test site, found on disk (so a page someone adds is checked without touching the
 * tests), and one representative page per page type for the (slower) browser checks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SAMPLE_POLICY_IDS, TEST_SITE_DIR } from './site.ts';

/** Domains of the hand-made hostile fixtures (test/fixtures/policies): the test site only. */
export const UNTRUSTED_POLICY_IDS = ['hostile-markup.example/2019-03-01', 'hostile-markup.example/2020-07-15', 'imported-hostile.example/2018-05-20'];

export interface BuiltPage {
  /** Path of the built file relative to the site root, e.g. "policies/index.html". */
  file: string;
  /** The URL path a static host serves it at, e.g. "/policies/" ("/404.html" for the error page). */
  url: string;
}

/** Every built page except the redirects from ids of the earlier naming (redirectPages). */
export function builtPages(): BuiltPage[] {
  return allPages().filter((page) => !isRedirect(page));
}

/** Redirect pages (`<meta http-equiv="refresh">`): snapshot URLs of the earlier naming (src/lib/history/series.ts). */
export function redirectPages(): BuiltPage[] {
  return allPages().filter(isRedirect);
}

const isRedirect = (page: BuiltPage) => readFileSync(path.join(TEST_SITE_DIR, page.file), 'utf8').slice(0, 1000).includes('http-equiv="refresh"');

function allPages(): BuiltPage[] {
  return readdirSync(TEST_SITE_DIR, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => path.relative(TEST_SITE_DIR, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort()
    .map((file) => ({ file, url: file === 'index.html' ? '/' : file.endsWith('/index.html') ? `/${file.slice(0, -'index.html'.length)}` : `/${file}` }));
}

/** "policy", "company", "topic", ... for pages generated from a route with parameters; the URL itself otherwise. */
export function pageType(url: string): string {
  if (url === '/404.html') return '404';
  if (/^\/policies\/[^/]+\/\d{4}-\d{2}-\d{2}[^/]*\/$/.test(url)) return 'policy';
  if (/^\/policies\/[^/]+\/\d{4}-\d{2}-\d{2}[^/]*\/changes\/(?:\d+\/)?$/.test(url)) return 'changes';
  if (/^\/policies\/[^/]+\/$/.test(url)) return 'company';
  if (/^\/topics\/[^/]+\/\d+\/$/.test(url)) return 'topic archive page';
  const dynamic = /^\/(topics|search)\/[^/]+\/(?:.+\/)?$/.exec(url);
  if (dynamic) return `${dynamic[1]} page`;
  return url;
}

export interface PageSample {
  type: string;
  /** The URL to open; the 404 type opens an address that does not exist. */
  url: string;
  status: number;
}

/**
 * One page of every type present in the build, preferring the bundled sample over test fixtures, plus the
 * 404 page reached through an unknown address (as a visitor meets it).
 */
export function pageSamples(): PageSample[] {
  const samples = new Map<string, PageSample>();
  const preferred = new Set(SAMPLE_POLICY_IDS.flatMap((id) => [`/policies/${id}/`, `/policies/${id.split('/')[0]}/`]));
  const pages = builtPages().sort((a, b) => Number(preferred.has(b.url)) - Number(preferred.has(a.url)));
  for (const page of pages) {
    const type = pageType(page.url);
    if (samples.has(type)) continue;
    samples.set(type, type === '404' ? { type, url: '/no/such/page/', status: 404 } : { type, url: page.url, status: 200 });
  }
  return [...samples.values()];
}

/**
 * Every file of a built site (any folder), by path relative to it, without the search index (a later build
 * step with its own tests): for comparing two builds byte for byte.
 */
export function siteFiles(root: string): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const relative = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (!relative.startsWith('pagefind/')) found.set(relative, readFileSync(path.join(entry.parentPath, entry.name)));
  }
  return found;
}
