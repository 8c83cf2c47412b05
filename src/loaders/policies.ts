/**
 * Content loader for the `policies` collection: reads the imported Markdown files, validates their
 * frontmatter against the collection schema, and stores each policy already split into sections and
 * clauses (with safe HTML and topics), so pages only lay out data.
 *
 * Why not Astro's glob() loader: it would render every body with Astro's Markdown pipeline (which passes raw
 * HTML through), and pages would then have to parse the HTML again to find clauses. Here each body is parsed
 * once, and only when its file (or the segmenter or classifier) changed: the digest check makes a rebuild
 * after adding one policy parse one policy.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Loader } from 'astro/loaders';
import { SEGMENTER_VERSION, segment } from '../lib/clauses/segment.ts';
import { FrontmatterError, splitFrontmatter } from '../lib/content/frontmatter.ts';
import { labelTopics, TOPIC_MODEL_VERSION } from '../lib/topics/label.ts';

export interface PoliciesLoaderOptions {
  /**
   * Folder(s) holding <domain>/<date>.md files, relative to the project root or absolute; several folders
   * are joined with the platform's path delimiter (":"), e.g. the sample plus the test fixtures.
   */
  base: string;
}

export function policiesLoader({ base }: PoliciesLoaderOptions): Loader {
  return {
    name: 'policies-loader',
    load: async ({ store, parseData, generateDigest, logger, config, watcher }) => {
      const projectRoot = new URL(config.root).pathname;
      const roots = base.split(path.delimiter).filter(Boolean).map((dir) => path.resolve(projectRoot, dir));
      const files = (await Promise.all(roots.map(markdownFiles))).flat();
      const seen = new Set<string>();
      let parsed = 0;

      const loadFile = async (file: string) => {
        const root = roots.find((dir) => file.startsWith(dir + path.sep)) ?? roots[0];
        const id = path.relative(root, file).replace(/\\/g, '/').replace(/\.md$/, '');
        if (seen.has(id)) throw new Error(`${file}: policy ${id} exists in two content folders`);
        const source = await readFile(file, 'utf8');
        const digest = generateDigest(`${SEGMENTER_VERSION}:${TOPIC_MODEL_VERSION}:${source}`);
        seen.add(id);
        if (store.get(id)?.digest === digest) return;
        const filePath = path.relative(projectRoot, file);
        let split;
        try {
          split = splitFrontmatter(source);
        } catch (error) {
          if (error instanceof FrontmatterError) throw new Error(`${filePath}:${error.line}: ${error.message}`);
          throw error;
        }
        const segmented = segment(split.body);
        labelTopics(segmented.sections);
        const data = await parseData({ id, filePath, data: { ...split.data, sections: segmented.sections } });
        store.set({ id, data, digest, filePath });
        parsed++;
      };

      for (const file of files) await loadFile(file);
      for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
      logger.info(`${files.length} policies (${parsed} parsed, ${files.length - parsed} unchanged)`);

      // In `astro dev`, re-load a policy file when it is imported or edited.
      if (!watcher) return;
      const rootOf = (file: string) => (file.endsWith('.md') ? roots.find((dir) => file.startsWith(dir + path.sep)) : undefined);
      watcher.add(roots);
      const onChange = async (file: string) => {
        const root = rootOf(file);
        if (!root) return;
        seen.delete(path.relative(root, file).replace(/\.md$/, ''));
        await loadFile(file);
        logger.info(`reloaded ${path.relative(root, file)}`);
      };
      watcher.on('change', onChange);
      watcher.on('add', onChange);
      watcher.on('unlink', (file) => {
        const root = rootOf(file);
        if (root) store.delete(path.relative(root, file).replace(/\.md$/, ''));
      });
    },
  };
}

async function markdownFiles(root: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(root, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}
