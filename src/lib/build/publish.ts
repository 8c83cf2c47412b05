/**
 * Publishing never leaves a half-written site, in either kind of build (docs/robustness.md, "Publishing is
 * atomic"): a whole site is built in `<out>.next` and replaces `<out>` by two renames; an additions build writes
 * its new and changed files to `<out>.additions`, marks the folder complete, then renames them in, new files
 * first, `pagefind/partitions.json` last. The next build handles what a failed or killed one left
 * (`cleanLeftovers`).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Marks an additions folder as complete: from then on it is published, if need be by the next build. */
export const COMPLETE = '.complete';
const MANIFEST = path.join('pagefind', 'partitions.json');
type Stage = ReturnType<typeof stagePaths>;

/** The published site, where the next whole site is built, the old one while it is replaced, an addition's files. */
export function stagePaths(outDir: string) {
  return { out: outDir, next: `${outDir}.next`, old: `${outDir}.old`, additions: `${outDir}.additions` };
}

/** Removes what a build that did not finish left, or finishes its publishing; returns what it did, for the log. */
export function cleanLeftovers(stage: Stage): string[] {
  const done: string[] = [];
  if (!existsSync(stage.out) && existsSync(stage.old)) {
    renameSync(stage.old, stage.out);
    done.push(`put back ${stage.out} (a build was stopped while publishing)`);
  }
  if (existsSync(path.join(stage.additions, COMPLETE)) && existsSync(stage.out)) {
    const moved = publishAdditions(stage);
    done.push(`published the ${moved} files of ${stage.additions} (a build was stopped while publishing them)`);
  }
  for (const dir of [stage.next, stage.old, stage.additions]) {
    if (!existsSync(dir)) continue;
    rmSync(dir, { recursive: true, force: true });
    done.push(`removed ${dir} (left by a build that did not finish)`);
  }
  return done;
}

/** Replaces the published site with the finished one. */
export function publish(stage: Stage): void {
  const previous = existsSync(stage.out);
  if (previous) renameSync(stage.out, stage.old);
  renameSync(stage.next, stage.out);
  if (previous) rmSync(stage.old, { recursive: true, force: true });
}

export function completeAdditions(stage: Stage): void {
  writeFileSync(path.join(stage.additions, COMPLETE), '');
}

/**
 * Moves a complete additions folder into the published site (see above) and removes it; returns the number of
 * files and folders moved. Safe to run again after an interruption: what was moved is no longer there.
 */
export function publishAdditions(stage: Stage): number {
  const fresh: string[] = [];
  const replacing: string[] = [];
  // A folder the published site lacks (a new snapshot's, a new partition's) moves whole.
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(stage.additions, relative), { withFileTypes: true })) {
      const child = path.join(relative, entry.name);
      if (child === COMPLETE || child === MANIFEST) continue;
      if (!existsSync(path.join(stage.out, child))) fresh.push(child);
      else if (entry.isDirectory()) walk(child);
      else replacing.push(child);
    }
  };
  walk('');
  const manifest = existsSync(path.join(stage.additions, MANIFEST)) ? [MANIFEST] : [];
  for (const relative of [...fresh, ...replacing, ...manifest]) {
    mkdirSync(path.dirname(path.join(stage.out, relative)), { recursive: true });
    renameSync(path.join(stage.additions, relative), path.join(stage.out, relative));
  }
  if (manifest.length) removeUnlistedPartitions(stage.out);
  rmSync(stage.additions, { recursive: true, force: true });
  return fresh.length + replacing.length + manifest.length;
}

/** Removes the partition folders of `<out>/pagefind/` that its partitions.json no longer lists. */
function removeUnlistedPartitions(out: string): void {
  const listed = new Set((JSON.parse(readFileSync(path.join(out, MANIFEST), 'utf8')) as { partitions: { key: string }[] }).partitions.map((partition) => partition.key));
  for (const entry of readdirSync(path.join(out, 'pagefind'), { withFileTypes: true })) {
    if (entry.isDirectory() && !listed.has(entry.name)) rmSync(path.join(out, 'pagefind', entry.name), { recursive: true, force: true });
  }
}
