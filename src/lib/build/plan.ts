/**
 * What a build has to do, decided before Astro starts (scripts/build.ts): an additions build when the previous
 * output is in place, made by the same code and settings, and the only change is new policy files
 * (docs/decisions/0003); else the whole archive.
 *
 * Files are compared by size and modification time, as make does: the importer writes every file anew
 * (write, then rename), so an edited or re-imported file has a new time.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { config, outputSettings } from '../../config.ts';
import { hashFiles, sourceFiles } from './source-digest.ts';

/** A policy file as the build saw it: [size in bytes, modification time in ms]. */
export type FileStamp = [number, number];

export interface BuildRecord {
  version: 1;
  /** Digest of the code and settings that shape the output (siteCodeDigest). */
  code: string;
  outDir: string;
  /** Absolute path of every policy file → its stamp. */
  files: Record<string, FileStamp>;
}

export interface CurrentBuild extends Omit<BuildRecord, 'version'> {
  /** The company (domain) a policy file belongs to. */
  domainOf: (file: string) => string;
  /** Whether the previous output is complete (its search index exists). */
  outputExists: boolean;
}

export type BuildPlan =
  | { mode: 'full'; reason: string }
  | { mode: 'additions'; domains: string[]; added: string[] }
  | { mode: 'unchanged' };

export function planBuild(previous: BuildRecord | undefined, current: CurrentBuild): BuildPlan {
  if (!previous) return { mode: 'full', reason: 'no record of an earlier build with these folders' };
  if (previous.outDir !== current.outDir) return { mode: 'full', reason: `the earlier build wrote to ${previous.outDir}` };
  if (!current.outputExists) return { mode: 'full', reason: `the earlier build's output is not in ${current.outDir}` };
  if (previous.code !== current.code) return { mode: 'full', reason: 'the code or settings changed since the earlier build' };
  for (const [file, [size, mtime]] of Object.entries(previous.files)) {
    const now = current.files[file];
    if (!now) return { mode: 'full', reason: `${file} was removed` };
    if (now[0] !== size || now[1] !== mtime) return { mode: 'full', reason: `${file} changed` };
  }
  const added = Object.keys(current.files).filter((file) => !(file in previous.files)).sort();
  if (added.length === 0) return { mode: 'unchanged' };
  return { mode: 'additions', domains: [...new Set(added.map(current.domainOf))].sort(), added };
}

/**
 * A digest of everything besides the policy files that shapes the output: the site's source (pages,
 * components, loaders, the search indexer, topic descriptions), public files, the configuration, the
 * locked dependency versions and the output settings. Policy folders inside src/ are left out.
 */
export async function siteCodeDigest(projectRoot: string, policyRoots: string[], settings = config): Promise<string> {
  const skip = policyRoots.map((root) => path.resolve(root) + path.sep);
  const files = [...(await sourceFiles(path.join(projectRoot, 'src'))), ...(await sourceFiles(path.join(projectRoot, 'public')))].filter((file) => !skip.some((root) => file.startsWith(root)));
  const hash = await hashFiles(createHash('sha256'), projectRoot, [...files, ...['astro.config.mjs', 'package-lock.json', 'tsconfig.json'].map((name) => path.join(projectRoot, name))]);
  hash.update(outputSettings(settings));
  return hash.digest('hex');
}
