/**
 * Publishing is atomic: a build writes the new site beside the published one (`<out>.next`), and only a
 * complete site replaces it, by two renames (`<out>` → `<out>.old`, `<out>.next` → `<out>`). A build that
 * fails or is killed leaves the published site as it was; its leftovers are removed by the next build
 * (`cleanLeftovers`), which also puts the previous site back if a run was killed between the two renames.
 *
 * An additions build starts its site from a copy of the published one made of hard links (`linkTree`): no
 * file is copied, unchanged files keep their inode and modification time (a sync uploads only what changed),
 * and every step after it replaces files (rename) or writes new ones, never writes into a linked file.
 */
import { existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

export interface Stage {
  /** The published site. */
  out: string;
  /** Where the next site is built. */
  next: string;
  /** The published site while the next one takes its place. */
  old: string;
}

export function stagePaths(outDir: string): Stage {
  return { out: outDir, next: `${outDir}.next`, old: `${outDir}.old` };
}

/** Removes what a build that did not finish left; returns what it did, for the build's log. */
export function cleanLeftovers(stage: Stage): string[] {
  const done: string[] = [];
  if (!existsSync(stage.out) && existsSync(stage.old)) {
    renameSync(stage.old, stage.out);
    done.push(`put back ${stage.out} (a build was stopped while publishing)`);
  }
  for (const dir of [stage.next, stage.old]) {
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

/** Recreates the tree of `from` at `to` with hard links to its files; returns the number of files. */
export function linkTree(from: string, to: string): number {
  mkdirSync(to, { recursive: true });
  let files = 0;
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) files += linkTree(source, target);
    else {
      linkSync(source, target);
      files++;
    }
  }
  return files;
}
