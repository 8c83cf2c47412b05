/**
 * Checks on the built HTML of the sample policy pages: every clause has a unique, linkable id; the
 * provenance links are there; nothing from the policy text became markup.
 */
import { readFileSync } from 'node:fs';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { SAMPLE_POLICY_IDS, builtFile } from '../support/site.ts';

function page(policyId: string) {
  return cheerio.load(readFileSync(builtFile('policies', policyId, 'index.html'), 'utf8'));
}

describe.each(SAMPLE_POLICY_IDS)('policy page %s', (policyId) => {
  const $ = page(policyId);

  it('has one h1, the provenance list and a link to the archived snapshot', () => {
    expect($('h1')).toHaveLength(1);
    const labels = $('.provenance dt').map((_, el) => $(el).text()).get();
    expect(labels).toEqual(expect.arrayContaining(['Company', 'Archived on', 'Source', 'Content hash']));
    const snapshot = $('.provenance a[href^="https://web.archive.org/web/"]');
    expect(snapshot).toHaveLength(1);
    expect($('.provenance time').attr('datetime')).toBe(policyId.split('/')[1]);
    expect($(`.provenance a[href="/policies/${policyId.split('/')[0]}/"]`)).toHaveLength(1);
  });

  it('gives every clause a unique id with a link to itself', () => {
    const ids = $('[id]').map((_, el) => $(el).attr('id')).get();
    expect(new Set(ids).size).toBe(ids.length);
    const clauses = $('.clause');
    expect(clauses.length).toBeGreaterThan(5);
    clauses.each((_, el) => {
      const id = $(el).attr('id');
      expect(id).toMatch(/^[\p{L}\p{N}-]+$/u);
      expect($(el).children('a.cl').attr('href')).toBe(`#${id}`);
    });
  });

  it('lists the sections in a table of contents that links to their headings', () => {
    const tocTargets = $('.toc a').map((_, el) => $(el).attr('href')!.slice(1)).get();
    expect(tocTargets.length).toBeGreaterThan(1);
    for (const target of tocTargets) expect($(`#${target}`).is('h2, h3, h4')).toBe(true);
  });

  it('contains no script, frame, image or inline handler that came from policy text', () => {
    const body = $('.policy-body');
    expect(body.find('script, iframe, img, object, embed, style, form, meta, link').length).toBe(0);
    body.find('*').each((_, el) => {
      for (const name of Object.keys((el as { attribs?: Record<string, string> }).attribs ?? {})) expect(name).not.toMatch(/^on/i);
    });
    // Links that came from policy text (not our own clause links and topic tags) are absolute web or mail links.
    body.find('.clause a[href]').not('a.cl, .topics a').each((_, el) => expect($(el).attr('href')).toMatch(/^(https?:\/\/|mailto:)/));
    body.find('.topics a').each((_, el) => expect($(el).attr('href')).toMatch(/^\/topics\/[a-z-]+\/$/));
  });
});

describe('company and index pages', () => {
  it('lists every sample policy on /policies/', () => {
    const $ = cheerio.load(readFileSync(builtFile('policies', 'index.html'), 'utf8'));
    for (const id of SAMPLE_POLICY_IDS) expect($(`a[href="/policies/${id}/"]`)).toHaveLength(1);
  });

  it('gives each company a timeline page', () => {
    for (const id of SAMPLE_POLICY_IDS) {
      const [domain] = id.split('/');
      const $ = cheerio.load(readFileSync(builtFile('policies', domain, 'index.html'), 'utf8'));
      expect($('.timeline a').map((_, el) => $(el).attr('href')).get()).toContain(`/policies/${id}/`);
    }
  });

  it('publishes a sitemap that lists the policy pages', () => {
    const sitemap = readFileSync(builtFile('sitemap-0.xml'), 'utf8');
    for (const id of SAMPLE_POLICY_IDS) expect(sitemap).toContain(`/policies/${id}/</loc>`);
  });
});
