/**
 * Every built page is valid HTML by html-validate's recommended and document rules, with zero errors.
 *
 * Configuration: .htmlvalidate.json at the project root (JSON allows no comments, so its reasons are here):
 *   - extends html-validate:recommended and html-validate:document;
 *   - require-sri is scoped to cross-origin resources ({ target: "crossorigin" }) instead of every resource:
 *     Astro links its own bundled stylesheet and scripts from the same origin (/_astro/*), where Subresource
 *     Integrity adds nothing; a third-party script or stylesheet without integrity still fails.
 * Nothing else is turned off.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HtmlValidate, StaticConfigLoader, type Message } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { builtPages } from '../support/pages.ts';
import { builtFile, PROJECT_ROOT } from '../support/site.ts';

// The project's configuration, loaded explicitly: a site built outside the project tree (TEST_SITE_DIR) would
// otherwise be validated with html-validate's empty default configuration, i.e. hardly at all.
const config = JSON.parse(readFileSync(path.join(PROJECT_ROOT, '.htmlvalidate.json'), 'utf8'));
const validator = new HtmlValidate(new StaticConfigLoader(config));
const pages = builtPages();

describe('html-validate', () => {
  it('uses the project configuration', async () => {
    const rules = (await validator.getConfigFor(builtFile('index.html'))).getRules();
    // From html-validate:recommended, from html-validate:document, and our one scoped rule.
    expect(rules.get('no-dup-id')?.[0]).toBe(2);
    expect(rules.get('missing-doctype')?.[0]).toBe(2);
    expect(rules.get('require-sri')).toEqual([2, { target: 'crossorigin' }]);
  });

  it('checks every built page', () => {
    expect(pages.length).toBeGreaterThanOrEqual(6);
    console.log(`html-validate: ${pages.length} pages`);
  });

  it.each(pages)('$url is valid', async ({ file }) => {
    const report = await validator.validateFile(builtFile(file));
    const errors = report.results.flatMap((result) => result.messages);
    const format = (message: Message) => `  ${message.line}:${message.column} ${message.ruleId}: ${message.message} (${message.selector ?? ''})`;
    expect(errors.map(format).join('\n')).toBe('');
    expect(report.valid).toBe(true);
  });
});
