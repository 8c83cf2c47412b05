/**
 * `npm run import -- <file|dir>... [--out <dir>] [--max-bytes <n>] [--verbose]`
 * Exit status: 0 all good (warnings allowed), 1 some file rejected, 2 usage error, 130 interrupted.
 */
import { formatDiagnostic, printable } from './errors.ts';
import { DEFAULT_MAX_BYTES, DEFAULT_OUT, formatSummary, importFiles } from './import-files.ts';
import { Progress, type ProgressStream } from './progress.ts';

const USAGE = `usage: npm run import -- <file|dir>... [--out <dir>] [--max-bytes <n>] [--verbose]

Imports archived privacy policy files (directories recursively) into <out>/<domain>/<date>.md.
  --out <dir>        output directory (default ${DEFAULT_OUT})
  --max-bytes <n>    reject larger files (default ${DEFAULT_MAX_BYTES}; suffixes k, M allowed)
  --verbose          one line per file
Problems are reported on stderr as <path>:<line>: <reason>; exit status 1 if any file was rejected.`;

export interface CliArgs {
  paths: string[];
  out: string;
  maxBytes: number;
  verbose: boolean;
  help: boolean;
}

export class UsageError extends Error {}

export function parseSize(value: string): number {
  const m = /^(\d+)\s*([kKmM]?)[bB]?$/.exec(value.trim());
  if (!m) throw new UsageError(`--max-bytes: not a size: "${value}"`);
  const unit = m[2].toLowerCase() === 'k' ? 1024 : m[2].toLowerCase() === 'm' ? 1024 * 1024 : 1;
  return Number(m[1]) * unit;
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { paths: [], out: DEFAULT_OUT, maxBytes: DEFAULT_MAX_BYTES, verbose: false, help: false };
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

export interface CliStreams {
  stdout: ProgressStream;
  stderr: { write(chunk: string): unknown };
}

export async function runCli(argv: readonly string[], streams: CliStreams, signal?: AbortSignal): Promise<number> {
  let args: CliArgs;
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
