/**
 * The linking contract in a real browser: a clause URL (/policies/<id>/#<clause-id>) scrolls to the clause
 * and highlights it (:target); the copy-link control puts the clause's absolute URL on the clipboard and
 * says so; and all of it works from the keyboard alone (skip link, visible focus, copy link reachable by Tab).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useSiteBrowser, watchPage } from '../support/browser.ts';
import { builtPages, pageType } from '../support/pages.ts';
import { SAMPLE_POLICY_IDS } from '../support/site.ts';

const site = useSiteBrowser({ permissions: ['clipboard-read', 'clipboard-write'] });
const siteUrl = site.siteUrl;
const policyPages = builtPages().map((page) => page.url).filter((url) => pageType(url) === 'policy');
/** A sample policy when the sample is built (it always is in CI), else any policy of the test site. */
const policyUrl = policyPages.find((url) => SAMPLE_POLICY_IDS.some((id) => url === `/policies/${id}/`)) ?? policyPages[0];

let page: Page | undefined;

/** A new tab per test: each starts from a page that was never scrolled, focused or clicked. */
async function freshPage(): Promise<Page> {
  await page?.close();
  page = await site.context.newPage();
  return page;
}

/** The policy text of each clause, lower case, without its copy-link control, topic tags and lineage mark. */
const clauseTexts = (p: Page) =>
  p.locator('.clause').evaluateAll((clauses) =>
    clauses.map((clause) => {
      const copy = clause.cloneNode(true) as Element;
      copy.querySelectorAll('.topics, .cl, .since').forEach((element) => element.remove());
      return copy.textContent!.toLowerCase();
    }),
  );

/** Ids of the page's clauses, in document order. */
const clauseIds = (p: Page) => p.locator('.clause').evaluateAll((elements) => elements.map((element) => element.id));

/** What the browser shows for an element: its highlight, its outline, and where it sits in the viewport. */
function look(p: Page, selector: string) {
  return p.locator(selector).evaluate((element) => {
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return {
      background: style.backgroundColor,
      outlineStyle: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth),
      top: box.top,
      bottom: box.bottom,
      width: box.width,
      height: box.height,
      viewportHeight: innerHeight,
      isTarget: element.matches(':target'),
      isFocused: element === document.activeElement,
      isFocusVisible: element.matches(':focus-visible'),
    };
  });
}

const TRANSPARENT = 'rgba(0, 0, 0, 0)';

describe(`clause links on ${policyUrl}`, () => {
  it('opening a clause URL scrolls the clause into view and highlights it with :target', async () => {
    const p = await freshPage();
    await p.goto(policyUrl);
    const ids = await clauseIds(p);
    expect(ids.length).toBeGreaterThan(5);
    const target = ids[ids.length - 1];
    const untouched = ids[0];

    await p.goto(`${policyUrl}#${target}`);
    await expect.poll(() => p.evaluate(() => document.querySelector(':target')?.id)).toBe(target);
    await expect.poll(() => p.evaluate(() => scrollY)).toBeGreaterThan(0);
    const clause = await look(p, `[id="${target}"]`);
    expect(clause.isTarget).toBe(true);
    expect(clause.top).toBeGreaterThanOrEqual(0);
    expect(clause.top).toBeLessThan(clause.viewportHeight);
    // Highlighted: a background of its own and an outline, unlike a clause that is not the target.
    const other = await look(p, `[id="${untouched}"]`);
    expect(clause.background).not.toBe(TRANSPARENT);
    expect(clause.background).not.toBe(other.background);
    expect(clause.outlineStyle).toBe('solid');
    expect(other.outlineStyle).toBe('none');
  });

  it('the copy-link control puts the absolute clause URL on the clipboard and announces it', async () => {
    const p = await freshPage();
    const watch = await watchPage(p, siteUrl);
    await p.goto(policyUrl);
    const ids = await clauseIds(p);
    const id = ids[Math.min(3, ids.length - 1)];
    await p.evaluate(() => navigator.clipboard.writeText('nothing yet'));

    await p.locator(`[id="${id}"] > a.cl`).click();
    const expected = new URL(`${policyUrl}#${id}`, siteUrl).href;
    await expect.poll(() => p.evaluate(() => navigator.clipboard.readText())).toBe(expected);
    expect(p.url()).toBe(expected);
    expect((await look(p, `[id="${id}"]`)).isTarget).toBe(true);
    const status = p.locator('#copy-status');
    await expect.poll(() => status.textContent()).toBe('Link to this clause copied');
    expect(await status.getAttribute('role')).toBe('status');
    expect(watch.pageErrors).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
  });
});

