/**
 * Splits a Markdown file into its YAML frontmatter and body. Errors carry the 1-based line in the file,
 * so a bad entry is reported as <file>:<line>: <reason>.
 */
import { parseDocument } from 'yaml';

export class FrontmatterError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.name = 'FrontmatterError';
    this.line = line;
  }
}

export interface SplitFile {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line number of the body's first line in the file. */
  bodyLine: number;
}

export function splitFrontmatter(source: string): SplitFile {
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  if (!text.startsWith('---\n') && !text.startsWith('---\r\n')) throw new FrontmatterError('missing frontmatter (the file must start with ---)', 1);
  const close = /\r?\n---[ \t]*(\r?\n|$)/.exec(text.slice(3));
  if (!close) throw new FrontmatterError('frontmatter is not closed by a --- line', 1);
  const yamlText = text.slice(text.indexOf('\n') + 1, 3 + close.index + 1);
  const bodyStart = 3 + close.index + close[0].length;
  const document = parseDocument(yamlText, { prettyErrors: false });
  if (document.errors.length) {
    const error = document.errors[0];
    const line = 1 + (error.linePos?.[0]?.line ?? 1);
    throw new FrontmatterError(`invalid YAML: ${error.message.split('\n')[0]}`, line);
  }
  const data = document.toJS() as unknown;
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new FrontmatterError('frontmatter must be a mapping of fields', 2);
  const bodyLine = text.slice(0, bodyStart).split('\n').length;
  return { data: data as Record<string, unknown>, body: text.slice(bodyStart), bodyLine };
}
