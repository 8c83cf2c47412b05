/**
 * Every type of page opens in a real browser: the right status, a title, one h1 inside the main landmark,
 * its stylesheet applied, and nothing going wrong (no uncaught error, no console error such as a CSP
 * violation, no request to another host).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newSiteContext, watchPage, type PageWatch } from '../support/browser.ts';
import { pageSamples } from '../support/pages.ts';

const siteUrl = inject('siteUrl');
let browser: Browser;
let context: BrowserContext;
// One tab for all pages (a new tab costs more than a page load on 2 cores); its watch is reset per page.
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await newSiteContext(browser, siteUrl);
  page = await context.newPage();
  watch = await watchPage(page, siteUrl);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('every page type opens', () => {
  const samples = pageSamples();

  it('covers home, policy index, company, policy, about and 404 at least', () => {
    const types = samples.map((sample) => sample.type);
    expect(types).toEqual(expect.arrayContaining(['/', '/policies/', 'company', 'policy', '/about/', '404']));
  });

  it.each(samples)('$type ($url)', async ({ url, status }) => {
    watch.reset();
    const response = await page.goto(url, { waitUntil: 'load' });
    expect(response?.status()).toBe(status);
    expect(await page.title()).toMatch(/Privacy Policy Archive/);
    expect(await page.locator('main h1').count()).toBe(1);
    expect(await page.locator('h1').count()).toBe(1);
    await expect.poll(() => page.locator('main h1').isVisible()).toBe(true);
    // The site stylesheet loaded and applies (body background is set by global.css, never transparent).
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toBe('rgba(0, 0, 0, 0)');
    expect(watch.pageErrors).toEqual([]);
    expect(watch.consoleErrors.filter((message) => !(status === 404 && /status of 404/.test(message)))).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    expect(watch.dialogs).toEqual([]);
  });
});
