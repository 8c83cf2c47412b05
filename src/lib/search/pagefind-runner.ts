/** Pagefind itself: one cut partition indexed into its bundle folder (src/lib/search/pagefind-index.ts). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { escapeHtml } from '../policies/render.ts';
import { SearchIndexError } from './passages.ts';
import type { CutPartition } from './passage-files.ts';

/** Files of Pagefind's own UIs and highlighter, and the language-less WebAssembly, that this site does not use. */
const UNUSED = /^(pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)|wasm\.unknown\.pagefind)$/;

/** Indexes one cut partition into `outputPath` (and removes its passage files). */
export async function indexPartition({ workDir, passages, depth }: CutPartition, outputPath: string, vocabulary: string): Promise<number> {
  const roots = Array.from({ length: depth }, (_, n) => path.join(workDir, String(n + 1)));
  try {
    if (vocabulary) {
      const dir = path.join(workDir, 'vocabulary', 'search', 'vocabulary');
      mkdirSync(dir, { recursive: true });
      const content = `<!doctype html><html lang="en"><head><title></title></head><body><article data-pagefind-body><data data-pagefind-filter="kind:vocabulary"></data><p>${escapeHtml(vocabulary)}</p></article></body></html>`;
      writeFileSync(path.join(dir, 'index.html'), content);
      roots.push(path.join(workDir, 'vocabulary'));
    }
    const created = await pagefind.createIndex({ forceLanguage: 'en', excludeSelectors: ['.provenance', '.versions', '.toc'] });
    if (!created.index || created.errors.length) throw new SearchIndexError(`could not start: ${created.errors.join('; ') || 'no index returned'}`);
    const { index } = created;
    let indexed = 0;
    try {
      for (const root of roots) {
        const added = await index.addDirectory({ path: root });
        if (added.errors.length) throw new SearchIndexError(`indexing ${root} failed: ${added.errors.join('; ')}`);
        indexed += added.page_count;
      }
      const written = await index.writeFiles({ outputPath });
      if (written.errors.length) throw new SearchIndexError(`writing ${outputPath} failed: ${written.errors.join('; ')}`);
    } finally {
      await index.deleteIndex();
    }
    const expected = passages + (vocabulary ? 1 : 0);
    if (indexed !== expected) throw new SearchIndexError(`indexed ${indexed} pages into ${outputPath}, but wrote ${expected} (${passages} passages${vocabulary ? ' and the vocabulary' : ''})`);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  for (const name of await readdir(outputPath)) if (UNUSED.test(name)) await rm(path.join(outputPath, name));
  return passages;
}
