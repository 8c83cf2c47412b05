/**
 * First search, as a reader meets it (`npm run search:time`, `npm run search:figures`, the bench): Chromium
 * (playwright-core) opens /search/ on a loopback static server with a cold cache, types a query, and we record
 * every request of the page load and of the search, until the search is done and the network is idle (Pagefind's
 * JS, WebAssembly, index chunks, fragments), and the time from the keystroke (its input event) to the first
 * result in the page, taken by the page's own clock.
 */
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../../test/support/chromium.ts';
import { serveDirectory } from '../../test/support/static-server.ts';

export interface SearchRequest {
  phase: 'load' | 'query';
  /** When it finished, ms after the keystroke. */
  at: number;
  path: string;
  /** Body and headers as sent (the index files are gzipped by Pagefind, text by the server). */
  bodySize: number;
  headersSize: number;
  /** The body as served, and as a host that gzips text sends it; absent when the browser kept no body. */
  raw?: number;
  wire?: number;
}

export interface SearchFigures {
  query: string;
  bytes: number;
  requests: number;
  firstResultMs: number;
  /** With `timeline`: each request, when it finished (ms after the keystroke), its bytes and path. */
  timeline?: string[];
}

const compressible = (pathname: string) => /\.(js|css|html|json|svg|xml)$|\/$/.test(pathname);

export async function coldSearch(dist: string, query: string) {
  const server = await serveDirectory(dist);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    let phase: SearchRequest['phase'] = 'load';
    let started = Date.now();
    const requests: SearchRequest[] = [];
    const pending: Promise<void>[] = [];
    // Playwright reports the requests of Pagefind's worker too (a page-level CDP session would miss them).
    page.on('requestfinished', (request) => {
      const known = { phase, at: Date.now() - started, path: new URL(request.url()).pathname };
      const body = request.response().then((response) => response?.body()).catch(() => undefined);
      pending.push(
        Promise.all([request.sizes(), body]).then(([sizes, content]) => {
          const wire = content && (compressible(known.path) ? gzipSync(content).length : content.length);
          const { responseBodySize: bodySize, responseHeadersSize: headersSize } = sizes;
          requests.push({ ...known, bodySize, headersSize, raw: content?.length, wire });
        }),
      );
    });
    await page.goto(`${server.url}/search/`, { waitUntil: 'networkidle' });
    await Promise.all(pending);
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
    phase = 'query';
    started = Date.now();
    await page.fill(input, query);
    await page.waitForFunction(() => {
      const status = document.getElementById('search-status');
      return Boolean(status?.textContent) && !status!.hasAttribute('aria-busy');
    }, undefined, { timeout: 120_000 });
    const times = await page.evaluate(() => (window as unknown as { firstSearch: { input: number; result: number } }).firstSearch);
    await page.waitForLoadState('networkidle');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await Promise.all(pending);
    const status = (await page.locator('#search-status').textContent()) ?? '';
    const results = await page.locator(result).count();
    return { requests, firstResultMs: Math.round(times.result - times.input), status, results };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The bytes and requests of the search (not of the page load) and the time to its first result. */
export async function firstSearch(dist: string, query: string, options: { timeline?: boolean } = {}): Promise<SearchFigures> {
  const { requests, firstResultMs, results } = await coldSearch(dist, query);
  if (!results) throw new Error(`no result for "${query}": no time to a first result`);
  const searched = requests.filter((request) => request.phase === 'query');
  const bytes = searched.reduce((sum, request) => sum + request.bodySize + request.headersSize, 0);
  const figures = { query, bytes, requests: searched.length, firstResultMs };
  if (!options.timeline) return figures;
  const pad = (value: number, width: number) => String(value).padStart(width);
  const timeline = searched.map((request) => `${pad(request.at, 6)} ms ${pad(request.bodySize, 8)} B ${request.path}`);
  timeline.push(`${pad(firstResultMs, 6)} ms first result`);
  return { ...figures, timeline: timeline.sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10)) };
}
