/**
 * Content-Security-Policy on every built page (Astro security.csp): one CSP <meta> in the head, before any
 * script; script-src neither allows inline script ('unsafe-inline'), eval ('unsafe-eval') nor any host or
 * scheme wildcard; and its hashes cover every inline script of the page, so our own scripts run and nothing
 * else inline can. ('wasm-unsafe-eval' and worker-src, which Pagefind needs, are allowed.) No page carries an
 * inline event handler or a javascript: URL: under this CSP they could only be dead, broken controls.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { builtPages } from '../support/pages.ts';
import { builtFile } from '../support/site.ts';

function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name && !map.has(name.toLowerCase())) map.set(name.toLowerCase(), values);
  }
  return map;
}

describe('Content-Security-Policy', () => {
  const pages = builtPages();

  it.each(pages)('$url ships a CSP meta with a strict script-src', ({ file }) => {
    const $ = cheerio.load(readFileSync(builtFile(file), 'utf8'));
    const metas = $('meta[http-equiv]').filter((_, el) => $(el).attr('http-equiv')!.toLowerCase() === 'content-security-policy');
    expect(metas.length).toBe(1);
    const meta = metas.first();
    expect(meta.parent().is('head')).toBe(true);
    // Before any script or stylesheet in document order, or it would not govern them.
    const headChildren = $('head').children().toArray();
    const firstResource = headChildren.findIndex((el) => $(el).is('script, link[rel="stylesheet"], style'));
    if (firstResource !== -1) expect(headChildren.indexOf(meta.get(0)!)).toBeLessThan(firstResource);

    const policy = directives(meta.attr('content') ?? '');
    const scriptSrc = policy.get('script-src') ?? policy.get('default-src');
    expect(scriptSrc, 'script-src (or default-src) must be set').toBeDefined();
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(scriptSrc).not.toContain("'unsafe-hashes'");
    for (const source of scriptSrc!) expect(source).not.toMatch(/^(\*|https?:|data:|blob:|[^']*\*[^']*)$/);

    // Every inline script is allowed by its hash; no external script comes from another origin.
    const hashes = new Set(scriptSrc!.filter((source) => source.startsWith("'sha")).map((source) => source.slice(1, -1)));
    $('script').each((_, el) => {
      const src = $(el).attr('src');
      if (src) return void expect(src).toMatch(/^\/(?!\/)/);
      const digest = `sha256-${createHash('sha256').update($(el).text()).digest('base64')}`;
      expect(hashes, `inline script not in script-src: ${$(el).text().slice(0, 80)}`).toContain(digest);
    });
  });

  it.each(pages)('$url has no inline event handler or javascript: URL (the CSP would block them)', ({ file }) => {
    const $ = cheerio.load(readFileSync(builtFile(file), 'utf8'));
    const found: string[] = [];
    $('*').each((_, el) => {
      for (const [name, value] of Object.entries((el as { attribs: Record<string, string> }).attribs)) {
        if (/^on/i.test(name)) found.push(`<${(el as { tagName: string }).tagName} ${name}="${value.slice(0, 40)}">`);
        else if (/^\s*javascript:/i.test(value) && /^(href|src|action|formaction|data|xlink:href)$/i.test(name)) found.push(`<${(el as { tagName: string }).tagName} ${name}="${value.slice(0, 40)}">`);
      }
    });
    expect(found).toEqual([]);
  });
});
