/**
 * Search in the real browser, on the built test site (sample + fixtures) and its real Pagefind index.
 *
 * Nothing here is a hard-coded result list: the words, phrases and company names searched for are picked
 * from the built policy pages (the text Pagefind indexed), and the expected clause is the one that holds them.
 *
 *   relevance — an exact company name ranks that company's policies first; a quoted phrase finds the clause
 *               that contains it (and not a clause holding the same words apart); a word found in one clause
 *               only comes back as that clause, and following it lands on the clause, in view, highlighted;
 *   interface — filters, sort, URL state with back/forward, the "/" shortcut, the live result count;
 *   weight    — no Pagefind file (and no highlighter) is fetched before someone searches; JS before any search
 *               stays within budget; all of it under the site's CSP with no console error.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatViolations, launchBrowser, newSiteContext, runAxe, watchPage } from '../support/browser.ts';
import { builtPages, pageType } from '../support/pages.ts';
import { passageDocuments } from '../../src/lib/search/passages.ts';
import { indexedPolicies } from '../../src/lib/search/policy-list.ts';
import { wordStems } from '../../src/lib/search/terms.ts';
import { stem } from '../../src/lib/search/stem.ts';
import { SAMPLE_POLICY_IDS, TEST_LEDGER, TEST_SEARCH_PASSAGE_CHARS, builtFile } from '../support/site.ts';

const siteUrl = inject('siteUrl');
const JS_BUDGET_BEFORE_SEARCH = 27 * 1024;

// ---------------------------------------------------------------- what the index holds, from the built pages

interface BuiltClause {
  policyId: string;
  id: string;
  words: string[];
  /** The words of its section heading, which count for it (src/lib/search/rank.ts). */
  heading: string[];
  topics: string[];
}
interface BuiltPolicy {
  id: string;
  url: string;
  company: string;
  date: string;
  topics: string[];
  clauses: BuiltClause[];
  /** Indexed words outside the clauses: title, headings, company name. */
  otherWords: string[];
  /** The words of the header (title, company name), which only the first passage indexes. */
  headerWords: string[];
  /** The clause ids of each search passage the index step cut this page into (src/lib/search/passages.ts). */
  passages: string[][];
}

