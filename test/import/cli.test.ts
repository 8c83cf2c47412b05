import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseArgs, parseSize, Progress, progressText, runCli, UsageError } from '../../src/lib/import/cli.ts';
import { BAD, GOOD, HEADER, listFiles, tempDir } from './helpers.ts';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

function sink(isTTY = false) {
  const chunks: string[] = [];
  return { chunks, isTTY, write: (c: string) => chunks.push(c), text: () => chunks.join('') };
}

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('parseArgs', () => {
  it('reads paths and options', () => {
    expect(parseArgs(['a', '--out', 'o', 'b', '--max-bytes=2k', '--', '--weird-name'])).toEqual({
      paths: ['a', 'b', '--weird-name'], out: 'o', maxBytes: 2048, verbose: false, help: false,
    });
    expect(parseArgs(['x']).out).toBe('src/content/policies');
    expect(parseArgs(['x']).maxBytes).toBe(5 * 1024 * 1024);
    expect(parseSize('5M')).toBe(5 * 1024 * 1024);
  });
  it('rejects unknown options, missing values and no paths', () => {
    expect(() => parseArgs(['--frobnicate', 'a'])).toThrow(UsageError);
    expect(() => parseArgs(['a', '--out'])).toThrow(/--out needs a value/);
    expect(() => parseArgs(['a', '--max-bytes', 'lots'])).toThrow(/not a size/);
    expect(() => parseArgs([])).toThrow(/no input files/);
  });
});

describe('runCli', () => {
  it('prints diagnostics on stderr, a summary line on stdout, exits 1 when a file was rejected', async () => {
    const stdout = sink();
    const stderr = sink();
    const out = path.join(dir, 'out');
    const code = await runCli([GOOD, path.join(BAD, 'impossible-date.md'), path.join(BAD, 'latin1.md'), '--out', out], { stdout, stderr });
    expect(code).toBe(1);
    expect(stderr.text().split('\n').filter(Boolean)).toEqual([
      `${path.join(BAD, 'impossible-date.md')}:1: impossible date 2006-02-30 in header`,
      expect.stringMatching(new RegExp(`^${path.join(BAD, 'latin1.md')}:3: warning: invalid UTF-8`)),
    ]);
    expect(stdout.text()).toMatch(/^imported 3, updated 0, unchanged 0, rejected 1, warnings 1 in \d+\.\d s\n$/);
    expect(stdout.text()).not.toContain('\r');
  });

  it('exits 0 when nothing was rejected (warnings allowed) and 2 on usage errors', async () => {
    const out = path.join(dir, 'out');
    expect(await runCli([path.join(BAD, 'latin1.md'), '--out', out], { stdout: sink(), stderr: sink() })).toBe(0);
    const stderr = sink();
    expect(await runCli(['--nope'], { stdout: sink(), stderr })).toBe(2);
    expect(stderr.text()).toContain('usage: npm run import');
  });

  it('prints one line per file with --verbose', async () => {
    const stdout = sink();
    const out = path.join(dir, 'out');
    await runCli([GOOD, '--out', out, '--verbose'], { stdout, stderr: sink() });
    expect(stdout.text().split('\n').filter(Boolean)).toEqual([
      `imported ${path.join(GOOD, 'ota-example.txt')} -> ${path.join(out, 'example-shop.co.uk/2024-02-29-example-shop.md')}`,
      `imported ${path.join(GOOD, 'smartertools.md')} -> ${path.join(out, 'smartertools.com/2008-12-16.md')}`,
      expect.stringMatching(/^imported 2, updated 0, unchanged 0, rejected 0, warnings 0 in /),
    ]);
  });
});

describe('progress', () => {
  it('formats done/total, rate and time left', () => {
    expect(progressText(250, 1000, 1000)).toBe('250/1000 files (25%), 250 files/s, 3 s left');
    expect(progressText(0, 10, 0)).toBe('0/10 files (0%), 0 files/s, ? left');
  });

  it('redraws a single line in place on a TTY, throttled, and clears it', () => {
    let now = 0;
    const stream = sink(true);
    const p = new Progress(stream, { tty: true, now: () => now });
    p.begin(1000);
    for (let done = 1; done < 1000; done++) {
      now += 2; // 500 files/s
      p.update(done);
    }
    p.clear();
    const text = stream.text();
    expect(text).not.toContain('\n');
    const draws = text.split('\r\x1b[2K').filter(Boolean);
    expect(draws.length).toBeGreaterThan(5);
    expect(draws.length).toBeLessThan(25); // ~2 s of drawing at 10 per second
    expect(draws[0]).toMatch(/^\d+\/1000 files \(\d+%\), 500 files\/s, \d+ s left$/);
    expect(text.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('prints plain lines, rarely, when not a TTY', () => {
    let now = 0;
    const stream = sink(false);
    const p = new Progress(stream, { tty: false, now: () => now });
    p.begin(10000);
    for (let done = 1; done < 10000; done++) {
      now += 2;
      p.update(done);
    }
    p.clear();
    const lines = stream.text().split('\n').filter(Boolean);
    expect(lines.length).toBe(3); // 20 s of work, a line every 5 s after the first 5 s
    expect(stream.text()).not.toMatch(/\r|\x1b/);
    expect(lines[0]).toMatch(/^progress: \d+\/10000 files/);
  });
});

describe('npm run import', () => {
  it('runs end to end through package.json and scripts/import.ts', async () => {
    const input = path.join(dir, 'in.md');
    fs.writeFileSync(input, `${HEADER('cli.example', '2010-01-01')}\n\nText.\n`);
    const out = path.join(dir, 'out');
    const run = promisify(execFile);
    const first = await run('npm', ['run', '--silent', 'import', '--', input, '--out', out], { cwd: ROOT });
    expect(first.stdout).toMatch(/^imported 1, updated 0, unchanged 0, rejected 0, warnings 0 in /);
    const second = await run('npm', ['run', '--silent', 'import', '--', input, '--out', out], { cwd: ROOT });
    expect(second.stdout).toMatch(/^imported 0, updated 0, unchanged 1, rejected 0, warnings 0 in /);
    expect(listFiles(out)).toEqual(['cli.example/2010-01-01.md']);
    await expect(run('npm', ['run', '--silent', 'import', '--', path.join(dir, 'missing.md'), '--out', out], { cwd: ROOT })).rejects.toMatchObject({
      code: 1,
      stderr: `${path.join(dir, 'missing.md')}:0: no such file or directory\n`,
    });
  }, 30_000);
});
