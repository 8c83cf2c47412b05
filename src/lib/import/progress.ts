/**
 * Progress display for the CLI, silent for the first QUIET_MS (short runs). On a TTY: one line, redrawn in place
 * at most ~10 times a second (done/total, files/s, time left), cleared before any other output and at the end.
 * Not a TTY (CI, pipes): a plain line every PLAIN_EVERY_MS for long runs, nothing else.
 */
export interface ProgressStream {
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
  private readonly stream: ProgressStream;
  private readonly tty: boolean;
  private readonly now: () => number;
  private start: number;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private shown = false;
  private total = 0;

  constructor(stream: ProgressStream, options: { tty: boolean; now?: () => number }) {
    this.stream = stream;
    this.tty = options.tty;
    this.now = options.now ?? (() => performance.now());
    this.start = this.now();
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

  /** Clears the progress line (before other output to the same terminal, and at the end). */
  clear(): void {
    if (this.shown) {
      this.stream.write('\r\x1b[2K');
      this.shown = false;
    }
  }
}
