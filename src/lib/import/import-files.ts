/**
 * The importer: archived policy files in, one Markdown file per policy out (<out>/<domain>/<date>[-n].md).
 * Never throws for bad input: each rejected file becomes a diagnostic, the others still import.
 */
import fs from 'node:fs';
import path from 'node:path';
import { convertPolicy } from './convert.ts';
import { InputError, type Diagnostic } from './errors.ts';
import { expandPaths } from './files.ts';
import { renderPolicyFile } from '../content/frontmatter.ts';
import { OutputIndex, replaceFile, writeNewFile } from './output.ts';
import { serviceOf } from './service.ts';

export const DEFAULT_OUT = 'src/content/policies';
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
/** A replaced file's previous content is kept beside it under this suffix (not *.md: never loaded as a policy). */
export const PREVIOUS_SUFFIX = '.previous';

type FileStatus = 'imported' | 'updated' | 'unchanged' | 'rejected';

interface FileResult {
  path: string;
  status: FileStatus;
  /** Policy id `<domain>/<date>[-n]` (not for rejected files). */
  id?: string;
  /** Output file written or recognised (not for rejected files). */
  target?: string;
}

type ImportEvent =
  | { type: 'start'; total: number }
  | { type: 'file'; result: FileResult; done: number }
  | { type: 'diagnostic'; diagnostic: Diagnostic };

export interface ImportOptions {
  out?: string;
  maxBytes?: number;
  onEvent?: (event: ImportEvent) => void;
  /** Stops between files when aborted (Ctrl-C); files done so far stay done. */
  signal?: AbortSignal;
}

export interface ImportSummary {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: number;
  interrupted: boolean;
  elapsedMs: number;
  results: FileResult[];
  diagnostics: Diagnostic[];
}

export function formatSummary(s: ImportSummary): string {
  const secs = (s.elapsedMs / 1000).toFixed(1);
  return `${s.interrupted ? 'interrupted: ' : ''}imported ${s.imported}, updated ${s.updated}, unchanged ${s.unchanged}, rejected ${s.rejected}, warnings ${s.warnings} in ${secs} s`;
}

export async function importFiles(paths: readonly string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const emit = options.onEvent ?? (() => {});
  const summary: ImportSummary = {
    imported: 0, updated: 0, unchanged: 0, rejected: 0, warnings: 0,
    interrupted: false, elapsedMs: 0, results: [], diagnostics: [],
  };
  const diagnose = (d: Diagnostic) => {
    summary.diagnostics.push(d);
    if (d.severity === 'warning') summary.warnings++;
    emit({ type: 'diagnostic', diagnostic: d });
  };
  const { files, problems } = expandPaths(paths);
  emit({ type: 'start', total: files.length + problems.length });
  let done = 0;
  const finish = (result: FileResult) => {
    summary.results.push(result);
    summary[result.status]++;
    done++;
    emit({ type: 'file', result, done });
  };
  const reject = (file: string, line: number, message: string) => {
    diagnose({ severity: 'error', path: file, line, message });
    finish({ path: file, status: 'rejected' });
  };
  for (const problem of problems) reject(problem.path, 0, problem.message);

  const index = new OutputIndex(options.out ?? DEFAULT_OUT);
  let lastYield = performance.now();
  for (const file of files) {
    if (options.signal?.aborted) {
      summary.interrupted = true;
      break;
    }
    try {
      finish(importOne(file.path, file.size, maxBytes, index, diagnose));
    } catch (error) {
      if (error instanceof InputError) reject(file.path, error.line, error.message);
      else reject(file.path, 0, describeError(error));
    }
    // Let timers and signal handlers run (progress redraw, Ctrl-C) without slowing the loop.
    if (performance.now() - lastYield > 25) {
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
  }
  summary.elapsedMs = performance.now() - started;
  return summary;
}

function describeError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e && typeof e === 'object' && e.code) return `${e.syscall ?? 'i/o'} failed: ${e.code}${e.path ? ` (${e.path})` : ''}`;
  return `internal error: ${error instanceof Error ? error.message : String(error)}`;
}

function importOne(
  file: string,
  size: number,
  maxBytes: number,
  index: OutputIndex,
  diagnose: (d: Diagnostic) => void,
): FileResult {
  if (size > maxBytes) throw new InputError(0, `file too large: ${size} bytes, the limit is ${maxBytes} (--max-bytes)`);
  const bytes = fs.readFileSync(file);
  if (bytes.length > maxBytes) throw new InputError(0, `file too large: ${bytes.length} bytes, the limit is ${maxBytes} (--max-bytes)`);
  const converted = convertPolicy(bytes);
  for (const w of converted.warnings) diagnose({ severity: 'warning', path: file, line: w.line, message: w.message });
  const service = serviceOf(converted.frontmatter.snapshotUrl, file, converted.frontmatter.domain);
  const fm = service ? { ...converted.frontmatter, service } : converted.frontmatter;
  const hash = fm.contentHash;
  const base = service ? `${fm.archivedOn}-${service}` : fm.archivedOn; // before any same-day suffix
  const content = renderPolicyFile(fm, converted.body);
  const result = (status: FileStatus, target: string): FileResult =>
    ({ path: file, status, id: `${fm.domain}/${path.basename(target, '.md')}`, target });

  const existing = index.find(fm.domain, base, hash);
  if (existing) {
    let current: string | undefined;
    try {
      current = fs.readFileSync(existing, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === content) return result('unchanged', existing);
    if (current !== undefined) {
      // Hand-edited, or written by an older importer: it is replaced (the input is the source of truth), but
      // never in silence and never lost.
      replaceFile(`${existing}${PREVIOUS_SUFFIX}`, current);
      diagnose({ severity: 'warning', path: file, line: 0, message: `${existing} differed from this import of the same file (hand-edited, or written by an older importer): replaced; its previous content is in ${existing}${PREVIOUS_SUFFIX}` });
    }
    replaceFile(existing, content);
    return result('updated', existing);
  }
  // Imported before under the earlier, order-dependent name: moved to its own name (the old URL redirects).
  const former = index.findFormer(fm.domain, fm.archivedOn, base, hash);
  for (;;) {
    const target = index.nextFree(fm.domain, base);
    if (writeNewFile(target, content)) {
      index.recordAdded(fm.domain, target, hash);
      if (!former) return result('imported', target);
      fs.rmSync(former, { force: true });
      index.recordRemoved(fm.domain, former);
      return result('updated', target);
    }
    // Created meanwhile, now taken: by a concurrent run of the same import, that is our file.
    index.recordAdded(fm.domain, target);
    if (index.hashOf(target) === hash) return result('unchanged', target);
  }
}
