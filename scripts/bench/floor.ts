/**
 * The floor: what a bare Astro + Pagefind site of the same corpus costs on this machine. A scratch project
 * (generated in the benchmark's work folder, resolving this repository's node_modules through a link, so that the
 * work folder may be anywhere) with
 * one plain page per policy: Astro's own glob() loader and Markdown rendering, images stripped, then the
 * Pagefind CLI over the output. No topics, no clauses, no company or index pages.
 */
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function writeFloorProject(dir: string, rawFiles: string[]): { content: string; dist: string } {
  rmSync(dir, { recursive: true, force: true });
  const content = path.join(dir, 'content');
  const dist = path.join(dir, 'dist');
  mkdirSync(path.join(dir, 'src', 'pages'), { recursive: true });
  mkdirSync(content, { recursive: true });
  // Images stripped: Astro's Markdown pipeline fails on relative images it cannot find.
  const stripImages = (markdown: string) => markdown.replace(/!\[[^\]]*\]\([^)]*\)/g, '').replace(/<img\b[^>]*>/gi, '');
  for (const file of rawFiles) writeFileSync(path.join(content, path.basename(file)), stripImages(readFileSync(file, 'utf8')));
  symlinkSync(path.resolve(import.meta.dirname, '..', '..', 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-floor', private: true, type: 'module' }, null, 2));
  writeFileSync(
    path.join(dir, 'astro.config.mjs'),
    `import { defineConfig } from 'astro/config';\nexport default defineConfig({ outDir: ${JSON.stringify(dist)}, cacheDir: ${JSON.stringify(path.join(dir, 'astro-cache'))}, devToolbar: { enabled: false } });\n`,
  );
  writeFileSync(
    path.join(dir, 'src', 'content.config.ts'),
    `import { defineCollection } from 'astro:content';\nimport { glob } from 'astro/loaders';\nexport const collections = { policies: defineCollection({ loader: glob({ pattern: '*.md', base: ${JSON.stringify(content)} }) }) };\n`,
  );
  writeFileSync(
    path.join(dir, 'src', 'pages', '[id].astro'),
    `---\nimport { getCollection, render } from 'astro:content';\nexport async function getStaticPaths() {\n  return (await getCollection('policies')).map((entry) => ({ params: { id: entry.id }, props: { entry } }));\n}\nconst { entry } = Astro.props;\nconst { Content } = await render(entry);\n---\n<html lang="en"><head><meta charset="utf-8"><title>{entry.id}</title></head><body><main><Content /></main></body></html>\n`,
  );
  return { content, dist };
}
