/**
 * Size limits of the source (issue 17; docs/architecture.md, "Size limits"): no file of src/ or scripts/ over 300
 * lines, no function over 80 (nested functions included; .ts files and the frontmatter of .astro files; policies and
 * JSON files are data). Prints one line per excess and fails on any. Part of `npm run lint`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const LIMITS = { file: 300, function: 80 };
const SOURCE = /\.(ts|mts|js|mjs|astro|mdx|css)$/;

/** Each excess as `<file>[:<line> <function>]: <n> lines (limit <m>)`. */
function excessesOf(file: string, text: string): string[] {
  const excesses: string[] = [];
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (lines > LIMITS.file) excesses.push(`${file}: ${lines} lines (limit ${LIMITS.file})`);
  const frontmatter = file.endsWith('.astro') ? /^---\r?\n([\s\S]*?)\r?\n---/.exec(text) : undefined;
  const code = frontmatter === undefined ? (/\.(css|mdx)$/.test(file) ? '' : text) : (frontmatter?.[1] ?? '');
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const length = source.getLineAndCharacterOfPosition(node.getEnd()).line - first + 1;
      const parent = node.parent;
      const named = node.name ?? ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && parent.name);
      const name = named ? named.getText(source) : ts.isConstructorDeclaration(node) ? 'constructor' : '(anonymous)';
      const line = first + 1 + (frontmatter ? 1 : 0);
      if (length > LIMITS.function) excesses.push(`${file}:${line} ${name}: ${length} lines (limit ${LIMITS.function})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return excesses;
}

const root = path.resolve(import.meta.dirname, '..');
const files = ['src', 'scripts']
  .flatMap((dir) => readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' }).map((file) => path.posix.join(dir, file)))
  .filter((file) => SOURCE.test(file) && !file.startsWith('src/content/'))
  .sort();
const problems = files.flatMap((file) => excessesOf(file, readFileSync(path.join(root, file), 'utf8')));
for (const problem of problems) console.error(problem);
if (problems.length) {
  console.error(`check-size: ${problems.length} problem(s): split the file or function.`);
  process.exitCode = 1;
} else console.log(`check-size: no file over ${LIMITS.file} lines nor function over ${LIMITS.function} lines.`);
