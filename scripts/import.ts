/** CLI entry point: `npm run import -- <file|dir>... [--out <dir>] [--max-bytes <n>]`. See src/lib/import/cli.ts. */
import { runCli } from '../src/lib/import/cli.ts';
import { removeLiveTemps } from '../src/lib/import/output.ts';

const controller = new AbortController();
let interrupts = 0;
const onSignal = () => {
  // First Ctrl-C: stop after the current file (no half-written output). Second: leave now.
  if (++interrupts > 1) {
    removeLiveTemps();
    process.exit(130);
  }
  controller.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }, controller.signal);
