/**
 * `npm run import -- <file|dir>... [--out <dir>] [--max-bytes <n>] [--verbose]`
 * Exit status: 0 all good (warnings allowed), 1 some file rejected, 2 usage error, 130 interrupted.
 *
 * Progress is silent for the first QUIET_MS (short runs). On a TTY: one line, redrawn in place at most ~10 times
 * a second (done/total, files/s, time left), cleared before any other output and at the end. Not a TTY (CI,
 * pipes): a plain line every PLAIN_EVERY_MS for long runs, nothing else.
 */
import { formatDiagnostic, printable } from './errors.ts';
import { DEFAULT_MAX_BYTES, DEFAULT_OUT, formatSummary, importFiles } from './import-files.ts';

const USAGE = `usage: npm run import -- <file|dir>... [--out <dir>] [--max-bytes <n>] [--verbose]

Imports archived privacy policy files (directories recursively) into <out>/<domain>/<date>.md.
  --out <dir>        output directory (default ${DEFAULT_OUT})
  --max-bytes <n>    reject larger files (default ${DEFAULT_MAX_BYTES}; suffixes k, M allowed)
  --verbose          one line per file
Problems are reported on stderr as <path>:<line>: <reason>; exit status 1 if any file was rejected.`;

export class UsageError extends Error {}

export function parseSize(value: string): number {
  const m = /^(\d+)\s*([kKmM]?)[bB]?$/.exec(value.trim());
  if (!m) throw new UsageError(`--max-bytes: not a size: "${value}"`);
  const unit = m[2].toLowerCase() === 'k' ? 1024 : m[2].toLowerCase() === 'm' ? 1024 * 1024 : 1;
  return Number(m[1]) * unit;
}

export function parseArgs(argv: readonly string[]) {
  const args = { paths: [] as string[], out: DEFAULT_OUT, maxBytes: DEFAULT_MAX_BYTES, verbose: false, help: false };
  let onlyPaths = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      args.paths.push(arg);
      continue;
    }
    if (arg === '--') { onlyPaths = true; continue; }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const value = (): string => {
      if (eq !== -1) return arg.slice(eq + 1);
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${name} needs a value`);
      return next;
    };
    switch (name) {
      case '--out': case '-o': args.out = value(); break;
      case '--max-bytes': args.maxBytes = parseSize(value()); break;
      case '--verbose': case '-v': args.verbose = true; break;
      case '--help': case '-h': args.help = true; break;
      default: throw new UsageError(`unknown option ${arg}`);
    }
  }
  if (!args.help && args.paths.length === 0) throw new UsageError('no input files or directories given');
  if (args.out === '') throw new UsageError('--out needs a directory');
  return args;
}

export async function runCli(
  argv: readonly string[],
  streams: { stdout: Stream; stderr: Stream },
  signal?: AbortSignal,
): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    streams.stderr.write(`import: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    streams.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const progress = new Progress(streams.stdout, { tty: streams.stdout.isTTY === true });
  const summary = await importFiles(args.paths, {
    out: args.out,
    maxBytes: args.maxBytes,
    signal,
    onEvent: (event) => {
      if (event.type === 'start') progress.begin(event.total);
      else if (event.type === 'diagnostic') {
        progress.clear();
        streams.stderr.write(`${formatDiagnostic(event.diagnostic)}\n`);
      } else {
        if (args.verbose && event.result.status !== 'rejected') {
          progress.clear();
          streams.stdout.write(`${event.result.status} ${printable(event.result.path)} -> ${printable(event.result.target ?? '')}\n`);
        }
        progress.update(event.done);
      }
    },
  });
  progress.clear();
  streams.stdout.write(`${formatSummary(summary)}\n`);
  if (summary.interrupted) return 130;
  return summary.rejected > 0 ? 1 : 0;
}

interface Stream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

const QUIET_MS = 500;
const REDRAW_EVERY_MS = 100;
const PLAIN_EVERY_MS = 5000;

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${String(s % 60).padStart(2, '0')} s` : `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export function progressText(done: number, total: number, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const left = rate > 0 ? (total - done) / rate : Number.POSITIVE_INFINITY;
  const pct = total > 0 ? Math.floor((done * 100) / total) : 100;
  return `${done}/${total} files (${pct}%), ${Math.round(rate)} files/s, ${formatDuration(left)} left`;
}

export class Progress {
  private readonly stream: Stream;
  private readonly tty: boolean;
  private readonly now: () => number;
  private start = 0;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private shown = false;
  private total = 0;

  constructor(stream: Stream, options: { tty: boolean; now?: () => number }) {
    this.stream = stream;
    this.tty = options.tty;
    this.now = options.now ?? (() => performance.now());
  }

  begin(total: number): void {
    this.total = total;
    this.start = this.now();
    this.lastDraw = this.start;
  }

  update(done: number): void {
    const t = this.now();
    if (t - this.start < QUIET_MS || done >= this.total) return;
    const every = this.tty ? REDRAW_EVERY_MS : PLAIN_EVERY_MS;
    if (t - this.lastDraw < every) return;
    this.lastDraw = t;
    const text = progressText(done, this.total, t - this.start);
    if (this.tty) {
      this.stream.write(`\r\x1b[2K${text}`);
      this.shown = true;
    } else {
      this.stream.write(`progress: ${text}\n`);
    }
  }

  clear(): void {
    if (this.shown) {
      this.stream.write('\r\x1b[2K');
      this.shown = false;
    }
  }
}
