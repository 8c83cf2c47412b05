/**
 * A copy of the test site's archive as the search index reads it (src/lib/search/policy-list.ts): its ledger and,
 * for each policy, the search units the loader wrote beside its page file. Tests change a policy here,
 * as a build would after its file changed (new units, a new digest), and index the copy again.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type LedgerEntry, readLedger, writeLedger } from '../../src/lib/build/ledger.ts';
import type { PolicyEntry } from '../../src/lib/data/snapshots.ts';
import { type SearchUnits, searchUnitsFile, textOf } from '../../src/lib/policies/search-units.ts';
import { TEST_LEDGER } from './site.ts';

type Entry = LedgerEntry<PolicyEntry['data']>;

export interface ScratchArchive {
  /** The copy's ledger folder (IndexOptions.ledger). */
  ledger: string;
  /** Changes a policy's search units (as its file changed: its digest changes too). */
  edit(id: string, change: (units: SearchUnits) => void): void;
  /** A new snapshot made from an existing one: its id and archive date. */
  copy(from: string, id: string, archivedOn: string): void;
  /** A policy's search units file in the copy. */
  unitsFile(id: string): string;
}

export function scratchArchive(dir: string): ScratchArchive {
  const ledger = path.join(dir, 'ledger');
  const pages = path.join(dir, 'pages');
  mkdirSync(pages, { recursive: true });
  const place = (entry: Entry, id: string, from = entry.data.pageFile): Entry => {
    const pageFile = path.join(pages, `${id.replace('/', '_')}.page`);
    copyFileSync(searchUnitsFile(from), searchUnitsFile(pageFile));
    return { ...entry, id, data: { ...entry.data, pageFile } };
  };
  const entries = readLedger<PolicyEntry['data']>(TEST_LEDGER).map((entry) => place(entry, entry.id));
  const save = () => writeLedger(ledger, entries);
  const find = (id: string) => {
    const entry = entries.find((candidate) => candidate.id === id);
    if (!entry) throw new Error(`no policy ${id} in the test site's ledger`);
    return entry;
  };
  save();
  return {
    ledger,
    edit(id, change) {
      const entry = find(id);
      const file = searchUnitsFile(entry.data.pageFile);
      const units = JSON.parse(readFileSync(file, 'utf8')) as SearchUnits;
      change(units);
      for (const section of units.sections) for (const clause of section.clauses) clause.size = textOf(clause.html).length;
      writeFileSync(file, JSON.stringify(units));
      entry.digest = `${entry.digest}+edited`;
      save();
    },
    copy(from, id, archivedOn) {
      const source = find(from);
      entries.push(place({ ...source, digest: `${source.digest}+copy`, data: { ...source.data, archivedOn, history: undefined } }, id, source.data.pageFile));
      save();
    },
    unitsFile: (id) => searchUnitsFile(find(id).data.pageFile),
  };
}

/** The first paragraph clause of some units, whose text `change` replaces (its anchor marker kept). */
export function editFirstParagraph(units: SearchUnits, change: (text: string) => string): void {
  for (const section of units.sections)
    for (const clause of section.clauses) {
      const match = /^(<p class="clause"><span [^>]*><\/span>)(.*)(<\/p>)$/s.exec(clause.html);
      if (!match) continue;
      clause.html = `${match[1]}${change(match[2])}${match[3]}`;
      return;
    }
  throw new Error('no paragraph clause');
}
