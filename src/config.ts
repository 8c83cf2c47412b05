/**
 * Every setting of the site, its build and its tools: read from the environment in one place, validated, with
 * its default and what it does. An invalid value stops the command with a message naming the variable, the value
 * and what was expected; an empty variable counts as unset. Settings marked `output` change what a build
 * publishes: the build record's digest includes them (src/lib/build/plan.ts), so changing one rebuilds everything.
 */
import path from 'node:path';
import { z } from 'zod';

const projectRoot = path.resolve(import.meta.dirname, '..');

const positiveInt = z.coerce.number().int().positive();

/** One setting: its schema (with its default), a line of doc, and whether it changes the published output. */
type Setting = { schema: z.ZodType; doc: string; output?: boolean };

const SETTINGS = {
  SITE_URL: {
    schema: z.url({ protocol: /^https?$/ }).default('https://privacy-policy-archive.example'),
    doc: 'Public origin of the site, for the sitemap and canonical links.',
    output: true,
  },
  OUT_DIR: { schema: z.string().default('dist'), doc: 'Where the built site goes (relative to the project).' },
  CACHE_DIR: { schema: z.string().default('node_modules/.astro'), doc: "Astro's cache, the build record and the search index's reusable partitions." },
  POLICIES_DIR: {
    schema: z.string().default('src/content/policies'),
    doc: 'Folder(s) of imported policies, separated by ":" (the corpus and benchmark builds use scratch folders).',
  },
  POLICY_WORKERS: {
    schema: z.coerce.number().int().min(0).optional(),
    doc: 'Threads that prepare policies (0: on the main thread); default min(8, cores).',
  },
  TOPIC_CLAUSES_PER_PAGE: {
    schema: positiveInt.optional(),
    doc: 'Clauses listed per topic page; default CLAUSES_PER_PAGE (30) in src/lib/topics/counts.ts. The test site uses few, to have archive pages.',
    output: true,
  },
  SEARCH_PARTITION_POLICIES: { schema: positiveInt.optional(), doc: 'Policies per search index partition; default in src/lib/search/pagefind-index.ts.', output: true },
  SEARCH_PASSAGE_CHARS: { schema: positiveInt.optional(), doc: 'Longest search passage, in characters; default in src/lib/search/passages.ts.', output: true },
  SEARCH_TAIL_POLICIES: {
    schema: positiveInt.optional(),
    doc: 'Smallest tail partition of the newest policies (default 1/16 of a partition).',
    output: true,
  },
  CHROMIUM_PATH: {
    schema: z.string().optional(),
    doc: 'The browser the tests, benchmark and relevance commands drive; default the first of /usr/bin/chromium, chromium-browser, google-chrome.',
  },
  SHARED_DIR: {
    schema: z.string().default(path.join(projectRoot, '..', 'shared')),
    doc: 'The shared corpora (corpus/, opp115/) beside the clone, for the benchmark, training and evaluation.',
  },
} satisfies Record<string, Setting>;

type Settings = { [K in keyof typeof SETTINGS]: z.output<(typeof SETTINGS)[K]['schema']> };

/** The settings from `env`; throws one error listing every invalid variable. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const settings: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, setting] of Object.entries(SETTINGS) as [string, Setting][]) {
    const raw = env[name] === '' ? undefined : env[name];
    const parsed = setting.schema.safeParse(raw);
    if (parsed.success) settings[name] = parsed.data;
    else problems.push(`${name}=${JSON.stringify(raw)}: ${parsed.error.issues.map((issue) => issue.message).join('; ')} (${setting.doc})`);
  }
  if (problems.length) throw new Error(`Invalid setting${problems.length > 1 ? 's' : ''}:\n  ${problems.join('\n  ')}`);
  return settings as Settings;
}

/** The settings that change the published output, one `NAME=value` line each, for the build digest. */
export function outputSettings(settings: Settings): string {
  return (Object.entries(SETTINGS) as [keyof Settings, Setting][])
    .filter(([, setting]) => setting.output)
    .map(([name]) => `${name}=${settings[name] ?? ''}\n`)
    .join('');
}

/** The folders of imported policies, absolute. */
export function policyRoots(settings: Settings): string[] {
  return settings.POLICIES_DIR.split(path.delimiter).filter(Boolean).map((dir) => path.resolve(projectRoot, dir));
}

/** A path setting made absolute against the project root. */
export function projectPath(relative: string): string {
  return path.resolve(projectRoot, relative);
}

/** This process's settings. */
export const config = loadSettings();
