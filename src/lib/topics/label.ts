/**
 * Labels every clause of a segmented policy with its reader-facing topics, using the committed classifier.
 * Runs in the policies loader, so topics are computed once per imported file and cached with it.
 */
import type { Section } from '../clauses/types.ts';
import { classifyClause } from './classifier.ts';

export function labelTopics(sections: Section[]): void {
  for (const section of sections) {
    for (const block of section.blocks) {
      const clauses = block.type === 'clause' ? [block.clause] : block.items;
      for (const clause of clauses) clause.topics = classifyClause(clause.text, section.heading || undefined).topics;
    }
  }
}
