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

      // Poke at it the way a reader would: hover over every clause and click its text (the mouse events a
      // smuggled handler would wait for), then Tab through the controls.
      const clauses = page.locator('.policy-body .clause');
      const count = await clauses.count();
      expect(count).toBeGreaterThan(5);
      const fired = await clauses.evaluateAll((elements) => {
        let events = 0;
        for (const clause of elements) {
          for (const element of [clause, ...clause.querySelectorAll(':not(a)')]) {
            for (const type of ['mouseover', 'mouseenter', 'mousemove', 'focus', 'click', 'toggle', 'load', 'error']) {
              element.dispatchEvent(new MouseEvent(type, { bubbles: type !== 'mouseenter', cancelable: true }));
              events++;
            }
          }
        }
        return events;
      });
      expect(fired).toBeGreaterThan(count * 8 - 1);
      // And real input on a few: the browser's own hit-testing, not just our synthetic events.
      for (let index = 0; index < Math.min(count, 6); index++) await clauses.nth(index).hover({ timeout: 5_000 });
      for (let presses = 0; presses < 30; presses++) await page.keyboard.press('Tab');
      await page.waitForTimeout(200);

      expect(watch.dialogs).toEqual([]);
      expect(watch.foreignRequests).toEqual([]);
      expect(watch.pageErrors).toEqual([]);
      expect(watch.consoleErrors).toEqual([]);
      expect(watch.requests.every((url) => url.startsWith(`${siteUrl}/`))).toBe(true);
      expect(await page.evaluate(() => '__pwned' in window || 'pwned' in window)).toBe(false);
      // Still on the same page (no refresh, no base-href navigation), the page still visible (no injected style).
      expect(new URL(page.url()).pathname).toBe(`/policies/${policyId}/`);
      expect(await page.locator('body').isVisible()).toBe(true);
      expect(await page.evaluate(() => getComputedStyle(document.body).display)).toBe('block');
      // Nothing but our own elements in the live DOM of the body, and its text shows the markup.
      expect(await page.locator('.policy-body :is(script, iframe, img, object, embed, style, form, meta, link, svg, base, textarea, noscript)').count()).toBe(0);
      expect(await page.locator('.policy-body').innerText()).toMatch(/<(script|img|iframe|Component)\b/);
    } finally {
      await page.close();
    }
  });
});
