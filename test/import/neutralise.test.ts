import MarkdownIt from 'markdown-it';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { neutraliseBody } from '../../src/lib/import/neutralise.ts';

const n = neutraliseBody;
const permissive = new MarkdownIt({ html: true, linkify: true }); // worst case: a renderer that allows raw HTML
const pages = new MarkdownIt({ html: false }); // how the pages render
const remark = unified().use(remarkParse).use(remarkGfm);

interface Node { type: string; url?: string; value?: string; children?: Node[] }
function nodes(markdown: string): Node[] {
  const all: Node[] = [];
  const walk = (node: Node) => {
    all.push(node);
    node.children?.forEach(walk);
  };
  walk(remark.parse(markdown) as Node);
  return all;
}

/** Whatever the input, the output renders without tags from the input, images or unsafe links. */
function expectInert(input: string): string {
  const out = n(input);
  const html = permissive.render(out);
  expect(html).not.toMatch(/<(?!\/?(p|a|em|strong|ul|ol|li|h[1-6]|table|thead|tbody|tr|th|td|br|hr|code|pre|blockquote)\b)[a-z!?/]/i);
  expect(html).not.toMatch(/<img|<script|<iframe|<svg|<math|<style|<!--/i);
  expect(html).not.toMatch(/(href|src)\s*=\s*["']?\s*(javascript|vbscript|data):/i);
  for (const node of nodes(out)) {
    expect(['html', 'image', 'imageReference', 'mdxJsxFlowElement', 'mdxFlowExpression'], JSON.stringify(out)).not.toContain(node.type);
    if (node.type === 'link') expect(node.url).toMatch(/^(https?:\/\/|mailto:)/i);
  }
  return out;
}

describe('neutraliseBody: images', () => {
  it('replaces an image by its alt text', () => {
    expect(n('See ![Our logo](../../images/logo.png) here')).toBe('See Our logo here');
  });
  it('drops an image with empty alt text', () => {
    expect(n('![](../../images/x.png)\n\nText')).toBe('\n\nText');
  });
  it('treats absolute images the same (no hotlinking) and keeps a link around an image as its alt', () => {
    expect(n('![a chart](https://example.com/c.png "title")')).toBe('a chart');
    expect(n('[![Home](/logo.gif)](/index.html)')).toBe('Home');
    expect(n('[![](/logo.gif)](https://example.com/)')).toBe('');
  });
});

describe('neutraliseBody: links', () => {
  it('keeps absolute http(s) and mailto links', () => {
    const input = 'Read [our terms](https://example.com/terms) or [mail us](mailto:privacy@example.com) or [old](http://example.com/a_(b)).';
    expect(n(input)).toBe(input);
  });
  it.each([
    ['relative', '[Contact](/contact.html)'],
    ['parent-relative', '[Contact](../contact.html)'],
    ['fragment', '[Contact](#contact)'],
    ['javascript', '[Contact](javascript:alert(1))'],
    ['JavaScript with spaces', '[Contact]( JaVaScRiPt:alert(1) )'],
    ['data', '[Contact](data:text/html;base64,PHNjcmlwdD4=)'],
    ['vbscript', '[Contact](vbscript:msgbox(1))'],
    ['entity-obfuscated', '[Contact](&#106;avascript:alert(1))'],
    ['empty destination', '[Contact]()'],
    ['angle-bracket destination', '[Contact](<javascript:alert(1)>)'],
  ])('turns a %s link into its text', (_name, link) => {
    expect(expectInert(`Write to ${link} now.`)).toBe('Write to Contact now.');
  });
  it('drops empty links entirely', () => {
    expect(n('a[](https://example.com/)b [](/x) c')).toBe('ab  c');
  });
  it('handles a link whose text spans two lines', () => {
    expect(expectInert('[click\nhere](javascript:alert(1)) please')).toBe('click\nhere please');
  });
  it('keeps titles and normalises <...> destinations of kept links', () => {
    expect(n('[a](https://x.org/a b "T")')).toBe('[a](https://x.org/a b "T")'); // not a link in Markdown: left as text
    expect(n('[a](<https://x.org/a b> "T")')).toBe('[a](https://x.org/a%20b "T")');
  });
  it('disarms reference definitions that point nowhere useful', () => {
    const out = expectInert('[x][evil]\n\n[evil]: javascript:alert(1)\n[ok]: https://example.com/');
    expect(out).toContain('\\[evil]: javascript:alert(1)');
    expect(out).toContain('\n[ok]: https://example.com/');
  });
  it('leaves escaped brackets alone', () => {
    expect(n('\\[not a link\\](/x)')).toBe('\\[not a link\\](/x)');
  });
});

describe('neutraliseBody: HTML and MDX syntax', () => {
  it('escapes a script element so it shows as text', () => {
    const out = expectInert('<script>alert(1)</script>');
    expect(out).toBe('\\<script>alert(1)\\</script>');
    expect(pages.render(out)).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
    expect(permissive.render(out)).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
  });
  it('escapes an img tag with an event handler', () => {
    const out = expectInert('Text <img src=x onerror=alert(1)> more');
    expect(out).toBe('Text \\<img src=x onerror=alert(1)> more');
    expect(permissive.render(out)).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
  it('escapes iframes, comments, components, declarations and processing instructions', () => {
    expectInert('<iframe src="https://evil.example/"></iframe>');
    expect(expectInert('a <!-- hidden --> b')).toBe('a \\<!-- hidden --> b');
    expect(expectInert('<Component prop={x} />')).toBe('\\<Component prop=\\{x\\} />');
    expectInert('<!DOCTYPE html><?php echo 1 ?><![CDATA[x]]>');
    expectInert('<div\nonclick="alert(1)">multi-line tag</div>');
  });
  it('escapes MDX expressions', () => {
    expect(expectInert('Hello {props.x} and {/* c */}')).toBe('Hello \\{props.x\\} and \\{/* c */\\}');
  });
  it('keeps entities as entities, so &lt;script&gt; stays text', () => {
    const out = expectInert('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#60;b&#62;');
    expect(out).toBe('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#60;b&#62;');
    expect(permissive.render(out)).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;</p>\n');
  });
  it('is not fooled by backslashes already in the text', () => {
    expect(expectInert('\\\\<script>x</script>')).toBe('\\\\\\<script>x\\</script>');
    expect(n('already \\<b> escaped')).toBe('already \\<b> escaped');
  });
  it('uses a character reference right after a bare URL, where GFM would swallow a backslash', () => {
    expect(expectInert('https://evil.example/"></iframe> and www.x.org{a}')).toBe('https://evil.example/"&gt;&lt;/iframe> and www.x.org&#123;a&#125;'.replace('&gt;', '>'));
    expect(expectInert('see https://x.org/\\<b>')).toBe('see https://x.org/&lt;b>');
    expect(expectInert('see https://x.org/\\\\<b>')).toBe('see https://x.org/\\\\&lt;b>');
  });
  it('keeps http(s) and mailto autolinks working, escapes other autolinks', () => {
    expect(expectInert('See <https://example.com/privacy?a=1&b={2}> or <mailto:a@b.org>.')).toBe('See <https://example.com/privacy?a=1&b={2}> or <mailto:a@b.org>.');
    expect(expectInert('<javascript:alert(1)>')).toBe('\\<javascript:alert(1)>');
  });
  it('escapes < that is not a tag too (renders the same)', () => {
    const out = n('if a < b then 3 <4');
    expect(out).toBe('if a \\< b then 3 \\<4');
    expect(pages.render(out)).toBe('<p>if a &lt; b then 3 &lt;4</p>\n');
  });
});

describe('neutraliseBody: structure', () => {
  it('turns • bullets at the start of a line into list items', () => {
    expect(n('Intro\n• one\n  •two\nnot • a bullet')).toBe('Intro\n- one\n  - two\nnot • a bullet');
  });
  it('turns <br> in table rows into spaces, and escapes it elsewhere', () => {
    expect(n('| a<br><br>b | c <br/> d |\n| --- | --- |\nx<br>y')).toBe('| a b | c d |\n| --- | --- |\nx\\<br>y');
  });
  it('keeps headings, bold lines, lists, tables, hard breaks, quotes and escaped numbering as they are', () => {
    const input = '# Title\n\n### Section\n\n**Cookies**  \nWe use cookies.\n\n  * item\n  * \n\n1\\. First\n\n>>> nested\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n        indented code';
    expect(n(input)).toBe(input);
  });
  it('leaves the content of fenced code blocks untouched', () => {
    const input = 'Before <b>\n```html\n<script>alert(1)</script>\n{x}\n```\nAfter <i>';
    expect(n(input)).toBe('Before \\<b>\n```html\n<script>alert(1)</script>\n{x}\n```\nAfter \\<i>');
    expect(permissive.render(n(input))).not.toMatch(/<script|<b>|<i>/);
  });
  it('treats an indented or list-nested fence as prose (safe when the fence would close early)', () => {
    const input = '* item\n\n   ```\n</ul><script>alert(1)</script>\n```';
    expect(expectInert(input)).toContain('\\<script>');
  });
  it('keeps non-English text and mojibake', () => {
    const input = 'Datenschutzerklärung — 个人信息 userï¿½s';
    expect(n(input)).toBe(input);
  });
});

describe('neutraliseBody: hostile mixtures', () => {
  it.each([
    '<scr<script>ipt>alert(1)</script>',
    '[<img src=x onerror=alert(1)>](javascript:alert(1))',
    '![<script>](x)',
    '<a href="javascript:alert(1)">click</a>',
    '<svg><script>alert(1)</script></svg>',
    '<style>body{display:none}</style>',
    '[a](https://ok.example/ "<script>")',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '`<script>alert(1)</script>`',
    '<https://ok.example/><script>',
    '[x](javascript:alert(1) "t")\n\n[y]( \njavascript:alert(1))',
    `[${'a'.repeat(5000)}](javascript:alert(1))`,
  ])('%.60s', (input) => {
    expectInert(input);
  });
});
