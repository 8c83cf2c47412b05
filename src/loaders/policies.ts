/**
 * Content loader for the `policies` collection: reads the imported Markdown files, validates their
 * frontmatter against the collection schema, and stores each policy already split into sections and
 * clauses (with safe HTML and topics), so pages only lay out data.
 *
 * Why not Astro's glob() loader: it would render every body with Astro's Markdown pipeline (which passes raw
 * HTML through), and pages would then have to parse the HTML again to find clauses. Here each body is parsed
 * once, and only when its file or the code that prepares it changed: the digest check makes a rebuild
 * after adding one policy parse one policy.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import type { BuildMode } from '../lib/build/additions.ts';
import { hashFiles, sourceFiles } from '../lib/build/source-digest.ts';
import { ledgerFiles, updateLedger, writeLedger, type LedgerEntry } from '../lib/build/ledger.ts';
import { computeHistories } from '../lib/history/pass.ts';
import { dataFiles } from '../lib/policies/data-file.ts';
import { searchUnitsFile } from '../lib/policies/search-units.ts';
import { config as settings } from '../config.ts';
import { createWorkerPool, type WorkerPool } from '../lib/workers/pool.ts';
import { preparePolicy, type Prepared } from './prepare.ts';

/**
 * Folders (and a file) of the code that turns a policy file into its entry and page body, relative to the
 * project root. Their source is part of every entry's digest: a change to the segmenter, the renderer or the
 * classifier prepares every policy again. Without it a stale entry would also keep its page: Astro's
 * incremental build reuses a page whose props (an entry counts by its digest) are unchanged.
 */
const PREPARE_CODE = ['src/loaders/prepare.ts', 'src/lib/clauses', 'src/lib/content', 'src/lib/history', 'src/lib/policies', 'src/lib/topics'];

export async function prepareCodeDigest(projectRoot: string): Promise<string> {
  const hash = createHash('sha256');
  for (const entry of PREPARE_CODE) await hashFiles(hash, projectRoot, (await sourceFiles(path.join(projectRoot, entry))).filter((file) => /\.(ts|json)$/.test(file)));
  return hash.digest('hex');
}

export interface PoliciesLoaderOptions {
  /**
   * Folder(s) holding <domain>/<date>.md files, relative to the project root or absolute; several folders
   * are joined with the platform's path delimiter (":"), e.g. the sample plus the test fixtures.
   */
  base: string;
  /** The build mode (src/lib/build/additions.ts): an additions build loads only the companies that gained a snapshot. */
  mode: BuildMode;
}

export function policiesLoader({ base, mode }: PoliciesLoaderOptions): Loader {
  return {
    name: 'policies-loader',
    load: async ({ store, parseData, generateDigest, logger, config, watcher }) => {
      const projectRoot = new URL(config.root).pathname;
      const roots = base.split(path.delimiter).filter(Boolean).map((dir) => path.resolve(projectRoot, dir));
      const additions = mode.kind === 'additions' ? mode.spec : undefined;
      const onlyDomains = additions && new Set(additions.domains);
      const files = (await Promise.all(roots.map(markdownFiles)))
        .flat()
        .filter((file) => !onlyDomains || onlyDomains.has(domainOf(roots, file)));
      if (additions) logger.info(`additions build: ${additions.domains.length} ${additions.domains.length === 1 ? 'company' : 'companies'} with new snapshots`);
      const seen = new Set<string>();
      const code = await prepareCodeDigest(projectRoot);
      // The rendered page body, one file per policy, read by the policy page only; the data store keeps a
      // small summary (src/lib/policies/summary.ts).
      const pagesDir = path.join(fileURLToPath(config.cacheDir), 'policy-pages');

      /** Reads and prepares one file (in a worker): its entry, or undefined when the stored one is up to date. */
      const prepareFile = async (file: string, pool: PreparePool): Promise<StoredPolicy | undefined> => {
        const id = policyIdOf(roots, file);
        if (seen.has(id)) throw new Error(`${file}: policy ${id} exists in two content folders`);
        seen.add(id);
        const source = await readFile(file, 'utf8');
        const digest = generateDigest(`${code}:${source}`);
        const pageFile = path.join(pagesDir, `${id}.page`);
        // A stored digest is `<this digest>.<history key>` (the history pass below adds the key).
        if (String(store.get(id)?.digest).split('.')[0] === digest && existsSync(pageFile) && existsSync(dataFiles(pageFile).clauses) && existsSync(searchUnitsFile(pageFile))) return undefined;
        const filePath = path.relative(projectRoot, file);
        const prepared = await pool.run({ source, pageFile });
        if (!prepared.ok) throw new Error(`${filePath}:${prepared.line ?? 1}: ${prepared.message}`);
        for (const warning of prepared.warnings) logger.warn(`${filePath}: ${warning}`);
        const data = await parseData({ id, filePath, data: { ...prepared.data, summary: prepared.summary, pageFile } });
        return { id, data, digest, filePath };
      };

      const fresh = await prepareAll(files, prepareFile);
      for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
      logger.info(`${files.length} policies (${fresh.prepared.size} parsed on ${fresh.threads || 'no'} worker threads, ${files.length - fresh.prepared.size} unchanged)`);
      await storeWithHistory(store, [...seen].map((id) => fresh.prepared.get(id) ?? storedPolicy(store.get(id)!)), logger);

      // The ledger of every policy, for the site-wide pages of a later additions build (or of this one).
      const entries = [...store.values()].map(({ id, digest, filePath, data }) => ({ id, collection: 'policies', digest: String(digest), filePath, data }) as LedgerEntry<{ domain: string }>);
      if (additions) updateLedger(additions.ledger, additions.nextLedger, onlyDomains!, entries);
      else writeLedger(ledgerFiles(fileURLToPath(config.cacheDir)).next, entries);

      // In `astro dev`, re-load a policy file when it is imported or edited (without history).
      if (watcher) watchPolicies(watcher, roots, store, logger, async (file) => {
        seen.delete(policyIdOf(roots, file));
        return prepareFile(file, createPreparePool(0));
      });
    },
  };
}

