/**
 * Runs a command and measures it: wall time, and peak memory and CPU time of its whole process tree, sampled
 * from /proc every 100 ms.
 * - Memory: the sum of the resident set sizes of the command and all its descendants (Astro and Pagefind run as
 *   child processes, so the largest single process would under-report), plus the growth of shared memory since
 *   the start: files in /dev/shm, where the index step writes the passages Pagefind reads (machine-wide, so the
 *   figure is true on an otherwise idle machine).
 * - CPU: the sum over every process seen in the tree of its user + system time at its last sample. Not the
 *   shell's `times`: that counts only the descendants each parent waited for, and Pagefind's backend is killed
 *   without being waited for, so `times` left out most of the index step (9 of 44 CPU seconds at 1,500
 *   policies). A process's last <100 ms, and processes shorter than that, are missed.
 * - Steal: the CPU time the host took from this virtual machine; on these machines the same 10,000-policy build
 *   took 447 s one hour and 212 s the next.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface Measurement {
  exitCode: number;
  seconds: number;
  peakBytes: number;
  cpuSeconds: number;
  /** CPU time the host took from this virtual machine during the run ("steal" in /proc/stat; machine-wide). */
  stealSeconds: number;
}

const PAGE_SIZE = 4096;
/** Clock ticks per second of /proc's CPU times. */
const TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/** A file of /proc, or "" when it is gone (the process ended while we looked) or missing. */
function readProc(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** /proc/<pid>/stat after the command name: state [0], ppid [1], utime [11], stime [12], starttime [19]. */
function statFields(pid: number): string[] | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  return stat ? stat.slice(stat.lastIndexOf(')') + 2).split(' ') : undefined;
}

/** Every process's children, by the parent's pid. */
function childrenOf(): Map<number, number[]> {
  const pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).map(Number);
  return Map.groupBy(pids, (pid) => Number(statFields(pid)?.[1] ?? -1));
}

/**
 * The resident memory of a process tree now; records each process's CPU ticks so far in `cpu` (keyed by pid and
 * start time, as pids are reused).
 */
function sampleTree(root: number, cpu: Map<string, number>): number {
  const children = childrenOf();
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    const statm = readProc(`/proc/${pid}/statm`).split(' ');
    const fields = statFields(pid);
    if (statm.length > 1 && fields) {
      total += Number(statm[1]) * PAGE_SIZE;
      cpu.set(`${pid}:${fields[19]}`, Number(fields[11]) + Number(fields[12]));
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Steal time of all cores so far, in clock ticks (0 where /proc/stat is missing). */
function stealTicks(): number {
  // cpu  user nice system idle iowait irq softirq steal ...
  return Number(readProc('/proc/stat').split('\n', 1)[0].trim().split(/\s+/)[8] ?? 0);
}

/** Shared memory in use on the machine (tmpfs files among it), in bytes; 0 where /proc/meminfo is missing. */
function sharedMemory(): number {
  return Number(/^Shmem:\s+(\d+) kB$/m.exec(readProc('/proc/meminfo'))?.[1] ?? 0) * 1024;
}

export function measure(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; quiet?: boolean } = {}): Promise<Measurement> {
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', options.quiet ? 'ignore' : 'inherit', 'inherit'],
  });
  let peakBytes = 0;
  const cpu = new Map<string, number>();
  const sharedAtStart = sharedMemory();
  const stealAtStart = stealTicks();
  const timer = setInterval(() => {
    if (child.pid) peakBytes = Math.max(peakBytes, sampleTree(child.pid, cpu) + Math.max(0, sharedMemory() - sharedAtStart));
  }, 100);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      const ticks = [...cpu.values()].reduce((sum, value) => sum + value, 0);
      resolve({ exitCode: code ?? 1, seconds: (performance.now() - started) / 1000, peakBytes, cpuSeconds: ticks / TICKS, stealSeconds: (stealTicks() - stealAtStart) / TICKS });
    });
  });
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024).toFixed(1)} kB`;
}
