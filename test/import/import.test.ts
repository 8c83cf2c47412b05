import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { policyFrontmatter } from '../../src/lib/policies/schema.ts';
import { renderFrontmatter, yamlString } from '../../src/lib/content/frontmatter.ts';
import { importFiles } from '../../src/lib/import/import-files.ts';
import { writeNewFile, replaceFile } from '../../src/lib/import/output.ts';
import { GOOD, HEADER, listFiles, tempDir } from './helpers.ts';

let dir: string;
let out: string;
beforeEach(() => {
  dir = tempDir();
  out = path.join(dir, 'out');
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function split(file: string): { fm: Record<string, unknown>; keys: string[]; body: string; raw: string } {
  const raw = fs.readFileSync(file, 'utf8');
  const m = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(raw);
  if (!m) throw new Error(`no frontmatter in ${file}`);
  const fm = parseYaml(m[1]) as Record<string, unknown>;
  return { fm, keys: Object.keys(fm), body: m[2], raw };
}

function write(name: string, content: string): string {
  const file = path.join(dir, 'in', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

describe('importFiles: output', () => {
  it('writes <out>/<domain>/<date>.md with schema-valid frontmatter in schema order', async () => {
    const summary = await importFiles([GOOD], { out });
    expect(summary).toMatchObject({ imported: 2, updated: 0, unchanged: 0, rejected: 0, warnings: 0 });
    expect(listFiles(out)).toEqual(['example-shop.co.uk/2024-02-29-example-shop.md', 'smartertools.com/2008-12-16.md']);

    const st = split(path.join(out, 'smartertools.com/2008-12-16.md'));
    expect(policyFrontmatter.parse(st.fm)).toEqual(st.fm);
    expect(st.keys).toEqual(['domain', 'company', 'title', 'archivedOn', 'snapshotUrl', 'originalUrl', 'sourceLabel', 'contentHash', 'wordCount']);
    expect(st.fm).toMatchObject({
      domain: 'smartertools.com',
      company: 'SmarterTools',
      title: 'Privacy Policy - SmarterTools',
      archivedOn: '2008-12-16',
      snapshotUrl: 'https://web.archive.org/web/20081216151729id_/http%3A//www.smartertools.com/Company/Privacy.aspx',
      originalUrl: 'http://www.smartertools.com/Company/Privacy.aspx',
      sourceLabel: 'original snapshot on the Wayback Machine',
    });
    const { createHash } = await import('node:crypto');
    expect(st.fm.contentHash).toBe(`sha256:${createHash('sha256').update(fs.readFileSync(path.join(GOOD, 'smartertools.md'))).digest('hex')}`);
    expect(st.raw).toMatch(/^---\ndomain: "smartertools.com"\ncompany: "SmarterTools"\n/);
    // body: header removed, neutralised, structure kept
    expect(st.body.startsWith('# Privacy Policy - SmarterTools\n\n')).toBe(true);
    expect(st.body).not.toContain('The following text is extracted');
    expect(st.body).not.toContain('logo.png');
    expect(st.body).toContain('**Collected Information**  \nWe may collect information about your interaction with our sites and \\<b>services\\</b>.');
    expect(st.body).toContain('- Cookies\n- Web beacons\n');
    expect(st.fm.wordCount).toBe(36);

    const ota = split(path.join(out, 'example-shop.co.uk/2024-02-29-example-shop.md'));
    expect(policyFrontmatter.parse(ota.fm)).toEqual(ota.fm);
    expect(ota.fm).toMatchObject({ domain: 'example-shop.co.uk', company: 'Example Shop' /* the OTA service names the domain: the name people know (company.ts) */, title: 'Example Shop privacy policy' /* the service named in the OTA snapshot URL */, sourceLabel: 'original version on Open Terms Archive' });
    expect(ota.keys).not.toContain('originalUrl');
    expect(ota.body).toContain('| Orders Payments | Contract |');
    expect(ota.body).toContain('We use \\{cookies\\} and \\<script>alert(1)\\</script>.');
  });

  it('writes strings JSON-quoted, with characters YAML forbids escaped', async () => {
    expect(yamlString('a "b" \\ c\u0085\u2028')).toBe('"a \\"b\\" \\\\ c\\u0085\\u2028"');
    const fm = {
      domain: 'a.com', company: 'A: "quoted" #not-a-comment', title: "---\nkey: value\n'x' \u0085 \u00a0 ü", archivedOn: '2020-01-31',
      snapshotUrl: 'https://a.com/x?y=1#z', sourceLabel: '[label]', contentHash: `sha256:${'0'.repeat(64)}`, wordCount: 3,
    };
    const yaml = renderFrontmatter(fm);
    expect(parseYaml(yaml.slice(4, -4))).toEqual(fm);
  });

  it('recurses into directories and imports any regular file, skipping dot files', async () => {
    write('a/b/c/policy.txt', `${HEADER('one.com', '2010-01-01')}\n\nText one.\n`);
    write('a/policy', `${HEADER('two.com', '2010-01-01')}\n\nText two.\n`);
    write('a/.hidden.md', 'not a policy');
    const summary = await importFiles([path.join(dir, 'in')], { out });
    expect(summary).toMatchObject({ imported: 2, rejected: 0 });
    expect(listFiles(out)).toEqual(['one.com/2010-01-01.md', 'two.com/2010-01-01.md']);
  });

  it('keeps CRLF files and a byte order mark from leaking into the output', async () => {
    const file = write('crlf.md', `\ufeff${HEADER('crlf.com', '2010-01-01')}\r\n\r\n# Title\r\nLine\r\n`);
    await importFiles([file], { out });
    const { fm, body } = split(path.join(out, 'crlf.com/2010-01-01.md'));
    expect(fm.title).toBe('Title');
    expect(body).toBe('# Title\nLine\n');
  });
});

describe('importFiles: idempotency and suffixes', () => {
  it('reports unchanged when run twice, and changes no file', async () => {
    await importFiles([GOOD], { out });
    const before = listFiles(out).map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8'), fs.statSync(path.join(out, f)).mtimeMs]);
    const again = await importFiles([GOOD], { out });
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 2, rejected: 0 });
    const after = listFiles(out).map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8'), fs.statSync(path.join(out, f)).mtimeMs]);
    expect(after).toEqual(before);
  });

  it('gives a different snapshot of the same domain and date the next suffix, stably', async () => {
    const a = write('a.md', `${HEADER('same.com', '2010-01-01')}\n\nFirst version.\n`);
    const b = write('b.md', `${HEADER('same.com', '2010-01-01')}\n\nSecond version.\n`);
    const c = write('c.md', `${HEADER('www.same.com', '2010-01-01')}\n\nThird version.\n`);
    const first = await importFiles([a, b, c], { out });
    expect(first.results.map((r) => [r.status, r.id])).toEqual([
      ['imported', 'same.com/2010-01-01'],
      ['imported', 'same.com/2010-01-01-2'],
      ['imported', 'same.com/2010-01-01-3'],
    ]);
    // the same files again, in another order: recognised by hash, nothing new
    const second = await importFiles([c, a, b], { out });
    expect(second.results.map((r) => [r.status, r.id])).toEqual([
      ['unchanged', 'same.com/2010-01-01-3'],
      ['unchanged', 'same.com/2010-01-01'],
      ['unchanged', 'same.com/2010-01-01-2'],
    ]);
    expect(split(path.join(out, 'same.com/2010-01-01-2.md')).body).toBe('Second version.\n');
  });

  it('treats the same file given twice (or identical copies) as one policy', async () => {
    const a = write('a.md', `${HEADER('same.com', '2010-01-01')}\n\nText.\n`);
    const copy = write('copy.md', fs.readFileSync(a, 'utf8'));
    const summary = await importFiles([a, a, copy], { out });
    expect(summary.results.map((r) => [r.status, r.id])).toEqual([
      ['imported', 'same.com/2010-01-01'],
      ['unchanged', 'same.com/2010-01-01'],
    ]);
  });

  it('rewrites a file of the same input whose rendering changed, and reports it as updated', async () => {
    const a = write('a.md', `${HEADER('same.com', '2010-01-01')}\n\nText.\n`);
    await importFiles([a], { out });
    const target = path.join(out, 'same.com/2010-01-01.md');
    fs.writeFileSync(target, fs.readFileSync(target, 'utf8').replace('Text.', 'Old rendering.'));
    const summary = await importFiles([a], { out });
    expect(summary.results.map((r) => [r.status, r.id])).toEqual([['updated', 'same.com/2010-01-01']]);
    expect(split(target).body).toBe('Text.\n');
  });

  it('never overwrites an existing file with different content', async () => {
    const target = path.join(out, 'same.com/2010-01-01.md');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, 'hand-written, no frontmatter\n');
    const a = write('a.md', `${HEADER('same.com', '2010-01-01')}\n\nText.\n`);
    const summary = await importFiles([a], { out });
    expect(summary.results.map((r) => [r.status, r.id])).toEqual([['imported', 'same.com/2010-01-01-2']]);
    expect(fs.readFileSync(target, 'utf8')).toBe('hand-written, no frontmatter\n');
  });
});

describe('atomic writes', () => {
  it('leaves no temp files, and temp files never match *.md', async () => {
    await importFiles([GOOD], { out });
    const all = listFiles(out);
    expect(all.every((f) => f.endsWith('.md') && !path.basename(f).startsWith('.'))).toBe(true);
  });

  it('writeNewFile refuses to replace an existing file and cleans up its temp file', () => {
    const target = path.join(dir, 'x', 'a.md');
    expect(writeNewFile(target, 'one')).toBe(true);
    expect(writeNewFile(target, 'two')).toBe(false);
    expect(fs.readFileSync(target, 'utf8')).toBe('one');
    replaceFile(target, 'three');
    expect(fs.readFileSync(target, 'utf8')).toBe('three');
    expect(fs.readdirSync(path.dirname(target))).toEqual(['a.md']);
  });

  it('removes temp files left by a killed run, and keeps other dot files', async () => {
    const domainDir = path.join(out, 'same.com');
    fs.mkdirSync(domainDir, { recursive: true });
    fs.writeFileSync(path.join(domainDir, '.import-999999999-1.tmp'), 'half a fi');
    fs.writeFileSync(path.join(domainDir, '.keep'), '');
    const a = write('a.md', `${HEADER('same.com', '2010-01-01')}\n\nText.\n`);
    await importFiles([a], { out });
    expect(fs.readdirSync(domainDir).sort()).toEqual(['.keep', '2010-01-01.md']);
  });

  it('stops between files when aborted, leaving only complete files', async () => {
    const files = Array.from({ length: 5 }, (_, i) => write(`p${i}.md`, `${HEADER(`d${i}.com`, '2010-01-01')}\n\nText ${i}.\n`));
    const controller = new AbortController();
    const summary = await importFiles(files, {
      out,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'file' && e.done === 2) controller.abort();
      },
    });
    expect(summary.interrupted).toBe(true);
    expect(summary.imported).toBe(2);
    expect(listFiles(out)).toEqual(['d0.com/2010-01-01.md', 'd1.com/2010-01-01.md']);
  });
});
