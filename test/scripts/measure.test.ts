/**
 * The benchmark's measurement (scripts/lib/measure.ts): peak memory is the whole process tree's plus what it
 * put in shared memory (the index step writes its passages to /dev/shm), and CPU counts every process.
 */
import { describe, expect, it } from 'vitest';
import { measure } from '../../scripts/lib/measure.ts';

const MB = 1024 ** 2;

describe('measure', () => {
  it('counts files a command keeps in /dev/shm as its memory', async () => {
    // A child writes 48 MB to /dev/shm (small enough for a container's 64 MB default) and holds it for a second;
    // its own memory grows by a 4 MB block only.
    const script = `
      const fs = require('node:fs');
      const file = '/dev/shm/measure-test-' + process.pid;
      const block = Buffer.alloc(4 * 1024 * 1024, 1);
      for (let i = 0; i < 12; i++) fs.appendFileSync(file, block);
      setTimeout(() => fs.rmSync(file), 1000);`;
    const withFile = await measure(process.execPath, ['-e', script], { quiet: true });
    const without = await measure(process.execPath, ['-e', 'setTimeout(() => {}, 1000)'], { quiet: true });
    expect(withFile.exitCode).toBe(0);
    expect(withFile.peakBytes - without.peakBytes).toBeGreaterThan(40 * MB);
  });

  it('counts the CPU time of child processes', async () => {
    // The parent waits idle while its child spins until it has used a second of CPU time (not of wall time: on a
    // busy machine a second of wall time may hold a fraction of a second of CPU).
    const child = `while (process.cpuUsage().user + process.cpuUsage().system < 1e6);`;
    const parent = `require('node:child_process').spawnSync(process.execPath, ['-e', ${JSON.stringify(child)}])`;
    const result = await measure(process.execPath, ['-e', parent], { quiet: true });
    expect(result.cpuSeconds).toBeGreaterThan(0.8);
    expect(result.stealSeconds).toBeGreaterThanOrEqual(0);
  });
});
