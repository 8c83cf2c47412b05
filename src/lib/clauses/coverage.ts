/**
 * Did the page publish what the policy says? The words of its title, headings and clauses, counted with the
 * importer's word rule (src/lib/import/words.ts), against the words the importer counted in its body (the
 * frontmatter's wordCount). The loader prints what this finds, naming the file: text is never dropped in
 * silence.
 *
 * The counts differ slightly without any loss: the importer counts ordered-list numbers ("1.") and the words
 * of link texts written back to back ("[News](…)[Markets](…)" is one run of letters on the page), so a loss
 * is reported past LOSS_TOLERANCE. On the shared corpus (1,495 policies) the page's count is at least 97.3 %
 * of the importer's.
 */
import { countWords } from '../import/words.ts';
import type { SegmentedPolicy } from './types.ts';

export const LOSS_TOLERANCE = 0.05;
/** Files this short may differ by a few list numbers: below this many words lost, nothing is reported. */
const MIN_LOSS = 10;

export function publishedWords(policy: SegmentedPolicy): number {
  let n = policy.title ? countWords(policy.title) : 0;
  for (const section of policy.sections) {
    n += countWords(section.heading);
    for (const block of section.blocks) for (const clause of block.type === 'clause' ? [block.clause] : block.items) n += countWords(clause.text);
  }
  return n;
}

/** What a build should say about this page (nothing, usually). */
export function coverageWarnings(policy: SegmentedPolicy, importedWords: unknown): string[] {
  const warnings: string[] = [];
  if (policy.overflow) {
    warnings.push(`more than ${policy.overflow.limit} sections and clauses: the last ${policy.overflow.spilled} are shown as the text of one clause`);
  }
  if (typeof importedWords === 'number') {
    const published = publishedWords(policy);
    const lost = importedWords - published;
    if (lost >= MIN_LOSS && lost > importedWords * LOSS_TOLERANCE) {
      warnings.push(`the page shows ${published} of the ${importedWords} words imported (${((100 * lost) / importedWords).toFixed(1)} % missing)`);
    }
  }
  return warnings;
}
