/**
 * Size limits of the source (issue 17): no file of src/ or scripts/ over MAX_FILE_LINES lines, no function over
 * MAX_FUNCTION_LINES (from the line of its first token to the line of its closing brace, nested functions
 * included). Content and generated files (JSON, the policies under src/content/) are not source. Functions are
 * found with the TypeScript compiler's parser, in .ts files and in the frontmatter of .astro files.
 *
 * Prints one line per excess, `<file>:<line> <function>: <n> lines (limit <m>)`, and exits 1 if there is any
 * beyond KNOWN. KNOWN lists the excesses left to split, each at its size today: one may shrink, not grow, and
 * an entry no longer needed must be removed, so that the list only gets shorter. Part of `npm run lint`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const MAX_FILE_LINES = 300;
export const MAX_FUNCTION_LINES = 80;
const ROOTS = ['src', 'scripts'];
const EXTENSIONS = new Set(['.ts', '.mts', '.js', '.mjs', '.astro', '.mdx', '.css']);
const NOT_SOURCE = ['src/content/'];

/** Excesses still to split (issue 17), with their size today: `<file>` or `<file> <function>`. */
const KNOWN = new Map<string, number>([
  ['src/lib/search/pagefind-index.ts', 691],
  ['src/lib/search/pagefind-index.ts buildSearchIndex', 155],
  ['src/loaders/policies.ts policiesLoader', 97],
  ['src/loaders/policies.ts load', 92],
  ['src/scripts/search-page.ts', 352],
  ['src/scripts/search-page.ts enhanceSearchPage', 311],
]);

export interface Excess {
  key: string;
  where: string;
  lines: number;
  limit: number;
}

/** Every source file under the roots, relative to `root`, sorted. */
function sourceFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (EXTENSIONS.has(path.extname(entry.name)) && !NOT_SOURCE.some((prefix) => relative.startsWith(prefix))) files.push(relative);
    }
  };
  for (const dir of ROOTS) walk(dir);
  return files.sort();
}

/** The name a function is known by: its own, or that of the variable, property or method it is assigned to. */
function functionName(node: ts.FunctionLikeDeclaration): string {
  if (node.name && !ts.isComputedPropertyName(node.name)) return node.name.getText();
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  return '(anonymous)';
}

/** The functions of some TypeScript longer than the limit, with their first line (1-based, plus `lineOffset`). */
export function longFunctions(file: string, code: string, lineOffset = 0): Excess[] {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
  const excesses: Excess[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = last - first + 1;
      const name = functionName(node as ts.FunctionLikeDeclaration);
      if (lines > MAX_FUNCTION_LINES) excesses.push({ key: `${file} ${name}`, where: `${file}:${first + 1 + lineOffset} ${name}`, lines, limit: MAX_FUNCTION_LINES });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return excesses;
}

/** A file's excesses: its length, and its functions' (for .astro, those of its frontmatter). */
export function excessesOf(file: string, text: string): Excess[] {
  const excesses: Excess[] = [];
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (lines > MAX_FILE_LINES) excesses.push({ key: file, where: file, lines, limit: MAX_FILE_LINES });
  if (file.endsWith('.astro')) {
    const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
    if (frontmatter) excesses.push(...longFunctions(file, frontmatter[1], 1));
  } else if (!file.endsWith('.css') && !file.endsWith('.mdx')) excesses.push(...longFunctions(file, text));
  return excesses;
}

/** Every excess of the project at `root`, and what is wrong with them against `known`. */
export function checkSizes(root: string, known = KNOWN): { excesses: Excess[]; problems: string[] } {
  const excesses = sourceFiles(root).flatMap((file) => excessesOf(file, readFileSync(path.join(root, file), 'utf8')));
  const problems: string[] = [];
  for (const excess of excesses) {
    const allowed = known.get(excess.key);
    if (allowed === undefined) problems.push(`${excess.where}: ${excess.lines} lines (limit ${excess.limit})`);
    else if (excess.lines > allowed) problems.push(`${excess.where}: ${excess.lines} lines, more than the ${allowed} it is known at (limit ${excess.limit})`);
  }
  for (const key of known.keys()) {
    if (!excesses.some((excess) => excess.key === key)) problems.push(`${key}: within the limit now; remove it from KNOWN in scripts/check-size.ts`);
  }
  return { excesses, problems };
}

if (import.meta.main) {
  const { excesses, problems } = checkSizes(path.resolve(import.meta.dirname, '..'));
  for (const excess of excesses.filter((e) => KNOWN.has(e.key))) console.log(`known, to split: ${excess.where}: ${excess.lines} lines (limit ${excess.limit})`);
  for (const problem of problems) console.error(problem);
  if (problems.length) {
    console.error(`check-size: ${problems.length} problem${problems.length > 1 ? 's' : ''}: split the file or function (docs/architecture.md, "Size limits").`);
    process.exitCode = 1;
  } else console.log(`check-size: no file over ${MAX_FILE_LINES} lines nor function over ${MAX_FUNCTION_LINES} lines beyond the ${KNOWN.size} known.`);
}
