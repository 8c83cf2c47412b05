/**
 * The hostile fixture policies in a real browser: nothing in their text runs. No dialog, no request to any
 * host but the test server (blocked and recorded), no uncaught error, no console error (a CSP violation
 * would log one), no global set by injected script; the markup shows as text. Hovering, focusing and
 * clicking through the page does not wake anything up either.
 */
import { describe, expect, it } from 'vitest';
import { useSiteBrowser, watchPage } from '../support/browser.ts';
import { UNTRUSTED_POLICY_IDS } from '../support/pages.ts';

const site = useSiteBrowser();
const siteUrl = site.siteUrl;

describe.each(UNTRUSTED_POLICY_IDS)('/policies/%s/', (policyId) => {
  it('runs nothing from the policy text', async () => {
    const page = await site.context.newPage();
    try {
      const watch = await watchPage(page, siteUrl);
      const response = await page.goto(`/policies/${policyId}/`, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      await page.waitForLoadState('networkidle');

      // Poke at it the way a reader would: hover over every element of the body and click its text (the
      // events a smuggled handler would wait for), hover a few clauses for real, Tab through the controls.
      let poked = 0;
      try {
        poked = await page.locator('.policy-body').evaluate((body) => {
          let events = 0;
          for (const element of [body, ...body.querySelectorAll(':not(a)')]) {
            for (const type of ['mouseover', 'mouseenter', 'mousemove', 'focus', 'click', 'toggle', 'load', 'error']) {
              element.dispatchEvent(new MouseEvent(type, { bubbles: type !== 'mouseenter', cancelable: true }));
              events++;
            }
          }
          return events;
        });
        const clauses = page.locator('.policy-body .clause');
        const count = Math.min(await clauses.count(), 6);
        for (let index = 0; index < count; index++) await clauses.nth(index).hover({ timeout: 5_000 });
        for (let presses = 0; presses < 30; presses++) await page.keyboard.press('Tab');
        await page.waitForTimeout(200);
      } catch (error) {
        expect.soft(String(error), 'poking at the page failed').toBe('');
      }

      // Soft: report everything that went wrong at once.
      expect.soft(watch.dialogs, 'dialogs opened').toEqual([]);
      expect.soft(watch.foreignRequests, 'requests to other hosts').toEqual([]);
      expect.soft(watch.pageErrors, 'uncaught errors').toEqual([]);
      expect.soft(watch.consoleErrors, 'console errors').toEqual([]);
      expect.soft(watch.requests.filter((url) => !url.startsWith(`${siteUrl}/`)), 'requests off the test server').toEqual([]);
      expect.soft(await page.evaluate(() => '__pwned' in window || 'pwned' in window), 'globals set by injected script').toBe(false);
      // Still on the same page (no refresh, no base-href navigation), the page still visible (no injected style).
      expect.soft(new URL(page.url()).pathname).toBe(`/policies/${policyId}/`);
      expect.soft(await page.evaluate(() => getComputedStyle(document.body).display)).toBe('block');
      // Nothing but our own elements in the live DOM of the body, and its text shows the markup.
      const foreign = await page.locator('.policy-body').evaluate((body) => {
        const allowed = new Set(['SECTION', 'H2', 'H3', 'H4', 'P', 'UL', 'OL', 'LI', 'A', 'SPAN', 'STRONG', 'EM', 'CODE', 'PRE', 'BR', 'HR', 'BLOCKQUOTE', 'DEL', 'S', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'DIV']);
        const found: string[] = [];
        for (const element of body.querySelectorAll('*')) {
          const attributes = [...element.attributes].map((attribute) => attribute.name);
          const href = element.getAttribute('href');
          if (!allowed.has(element.tagName) || attributes.some((name) => /^on/i.test(name)) || (href !== null && !/^(#|https?:\/\/|mailto:|\/topics\/)/i.test(href)))
            found.push(element.outerHTML.slice(0, 80));
        }
        return found;
      });
      expect.soft(foreign, 'elements, handlers or link targets made from policy text (live DOM)').toEqual([]);
      // biome-ignore lint/performance/useDomNodeTextContent: what a reader sees, as rendered, is the point
      expect.soft(await page.locator('.policy-body').innerText()).toMatch(/<(script|img|iframe|Component)\b/);
      expect(await page.locator('.policy-body .clause').count()).toBeGreaterThan(5);
      expect(poked).toBeGreaterThan(100);
    } finally {
      await page.close();
    }
  });
});
