/**
 * First search, as a reader meets it: Chromium (playwright-core) opens /search/ on a loopback static server
 * with a cold cache, types a query, and we count every byte the browser downloads from the moment it types
 * until the first result is shown and the network is idle (Pagefind's JS, WebAssembly, index chunks,
 * fragments; bodies as sent, the index files are gzipped by Pagefind), and the time from the keystroke to the first result on screen.
 */
import { launchBrowser } from '../../test/support/chromium.ts';
import { serveDirectory } from '../../test/support/static-server.ts';

export interface SearchFigures {
  query: string;
  bytes: number;
  requests: number;
  firstResultMs: number;
}

export async function firstSearch(dist: string, query: string, options: { path?: string; input?: string; result?: string } = {}): Promise<SearchFigures> {
  const server = await serveDirectory(dist);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    let counting = false;
    let bytes = 0;
    let requests = 0;
    const pending: Promise<void>[] = [];
    // Playwright reports the requests of Pagefind's worker too (a page-level CDP session would miss them).
    page.on('requestfinished', (request) => {
      if (!counting) return;
      requests++;
      pending.push(request.sizes().then((sizes) => void (bytes += sizes.responseBodySize + sizes.responseHeadersSize)));
    });
    await page.goto(`${server.url}${options.path ?? '/search/'}`, { waitUntil: 'networkidle' });
    counting = true;
    const started = Date.now();
    await page.fill(options.input ?? '#search-q', query);
    await page.waitForSelector(options.result ?? '#search-results > li', { timeout: 120_000 });
    const firstResultMs = Date.now() - started;
    await page.waitForLoadState('networkidle');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await Promise.all(pending);
    return { query, bytes, requests, firstResultMs };
  } finally {
    await browser.close();
    await server.close();
  }
}