type LoaderContext = Parameters<Loader['load']>[0];

type PreparePool = WorkerPool<{ source: string; pageFile: string }, Prepared>;

/**
 * Segmentation and topic labelling on every core (prepare-worker.ts): ~95 % of the loader's CPU time (profile of
 * 1,500 policies), which ran on one core while the other idled. POLICY_WORKERS sets the size (src/config.ts).
 */
function createPreparePool(size = settings.POLICY_WORKERS ?? Math.min(8, os.availableParallelism())): PreparePool {
  const inline = ({ source, pageFile }: { source: string; pageFile: string }) => preparePolicy(source, pageFile);
  return createWorkerPool(new URL('./prepare-worker.ts', import.meta.url), size, inline);
}

/**
 * Prepares every file (on every core: createPreparePool) with a bounded window of files in flight; returns the
 * entries of the files that changed, in file order.
 */
async function prepareAll(files: string[], prepareFile: (file: string, pool: PreparePool) => Promise<StoredPolicy | undefined>): Promise<{ prepared: Map<string, StoredPolicy>; threads: number }> {
  const prepared = new Map<string, StoredPolicy>();
  // Worker threads cost their start (each loads the segmenter and the model): a few files are prepared here.
  const pool = createPreparePool(files.length < 8 ? 0 : undefined);
  try {
    const window: Promise<StoredPolicy | undefined>[] = [];
    const keep = (entry: StoredPolicy | undefined) => entry && prepared.set(entry.id, entry);
    for (const file of files) {
      const next = prepareFile(file, pool);
      next.catch(() => {}); // a failure is reported when its turn comes; no unhandled rejection meanwhile
      window.push(next);
      if (window.length >= 16) keep(await window.shift()!);
    }
    while (window.length) keep(await window.shift()!);
  } finally {
    await pool.close();
  }
  return { prepared, threads: pool.threads };
}

/**
 * Lineage and changes of every series (src/lib/history/; an additions build loads whole companies, so whole
 * series), then every entry stored with its history summary. Nothing is stored before: Astro writes its whole
 * data store to disk whenever the loader pauses for half a second after a change (docs/benchmarks.md).
 */
async function storeWithHistory(store: LoaderContext['store'], entries: StoredPolicy[], logger: LoaderContext['logger']): Promise<void> {
  const started = performance.now();
  const { metas, computed } = await computeHistories(
    entries.map(({ id, digest, data }) => {
      const { domain, service, archivedOn, pageFile } = data as { domain: string; service?: string; archivedOn: string; pageFile: string };
      return { id, digest, data: { domain, service, archivedOn, pageFile } };
    }),
  );
  for (const entry of entries) {
    const history = metas.get(entry.id)!;
    store.set({ id: entry.id, filePath: entry.filePath, data: { ...entry.data, history }, digest: `${entry.digest}.${history.key}` });
  }
  logger.info(`history: ${computed} lineages computed, ${entries.length - computed} unchanged (${Math.round(performance.now() - started)} ms)`);
}

function watchPolicies(watcher: NonNullable<LoaderContext['watcher']>, roots: string[], store: LoaderContext['store'], logger: LoaderContext['logger'], prepare: (file: string) => Promise<StoredPolicy | undefined>): void {
  const rootOf = (file: string) => (file.endsWith('.md') ? roots.find((dir) => file.startsWith(dir + path.sep)) : undefined);
  watcher.add(roots);
  const onChange = async (file: string) => {
    const root = rootOf(file);
    if (!root) return;
    const entry = await prepare(file);
    if (entry) store.set(entry);
    logger.info(`reloaded ${path.relative(root, file)}`);
  };
  watcher.on('change', onChange);
  watcher.on('add', onChange);
  watcher.on('unlink', (file) => {
    if (rootOf(file)) store.delete(policyIdOf(roots, file));
  });
}

/** A policy's entry as the loader stores it; `digest` without the history key. */
interface StoredPolicy {
  id: string;
  data: Record<string, unknown>;
  digest: string;
  filePath?: string;
}

function storedPolicy({ id, data, digest, filePath }: { id: string; data: Record<string, unknown>; digest?: string | number; filePath?: string }): StoredPolicy {
  return { id, data, digest: String(digest).split('.')[0], filePath };
}

export async function markdownFiles(root: string): Promise<string[]> {
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

/** A policy file's id: its path in its content folder without ".md" (`<domain>/<date>`). */
export function policyIdOf(roots: string[], file: string): string {
  const root = roots.find((dir) => file.startsWith(dir + path.sep)) ?? roots[0];
  return path.relative(root, file).split(path.sep).join('/').replace(/\.md$/, '');
}

export function domainOf(roots: string[], file: string): string {
  return policyIdOf(roots, file).split('/')[0];
}
