/**
 * The one rule for the links of policy text: a link keeps its target only when it is an absolute http(s) URL
 * with a host or a mailto: address. Anything else (relative, `#fragment`, `javascript:`, `data:`, `vbscript:`,
 * empty) points nowhere useful, or somewhere unsafe, and the link becomes its text: in the importer
 * (src/lib/import/neutralise.ts) and again in the renderer (src/lib/clauses/markdown.ts), in depth.
 */
const SAFE_LINK = /^(?:https?:\/\/[^\s/?#]|mailto:[^\s])/i;

export function isSafeLink(target: string): boolean {
  return SAFE_LINK.test(target.trim());
}
