/**
 * A policy's page body, rendered once by the loader (render.ts), lives in one JSON file per policy under the
 * Astro cache folder and is read only by that policy's page; the data store keeps a small summary
 * (summary.ts). Written atomically: a reader never sees half a file.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RenderedPolicy } from './render.ts';

export function writePageFile(file: string, rendered: RenderedPolicy): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temporary, JSON.stringify(rendered));
  renameSync(temporary, file);
}

export function readPageFile(file: string): RenderedPolicy {
  return JSON.parse(readFileSync(file, 'utf8')) as RenderedPolicy;
}
