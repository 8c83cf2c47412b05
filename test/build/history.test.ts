/**
 * History in the built test site (fixtures test/fixtures/policies/history.example: three snapshots of the
 * domain's policy with known edits, two of its "app" service, one of which splits a clause): data-since on
 * every clause, changes pages, previous/next inside a series, the company page's timelines.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { builtPages, pageType, redirectPages } from '../support/pages.ts';
import { builtFile } from '../support/site.ts';

const load = (...parts: string[]) => cheerio.load(readFileSync(builtFile(...parts, 'index.html'), 'utf8'));
const H = 'policies/history.example';

describe('lineage marks', () => {
  it('every clause element of every policy page has data-since, never later than the page', () => {
    const pages = builtPages().filter((page) => pageType(page.url) === 'policy');
    expect(pages.length).toBeGreaterThan(8);
    for (const page of pages) {
      const $ = cheerio.load(readFileSync(builtFile(page.file), 'utf8'));
      const date = $('.provenance time').attr('datetime')!;
      const clauses = $('.clause[id]');
      expect(clauses.length, page.url).toBeGreaterThan(0);
      clauses.each((_, el) => {
        const since = $(el).attr('data-since');
        expect(since, `${page.url}#${el.attribs.id}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(since! <= date).toBe(true);
      });
    }
  });

  it('unchanged clauses keep the date they first appeared, moved or re-spaced; edited and added ones are new', () => {
    const since = (id: string) => Object.fromEntries(load(H, id)('.clause').map((_, el) => [[el.attribs.id, el.attribs['data-since']]]).get());
    expect(since('2006-01-01')).toEqual({
      'information-we-collect-1': '2005-01-01',
      'information-we-collect-2': '2006-01-01', // one word edited
      'information-we-collect-3': '2006-01-01', // added
      'your-choices-1': '2005-01-01', // re-spaced and moved
      'your-choices-2': '2005-01-01', // moved
    });
    // Identical to the previous snapshot: every date carried over.
    expect(since('2007-01-01')).toEqual(since('2006-01-01'));
    const $ = load(H, '2006-01-01');
    expect($('#information-we-collect-2 .since').text()).toBe('New in this version');
    expect($('#information-we-collect-1 .since')).toHaveLength(0);
    expect(load(H, '2005-01-01')('.since')).toHaveLength(0); // the first snapshot: nothing is "new"
  });
});

describe('policy page', () => {
  it('links previous and next inside its series, and to what changed', () => {
    const $ = load(H, '2006-01-01');
    expect($('.versions a[rel="prev"]').attr('href')).toBe('/policies/history.example/2005-01-01/');
    expect($('.versions a[rel="next"]').attr('href')).toBe('/policies/history.example/2007-01-01/');
    expect($('.changed-since a').attr('href')).toBe('/policies/history.example/2006-01-01/changes/');
    expect($('.changed-since').text()).toContain('What changed since 1 January 2005: 1 clause added, 1 removed, 1 edited; 3 clauses unchanged.');
    const app = load(H, '2007-03-01-app');
    expect(app('.versions a[rel="prev"]').attr('href')).toBe('/policies/history.example/2006-03-01-app/');
    expect(app('.versions a[rel="next"]')).toHaveLength(0);
    expect(load(H, '2005-01-01')('.changed-since')).toHaveLength(0);
  });
});

describe('changes pages', () => {
  it('exist for every snapshot with a previous one in its series, and only for those', () => {
    for (const id of ['2006-01-01', '2007-01-01', '2007-03-01-app']) expect(existsSync(builtFile(H, id, 'changes', 'index.html')), id).toBe(true);
    for (const id of ['2005-01-01', '2006-03-01-app']) expect(existsSync(builtFile(H, id, 'changes', 'index.html')), id).toBe(false);
  });

  it('list the changes in document order, each marked, with words removed and added, linked to both versions', () => {
    const $ = load(H, '2006-01-01', 'changes');
    expect($('.change-counts li').map((_, el) => $(el).text()).get()).toEqual(['1 clause added', '1 clause removed', '1 clause edited', '3 clauses unchanged']);
    const items = $('ol.changes > li').map((_, el) => el.attribs['data-change'] ?? `fold:${$(el).text()}`).get();
    expect(items).toEqual(['fold:1 unchanged clause', 'edited', 'added', 'removed', 'fold:2 unchanged clauses']);
    const edited = $('[data-change="edited"]');
    expect(edited.find('del').text()).toBe(' removed: service');
    expect(edited.find('ins').text()).toBe(' added: trusted');
    expect(edited.find('a').map((_, el) => el.attribs.href).get()).toEqual([
      '/policies/history.example/2006-01-01/#information-we-collect-2',
      '/policies/history.example/2005-01-01/#information-we-collect-2',
    ]);
    expect($('[data-change="removed"] del').text()).toContain('We keep server logs');
    expect($('[data-change="removed"] a').attr('href')).toBe('/policies/history.example/2005-01-01/#your-choices-2');
    expect($('[data-change="added"] ins').text()).toContain('We use cookies');
  });

  it('say so when nothing changed, and show a split clause as an edit plus an addition', () => {
    const same = load(H, '2007-01-01', 'changes');
    expect(same('[data-change]')).toHaveLength(0);
    expect(same('ol.changes').text()).toBe('5 unchanged clauses');
    const split = load(H, '2007-03-01-app', 'changes');
    expect(split('[data-change]').map((_, el) => el.attribs['data-change']).get()).toEqual(['edited', 'added']);
    expect(split('[data-change="edited"] del').text()).toContain('We keep server logs');
  });
});

describe('untrusted text on changes pages', () => {
  it('became no element or attribute: only the markup of the changes list', () => {
    const dir = builtFile('policies/hostile-markup.example/2020-07-15/changes');
    expect(existsSync(dir)).toBe(true);
    for (const page of builtPages().filter((p) => p.url.startsWith('/policies/hostile-markup.example/2020-07-15/changes/'))) {
      const $ = cheerio.load(readFileSync(builtFile(page.file), 'utf8'));
      const list = $('ol.changes');
      expect(list, page.url).toHaveLength(1);
      list.find('*').each((_, el) => {
        expect(el.tagName, page.url).toMatch(/^(li|p|strong|span|a|del|ins)$/);
        for (const name of Object.keys(el.attribs)) expect(name).toMatch(/^(class|href|data-change)$/);
        if (el.attribs.href) expect(el.attribs.href).toMatch(/^\/policies\/hostile-markup\.example\/[^/]+\/#[a-z0-9-]+$/);
      });
    }
  });
});

describe('company page', () => {
  it('has one timeline per series, newest first, with the size of each change and a chart', () => {
    const $ = load(H);
    const series = $('section.series-timeline');
    expect(series.map((_, el) => el.attribs['data-series']).get()).toEqual(['history.example', 'history.example/app']);
    const main = series.first();
    expect(main.find('.timeline > li').map((_, el) => el.attribs['data-policy']).get()).toEqual(['history.example/2007-01-01', 'history.example/2006-01-01', 'history.example/2005-01-01']);
    expect(main.find('.change-size').map((_, el) => $(el).text()).get()).toEqual(['No clause changed since the previous snapshot', '1 added, 1 removed, 1 edited since the previous snapshot']);
    expect(main.find('svg.change-chart rect')).toHaveLength(2);
    expect(main.find('svg.change-chart').attr('aria-label')).toContain('clauses changed per snapshot');
  });
});

describe('redirects', () => {
  it('answer the URL the earlier importer gave a service snapshot (its bare date) with a static redirect', () => {
    expect(redirectPages().map((page) => page.url)).toEqual(['/policies/history.example/2006-03-01/', '/policies/history.example/2007-03-01/']);
    const $ = load(H, '2006-03-01');
    expect($('meta[http-equiv="refresh"]').attr('content')).toBe('0; url=/policies/history.example/2006-03-01-app/');
    expect($('link[rel="canonical"]').attr('href')).toMatch(/\/policies\/history\.example\/2006-03-01-app\/$/);
    expect($('body a').attr('href')).toBe('/policies/history.example/2006-03-01-app/');
    expect($('script')).toHaveLength(0);
    expect($('meta[http-equiv="content-security-policy"]')).toHaveLength(1);
  });
});
