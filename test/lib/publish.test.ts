/**
 * Atomic publishing and the build lock (src/lib/build/publish.ts, lock.ts), on temporary folders.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, LockedError } from '../../src/lib/build/lock.ts';
import { cleanLeftovers, completeAdditions, publish, publishAdditions, stagePaths } from '../../src/lib/build/publish.ts';

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

describe('publishAdditions', () => {
  const manifest = (...keys: string[]) => JSON.stringify({ version: 1, partitions: keys.map((key) => ({ key })) });
  const addition = (stage: ReturnType<typeof stagePaths>) => {
    write(path.join(stage.out, 'index.html'), 'old home');
    write(path.join(stage.out, 'policies', 'a.com', '2020-01-01', 'index.html'), 'old snapshot');
    write(path.join(stage.out, 'pagefind', 'p1', 'pagefind-entry.json'), 'kept partition');
    write(path.join(stage.out, 'pagefind', 'p2', 'pagefind-entry.json'), 'replaced partition');
    write(path.join(stage.out, 'pagefind', 'partitions.json'), manifest('p1', 'p2'));
    write(path.join(stage.additions, 'index.html'), 'new home');
    write(path.join(stage.additions, 'policies', 'a.com', '2021-01-01', 'index.html'), 'new snapshot');
    write(path.join(stage.additions, 'policies', 'a.com', '2021-01-01', 'changes', 'index.html'), 'its changes');
    write(path.join(stage.additions, 'pagefind', 'p3', 'pagefind-entry.json'), 'new partition');
    write(path.join(stage.additions, 'pagefind', 'partitions.json'), manifest('p1', 'p3'));
  };

  it('moves new and changed files into the published site, and removes the partitions no longer listed', () => {
    const stage = stagePaths(path.join(dir, 'dist'));
    addition(stage);
    const before = fs.statSync(path.join(stage.out, 'policies', 'a.com', '2020-01-01', 'index.html')).ino;
    completeAdditions(stage);
    // index.html, the new snapshot's folder (whole), the new partition's folder (whole), partitions.json
    expect(publishAdditions(stage)).toBe(4);
    expect(read(path.join(stage.out, 'index.html'))).toBe('new home');
    expect(read(path.join(stage.out, 'policies', 'a.com', '2021-01-01', 'changes', 'index.html'))).toBe('its changes');
    expect(fs.statSync(path.join(stage.out, 'policies', 'a.com', '2020-01-01', 'index.html')).ino).toBe(before); // untouched
    expect(fs.readdirSync(path.join(stage.out, 'pagefind')).sort()).toEqual(['p1', 'p3', 'partitions.json']);
    expect(read(path.join(stage.out, 'pagefind', 'p1', 'pagefind-entry.json'))).toBe('kept partition');
    expect(fs.existsSync(stage.additions)).toBe(false);
  });

  it('is finished by the next build when a build was stopped after the addition was complete', () => {
    const stage = stagePaths(path.join(dir, 'dist'));
    addition(stage);
    completeAdditions(stage);
    // Stopped after the first moves: the new home page is published, the rest is still waiting.
    fs.renameSync(path.join(stage.additions, 'index.html'), path.join(stage.out, 'index.html'));
    expect(cleanLeftovers(stage)).toEqual([`published the 3 files of ${stage.additions} (a build was stopped while publishing them)`]);
    expect(read(path.join(stage.out, 'policies', 'a.com', '2021-01-01', 'index.html'))).toBe('new snapshot');
    expect(JSON.parse(read(path.join(stage.out, 'pagefind', 'partitions.json'))).partitions.map((p: { key: string }) => p.key)).toEqual(['p1', 'p3']);
    expect(fs.existsSync(stage.additions)).toBe(false);
  });

  it('removes an addition that was not complete, and leaves the published site as it was', () => {
    const stage = stagePaths(path.join(dir, 'dist'));
    addition(stage);
    expect(cleanLeftovers(stage)).toEqual([`removed ${stage.additions} (left by a build that did not finish)`]);
    expect(read(path.join(stage.out, 'index.html'))).toBe('old home');
    expect(fs.readdirSync(path.join(stage.out, 'pagefind')).sort()).toEqual(['p1', 'p2', 'partitions.json']);
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
