/**
 * The one Markdown parser for policy bodies: markdown-it, configured so that policy text can never become
 * markup. Chosen over remark for speed (measured on 300 OTA policies, Node 22: markdown-it parses
 * 22.8 MB/s, remark-parse + remark-gfm 1.3 MB/s; a 10,000-policy archive is ~420 MB of Markdown).
 *
 * Safety, on top of what the importer already neutralised (defence in depth):
 * - `html: false`: raw HTML in a policy is escaped and shown as text;
 * - links survive only with the targets src/lib/policies/links.ts allows (http(s) with a host, mailto) and get
 *   rel="nofollow noreferrer"; any other link (relative, javascript:, data:, ...) is reduced to its text;
 * - images are never loaded: an image shows its alt text.
 */
import MarkdownIt from 'markdown-it';
import type { MarkdownIt as MarkdownParser, Token } from 'markdown-it';
import { isSafeLink } from '../policies/links.ts';

export function createPolicyMarkdown(): MarkdownParser {
  const md = new MarkdownIt('default', { html: false, linkify: false, typographer: false });

  // Unwrap links whose target is not safe to follow from our site, keeping their text.
  md.core.ruler.push('unwrap_unsafe_links', (state) => {
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      const kept: Token[] = [];
      const unwrapped: boolean[] = []; // one entry per open link: was it dropped?
      for (const token of block.children) {
        if (token.type === 'link_open') {
          const href = String(token.attrGet('href') ?? '');
          const drop = !isSafeLink(href);
          unwrapped.push(drop);
          if (drop) continue;
          token.attrSet('rel', 'nofollow noreferrer');
        } else if (token.type === 'link_close') {
          if (unwrapped.pop()) continue;
        }
        kept.push(token);
      }
      block.children = kept;
    }
  });

  // Past `maxNesting` (100) levels of lists or quotes, markdown-it skips the rest of the document without a
  // word. Here the lines that belong at that depth become one paragraph of text instead (their list and quote
  // markers shown as written), and what follows the deep block is parsed as usual.
  const tokenize = md.block.tokenize.bind(md.block);
  md.block.tokenize = (state, startLine, endLine) => {
    if (state.level < md.options.maxNesting) return tokenize(state, startLine, endLine);
    let last = startLine;
    let line = state.skipEmptyLines(startLine);
    while (line < endLine && state.sCount[line] >= state.blkIndent) line = state.skipEmptyLines((last = line + 1));
    state.line = line;
    const content = state.getLines(startLine, last, state.blkIndent, false).trim();
    if (!content) return;
    state.push('paragraph_open', 'p', 1).map = [startLine, last];
    const inline = state.push('inline', '', 0);
    inline.content = content;
    inline.map = [startLine, last];
    inline.children = [];
    state.push('paragraph_close', 'p', -1);
  };

  md.renderer.rules.image = (tokens, index, _options, env, self) => {
    const alt = self.renderInlineAsText(tokens[index].children ?? [], md.options, env).trim();
    return alt ? md.utils.escapeHtml(alt) : '';
  };

  return md;
}
