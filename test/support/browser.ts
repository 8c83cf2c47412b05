/**
 * The real browser for the `site` tests: Debian's Chromium driven by playwright-core (no browser download).
 * One browser per test file: call `useSiteBrowser()` at the top of the file.
 *
 * Without a browser the tests FAIL, never skip: the gates they hold (clause links, keyboard, accessibility,
 * untrusted text that must not run) would otherwise silently disappear from CI.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';

import { launchBrowser } from './chromium.ts';
import { serveDirectory } from './static-server.ts';

export { launchBrowser } from './chromium.ts';

/** A context bound to the test server: relative `page.goto('/x/')` works, everything else is fixed. */
export async function newSiteContext(browser: Browser, siteUrl: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ baseURL: siteUrl, viewport: { width: 1024, height: 768 }, reducedMotion: 'reduce', ...options });
}

export interface SiteBrowser {
  readonly siteUrl: string;
  readonly browser: Browser;
  readonly context: BrowserContext;
  /** One tab shared by the tests of the file (opened on first use; a new tab costs more than a page load). */
  tab(): Promise<Page>;
}

/**
 * Registers the hooks of a browser test file: one browser and one context (bound to the test server) for the
 * whole file, closed after it. If the browser cannot start, every test of the file FAILS with the reason
 * (a failing beforeAll alone would only mark the tests as skipped).
 */
export function useSiteBrowser(options: BrowserContextOptions = {}): SiteBrowser {
  const siteUrl = inject('siteUrl');
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let failure: unknown;
  beforeAll(async () => {
    try {
      browser = await launchBrowser();
      context = await newSiteContext(browser, siteUrl, options);
    } catch (error) {
      failure = error;
    }
  });
  beforeEach(() => {
    if (failure) throw failure;
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });
  return {
    siteUrl,
    get browser() {
      return browser!;
    },
    get context() {
      return context!;
    },
    async tab() {
      if (!page || page.isClosed()) page = await context!.newPage();
      return page;
    },
  };
}

export interface PageWatch {
  /** Requests to anything but the test server (aborted before they leave the machine). */
  foreignRequests: string[];
  /** Console messages of type error (CSP violations land here too). */
  consoleErrors: string[];
  /** Uncaught exceptions in the page. */
  pageErrors: string[];
  /** alert/confirm/prompt/beforeunload dialogs (dismissed). */
  dialogs: string[];
  /** Every request the page made, for reporting. */
  requests: string[];
  /** Forget what was recorded (to reuse one tab for several pages). */
  reset(): void;
}

/**
 * Records (and blocks) what a page does that a static archive page never should: talk to another host,
 * open a dialog, throw, log an error. Attach before `goto`.
 */
export async function watchPage(page: Page, siteUrl: string): Promise<PageWatch> {
  const origin = new URL(siteUrl).origin;
  const watch: PageWatch = {
    foreignRequests: [],
    consoleErrors: [],
    pageErrors: [],
    dialogs: [],
    requests: [],
    reset() {
      for (const list of [this.foreignRequests, this.consoleErrors, this.pageErrors, this.dialogs, this.requests]) list.length = 0;
    },
  };
  await page.route(
    (url) => url.origin !== origin,
    (route) => {
      if (!watch.foreignRequests.includes(route.request().url())) watch.foreignRequests.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  page.on('request', (request) => {
    watch.requests.push(request.url());
    const url = new URL(request.url());
    if (url.origin !== origin && !watch.foreignRequests.includes(request.url())) watch.foreignRequests.push(request.url());
  });
  page.on('console', (message) => {
    if (message.type() === 'error') watch.consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => watch.pageErrors.push(String(error)));
  page.on('dialog', (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  return watch;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Runs axe-core in the page. Its source goes in through the DevTools protocol (page.evaluate), which the page's
 * CSP does not govern: no need to weaken the CSP (or bypass it) to audit the real page.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${axeSource}\n;undefined`);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target, failureSummary: node.failureSummary })),
    }));
  }, AXE_TAGS);
}

/** A readable one-line-per-node summary of axe violations for assertion messages. */
export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes.slice(0, 5).map((node) => `    ${node.target.join(' ')}: ${(node.failureSummary ?? '').replace(/\s+/g, ' ')}`);
      return `  ${violation.id} (${violation.impact}): ${violation.help}\n${nodes.join('\n')}`;
    })
    .join('\n');
}

/** A built site in a scratch folder, served on loopback, with a browser and a context bound to it. */
export interface ScratchSite {
  url: string;
  context: BrowserContext;
  close(): Promise<void>;
}

/** Serves `root` and opens a browser on it (tests that change a copy of the test site, then search it). */
export async function openScratchSite(root: string): Promise<ScratchSite> {
  const server = await serveDirectory(root);
  const browser = await launchBrowser();
  const context = await newSiteContext(browser, server.url);
  return {
    url: server.url,
    context,
    close: async () => {
      await context.close();
      await browser.close();
      await server.close();
    },
  };
}
