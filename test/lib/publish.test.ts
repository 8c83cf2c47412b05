/**
 * Atomic publishing and the build lock (src/lib/build/publish.ts, lock.ts), on temporary folders.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, LockedError } from '../../src/lib/build/lock.ts';
import { cleanLeftovers, linkTree, publish, stagePaths } from '../../src/lib/build/publish.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'publish-test-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (file: string, content: string) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
};
const read = (file: string) => fs.readFileSync(file, 'utf8');
/** The pid of a process that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

describe('publish', () => {
  it('replaces the published site with the finished one', () => {
    const stage = stagePaths(path.join(dir, 'dist'));
    write(path.join(stage.out, 'index.html'), 'old');
    write(path.join(stage.next, 'index.html'), 'new');
    publish(stage);
    expect(read(path.join(stage.out, 'index.html'))).toBe('new');
    expect(fs.existsSync(stage.next) || fs.existsSync(stage.old)).toBe(false);
  });

  it('publishes a first site', () => {
    const stage = stagePaths(path.join(dir, 'dist'));
    write(path.join(stage.next, 'index.html'), 'new');
    publish(stage);
    expect(read(path.join(stage.out, 'index.html'))).toBe('new');
  });
});

describe('cleanLeftovers', () => {
  it('removes an unfinished site and keeps the published one', () => {
    const stage = stagePaths(path.join(dir, 'dist'));
    write(path.join(stage.out, 'index.html'), 'published');
    write(path.join(stage.next, 'half.html'), '');
    write(path.join(stage.old, 'index.html'), 'older');
    expect(cleanLeftovers(stage)).toHaveLength(2);
    expect(read(path.join(stage.out, 'index.html'))).toBe('published');
    expect(fs.existsSync(stage.next) || fs.existsSync(stage.old)).toBe(false);
  });

  it('puts the published site back when a build was stopped between the two renames', () => {
    const stage = stagePaths(path.join(dir, 'dist'));
    write(path.join(stage.old, 'index.html'), 'published');
    write(path.join(stage.next, 'index.html'), 'unfinished');
    cleanLeftovers(stage);
    expect(read(path.join(stage.out, 'index.html'))).toBe('published');
    expect(fs.existsSync(stage.next)).toBe(false);
  });
});

describe('linkTree', () => {
  it('links every file, so a replaced file in the copy leaves the original as it was', () => {
    write(path.join(dir, 'a', 'x', 'page.html'), 'one');
    write(path.join(dir, 'a', 'y.html'), 'two');
    expect(linkTree(path.join(dir, 'a'), path.join(dir, 'b'))).toBe(2);
    expect(fs.statSync(path.join(dir, 'b', 'x', 'page.html')).ino).toBe(fs.statSync(path.join(dir, 'a', 'x', 'page.html')).ino);
    write(path.join(dir, 'new.html'), 'three');
    fs.renameSync(path.join(dir, 'new.html'), path.join(dir, 'b', 'y.html'));
    expect(read(path.join(dir, 'a', 'y.html'))).toBe('two');
  });
});

describe('acquireLock', () => {
  it('refuses a second holder while the first runs, naming it', () => {
    const file = path.join(dir, 'build.lock');
    const release = acquireLock(file);
    expect(() => acquireLock(file)).toThrow(LockedError);
    expect(() => acquireLock(file)).toThrow(new RegExp(`pid ${process.pid}`));
    release();
    expect(fs.existsSync(file)).toBe(false);
    acquireLock(file)();
  });

  it('takes over the lock of a process that is gone', () => {
    const file = path.join(dir, 'build.lock');
    write(file, JSON.stringify({ pid: deadPid(), started: '2026-01-01T00:00:00Z' }));
    const release = acquireLock(file);
    expect(JSON.parse(read(file)).pid).toBe(process.pid);
    release();
  });
});
