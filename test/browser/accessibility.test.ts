/**
 * axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA rules) on every page type and on every policy page of the
 * test site, in the light and the dark colour scheme: zero violations.
 */
import { describe, expect, it } from 'vitest';
import { formatViolations, runAxe, useSiteBrowser } from '../support/browser.ts';
import { builtPages, pageSamples, pageType } from '../support/pages.ts';

const site = useSiteBrowser();

const samples = pageSamples();
const sampled = new Set(samples.map((sample) => sample.url));
const urls = [
  ...samples.map((sample) => sample.url),
  ...builtPages().map((page) => page.url).filter((url) => pageType(url) === 'policy' && !sampled.has(url)),
];

describe('axe-core, light and dark colour schemes', () => {
  // One tab, navigated from page to page; both schemes are audited on one load, switching
  // prefers-color-scheme in between (the CSS follows it live).
  it.each(urls)('%s has no WCAG A/AA violations', async (url) => {
    const page = await site.tab();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(url, { waitUntil: 'load' });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
      const violations = await runAxe(page);
      expect(violations, `axe violations on ${url} (${colorScheme}):\n${formatViolations(violations)}`).toEqual([]);
    }
  });
});
