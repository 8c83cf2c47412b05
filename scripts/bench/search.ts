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
  /** With `timeline`: each request, when it finished (ms after the keystroke), its bytes and path. */
  timeline?: string[];
}

export async function firstSearch(dist: string, query: string, options: { path?: string; input?: string; result?: string; timeline?: boolean } = {}): Promise<SearchFigures> {
  const server = await serveDirectory(dist);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    let counting = false;
    let bytes = 0;
    let requests = 0;
    const pending: Promise<void>[] = [];
    const timeline: string[] = [];
    let started = 0;
    // Playwright reports the requests of Pagefind's worker too (a page-level CDP session would miss them).
    page.on('requestfinished', (request) => {
      if (!counting) return;
      requests++;
      const at = Date.now() - started;
      pending.push(
        request.sizes().then((sizes) => {
          bytes += sizes.responseBodySize + sizes.responseHeadersSize;
          timeline.push(`${String(at).padStart(6)} ms ${String(sizes.responseBodySize).padStart(8)} B ${new URL(request.url()).pathname}`);
        }),
      );
    });
    await page.goto(`${server.url}${options.path ?? '/search/'}`, { waitUntil: 'networkidle' });
    counting = true;
    started = Date.now();
    await page.fill(options.input ?? '#search-q', query);
    await page.waitForSelector(options.result ?? '#search-results > li', { timeout: 120_000 });
    const firstResultMs = Date.now() - started;
    await page.waitForLoadState('networkidle');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await Promise.all(pending);
    if (options.timeline) timeline.push(`${String(firstResultMs).padStart(6)} ms first result`);
    return { query, bytes, requests, firstResultMs, ...(options.timeline ? { timeline: timeline.sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10)) } : {}) };
  } finally {
    await browser.close();
    await server.close();
  }
}
