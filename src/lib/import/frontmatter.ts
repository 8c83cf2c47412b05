/**
 * Renders a policy file: YAML frontmatter (keys in schema order, strings JSON-quoted) + body.
 * JSON string syntax is valid YAML double-quoted syntax; characters YAML does not allow raw in a
 * double-quoted scalar (C1 controls, DEL, BOM, line/paragraph separators) are \u-escaped too.
 */
import type { PolicyFrontmatter } from '../policies/schema.ts';

export const FRONTMATTER_KEYS = [
  'domain', 'service', 'company', 'title', 'archivedOn', 'snapshotUrl', 'originalUrl', 'sourceLabel', 'contentHash', 'wordCount',
] as const satisfies readonly (keyof PolicyFrontmatter)[];

export function yamlString(value: string): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u00ad\u2028\u2029\ufeff\ufff9-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function renderFrontmatter(fm: PolicyFrontmatter): string {
  let yaml = '---\n';
  for (const key of FRONTMATTER_KEYS) {
    const value = fm[key];
    if (value === undefined) continue;
    yaml += `${key}: ${typeof value === 'number' ? String(value) : yamlString(value)}\n`;
  }
  return `${yaml}---\n`;
}

export function renderPolicyFile(fm: PolicyFrontmatter, body: string): string {
  return `${renderFrontmatter(fm)}\n${body}\n`;
}

/** The contentHash of an existing policy file, read from its frontmatter (first lines only). */
export function readContentHash(fileHead: string): string | undefined {
  if (!fileHead.startsWith('---\n')) return undefined;
  const end = fileHead.indexOf('\n---\n', 3);
  const fm = end === -1 ? fileHead : fileHead.slice(0, end + 1);
  return /^contentHash:\s*["']?(sha256:[0-9a-f]{64})["']?\s*$/m.exec(fm)?.[1];
}
