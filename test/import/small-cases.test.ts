/**
 * The smaller cases of the break-it pass (issue #16, point 5): implausible dates, text from the input printed
 * raw to the terminal, a hand-edited file replaced in silence, a folder with nothing to import accepted in
 * silence, a `<` in inline code shown with a backslash.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { segment } from '../../src/lib/clauses/segment.ts';
import { runCli } from '../../src/lib/import/cli.ts';
import { formatDiagnostic } from '../../src/lib/import/errors.ts';
import { importFiles, PREVIOUS_SUFFIX } from '../../src/lib/import/import-files.ts';
import { neutraliseBody } from '../../src/lib/import/neutralise.ts';
import { HEADER, tempDir } from './helpers.ts';

let dir: string;
let out: string;
beforeEach(() => {
  dir = tempDir();
  out = path.join(dir, 'out');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string): string {
  const file = path.join(dir, 'in', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}
const header = (date: string, url = `https://web.archive.org/web/${date.replaceAll('-', '')}000000id_/http%3A//example.com/privacy`) =>
  `> *The following text is extracted and transformed from the example.com privacy policy that was archived on ${date}. Please check the [original](${url}) for the most accurate reproduction.*`;
const messages = async (file: string) => (await importFiles([file], { out })).diagnostics.map(formatDiagnostic);

describe('archive dates', () => {
  it('rejects a date before the web', async () => {
    const file = write('a.md', `${header('0000-01-01')}\n\nText.\n`);
    expect(await messages(file)).toEqual([`${file}:1: archive date 0000-01-01 is before the web (1991-01-01)`]);
  });

  it('rejects a date in the future', async () => {
    const file = write('a.md', `${header('2999-01-01')}\n\nText.\n`);
    expect(await messages(file)).toEqual([expect.stringMatching(/:1: archive date 2999-01-01 is in the future \(today is \d{4}-\d\d-\d\d\)$/)]);
  });

  it("warns when the date is not the day of the snapshot URL's timestamp", async () => {
    const file = write('a.md', `${header('2020-01-01', 'https://web.archive.org/web/20060617022507id_/http%3A//example.com/')}\n\nText.\n`);
    expect(await messages(file)).toEqual([`${file}:1: warning: archive date 2020-01-01 differs from the snapshot URL's timestamp (2006-06-17); the header's date is kept`]);
  });
});

describe('text from the input on the terminal', () => {
  it('escapes control characters of file names and header text', async () => {
    const file = write('evil\u001b[2J\nname.md', `> *The following text is extracted and transformed from the bad\u0085domain privacy policy that was archived on 2020-01-01. Please check the [x](https://example.com/) for the most accurate reproduction.*\n\nText.\n`);
    const stderr: string[] = [];
    const stdout = { write: (c: string) => stdout.chunks.push(c), chunks: [] as string[], isTTY: false };
    await runCli([file, '--out', out], { stdout, stderr: { write: (c: string) => stderr.push(c) } });
    const text = stderr.join('');
    expect(text).not.toMatch(/[\u001b\u0085]/);
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    expect(text).toContain('evil\\x1b[2J\\x0aname.md:1: invalid domain "bad\\x85domain"');
  });
});

describe('a hand-edited imported file', () => {
  it('is replaced with a warning, and its content kept beside it', async () => {
    const file = write('a.md', `${HEADER('same.com', '2010-01-01')}\n\nText.\n`);
    await importFiles([file], { out });
    const target = path.join(out, 'same.com/2010-01-01.md');
    const edited = fs.readFileSync(target, 'utf8').replace('Text.', 'Text, corrected by hand.');
    fs.writeFileSync(target, edited);
    const summary = await importFiles([file], { out });
    expect(summary.results.map((r) => r.status)).toEqual(['updated']);
    expect(summary.diagnostics.map(formatDiagnostic)).toEqual([
      `${file}:0: warning: ${target} differed from this import of the same file (hand-edited, or written by an older importer): replaced; its previous content is in ${target}${PREVIOUS_SUFFIX}`,
    ]);
    expect(fs.readFileSync(`${target}${PREVIOUS_SUFFIX}`, 'utf8')).toBe(edited);
  });
});

describe('a folder with nothing to import', () => {
  it('is reported, and counts as rejected', async () => {
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(path.join(empty, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(empty, '.hidden'), '');
    const summary = await importFiles([empty], { out });
    expect(summary.diagnostics.map(formatDiagnostic)).toEqual([`${empty}:0: no files to import in this directory`]);
    expect(summary.rejected).toBe(1);
  });
});

describe('inline code', () => {
  it('shows a < inside inline code without a backslash', () => {
    const body = neutraliseBody('Use `a < b` and `<tag>`; outside, <tag> stays text.');
    expect(body).toBe('Use `a < b` and `<tag>`; outside, \\<tag> stays text.');
    const html = segment(body).sections[0].blocks[0];
    expect(html.type === 'clause' && html.clause.html).toBe('Use <code>a &lt; b</code> and <code>&lt;tag&gt;</code>; outside, &lt;tag&gt; stays text.');
  });

  it('still escapes a < where CommonMark might not see inline code', () => {
    // an unmatched run may pair with a run on the next line; a table row's cells are split before code spans
    expect(neutraliseBody('a `b\nc` <x> `d`')).toBe('a `b\nc` \\<x> `d`');
    expect(neutraliseBody('| `a | <b>` |')).toBe('| `a | \\<b>` |');
  });
});