function words(text: string): string[] {
  return text.toLocaleLowerCase('en').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Each policy's passages as the index step cuts them (src/lib/search/passages.ts), by page URL. */
const passagesOf = new Map(indexedPolicies(TEST_LEDGER).map((policy) => [policy.url, passageDocuments(JSON.parse(readFileSync(policy.units, 'utf8')), policy.head, TEST_SEARCH_PASSAGE_CHARS)]));

function builtPolicies(): BuiltPolicy[] {
  return builtPages()
    .filter((page) => pageType(page.url) === 'policy')
    .map((page) => {
      const html = readFileSync(builtFile(page.file), 'utf8');
      const $ = cheerio.load(html);
      const body = $('[data-pagefind-body]');
      const clauseTopics = new Map(
        body
          .find('.clause')
          .map((_, element) => [[$(element).attr('id')!, $(element).find('.topics a').map((_, a) => $(a).attr('href')!.replace(/^\/topics\/|\/$/g, '')).get()]])
          .get() as [string, string[]][],
      );
      // What Pagefind leaves out: ignored elements, the integration's excludeSelectors, and <nav> (its default).
      body.find('[data-pagefind-ignore], nav, .provenance, .versions, .toc').remove();
      const id = page.url.replace(/^\/policies\/|\/$/g, '');
      const clauses = body
        .find('.clause')
        .map((_, element) => ({ policyId: id, id: $(element).attr('id')!, words: words($(element).text()), heading: words($(element).attr('data-pagefind-title') ?? ''), topics: clauseTopics.get($(element).attr('id')!) ?? [] }))
        .get();
      body.find('.clause').remove();
      return {
        id,
        url: page.url,
        company: $('[data-pagefind-filter="company"]').text().trim(),
        date: $('.breadcrumb').attr('data-pagefind-meta')!.replace('date:', ''),
        topics: $('[data-pagefind-filter="topic[value]"]')
          .map((_, element) => $(element).attr('value'))
          .get(),
        clauses,
        otherWords: words(body.text()),
        headerWords: words(`${$('article header h1').text()} ${$('[data-pagefind-filter="company"]').text()}`),
        passages: passagesOf.get(page.url)!.map((document) => [...document.matchAll(/class="clause"><span id="([^"]+)"/g)].map((match) => match[1])),
      };
    });
}

const policies = builtPolicies();

/**
 * What the search page finds for words (src/lib/search/rank.ts): the clauses with one of them (a word of the
 * same stem) in their text or their section heading, in the passages Pagefind returns for the words (those
 * with a word starting with one's stem; a topic filter keeps the passages with a clause on the topic), and the
 * policies of those clauses or whose header (title, company) has every word.
 */
function found(query: string[], topic?: string): { clauses: BuiltClause[]; policies: string[] } {
  const stems = new Set(query.flatMap(wordStems));
  const same = (word: string) => wordStems(word).some((form) => stems.has(form));
  const starts = (word: string) => query.some((q) => stem(word).startsWith(stem(q)));
  const clauses: BuiltClause[] = [];
  const policyIds = new Set<string>();
  for (const { n, policy, clauses: inPassage } of policies.flatMap((policy) => policy.passages.map((ids, n) => ({ n, policy, clauses: ids.map((id) => policy.clauses.find((clause) => clause.id === id)!) })))) {
    if (topic && !inPassage.some((clause) => clause.topics.includes(topic))) continue;
    const text = [...inPassage.flatMap((clause) => [...clause.words, ...(clause.id.endsWith('-1') ? clause.heading : [])]), ...(n === 0 ? [...policy.otherWords, ...policy.headerWords] : [])];
    if (!text.some(starts)) continue;
    const matching = inPassage.filter((clause) => [...clause.words, ...clause.heading].some(same));
    clauses.push(...matching);
    const named = query.every((q) => policy.headerWords.some((word) => wordStems(word).some((form) => wordStems(q).includes(form))));
    if (n === 0 && named) policyIds.add(policy.id);
  }
  // The same text in several snapshots of one domain is one result, the newest snapshot's (rank.ts, clauseKey).
  const domainOf = (clause: BuiltClause) => clause.policyId.split('/')[0];
  const newest = new Map<string, BuiltClause>();
  for (const clause of clauses) {
    const key = `${domainOf(clause)}\n${clause.words.join(' ')}`;
    const known = newest.get(key);
    if (!known || clause.policyId > known.policyId) newest.set(key, clause);
  }
  const shown = clauses.filter((clause) => newest.get(`${domainOf(clause)}\n${clause.words.join(' ')}`) === clause);
  for (const clause of shown) policyIds.add(clause.policyId);
  return { clauses: shown, policies: [...policyIds].sort() };
}
/** The status after every result is on screen. */
function foundStatus(query: string[], topic?: string): string {
  const { clauses, policies: ids } = found(query, topic);
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return clauses.length ? `${plural(clauses.length, 'clause', 'clauses')} in ${plural(ids.length, 'policy', 'policies')} found` : `${plural(ids.length, 'policy', 'policies')} found`;
}
const samplePolicies = policies.filter((policy) => SAMPLE_POLICY_IDS.includes(policy.id));
const allClauses = policies.flatMap((policy) => policy.clauses);
const allWords = [...allClauses.flatMap((clause) => clause.words), ...policies.flatMap((policy) => policy.otherWords)];

/**
 * A word of a sample policy that only one clause of the whole index contains, and that no other indexed
 * word shares a 6-letter prefix with (Pagefind stems words and matches prefixes, so near-words would count).
 */
function wordOfOneClause(): { word: string; clause: BuiltClause } {
  const prefixCount = new Map<string, number>();
  for (const word of allWords) prefixCount.set(word.slice(0, 6), (prefixCount.get(word.slice(0, 6)) ?? 0) + 1);
  for (const clause of samplePolicies.flatMap((policy) => policy.clauses)) {
    for (const word of [...new Set(clause.words)].sort()) {
      if (!/^\p{Ll}{7,}$/u.test(word)) continue;
      const inClause = clause.words.filter((other) => other.slice(0, 6) === word.slice(0, 6)).length;
      if (prefixCount.get(word.slice(0, 6)) === inClause) return { word, clause };
    }
  }
  throw new Error('no word of the sample is found in one clause only');
}

/**
 * Three consecutive words that form a phrase only one clause has, while another clause has all three words
 * apart (so the quotes, not the words, decide which clause comes first).
 */
function phraseOfOneClause(): { phrase: string; clause: BuiltClause; decoy: BuiltClause } {
  const joined = allClauses.map((clause) => ` ${clause.words.join(' ')} `);
  for (const clause of samplePolicies.flatMap((policy) => policy.clauses)) {
    for (let i = 0; i + 3 <= clause.words.length; i++) {
      const triple = clause.words.slice(i, i + 3);
      if (!triple.every((word) => /^\p{Ll}{3,}$/u.test(word))) continue;
      const phrase = triple.join(' ');
      if (joined.filter((text) => text.includes(` ${phrase} `)).length !== 1) continue;
      const decoy = allClauses.find((other) => other !== clause && triple.every((word) => other.words.includes(word)));
      if (decoy) return { phrase, clause, decoy };
    }
  }
  throw new Error('no phrase of the sample is found in one clause only');
}

// ---------------------------------------------------------------- browser helpers

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await newSiteContext(browser, siteUrl);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

async function withPage<T>(run: (page: Page, watch: Awaited<ReturnType<typeof watchPage>>) => Promise<T>): Promise<T> {
  const page = await context.newPage();
  try {
    const watch = await watchPage(page, siteUrl);
    const result = await run(page, watch);
    expect(watch.pageErrors).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    return result;
  } finally {
    await page.close();
  }
}

interface ShownResult {
  url: string;
  title: string;
  clauses: string[];
}

/** Waits for the search to settle, shows every result ("Show more results"), then reads them as shown. */
async function shownResults(page: Page): Promise<{ status: string; results: ShownResult[] }> {
  await expect.poll(() => page.locator('#search-status').textContent(), { timeout: 15_000 }).not.toBe('');
  await expect.poll(() => page.locator('#search-status').getAttribute('aria-busy')).toBeNull();
  while (await page.locator('#search-more').isVisible()) {
    // Each "Show more results" adds results, or clauses to a policy already shown (its later passages).
    const links = await page.locator('#search-results a').count();
    await page.locator('#search-results a').evaluateAll((anchors) => anchors.forEach((a) => a.setAttribute('data-seen', '')));
    await page.locator('#search-more').click();
    await expect.poll(() => page.locator('#search-results a').count()).toBeGreaterThan(links);
    // Keyboard users land on the first new link, not back at the top.
    await expect.poll(() => page.evaluate(() => document.activeElement?.matches('#search-results a:not([data-seen])') ?? false)).toBe(true);
  }
  const results = await page.locator('#search-results > li').evaluateAll((items) =>
    items.map((item) => ({
      url: item.querySelector('h2 a')!.getAttribute('href')!,
      title: item.querySelector('h2')!.textContent!,
      clauses: [...item.querySelectorAll('.hits a')].map((a) => a.getAttribute('href')!),
    })),
  );
  return { status: (await page.locator('#search-status').textContent()) ?? '', results };
}

/** "/policies/a.com/2006-06-17/?pagefind-highlight=x#c-1" → { policy: "a.com/2006-06-17", anchor: "c-1" } */
function target(href: string): { policy: string; anchor: string; terms: string[] } {
  const url = new URL(href, siteUrl);
  return { policy: url.pathname.replace(/^\/policies\/|\/$/g, ''), anchor: decodeURIComponent(url.hash.slice(1)), terms: url.searchParams.getAll('pagefind-highlight') };
}

async function search(page: Page, query: string) {
  await page.goto(`/search/?q=${encodeURIComponent(query)}`);
  return shownResults(page);
}

// ---------------------------------------------------------------- tests

describe('what the tests search for comes from the built site', () => {
  it('has indexed policy pages with clauses, the sample among them', () => {
    expect(samplePolicies.map((policy) => policy.id).sort()).toEqual([...SAMPLE_POLICY_IDS].sort());
    for (const policy of policies) expect(policy.clauses.length, policy.id).toBeGreaterThan(0);
    for (const policy of samplePolicies) expect(policy.company, policy.id).not.toBe('');
  });
});

describe('relevance', () => {
  it.each(SAMPLE_POLICY_IDS)('the exact company name of %s ranks that company first', async (policyId) => {
    const company = policies.find((policy) => policy.id === policyId)!.company;
    const ofCompany = policies.filter((policy) => policy.company === company).map((policy) => policy.url);
    await withPage(async (page) => {
      const { results } = await search(page, company);
      expect(results.length).toBeGreaterThanOrEqual(ofCompany.length);
      const top = results.slice(0, ofCompany.length).map((result) => new URL(result.url, siteUrl).pathname);
      expect(top.sort()).toEqual([...ofCompany].sort());
      for (const result of results.slice(0, ofCompany.length)) expect(result.title).toContain(company);
    });
  });

  it('a quoted phrase finds the clause that contains it, not one with the same words apart', async () => {
    const { phrase, clause, decoy } = phraseOfOneClause();
    await withPage(async (page) => {
      const { results } = await search(page, `"${phrase}"`);
      expect(results.length, `"${phrase}"`).toBeGreaterThan(0);
      const best = target(results[0].clauses[0]);
      expect(best, `"${phrase}" (decoy: ${decoy.policyId}#${decoy.id})`).toMatchObject({ policy: clause.policyId, anchor: clause.id });
      const everyClause = results.flatMap((result) => result.clauses.map((href) => target(href)));
      expect(everyClause).not.toContainEqual(expect.objectContaining({ policy: decoy.policyId, anchor: decoy.id }));
    });
  });

  it('a word found in one clause returns that clause first, and following it lands on the clause, in view and highlighted', async () => {
    const { word, clause } = wordOfOneClause();
    await withPage(async (page, watch) => {
      const { status, results } = await search(page, word);
      expect(results, word).toHaveLength(1);
      expect(status).toMatch(/^1 clause in 1 policy found/);
      const best = target(results[0].clauses[0]);
      expect(best).toMatchObject({ policy: clause.policyId, anchor: clause.id, terms: [word] });

      await page.locator('#search-results .hits a').first().click();
      await page.waitForURL((url) => url.hash === `#${clause.id}`);
      expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe(clause.id);
      const marks = page.locator(`[id="${clause.id}"] mark.hl`);
      await expect.poll(() => marks.count()).toBeGreaterThan(0);
      expect((await marks.first().textContent())!.toLocaleLowerCase('en')).toContain(word.slice(0, 6));
      // Nothing outside that clause holds the word, so nothing else is marked.
      expect(await page.locator('mark.hl').count()).toBe(await marks.count());
      const box = await page.locator(`[id="${clause.id}"]`).boundingBox();
      const viewport = page.viewportSize()!;
      expect(box).not.toBeNull();
      expect(box!.y).toBeGreaterThanOrEqual(0);
      expect(box!.y).toBeLessThan(viewport.height);
      expect(watch.requests.some((url) => /\/_astro\/highlight\.[\w-]+\.js$/.test(url))).toBe(true);
    });
  });
});

describe('passages', () => {
  it('a clause found in a later passage of a policy shows as that policy, with its company, date and title', async () => {
    // A word that only one clause holds, that clause in a policy's second passage or later.
    const prefixCount = new Map<string, number>();
    for (const word of allWords) prefixCount.set(word.slice(0, 6), (prefixCount.get(word.slice(0, 6)) ?? 0) + 1);
    const found = samplePolicies
      .flatMap((policy) => policy.passages.slice(1).flatMap((ids) => ids.map((id) => ({ policy, clause: policy.clauses.find((clause) => clause.id === id)! }))))
      .flatMap(({ policy, clause }) => clause.words.filter((word) => /^\p{Ll}{7,}$/u.test(word) && prefixCount.get(word.slice(0, 6)) === 1).map((word) => ({ policy, clause, word })))[0];
    expect(found, 'a word of one clause in a later passage').toBeDefined();
    const { policy, clause, word } = found!;
    await withPage(async (page) => {
      const { status, results } = await search(page, word);
      expect(status).toMatch(/^1 clause in 1 policy found/);
      expect(results).toHaveLength(1);
      expect(new URL(results[0].url, siteUrl).pathname).toBe(policy.url);
      expect(results[0].title).toContain(policy.company);
      expect(results[0].title).toContain(policy.date.slice(0, 4));
      expect(await page.locator('#search-results .result-meta').textContent()).toContain(policy.url.split('/')[2]);
      expect(target(results[0].clauses[0])).toMatchObject({ policy: policy.id, anchor: clause.id, terms: [word] });
    });
  });

  it("a policy whose title matches in its first passage and a clause in a later one shows that clause", async () => {
    // A word of a policy's header (title, company) that is in a clause of a later passage and in no clause of
    // its first passage: Pagefind returns that first passage with no clause to show.
    const found = policies
      .flatMap((policy) => {
        const first = new Set(policy.passages[0].flatMap((id) => policy.clauses.find((clause) => clause.id === id)!.words));
        return policy.headerWords
          .filter((word) => /^\p{Ll}{4,}$/u.test(word) && !first.has(word))
          .flatMap((word) => {
            const later = policy.passages.slice(1).flat().map((id) => policy.clauses.find((clause) => clause.id === id)!).find((clause) => clause.words.includes(word));
            return later ? [{ policy, word, clause: later }] : [];
          });
      })
      .sort((a, b) => a.word.localeCompare(b.word))[0];
    expect(found, 'a header word found again in a later passage only').toBeDefined();
    const { policy, word, clause } = found!;
    await withPage(async (page) => {
      const { results } = await search(page, word);
      const result = results.find((shown) => new URL(shown.url, siteUrl).pathname === policy.url);
      expect(result, `${policy.id} among the results for ${word}`).toBeDefined();
      expect(result!.clauses.map((href) => target(href).anchor)).toContain(clause.id);
    });
  });

  it('a search without words lists each policy once, by its first passage', async () => {
    const company = samplePolicies[0].company;
    const ofCompany = policies.filter((policy) => policy.company === company);
    expect(ofCompany.some((policy) => policy.passages.length > 1), 'a policy cut into several passages').toBe(true);
    await withPage(async (page) => {
      await page.goto(`/search/?company=${encodeURIComponent(company)}`);
      const { status, results } = await shownResults(page);
      expect(results.map((result) => new URL(result.url, siteUrl).pathname).sort()).toEqual(ofCompany.map((policy) => policy.url).sort());
      expect(status).toMatch(new RegExp(`^${ofCompany.length} polic(y|ies) found in ${company}`));
    });
  });
});

describe('filters, sort and the URL', () => {
  /** A word every sample policy contains, so filters have something to narrow. */
  const common = (() => {
    const sets = samplePolicies.map((policy) => new Set(policy.clauses.flatMap((clause) => clause.words)));
    // ...and no other indexed word starts like it (Pagefind matches stems and prefixes), so which policies
    // match is known exactly.
    const family = (w: string) => new Set(allWords.filter((other) => other.slice(0, 6) === w.slice(0, 6)));
    const word = [...sets[0]]
      .filter((w) => w.length >= 6 && /^\p{Ll}+$/u.test(w) && sets.every((set) => set.has(w)) && family(w).size === 1)
      .sort()[0];
    if (!word) throw new Error('no word common to the sample policies');
    return word;
  })();
  const withCommon = policies.filter((policy) => [...policy.clauses.flatMap((clause) => clause.words), ...policy.otherWords].includes(common));
  const years = [...new Set(samplePolicies.map((policy) => policy.date.slice(0, 4)))].sort();

  it('narrows by year and by company, and sorts by date', async () => {
    expect(years.length).toBeGreaterThan(1);
    await withPage(async (page) => {
      const all = await search(page, common);
      expect(all.results.map((result) => target(result.url).policy).sort()).toEqual(withCommon.map((policy) => policy.id).sort());

      await page.selectOption('select[name="year"]', years[0]);
      await page.waitForURL((url) => url.searchParams.get('year') === years[0]);
      const byYear = await shownResults(page);
      expect(byYear.results.length).toBeGreaterThan(0);
      expect(byYear.results.length).toBeLessThan(all.results.length);
      for (const result of byYear.results) expect(target(result.url).policy.split('/')[1].slice(0, 4)).toBe(years[0]);

      await page.selectOption('select[name="year"]', '');
      const company = samplePolicies[samplePolicies.length - 1].company;
      await page.selectOption('select[name="company"]', company);
      await page.waitForURL((url) => url.searchParams.get('company') === company && !url.searchParams.has('year'));
      const byCompany = await shownResults(page);
      const expected = policies.filter((policy) => policy.company === company).map((policy) => policy.url);
      expect(byCompany.results.map((result) => new URL(result.url, siteUrl).pathname).sort()).toEqual([...expected].sort());

      await page.selectOption('select[name="company"]', '');
      for (const [order, direction] of [['newest', -1], ['oldest', 1]] as const) {
        await page.selectOption('select[name="sort"]', order);
        await page.waitForURL((url) => url.searchParams.get('sort') === order);
        await expect
          .poll(async () => {
            const dates = (await shownResults(page)).results.map((result) => target(result.url).policy.split('/')[1]);
            return dates.length > 1 && dates.every((date, i) => i === 0 || Math.sign(date.localeCompare(dates[i - 1])) !== -direction);
          })
          .toBe(true);
      }
    });
  });

  it('narrows by topic: only policies with a clause on that topic', async () => {
    const topics = [...new Set(policies.flatMap((policy) => policy.topics))];
    // A topic some policies matching the word have and others do not: the filter has to do something.
    // Passages are what the topic filter narrows: those with the word and a clause on the topic.
    const withTopic = (slug: string) => new Set(found([common], slug).policies);
    const matching = withCommon;
    const topic = topics.sort().find((slug) => withTopic(slug).size > 0 && matching.some((p) => !withTopic(slug).has(p.id)));
    expect(topic, 'a topic that splits the policies').toBeDefined();
    await withPage(async (page) => {
      await page.goto(`/search/?q=${common}&topic=${topic}`);
      expect(await page.locator('select[name="topic"]').inputValue()).toBe(topic);
      const { status, results } = await shownResults(page);
      const topicName = (await page.locator('select[name="topic"] option:checked').textContent())!;
      expect(status, 'the announced count says which topic').toContain(` in ${topicName}.`);
      const shown = results.map((result) => target(result.url).policy).sort();
      expect(shown).toEqual([...withTopic(topic!)].sort());
      expect(status).toMatch(new RegExp(`^${foundStatus([common], topic)}`));
    });
  });

  it('keeps the query and filters in the URL, with back and forward', async () => {
    await withPage(async (page) => {
      await page.goto('/search/');
      await page.locator('#search-q').fill(common);
      await page.waitForURL((url) => url.searchParams.get('q') === common);
      const first = await shownResults(page);
      expect(first.results.length).toBeGreaterThan(1);

      await page.selectOption('select[name="year"]', years[0]);
      await page.waitForURL((url) => url.searchParams.get('year') === years[0]);
      const narrowed = (await shownResults(page)).results.length;
      expect(narrowed).toBeLessThan(first.results.length);

      await page.goBack();
      await page.waitForURL((url) => url.searchParams.get('q') === common && !url.searchParams.has('year'));
      expect(await page.locator('select[name="year"]').inputValue()).toBe('');
      await expect.poll(async () => (await shownResults(page)).results.length).toBe(first.results.length);

      await page.goForward();
      await page.waitForURL((url) => url.searchParams.get('year') === years[0]);
      expect(await page.locator('select[name="year"]').inputValue()).toBe(years[0]);
      await expect.poll(async () => (await shownResults(page)).results.length).toBe(narrowed);

      await page.goBack();
      await page.goBack();
      await page.waitForURL((url) => url.pathname === '/search/' && !url.search);
      expect(await page.locator('#search-q').inputValue()).toBe('');
      await expect.poll(() => page.locator('#search-results > li').count()).toBe(0);
    });
  });

  it('announces the number of results in a live region and lets the keyboard reach them', async () => {
    await withPage(async (page) => {
      const { status, results } = await search(page, common);
      expect(await page.locator('#search-status').getAttribute('role')).toBe('status');
      // What was found are clauses; the results group them by policy.
      expect(status).toMatch(new RegExp(`^${foundStatus([common])} for “${common}”`));
      expect(results.length).toBe(found([common]).policies.length);
      await page.locator('#search-q').focus();
      await page.keyboard.press('ArrowDown');
      expect(await page.evaluate(() => document.activeElement?.closest('#search-results') !== null)).toBe(true);
      expect(await page.locator('#search-results h2').count()).toBe(results.length);
    });
  });

  it('a word found in nearly every passage, not searched beside a rarer one, is searched when that one finds nothing', async () => {
    await withPage(async (page) => {
      const plain = await search(page, 'data');
      const misspelt = await search(page, 'data protektshun');
      // The same clauses in the same order (the links also carry the misspelt word, for the highlighter).
      const clauses = (results: ShownResult[]) => results.flatMap((result) => result.clauses.map((href) => `${target(href).policy}#${target(href).anchor}`));
      expect(plain.results.length).toBeGreaterThan(0);
      expect(clauses(misspelt.results)).toEqual(clauses(plain.results));
    });
  });

  it('finds for a question phrased with function words what its content words find, in the same order', async () => {
    await withPage(async (page) => {
      const plain = await search(page, common);
      const asked = await search(page, `what is my ${common} for me?`);
      expect(plain.results.length).toBeGreaterThan(1);
      expect(asked.results).toEqual(plain.results);
      expect(asked.status).toBe(`${plain.status.replace(/ for “.*$/, '')} for “what is my ${common} for me?”. Common words left out: what, is, my, for, me?.`);
    });
  });

  it('searches a question typed in plain words by its meaningful words, says which it left out, and highlights those typed', async () => {
    const question = `How is the ${common.toUpperCase()} of your policy?`;
    await withPage(async (page) => {
      const { status, results } = await search(page, question);
      // The clauses with either word that is left ("policy" or the common word), not only those with both.
      expect(found([common, "policy"]).clauses.length).toBeGreaterThan(found([common]).clauses.length);
      expect(status).toBe(`${foundStatus([common, 'policy'])} for “${question}”. Common words left out: How, is, the, of, your.`);
      // Pagefind was sent stems; the links carry the words as typed, for the policy page's highlighter.
      for (const result of results) {
        expect(target(result.url).terms).toEqual([common.toUpperCase(), 'policy?']);
        for (const clause of result.clauses) expect(target(clause).terms).toEqual([common.toUpperCase(), 'policy?']);
      }
    });
  });
});

describe('accessibility of the results', () => {
  it('has no WCAG A/AA violation with results, filters and excerpts on screen', async () => {
    await withPage(async (page) => {
      const { results } = await search(page, 'information');
      expect(results.length).toBeGreaterThan(0);
      expect(await page.locator('#search-results mark').count()).toBeGreaterThan(0);
      const violations = await runAxe(page);
      expect(violations, formatViolations(violations)).toEqual([]);
    });
  });
});

describe('long result lists', () => {
  it('shows the first ten clauses, then the rest on demand', async () => {
    // A word every indexed policy contains: as many results as policies, more than one screen of them.
    const sets = policies.map((policy) => new Set([...policy.clauses.flatMap((clause) => clause.words), ...policy.otherWords]));
    // ... and that no other indexed word shares a 5-letter prefix with: Pagefind stems ("policy" finds "policies"),
    // which the passage count below does not model.
    const alone = (w: string) => allWords.every((other) => other === w || !other.startsWith(w.slice(0, 5)));
    const word = [...sets[0]].filter((w) => /^\p{Ll}{4,}$/u.test(w) && sets.every((set) => set.has(w)) && alone(w)).sort()[0];
    expect(policies.length).toBeGreaterThan(5);
    expect(word, 'a word in every policy').toBeDefined();
    await withPage(async (page) => {
      await page.goto(`/search/?q=${word}`);
      await expect.poll(() => page.locator('#search-more').isVisible(), { timeout: 15_000 }).toBe(true);
      // A screen is ten results: clauses, or policies found by their title or company name.
      const first = await page.locator('#search-results .hits a').count();
      expect(first).toBeGreaterThan(0);
      expect(first).toBeLessThanOrEqual(10);
      const { status, results } = await shownResults(page);
      expect(results.map((result) => target(result.url).policy).sort()).toEqual(policies.map((policy) => policy.id).sort());
      expect(status).toMatch(new RegExp(`^${foundStatus([word])}`));
    });
  });
});

describe('the header search box', () => {
  it('"/" focuses it, but typing "/" in a field stays typing', async () => {
    await withPage(async (page) => {
      await page.goto(samplePolicies[0].url);
      await page.keyboard.press('/');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search');
      await page.keyboard.type('a/b');
      expect(await page.locator('#site-search').inputValue()).toBe('a/b');
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === '/search/' && url.searchParams.get('q') === 'a/b');
      expect(await page.locator('#search-q').inputValue()).toBe('a/b');
    });
  });

  it('submits to /search/?q= without JavaScript, where the page says what it needs', async () => {
    const noScript = await browser.newContext({ baseURL: siteUrl, javaScriptEnabled: false });
    try {
      const page = await noScript.newPage();
      await page.goto('/');
      await page.locator('#site-search').fill(samplePolicies[0].company);
      await page.locator('#site-search').press('Enter');
      await page.waitForURL((url) => url.pathname === '/search/' && url.searchParams.get('q') === samplePolicies[0].company);
      await expect.poll(() => page.locator('.notice').isVisible()).toBe(true);
      expect(await page.locator('main').textContent()).toMatch(/needs JavaScript/);
    } finally {
      await noScript.close();
    }
  });
});

describe('page weight and CSP', () => {
  const isPagefind = (url: string) => new URL(url).pathname.startsWith('/pagefind/');
  const isHighlighter = (url: string) => /\/_astro\/highlight\.[\w-]+\.js$/.test(url);

  it.each(['/', '/policies/', SAMPLE_POLICY_IDS.map((id) => `/policies/${id}/`)[0], '/search/', '/404.html'])(
    'a plain load of %s fetches no Pagefind file and no highlighter',
    async (url) => {
      await withPage(async (page, watch) => {
        await page.goto(url);
        await page.locator('input[type="search"]').first().focus();
        await page.waitForLoadState('networkidle');
        expect(watch.requests.filter(isPagefind)).toEqual([]);
        expect(watch.requests.filter(isHighlighter)).toEqual([]);
        expect(await page.locator('mark').count()).toBe(0);
      });
    },
  );

  it('a plain load of a policy page fetches one script file, the highlighter check, and nothing it imports', async () => {
    await withPage(async (page, watch) => {
      await page.goto(`/policies/${SAMPLE_POLICY_IDS[0]}/`);
      await page.waitForLoadState('networkidle');
      expect(watch.requests.filter((url) => /\/_astro\/[^/]+\.js$/.test(url))).toHaveLength(1);
    });
  });

  it(`the search page runs no more than ${JS_BUDGET_BEFORE_SEARCH / 1024} kB (gzip) of JS before a search, and loads Pagefind on the first keystroke`, async () => {
    await withPage(async (page, watch) => {
      const scripts: Promise<number>[] = [];
      page.on('response', (response: Response) => {
        if (response.request().resourceType() === 'script') scripts.push(response.body().then((body) => gzipSync(body).length));
      });
      await page.goto('/search/');
      await page.waitForLoadState('networkidle');
      const inline = await page.locator('script:not([src])').evaluateAll((nodes) => nodes.map((node) => node.textContent ?? ''));
      const before = (await Promise.all(scripts)).reduce((a, b) => a + b, 0) + inline.reduce((sum, text) => sum + gzipSync(text).length, 0);
      expect(before).toBeGreaterThan(0);
      expect(before).toBeLessThanOrEqual(JS_BUDGET_BEFORE_SEARCH);
      expect(watch.requests.filter(isPagefind)).toEqual([]);

      await page.locator('#search-q').pressSequentially(samplePolicies[0].company.slice(0, 3));
      await expect.poll(() => watch.requests.filter(isPagefind).length).toBeGreaterThan(0);
      await shownResults(page);
    });
  });

  it('the CSP lets Pagefind compile its WebAssembly and start its worker, with no unsafe-inline script', () => {
    const $ = cheerio.load(readFileSync(builtFile('search', 'index.html'), 'utf8'));
    const csp = $('meta[http-equiv="content-security-policy"]').attr('content') ?? '';
    const directives = new Map(csp.split(';').map((part) => part.trim().split(/\s+/)).filter((part) => part[0]).map(([name, ...values]) => [name, values]));
    expect(directives.get('script-src')).toEqual(expect.arrayContaining(["'self'", "'wasm-unsafe-eval'"]));
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
    expect(directives.get('script-src')).not.toContain("'unsafe-eval'");
    expect(directives.get('worker-src')).toEqual(["'self'", 'blob:']);
  });
});
