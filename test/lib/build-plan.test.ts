import { describe, expect, it } from 'vitest';
import { planBuild, type BuildRecord, type CurrentBuild } from '../../src/lib/build/plan.ts';

const record: BuildRecord = { version: 1, code: 'c1', outDir: '/site', files: { '/p/a.com/2001-01-01.md': [10, 1], '/p/b.com/2002-01-01.md': [20, 2] } };
const current = (changes: Partial<CurrentBuild> = {}): CurrentBuild => ({
  code: 'c1',
  outDir: '/site',
  files: { ...record.files },
  domainOf: (file) => file.split('/')[2],
  outputExists: true,
  ...changes,
});

describe('planBuild', () => {
  it('builds only the companies with new snapshots when files were only added', () => {
    const files = { ...record.files, '/p/b.com/2003-01-01.md': [5, 3] as [number, number], '/p/c.com/2003-01-01.md': [6, 3] as [number, number] };
    expect(planBuild(record, current({ files }))).toEqual({ mode: 'additions', domains: ['b.com', 'c.com'], added: ['/p/b.com/2003-01-01.md', '/p/c.com/2003-01-01.md'] });
  });

  it('does nothing when nothing changed', () => {
    expect(planBuild(record, current())).toEqual({ mode: 'unchanged' });
  });

  it('builds the whole archive, saying why, whenever the previous output cannot simply be completed', () => {
    expect(planBuild(undefined, current())).toMatchObject({ mode: 'full', reason: expect.stringContaining('no record') });
    expect(planBuild(record, current({ code: 'c2' }))).toMatchObject({ mode: 'full', reason: expect.stringContaining('code or settings') });
    expect(planBuild(record, current({ outDir: '/elsewhere' }))).toMatchObject({ mode: 'full', reason: expect.stringContaining('/site') });
    expect(planBuild(record, current({ outputExists: false }))).toMatchObject({ mode: 'full', reason: expect.stringContaining('not in /site') });
    expect(planBuild(record, current({ files: { '/p/a.com/2001-01-01.md': [10, 1] } }))).toMatchObject({ mode: 'full', reason: '/p/b.com/2002-01-01.md was removed' });
    expect(planBuild(record, current({ files: { ...record.files, '/p/a.com/2001-01-01.md': [10, 9] } }))).toMatchObject({ mode: 'full', reason: '/p/a.com/2001-01-01.md changed' });
    expect(planBuild(record, current({ files: { ...record.files, '/p/a.com/2001-01-01.md': [11, 1] } }))).toMatchObject({ mode: 'full', reason: '/p/a.com/2001-01-01.md changed' });
  });
});
