/**
 * History in a real browser, without JavaScript needed: a changes page shows its changes with words a screen
 * reader says (not colour alone) and accessible names; a policy page's clauses carry data-since; the redirect
 * of an earlier id lands on the snapshot; axe finds nothing on a changes page in either colour scheme.
 */
import { describe, expect, it } from 'vitest';
import { formatViolations, runAxe, useSiteBrowser, watchPage } from '../support/browser.ts';

const site = useSiteBrowser();
const H = '/policies/history.example';

describe('history in the browser', () => {
  it('a changes page: each change labelled in words, deletions and insertions in the accessibility tree', async () => {
    const page = await site.tab();
    const watch = await watchPage(page, site.siteUrl);
    await page.goto(`${site.siteUrl}${H}/2006-01-01/changes/`);
    const changes = await page.locator('[data-change]').evaluateAll((elements) =>
      elements.map((element) => ({ kind: element.getAttribute('data-change'), label: element.querySelector('strong')?.textContent })),
    );
    expect(changes).toEqual([
      { kind: 'edited', label: 'Edited' },
      { kind: 'added', label: 'Added' },
      { kind: 'removed', label: 'Removed' },
    ]);
    // What assistive technology reads for the edited clause: "removed:" and "added:" before the words.
    const spoken = (await page.locator('[data-change="edited"] .change-text').textContent())!.replace(/\s+/g, ' ');
    expect(spoken).toContain('removed: service');
    expect(spoken).toContain('added: trusted');
    // Struck through and underlined, not only coloured.
    const decorations = await page.evaluate(() => ['del', 'ins'].map((tag) => getComputedStyle(document.querySelector(`[data-change="edited"] ${tag}`)!).textDecorationLine));
    expect(decorations).toEqual(['line-through', 'underline']);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
  });

  it('following "What changed" from a policy page, and a clause link from the changes page back to the clause', async () => {
    const page = await site.tab();
    await page.goto(`${site.siteUrl}${H}/2006-01-01/`);
    expect(await page.locator('.clause').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-since')))).toEqual(['2005-01-01', '2006-01-01', '2006-01-01', '2005-01-01', '2005-01-01']);
    await page.getByRole('link', { name: 'What changed since 1 January 2005' }).click();
    await page.waitForURL(/\/changes\/$/);
    await page.locator('[data-change="edited"]').getByRole('link', { name: 'previous version' }).click();
    await page.waitForURL(`${site.siteUrl}${H}/2005-01-01/#information-we-collect-2`);
    expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe('information-we-collect-2');
  });

  it('the redirect of an earlier id lands on the snapshot', async () => {
    const page = await site.tab();
    await page.goto(`${site.siteUrl}${H}/2007-03-01/`);
    await page.waitForURL(`${site.siteUrl}${H}/2007-03-01-app/`);
    expect(await page.locator('.provenance time').getAttribute('datetime')).toBe('2007-03-01');
    expect(await page.locator('.series strong').textContent()).toBe('app');
  });

  it.each(['light', 'dark'] as const)('axe: no violations on a changes page and a company page with series (%s)', async (colorScheme) => {
    const page = await site.tab();
    await page.emulateMedia({ colorScheme });
    for (const url of [`${H}/2006-01-01/changes/`, `${H}/`]) {
      await page.goto(`${site.siteUrl}${url}`);
      const violations = await runAxe(page);
      expect(violations, `axe violations on ${url} (${colorScheme}):\n${formatViolations(violations)}`).toEqual([]);
    }
  });
});
