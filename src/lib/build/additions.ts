/**
 * An additions build: the build that follows one whose output is still in place, when the only change is new
 * policy files (src/lib/build/plan.ts decides). scripts/build.ts writes this spec and names it in
 * ARCHIVE_ADDITIONS; then
 *   - the policies loader loads only the companies (domains) that gained a snapshot, and writes the next
 *     ledger: the previous one with those companies' entries replaced (src/lib/build/ledger.ts);
 *   - policy and company pages are built for those companies only (their collection holds nothing else);
 *   - site-wide pages list every policy from the next ledger (src/lib/pages/archive.ts);
 *   - the sitemap also lists the pages the previous build published (astro.config.mjs): an archive only
 *     grows, so every one of them is still there.
 * Its output, the new and changed files only, is indexed with the published pages and then moved into the
 * published site (src/lib/build/publish.ts).
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

/** The spec of this build, or undefined for a build of the whole archive. */
export function readAdditions(env: NodeJS.ProcessEnv = process.env): AdditionsSpec | undefined {
  const file = env[ADDITIONS_ENV];
  if (!file) return undefined;
  const spec = JSON.parse(readFileSync(file, 'utf8')) as AdditionsSpec;
  if (spec.version !== 1 || !Array.isArray(spec.domains) || !Array.isArray(spec.added) || !spec.ledger || !spec.nextLedger || !spec.previousOut) throw new Error(`${file}: not an additions build spec (version 1)`);
  return spec;
}

/**
 * Every URL the previous build's sitemap lists: the sitemap integration only sees the pages a build renders,
 * so an additions build adds these. The sitemap sorts and deduplicates its URLs, so it is the same file a
 * build of the whole archive writes.
 */
export function publishedUrls(previousOut: string): string[] {
  const files = readdirSync(previousOut).filter((name) => /^sitemap-\d+\.xml$/.test(name));
  if (!files.length) throw new Error(`${previousOut}: no sitemap of the previous build`);
  return files.flatMap((name) => [...readFileSync(path.join(previousOut, name), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => decodeEntities(match[1])));
}
