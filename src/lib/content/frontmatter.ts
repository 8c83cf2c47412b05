/**
 * The frontmatter of a policy file, read and written.
 * - Read (the loader): a Markdown file split into its YAML frontmatter and body. Errors carry the 1-based line in
 *   the file, so a bad entry is reported as <file>:<line>: <reason>.
 * - Written (the importer): keys in schema order, strings JSON-quoted. JSON string syntax is valid YAML
 *   double-quoted syntax; characters YAML does not allow raw in a double-quoted scalar (C1 controls, DEL, BOM,
 *   line/paragraph separators) are \u-escaped too.
 */
import { parseDocument } from 'yaml';
import { InputError } from '../import/errors.ts';
import { type PolicyFrontmatter, policyFrontmatter } from '../policies/schema.ts';

export interface SplitFile {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line number of the body's first line in the file. */
  bodyLine: number;
}

export function splitFrontmatter(source: string): SplitFile {
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  if (!/^---\r?\n/.test(text)) throw new InputError(1, 'missing frontmatter (the file must start with ---)');
  const close = /\r?\n---[ \t]*(\r?\n|$)/.exec(text.slice(3));
  if (!close) throw new InputError(1, 'frontmatter is not closed by a --- line');
  const yamlText = text.slice(text.indexOf('\n') + 1, 3 + close.index + 1);
  const bodyStart = 3 + close.index + close[0].length;
  const document = parseDocument(yamlText, { prettyErrors: false });
  if (document.errors.length) {
    const error = document.errors[0];
    const line = 1 + (error.linePos?.[0]?.line ?? 1);
    throw new InputError(line, `invalid YAML: ${error.message.split('\n')[0]}`);
  }
  const data = document.toJS() as unknown;
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError(2, 'frontmatter must be a mapping of fields');
  }
  const bodyLine = text.slice(0, bodyStart).split('\n').length;
  return { data: data as Record<string, unknown>, body: text.slice(bodyStart), bodyLine };
}

const FRONTMATTER_KEYS = Object.keys(policyFrontmatter.shape) as (keyof PolicyFrontmatter)[];

export function yamlString(value: string): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u00ad\u2028\u2029\ufeff\ufff9-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function renderFrontmatter(fm: PolicyFrontmatter): string {
  const lines = FRONTMATTER_KEYS.flatMap((key) => {
    const value = fm[key];
    return value === undefined ? [] : `${key}: ${typeof value === 'number' ? String(value) : yamlString(value)}\n`;
  });
  return `---\n${lines.join('')}---\n`;
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
