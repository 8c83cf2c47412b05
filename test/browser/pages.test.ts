/**
 * Every type of page opens in a real browser: the right status, a title, one h1 inside the main landmark,
 * its stylesheet applied, and nothing going wrong (no uncaught error, no console error such as a CSP
 * violation, no request to another host).
 */
import { describe, expect, it } from 'vitest';
import { useSiteBrowser, watchPage, type PageWatch } from '../support/browser.ts';
import { pageSamples } from '../support/pages.ts';

const site = useSiteBrowser();
// One tab for all pages, its watch reset per page.
let watch: PageWatch | undefined;

describe('every page type opens', () => {
  const samples = pageSamples();

  it('covers home, policy index, company, policy, about and 404 at least', () => {
    const types = samples.map((sample) => sample.type);
    expect(types).toEqual(expect.arrayContaining(['/', '/policies/', 'company', 'policy', '/about/', '404']));
  });

  it.each(samples)('$type ($url)', async ({ url, status }) => {
    const page = await site.tab();
    watch ??= await watchPage(page, site.siteUrl);
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
