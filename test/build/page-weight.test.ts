/**
 * Page weight budgets on the built test site, gzip-compressed, with Starlight's budgets
 * (1 kB = 1,000 bytes, the stricter reading):
 *   - the HTML of each sample policy page:                                  ≤ 7 kB;
 *   - all the CSS one page loads (linked stylesheets and inline <style>):   ≤ 16.75 kB;
 *   - the JavaScript one page loads before any search interaction: its module and classic scripts, inline
 *     or external, with every module they import statically (dynamic import() is what an interaction
 *     loads later, so it is not counted):                                   ≤ 27 kB.
 * The measured sizes are printed, so CI logs show them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import { afterAll, describe, expect, it } from 'vitest';
import { builtPages, pageType } from '../support/pages.ts';
import { builtFile, SAMPLE_POLICY_IDS } from '../support/site.ts';

const KB = 1000;
export const BUDGETS = { policyHtml: 7 * KB, css: 16.75 * KB, js: 27 * KB };
const LOCAL = 'http://test-site.invalid';

const gz = (content: string | Buffer) => gzipSync(content).length;

function readLocal(url: URL, from: string): string {
  if (url.origin !== LOCAL) throw new Error(`${from} loads ${url.href} from another origin`);
  const file = builtFile(decodeURIComponent(url.pathname));
  if (!existsSync(file)) throw new Error(`${from} loads ${url.pathname}, which is not in the build`);
  return readFileSync(file, 'utf8');
}

/**
 * Specifiers of the static imports/re-exports of a module (Rollup/Vite output). Not `import(...)`: that is
 * loaded on demand. A JavaScript tokenizer would be exact; this errs on the side of counting too much.
 */
function staticImports(code: string): string[] {
  const specifiers: string[] = [];
  for (const match of code.matchAll(/(?:^|[^\w$.])import\s*(?:[\w$*{},\s]+?\s*from\s*)?["'`]([^"'`]+)["'`]/g)) specifiers.push(match[1]);
  for (const match of code.matchAll(/(?:^|[^\w$.])export\s*(?:\*(?:\s*as\s+[\w$]+)?|\{[^}]*\})\s*from\s*["'`]([^"'`]+)["'`]/g)) specifiers.push(match[1]);
  return specifiers;
}

interface Weight {
  url: string;
  type: string;
  html: number;
  css: number;
  js: number;
  jsFiles: string[];
}

function weigh(file: string, url: string): Weight {
  const html = readFileSync(builtFile(file), 'utf8');
  const $ = cheerio.load(html);
  const pageUrl = new URL(url, LOCAL);

  let css = 0;
  $('link[rel~="stylesheet"][href]').each((_, el) => void (css += gz(readLocal(new URL($(el).attr('href')!, pageUrl), url))));
  $('style').each((_, el) => void (css += gz($(el).text())));

  let js = 0;
  const jsFiles: string[] = [];
  const seen = new Set<string>();
  const loadModule = (moduleUrl: URL) => {
    if (seen.has(moduleUrl.href)) return;
    seen.add(moduleUrl.href);
    const code = readLocal(moduleUrl, url);
    js += gz(code);
    jsFiles.push(moduleUrl.pathname);
    for (const specifier of staticImports(code)) loadModule(new URL(specifier, moduleUrl));
  };
  $('script').each((_, el) => {
    const type = ($(el).attr('type') ?? '').toLowerCase();
    if (type && type !== 'module' && !/(java|ecma)script/.test(type)) return; // data blocks (JSON) run nothing
    const src = $(el).attr('src');
    if (src) return loadModule(new URL(src, pageUrl));
    const code = $(el).text();
    js += gz(code);
    jsFiles.push('(inline)');
    if (type === 'module') for (const specifier of staticImports(code)) loadModule(new URL(specifier, pageUrl));
  });
  // Modules the page asks the browser to fetch up front count too.
  $('link[rel~="modulepreload"][href]').each((_, el) => loadModule(new URL($(el).attr('href')!, pageUrl)));

  return { url, type: pageType(url), html: gz(html), css, js, jsFiles };
}

const weights = builtPages().map(({ file, url }) => weigh(file, url));
const kB = (bytes: number) => `${(bytes / KB).toFixed(2)} kB`;

describe('page weight (gzip)', () => {
  it.each(SAMPLE_POLICY_IDS)(`policy page %s: HTML ≤ ${kB(BUDGETS.policyHtml)}`, (id) => {
    const weight = weights.find((w) => w.url === `/policies/${id}/`);
    expect(weight, `/policies/${id}/ is not in the build`).toBeDefined();
    expect(weight!.html).toBeLessThanOrEqual(BUDGETS.policyHtml);
  });

  it.each(weights)(`$url: CSS ≤ ${kB(BUDGETS.css)}, JavaScript ≤ ${kB(BUDGETS.js)}`, (weight) => {
    expect(weight.css, `CSS of ${weight.url}`).toBeLessThanOrEqual(BUDGETS.css);
    expect(weight.css).toBeGreaterThan(0); // it does load the site stylesheet: the measure measures something
    expect(weight.js, `JavaScript of ${weight.url}: ${weight.jsFiles.join(', ')}`).toBeLessThanOrEqual(BUDGETS.js);
  });

  afterAll(() => {
    const rows = [['page', 'HTML', 'CSS', 'JS', 'scripts'], ...weights.map((w) => [w.url, kB(w.html), kB(w.css), kB(w.js), w.jsFiles.join(' ') || '-'])];
    const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
    const line = (row: string[]) => row.map((cell, column) => (column === 0 || column === 4 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
    console.log(
      [`page weight, gzip (budgets: policy HTML ${kB(BUDGETS.policyHtml)}, CSS ${kB(BUDGETS.css)}, JS ${kB(BUDGETS.js)})`, ...rows.map(line)].join('\n'),
    );
  });
});
