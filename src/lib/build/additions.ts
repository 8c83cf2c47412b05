/**
 * The build mode: the whole archive, or an additions build (docs/decisions/0003). scripts/build.ts decides it
 * before Astro starts (plan.ts) and names a spec file in ARCHIVE_ADDITIONS; this module reads and validates it
 * once, as `buildMode`, and every part of the Astro build takes it from here: the policies loader loads only the
 * companies that gained a snapshot and writes the next ledger (ledger.ts); policy and company pages are built for
 * those companies only; site-wide pages list every policy from the next ledger (src/lib/pages/archive.ts) and
 * pages listing many policies render only what the new snapshots change (addedIds); the sitemap also lists the
 * pages the previous build published (astro.config.mjs): an archive only grows, so every one is still there.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeEntities } from '../search/passages.ts';

export const ADDITIONS_ENV = 'ARCHIVE_ADDITIONS';

export interface AdditionsSpec {
  version: 1;
  /** Companies whose pages this build renders: every domain with a new snapshot. */
  domains: string[];
  /** Ids of the new snapshots (pages listing many policies render only the parts they change). */
  added: string[];
  /** The ledger of the build whose output this one completes. */
  ledger: string;
  /** Where the loader writes the ledger of the archive with the additions. */
  nextLedger: string;
  /** The output of that build, which this one completes. */
  previousOut: string;
}

export type BuildMode = { kind: 'archive' } | { kind: 'additions'; spec: AdditionsSpec };

/** The build mode that `env` names (scripts/build.ts sets ARCHIVE_ADDITIONS for an additions build). */
function readBuildMode(env: NodeJS.ProcessEnv): BuildMode {
  const file = env[ADDITIONS_ENV];
  if (!file) return { kind: 'archive' };
  const spec = JSON.parse(readFileSync(file, 'utf8')) as AdditionsSpec;
  if (spec.version !== 1 || !Array.isArray(spec.domains) || !Array.isArray(spec.added) || !spec.ledger || !spec.nextLedger || !spec.previousOut) throw new Error(`${file}: not an additions build spec (version 1)`);
  return { kind: 'additions', spec };
}

export const buildMode: BuildMode = readBuildMode(process.env);

/** The ids of the new snapshots in an additions build; undefined when the whole archive is built. */
export function addedIds(mode: BuildMode): ReadonlySet<string> | undefined {
  return mode.kind === 'additions' ? new Set(mode.spec.added) : undefined;
}

/**
 * Every URL the previous build's sitemap lists: the sitemap integration only sees the pages a build renders,
 * so an additions build adds these. The sitemap sorts and deduplicates its URLs, so it is the same file a
 * build of the whole archive writes.
 */
export function publishedUrls(mode: BuildMode): string[] {
  if (mode.kind !== 'additions') return [];
  const { previousOut } = mode.spec;
  const files = readdirSync(previousOut).filter((name) => /^sitemap-\d+\.xml$/.test(name));
  if (!files.length) throw new Error(`${previousOut}: no sitemap of the previous build`);
  return files.flatMap((name) => [...readFileSync(path.join(previousOut, name), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => decodeEntities(match[1])));
}
