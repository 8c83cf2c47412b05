/**
 * The per-file work of the policies loader, kept free of Astro so it can run in a worker thread:
 * frontmatter split, segmentation into sections and clauses, topic labels; the rendered page body goes to its
 * own file, with the clause texts, the open data and the search units beside it, and a small summary back to the
 * loader for the data store (src/lib/policies/page-file.ts, summary.ts).
 */
import { coverageWarnings } from '../lib/clauses/coverage.ts';
import { segment } from '../lib/clauses/segment.ts';
import { splitFrontmatter } from '../lib/content/frontmatter.ts';
import { InputError } from '../lib/import/errors.ts';
import { renderPolicy } from '../lib/policies/render.ts';
import { writePageFile } from '../lib/policies/page-file.ts';
import { writeJson } from '../lib/files/json-file.ts';
import { clauseTexts, historyFiles } from '../lib/history/pass.ts';
import { writeSectionRecords } from '../lib/policies/data-file.ts';
import { searchUnits, searchUnitsFile } from '../lib/policies/search-units.ts';
import { summarize, type PolicySummary } from '../lib/policies/summary.ts';
import { labelTopics } from '../lib/topics/label.ts';

export type Prepared =
  | { ok: true; data: Record<string, unknown>; summary: PolicySummary; warnings: string[] }
  | { ok: false; line?: number; message: string };

export function preparePolicy(source: string, pageFile: string): Prepared {
  let split;
  try {
    split = splitFrontmatter(source);
  } catch (error) {
    if (error instanceof InputError) return { ok: false, line: error.line, message: error.message };
    throw error;
  }
  const segmented = segment(split.body);
  labelTopics(segmented.sections);
  writePageFile(pageFile, renderPolicy(segmented.sections));
  // The clause texts, for the lineage of this series (src/lib/history/pass.ts, once every policy is prepared).
  writeJson(historyFiles(pageFile).clauses, clauseTexts(segmented.sections));
  // The open data (index.json; the clauses dataset's rows once the history pass knows `since`) from the same
  // clauses: src/lib/policies/data-file.ts.
  writeSectionRecords(pageFile, segmented.sections);
  // What the search index cuts passages from (src/lib/search/passages.ts).
  writeJson(searchUnitsFile(pageFile), searchUnits(segmented.sections));
  return { ok: true, data: split.data, summary: summarize(segmented.sections), warnings: coverageWarnings(segmented, split.body) };
}
