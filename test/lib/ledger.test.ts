import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LEDGER_SHARDS, readLedger, shardOf, updateLedger, writeLedger, type LedgerEntry } from '../../src/lib/build/ledger.ts';

const entry = (id: string): LedgerEntry<{ domain: string }> => ({ id, collection: 'policies', digest: `d-${id}`, data: { domain: id.split('/')[0] } });
const scratch = mkdtempSync(path.join(tmpdir(), 'ledger-'));
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

describe('the archive ledger', () => {
  it('reads back what was written, sorted by id, in one file per shard', () => {
    const dir = path.join(scratch, 'a');
    writeLedger(dir, [entry('b.com/2002'), entry('a.com/2001'), entry('a.com/2000')]);
    expect(readLedger(dir).map((e) => e.id)).toEqual(['a.com/2000', 'a.com/2001', 'b.com/2002']);
    expect(readdirSync(dir)).toHaveLength(LEDGER_SHARDS);
  });

  it('replaces the entries of the updated companies, links the files of the others, and leaves the source as it was', () => {
    const from = path.join(scratch, 'from');
    const to = path.join(scratch, 'to');
    const others = Array.from({ length: 40 }, (_, i) => entry(`c${i}.com/2001`));
    writeLedger(from, [entry('a.com/2000'), ...others]);
    updateLedger(from, to, new Set(['a.com']), [entry('a.com/2000'), entry('a.com/2005')]);
    expect(readLedger(to).map((e) => e.id)).toEqual([entry('a.com/2000'), entry('a.com/2005'), ...others].map((e) => e.id).sort());
    expect(readLedger(from).map((e) => e.id)).toEqual([entry('a.com/2000'), ...others].map((e) => e.id).sort());
    const touched = `${String(shardOf('a.com')).padStart(2, '0')}.json`;
    for (const name of readdirSync(to)) {
      const linked = statSync(path.join(to, name)).ino === statSync(path.join(from, name)).ino;
      expect(linked, name).toBe(name !== touched);
    }
  });

  it('names the folder when there is no ledger', () => {
    expect(() => readLedger(path.join(scratch, 'none'))).toThrow(/none: no archive ledger/);
  });
});
