/**
 * First search, as a reader meets it: Chromium (playwright-core) opens /search/ on a loopback static server
 * with a cold cache, types a query, and we count every byte the browser downloads from the moment it types
 * until the first result is shown and the network is idle (Pagefind's JS, WebAssembly, index chunks,
 * fragments; bodies as sent, the index files are gzipped by Pagefind), and the time from the keystroke (its input
 * event) to the first result in the page, both taken by the page's own clock.
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

export async function firstSearch(dist: string, query: string, options: { timeline?: boolean } = {}): Promise<SearchFigures> {
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
    await page.goto(`${server.url}/search/`, { waitUntil: 'networkidle' });
    // Timed in the page, from the input event to the first result in the DOM: Playwright's waitForSelector
    // polls at up to 500 ms intervals, which rounded the figure up to the next poll.
    const input = '#search-q';
    const result = '#search-results > li';
    await page.evaluate(
      ([input, result]) => {
        const times = { input: 0, result: 0 };
        (window as unknown as { firstSearch: typeof times }).firstSearch = times;
        document.querySelector(input)?.addEventListener('input', () => (times.input ||= performance.now()), { capture: true });
        new MutationObserver((_, observer) => {
          if (!document.querySelector(result)) return;
          times.result = performance.now();
          observer.disconnect();
        }).observe(document.body, { childList: true, subtree: true });
      },
      [input, result],
    );
    counting = true;
    started = Date.now();
    await page.fill(input, query);
    await page.waitForSelector(result, { timeout: 120_000 });
    const times = await page.evaluate(() => (window as unknown as { firstSearch: { input: number; result: number } }).firstSearch);
    const firstResultMs = Math.round(times.result - times.input);
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
