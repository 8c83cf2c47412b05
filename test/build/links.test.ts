/**
 * Every internal link and every #fragment of the built site resolves: the target page exists and, when the
 * link names a fragment, an element with that id exists on it. Sources: every attribute of every built page
 * that holds a URL (links, forms, scripts, styles, images, ...), plus the URLs of the sitemap and robots.txt.
 * URLs on the public origin (canonical links, the sitemap) count as internal. Parsed with cheerio.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as cheerio from 'cheerio';
import { afterAll, describe, expect, it } from 'vitest';
import { builtPages } from '../support/pages.ts';
import { builtFile } from '../support/site.ts';

const LOCAL = 'http://test-site.invalid';

/** Elements and attributes that hold a URL the browser follows or loads. */
const URL_ATTRIBUTES: [selector: string, attribute: string][] = [
  ['a[href]', 'href'],
  ['area[href]', 'href'],
  ['link[href]', 'href'],
  ['form[action]', 'action'],
  ['button[formaction]', 'formaction'],
  ['script[src]', 'src'],
  ['img[src]', 'src'],
  ['source[src]', 'src'],
  ['iframe[src]', 'src'],
  ['video[src]', 'src'],
  ['audio[src]', 'src'],
  ['object[data]', 'data'],
];

const sitemapIndex = cheerio.load(readFileSync(builtFile('sitemap-index.xml'), 'utf8'), { xml: true });
/** The public origin the site is built for (SITE_URL), as the sitemap writes it. */
const publicOrigin = new URL(sitemapIndex('sitemap > loc').first().text().trim()).origin;

/** Where a URL path is served from in the build, or undefined when nothing is there (like a static host). */
function fileFor(pathname: string): string | undefined {
  const decoded = decodeURIComponent(pathname);
  const candidate = builtFile(decoded.endsWith('/') ? `${decoded}index.html` : decoded);
  return existsSync(candidate) && statSync(candidate).isFile() ? candidate : undefined;
}

const idsByFile = new Map<string, Set<string>>();
function idsIn(file: string): Set<string> {
  let ids = idsByFile.get(file);
  if (!ids) {
    const $ = cheerio.load(readFileSync(file, 'utf8'));
    ids = new Set([...$('[id]').map((_, el) => $(el).attr('id')).get(), ...$('a[name]').map((_, el) => $(el).attr('name')).get()]);
    idsByFile.set(file, ids);
  }
  return ids;
}

interface Found {
  from: string;
  raw: string;
}

/** Checks one reference; returns a problem or undefined. Counts internal links and fragments as it goes. */
const counts = { pages: 0, references: 0, internal: 0, fragments: 0, external: 0, sitemapUrls: 0 };
function problemWith({ from, raw }: Found, base: string): string | undefined {
  counts.references++;
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return `${from}: "${raw}" is not a URL`;
  }
  if (url.origin === publicOrigin) url = new URL(url.pathname + url.search + url.hash, LOCAL);
  if (url.origin !== LOCAL) {
    counts.external++;
    return /^(https?|mailto):$/.test(url.protocol) ? undefined : `${from}: "${raw}" uses ${url.protocol}`;
  }
  counts.internal++;
  const file = fileFor(url.pathname);
  if (!file) return `${from}: "${raw}" → ${url.pathname} does not exist in the build`;
  if (!url.hash || url.hash === '#') return undefined;
  counts.fragments++;
  if (!file.endsWith('.html')) return `${from}: "${raw}" has a fragment on a non-HTML target`;
  const id = decodeURIComponent(url.hash.slice(1));
  return idsIn(file).has(id) ? undefined : `${from}: "${raw}" → no id="${id}" on ${url.pathname}`;
}

describe('links and anchors of the built site', () => {
  const pages = builtPages();

  it('every internal link and fragment on every page resolves', () => {
    const problems: string[] = [];
    for (const page of pages) {
      counts.pages++;
      const file = builtFile(page.file);
      const $ = cheerio.load(readFileSync(file, 'utf8'));
      const baseHref = $('base[href]').attr('href');
      const base = new URL(baseHref ?? page.url, LOCAL).href;
      for (const [selector, attribute] of URL_ATTRIBUTES) {
        $(selector).each((_, el) => {
          const raw = $(el).attr(attribute)!.trim();
          const problem = problemWith({ from: `${page.url} <${selector.split('[')[0]} ${attribute}>`, raw }, base);
          if (problem) problems.push(problem);
        });
      }
      // An aria reference or a label pointing at a missing id is a broken in-page link too.
      $('[aria-labelledby], [aria-describedby], [aria-controls], label[for]').each((_, el) => {
        for (const attribute of ['aria-labelledby', 'aria-describedby', 'aria-controls', 'for']) {
          for (const id of ($(el).attr(attribute) ?? '').split(/\s+/).filter(Boolean)) {
            counts.fragments++;
            if (!idsIn(file).has(id)) problems.push(`${page.url}: ${attribute}="${id}" names no element`);
          }
        }
      });
    }
    expect(problems).toEqual([]);
    expect(counts.internal).toBeGreaterThan(pages.length * 5);
    expect(counts.fragments).toBeGreaterThan(0);
  });

  it('every URL of the sitemap and of robots.txt is a page of the build', () => {
    const problems: string[] = [];
    const sitemaps = sitemapIndex('sitemap > loc').map((_, el) => sitemapIndex(el).text().trim()).get();
    expect(sitemaps.length).toBeGreaterThan(0);
    const pageUrls: string[] = [];
    for (const sitemap of sitemaps) {
      const problem = problemWith({ from: 'sitemap-index.xml', raw: sitemap }, `${publicOrigin}/`);
      if (problem) problems.push(problem);
      const $ = cheerio.load(readFileSync(builtFile(new URL(sitemap).pathname), 'utf8'), { xml: true });
      pageUrls.push(...$('url > loc').map((_, el) => $(el).text().trim()).get());
    }
    for (const url of pageUrls) {
      counts.sitemapUrls++;
      if (new URL(url).origin !== publicOrigin) problems.push(`sitemap: ${url} is not on ${publicOrigin}`);
      const problem = problemWith({ from: 'sitemap', raw: url }, `${publicOrigin}/`);
      if (problem) problems.push(problem);
      else if (!fileFor(new URL(url).pathname)!.endsWith('.html')) problems.push(`sitemap: ${url} is not a page`);
    }
    const robots = readFileSync(builtFile('robots.txt'), 'utf8');
    for (const [, url] of robots.matchAll(/^Sitemap:\s*(\S+)/gim)) {
      const problem = problemWith({ from: 'robots.txt', raw: url }, `${publicOrigin}/`);
      if (problem) problems.push(problem);
    }
    expect(problems).toEqual([]);
    // Every page but the error page is in the sitemap.
    const listed = new Set(pageUrls.map((url) => new URL(url).pathname));
    const missing = pages.filter((page) => page.url !== '/404.html' && !listed.has(page.url)).map((page) => page.url);
    expect(missing, 'built pages missing from the sitemap').toEqual([]);
  });

  afterAll(() => {
    console.log(
      `links: ${counts.pages} pages, ${counts.references} URL references (${counts.internal} internal, ${counts.external} external), ` +
        `${counts.fragments} fragments and id references, ${counts.sitemapUrls} sitemap URLs checked`,
    );
  });
});