describe(`keyboard alone on ${policyUrl}`, () => {
  it('the first Tab reaches a visible skip link, which moves focus to main', async () => {
    const p = await freshPage();
    await p.goto(policyUrl);
    await p.keyboard.press('Tab');
    const skip = await look(p, 'a.skip');
    expect(skip.isFocused).toBe(true);
    expect(await p.evaluate(() => (document.activeElement as HTMLAnchorElement).getAttribute('href'))).toBe('#main');
    expect(skip.width).toBeGreaterThan(20);
    expect(skip.height).toBeGreaterThan(10);
    expect(skip.top).toBeGreaterThanOrEqual(0);
    expect(skip.isFocusVisible).toBe(true);
    expect(skip.outlineStyle).not.toBe('none');

    await p.keyboard.press('Enter');
    await expect.poll(() => p.evaluate(() => document.activeElement?.id)).toBe('main');
    // The next Tab continues inside main, not back in the header.
    await p.keyboard.press('Tab');
    expect(await p.evaluate(() => Boolean(document.activeElement?.closest('main')))).toBe(true);
  });

  it('focus is visible on every link Tab reaches, and Tab reaches the copy-link control, which works with Enter', async () => {
    const p = await freshPage();
    await p.goto(policyUrl);
    await p.evaluate(() => navigator.clipboard.writeText('nothing yet'));
    const invisible: string[] = [];
    let linksChecked = 0;
    let reachedCopyLink = false;
    for (let presses = 0; presses < 400 && !reachedCopyLink; presses++) {
      await p.keyboard.press('Tab');
      const focused = await p.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element || element === document.body) return null;
        const style = getComputedStyle(element);
        const box = element.getBoundingClientRect();
        return {
          tag: element.tagName,
          label: `${element.tagName.toLowerCase()}${element.className ? `.${element.className}` : ''} "${element.textContent?.trim().slice(0, 40)}"`,
          isCopyLink: element.matches('a.cl'),
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
          onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight,
        };
      });
      if (!focused) continue;
      if (focused.tag === 'A') {
        linksChecked++;
        if (!focused.outline || !focused.onScreen) invisible.push(focused.label);
      }
      reachedCopyLink = focused.isCopyLink;
    }
    expect(invisible, 'links whose keyboard focus is not visible').toEqual([]);
    expect(linksChecked).toBeGreaterThan(3);
    expect(reachedCopyLink, 'Tab never reached a copy-link control (a.cl)').toBe(true);

    const id = await p.evaluate(() => document.activeElement!.closest('.clause')!.id);
    await p.keyboard.press('Enter');
    const expected = new URL(`${policyUrl}#${id}`, siteUrl).href;
    await expect.poll(() => p.evaluate(() => navigator.clipboard.readText())).toBe(expected);
    await expect.poll(() => p.locator('#copy-status').textContent()).toBe('Link to this clause copied');
    // Focus stays on the control the reader used (not dropped to the page body), so Tab goes on from there.
    await expect.poll(() => p.evaluate(() => document.activeElement?.matches('a.cl') && document.activeElement.closest('.clause')?.id)).toBe(id);
  });
});

describe(`landing on a clause of ${policyUrl}`, () => {
  it('a followed clause link shows the clause below the top edge, with room for its context above', async () => {
    const p = await freshPage();
    await p.setViewportSize({ width: 390, height: 800 });
    await p.goto(policyUrl);
    const ids = await clauseIds(p);
    const target = ids[Math.floor(ids.length / 2)];
    await p.goto(`${policyUrl}#${target}`);
    await expect.poll(() => p.evaluate(() => scrollY)).toBeGreaterThan(0);
    const clause = await look(p, `[id="${target}"]`);
    // Not flush with the top edge: at least a few lines (the section heading, the sentence before) stay in view.
    expect(clause.top).toBeGreaterThanOrEqual(64);
    expect(clause.top).toBeLessThan(clause.viewportHeight / 2);
  });
});

describe(`arriving from a search result on ${policyUrl}`, () => {
  it('marks the searched words in the policy text but not in the topic tags', async () => {
    const p = await freshPage();
    await p.goto(policyUrl);
    // A word of a topic tag's name that the policy text also uses: both places have something to mark.
    const text = (await clauseTexts(p)).join(' ');
    const tagWords = await p.locator('.clause .topics a').evaluateAll((links) => links.flatMap((a) => a.textContent!.toLowerCase().split(/[^a-z]+/)));
    const tagWord = tagWords.find((word) => word.length > 3 && new RegExp(`\\b${word}`).test(text));
    expect(tagWord).toBeTruthy();
    await p.goto(`${policyUrl}?pagefind-highlight=${encodeURIComponent(tagWord!)}`);
    await expect.poll(() => p.locator('mark.hl').count()).toBeGreaterThan(0);
    expect(await p.locator('.topics mark, .cl mark').count()).toBe(0);
  });

  it('a result for the whole policy (no clause in its URL) lands on the first marked word, not the top of the page', async () => {
    const p = await freshPage();
    await p.setViewportSize({ width: 390, height: 600 });
    await p.goto(policyUrl);
    // A word of the second half of the policy that no earlier clause has (nor a word of its stem): its first mark
    // is far down the page.
    const texts = await clauseTexts(p);
    let word: string | undefined;
    for (let i = texts.length - 1; i > texts.length / 2 && !word; i--) {
      const earlier = texts.slice(0, i).join(' ');
      word = texts[i].split(/[^a-z]+/).find((candidate) => candidate.length > 5 && !new RegExp(`\\b${candidate.slice(0, -2)}`).test(earlier));
    }
    expect(word).toBeTruthy();
    await p.goto(`${policyUrl}?pagefind-highlight=${encodeURIComponent(word!)}`);
    await expect.poll(() => p.locator('mark.hl').count()).toBeGreaterThan(0);
    await expect.poll(() => p.evaluate(() => scrollY)).toBeGreaterThan(0);
    const mark = await p.locator('mark.hl').first().evaluate((element) => ({ top: element.getBoundingClientRect().top, height: innerHeight }));
    expect(mark.top).toBeGreaterThanOrEqual(0);
    expect(mark.top).toBeLessThan(mark.height);
  });
});
