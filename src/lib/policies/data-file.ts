/**
 * The open-data form of one policy, prepared by the loader beside its page file from the same segmentation, so
 * the published JSON and datasets never parse HTML again (docs/data.md, "How the clause data is made"):
 * `<id>.sections.json`, read by the policy's index.json, and `<id>.clauses.jsonl.gz`, its gzip member of the clauses
 * dataset, written by the history pass, which knows each clause's `since` (src/lib/history/pass.ts).
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { sectionClauses, type Clause, type Section } from '../clauses/types.ts';
import { writeFileAtomic } from '../files/atomic-write.ts';

/**
 * A clause in the published JSON (its field names are already snake_case, as in every published data file), with,
 * in index.json, the archive date from which its text is unchanged in its series (src/lib/history/).
 */
type ClauseRecord = Pick<Clause, 'id' | 'kind' | 'position' | 'text' | 'topics'> & { since?: string };

export type SectionRecord = Pick<Section, 'id' | 'heading' | 'level'> & { clauses: ClauseRecord[] };

type SnapshotKey = { id: string; domain: string; archivedOn: string };

export function dataFiles(pageFile: string): { sections: string; clauses: string } {
  const base = pageFile.replace(/\.page$/, '');
  return { sections: `${base}.sections.json`, clauses: `${base}.clauses.jsonl.gz` };
}

function sectionRecords(sections: Section[]): SectionRecord[] {
  return sections.map((section) => ({
    id: section.id,
    heading: section.heading,
    level: section.level,
    clauses: sectionClauses(section).map(({ id, kind, position, text, topics }) => ({ id, kind, position, text, topics })),
  }));
}

/** The rows of /data/clauses.jsonl.gz; `since` maps clause id → the date from which its text is unchanged. */
function clauseRows(snapshot: SnapshotKey, sections: SectionRecord[], since: Record<string, string>) {
  return sections.flatMap((section) =>
    section.clauses.map((clause) => ({
      snapshot_id: snapshot.id,
      domain: snapshot.domain,
      archived_on: snapshot.archivedOn,
      section_id: section.id,
      section: section.heading,
      clause_id: clause.id,
      position: clause.position,
      kind: clause.kind,
      text: clause.text,
      topics: clause.topics,
      since: since[clause.id] ?? snapshot.archivedOn,
    })),
  );
}

/** JSON Lines: one JSON object per line, each line ended by "\n" (UTF-8; JSON escapes U+2028/9 itself). */
export function jsonLines(rows: unknown[]): string {
  return rows.map((row) => `${JSON.stringify(row)}\n`).join('');
}

export function writeSectionRecords(pageFile: string, sections: Section[]): void {
  writeFileAtomic(dataFiles(pageFile).sections, JSON.stringify(sectionRecords(sections)));
}

/** The policy's rows of the clauses dataset, once its lineage gives each clause's `since`. */
export function writeClauseRows(pageFile: string, snapshot: SnapshotKey, since: Record<string, string>): void {
  writeFileAtomic(dataFiles(pageFile).clauses, gzipSync(jsonLines(clauseRows(snapshot, readSectionRecords(pageFile), since)), { level: 9 }));
}

export function readSectionRecords(pageFile: string): SectionRecord[] {
  const file = dataFiles(pageFile).sections;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SectionRecord[];
  } catch (error) {
    throw new Error(`${file}: cannot read the policy's sections (a full build writes them again)`, { cause: error });
  }
}
