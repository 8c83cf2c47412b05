/**
 * `npm run build` never harms the published site (issue #16): a missing or empty POLICIES_DIR is an error that
 * names it, a second build refuses while one runs, and a build killed with SIGKILL leaves the published site
 * as it was; the next build removes what the killed one left.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SAMPLE = path.join(ROOT, 'src', 'content', 'policies');

let dir: string;
let out: string;
let cache: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'build-safety-'));
  out = path.join(dir, 'dist');
  cache = path.join(dir, 'cache');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'index.html'), 'the published site');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const env = (policies: string) => ({ ...process.env, OUT_DIR: out, CACHE_DIR: cache, POLICIES_DIR: policies });
const build = (policies: string) => spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.ts')], { cwd: ROOT, env: env(policies), encoding: 'utf8' });
const published = () => fs.readFileSync(path.join(out, 'index.html'), 'utf8');

describe('npm run build: bad folders', () => {
  it('refuses a POLICIES_DIR that does not exist, naming it, and leaves the site alone', () => {
    const missing = path.join(dir, 'no-such-folder');
    const result = build(missing);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`POLICIES_DIR: ${missing} does not exist`);
    expect(published()).toBe('the published site');
  });

  it('refuses a POLICIES_DIR without policy files', () => {
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    const result = build(`${SAMPLE}${path.delimiter}${empty}`);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`POLICIES_DIR: ${empty} holds no policy files`);
    expect(published()).toBe('the published site');
  });
});

describe('npm run build: one at a time', () => {
  it('refuses while another build holds the lock, and takes over the lock of a dead one', () => {
    fs.mkdirSync(cache, { recursive: true });
    const lock = path.join(cache, 'build.lock');
    fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, started: 'now' }));
    const refused = build(path.join(dir, 'missing'));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`another build is running in this checkout (pid ${process.pid}`);
    expect(fs.existsSync(lock)).toBe(true);

    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    fs.writeFileSync(lock, JSON.stringify({ pid: dead, started: 'before' }));
    const next = build(path.join(dir, 'missing'));
    expect(next.stderr).toContain('does not exist'); // it got past the lock
    expect(fs.existsSync(lock)).toBe(false); // and released it
  });
});

describe('npm run build: killed', () => {
  it('leaves the published site whole after SIGKILL mid-build, and the next build cleans up', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'build.ts'), '--full'], { cwd: ROOT, env: env(SAMPLE), detached: true, stdio: 'ignore' });
    const next = `${out}.next`;
    // Kill the build (and its Astro) once Astro writes the new site.
    const deadline = Date.now() + 120_000;
    while (!fs.existsSync(next) && Date.now() < deadline && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fs.existsSync(next)).toBe(true);
    process.kill(-child.pid!, 'SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(published()).toBe('the published site');
    expect(fs.readdirSync(out)).toEqual(['index.html']);

    const after = build(path.join(dir, 'missing'));
    expect(after.stdout).toContain(`removed ${next}`);
    expect(fs.existsSync(next)).toBe(false);
    expect(published()).toBe('the published site');
  }, 180_000);
});
