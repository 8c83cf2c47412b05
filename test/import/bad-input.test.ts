import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/lib/import/errors.ts';
import { importFiles, type ImportSummary } from '../../src/lib/import/import-files.ts';
import { BAD, GOOD, listFiles, tempDir } from './helpers.ts';

let out: string;
beforeEach(() => {
  out = tempDir();
});
afterEach(() => {
  fs.rmSync(out, { recursive: true, force: true });
});

/** Imports the bad file together with the good fixtures; the good ones must still import. */
async function runWith(bad: string, options: { maxBytes?: number } = {}, alsoImported: string[] = []): Promise<{ summary: ImportSummary; lines: string[] }> {
  const summary = await importFiles([path.join(GOOD, 'ota-example.txt'), bad, path.join(GOOD, 'smartertools.md')], { out, ...options });
  expect(summary.results.filter((r) => r.status === 'imported').map((r) => r.id).sort()).toEqual(
    ['example-shop.co.uk/2024-02-29-example-shop', 'smartertools.com/2008-12-16', ...alsoImported].sort(),
  );
  expect(listFiles(out)).toEqual(['example-shop.co.uk/2024-02-29-example-shop.md', 'smartertools.com/2008-12-16.md', ...alsoImported.map((id) => `${id}.md`)].sort());
  return { summary, lines: summary.diagnostics.map(formatDiagnostic) };
}

async function expectRejected(file: string, line: number, reason: RegExp, options: { maxBytes?: number } = {}) {
  const bad = path.join(BAD, file);
  const { summary, lines } = await runWith(bad, options);
  expect(summary.rejected).toBe(1);
  expect(summary.imported).toBe(2);
  expect(lines).toHaveLength(1);
  const [where, message] = [lines[0].slice(0, `${bad}:${line}: `.length), lines[0].slice(`${bad}:${line}: `.length)];
  expect(where).toBe(`${bad}:${line}: `);
  expect(message).toMatch(reason);
}

describe('bad input is reported as <path>:<line>: <reason> and skipped', () => {
  it('missing header', () => expectRejected('missing-header.md', 1, /^missing provenance header: /));
  it('malformed header (no link)', () => expectRejected('malformed-header.md', 1, /^malformed provenance header: no snapshot link/));
  it('impossible date', () => expectRejected('impossible-date.md', 1, /^impossible date 2006-02-30 in header$/));
  it('empty body', () => expectRejected('empty-body.md', 2, /^empty body: nothing but whitespace after the header$/));
  it('binary file', () => expectRejected('binary.png', 5, /^binary file \(NUL byte at offset \d+\)/));
  it('file over the size limit', () => expectRejected('too-large.md', 0, /^file too large: 3823 bytes, the limit is 2048 \(--max-bytes\)$/, { maxBytes: 2048 }));
  it('invalid domain', () => expectRejected('invalid-domain.md', 1, /^invalid domain "jotta_cloud" in header/));
  it('a path that does not exist', () => expectRejected('no-such-file.md', 0, /^no such file or directory$/));
  it('a path that is not a regular file', async () => {
    const fifo = path.join(out, 'fifo');
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [fifo]);
    const summary = await importFiles([fifo, path.join(GOOD, 'smartertools.md')], { out: path.join(out, 'o') });
    expect(summary.diagnostics.map(formatDiagnostic)).toEqual([`${fifo}:0: not a regular file`]);
    expect(summary.imported).toBe(1);
    expect(summary.rejected).toBe(1);
  });

  it('the size limit defaults to 5 MB', async () => {
    const big = path.join(out, 'big.md');
    fs.writeFileSync(big, 'x'.repeat(5 * 1024 * 1024 + 1));
    const summary = await importFiles([big], { out: path.join(out, 'o') });
    expect(summary.diagnostics.map(formatDiagnostic)).toEqual([`${big}:0: file too large: 5242881 bytes, the limit is 5242880 (--max-bytes)`]);
  });

  it('invalid UTF-8 is decoded as Latin-1 with a warning, and imported', async () => {
    const bad = path.join(BAD, 'latin1.md');
    const { summary, lines } = await runWith(bad, {}, ['latin.example/2006-02-01']);
    expect(lines).toEqual([`${bad}:3: warning: invalid UTF-8 (byte 0xE9 at offset ${fs.readFileSync(bad).indexOf(0xe9)}); decoded as Latin-1`]);
    expect(summary.warnings).toBe(1);
    expect(summary.rejected).toBe(0);
    expect(summary.results.find((r) => r.path === bad)?.status).toBe('imported');
    const written = fs.readFileSync(path.join(out, 'latin.example/2006-02-01.md'), 'utf8');
    expect(written).toContain('title: "Politique de confidentialité"');
    expect(written).toContain('Les données de l\'utilisateur sont protégées.');
  }, 10_000);
});
