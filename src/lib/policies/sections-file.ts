/**
 * A policy lives in two shapes (issue 6, measured at 1,500 and 10,000 policies):
 *  - its page body already rendered (src/lib/policies/render.ts) in one JSON file per policy, written by the
 *    policies loader and read only by that policy's page when it renders;
 *  - lean in Astro's data store: the same sections and clause ids and topics, without clause HTML, and with
 *    text only for the clauses a topic page can show (the first CLAUSES_PER_POLICY of each topic, cut to what
 *    an excerpt needs).
 * Astro serialises the whole data store into one string and bundles it into the build, so its size was the
 * build's memory: 36 kB per policy with HTML and text, 360 MB at 10,000 policies, and growing.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Clause, Section } from '../clauses/types.ts';
import type { RenderedPolicy } from './render.ts';
import { CLAUSES_PER_POLICY } from '../topics/coverage.ts';

/** excerpt() cuts at 240 characters and looks at the 241st: keep a margin. */
const TEXT_KEPT = 260;

export function leanSections(sections: Section[]): Section[] {
  const shown = new Map<string, number>();
  const lean = (clause: Clause): Clause => {
    let visible = false;
    for (const topic of clause.topics) {
      const count = shown.get(topic) ?? 0;
      if (count < CLAUSES_PER_POLICY) {
        visible = true;
        shown.set(topic, count + 1);
      }
    }
    const text = visible ? (clause.text.length > TEXT_KEPT ? clause.text.slice(0, TEXT_KEPT) : clause.text) : '';
    return { ...clause, html: '', text };
  };
  return sections.map((section) => ({
    ...section,
    blocks: section.blocks.map((block) => (block.type === 'clause' ? { type: 'clause', clause: lean(block.clause) } : { ...block, items: block.items.map(lean) })),
  }));
}

/** Writes the rendered page body atomically (a reader never sees half a file). */
export function writePageFile(file: string, rendered: RenderedPolicy): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temporary, JSON.stringify(rendered));
  renameSync(temporary, file);
}

export function readPageFile(file: string): RenderedPolicy {
  return JSON.parse(readFileSync(file, 'utf8')) as RenderedPolicy;
}
