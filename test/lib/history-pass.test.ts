/** The history pass (src/lib/history/pass.ts) on worker threads gives what it gives in one thread. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { computeHistories, historyFiles, readChangePages, type HistoryEntry } from '../../src/lib/history/pass.ts';
import { dataFiles } from '../../src/lib/policies/data-file.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-pass-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const A = 'We collect your name and e-mail address when you register for an account.';
const B = 'We share information with service providers who process it on our behalf.';
const C = 'You can ask us to delete your account at any time by writing to us.';

/** Writes a snapshot's clause file (as the loader's workers do) and returns its entry. */
function snapshot(folder: string, domain: string, archivedOn: string, texts: string[], service?: string): HistoryEntry {
  const pageFile = path.join(dir, folder, domain, `${archivedOn}.page`);
  fs.mkdirSync(path.dirname(pageFile), { recursive: true });
  fs.writeFileSync(historyFiles(pageFile).clauses, JSON.stringify(texts.map((text, i) => ({ id: `terms-${i + 1}`, text, heading: 'Terms' }))));
  const clauses = texts.map((text, i) => ({ id: `terms-${i + 1}`, kind: 'paragraph', position: i + 1, text, topics: [] }));
  fs.writeFileSync(dataFiles(pageFile).sections, JSON.stringify([{ id: 'terms', heading: 'Terms', level: 2, clauses }]));
  return { id: `${domain}/${archivedOn}`, digest: `${domain}:${archivedOn}:${texts.join('|')}`, data: { domain, service, archivedOn, pageFile } };
}

function archive(folder: string): HistoryEntry[] {
  return [
    snapshot(folder, 'a.com', '2019-01-01', [A, B]),
    snapshot(folder, 'a.com', '2020-01-01', [A, B.replace('service', 'trusted'), C]),
    snapshot(folder, 'a.com', '2021-01-01', [C, A]),
    snapshot(folder, 'b.com', '2020-05-05', [B]),
    snapshot(folder, 'b.com', '2022-05-05', [B, A], 'Shop'),
    snapshot(folder, 'b.com', '2023-05-05', [A], 'Shop'),
  ];
}

describe('computeHistories', () => {
  it('gives the same histories and changes pages on worker threads as in this thread', async () => {
    const inline = await computeHistories(archive('inline'), 0);
    const threaded = await computeHistories(archive('threads'), 2);
    expect(threaded.computed).toBe(6);
    const strip = (metas: typeof inline.metas) => [...metas].sort(([a], [b]) => a.localeCompare(b)).map(([id, { key: _key, ...meta }]) => [id, meta]);
    expect(strip(threaded.metas)).toEqual(strip(inline.metas));
    expect(threaded.metas.get('a.com/2020-01-01')).toMatchObject({ previous: 'a.com/2019-01-01', counts: { added: 1, edited: 1, unchanged: 1, removed: 0 } });
    // b.com's Shop is its own series: its first snapshot has no previous one.
    expect(threaded.metas.get('b.com/2022-05-05')?.previous).toBeUndefined();
    expect(readChangePages(path.join(dir, 'threads', 'a.com', '2021-01-01.page')).join('')).toContain('data-change="removed"');
  });

  it("writes each snapshot's rows of the clauses dataset with the date from which each clause is unchanged", async () => {
    const rowsOf = (archivedOn: string) =>
      gunzipSync(fs.readFileSync(dataFiles(path.join(dir, 'threads', 'a.com', `${archivedOn}.page`)).clauses))
        .toString('utf8')
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line));
    // 2021: C (added in 2020), then A (unchanged since 2019).
    expect(rowsOf('2021-01-01').map((row) => [row.snapshot_id, row.clause_id, row.since])).toEqual([
      ['a.com/2021-01-01', 'terms-1', '2020-01-01'],
      ['a.com/2021-01-01', 'terms-2', '2019-01-01'],
    ]);
  });

  it('computes nothing again when nothing changed', async () => {
    expect((await computeHistories(archive('threads'), 2)).computed).toBe(0);
  });
});
