/**
 * Diagnostics: every problem with an input file is reported as `<path>:<line>: <reason>`
 * (errors) or `<path>:<line>: warning: <reason>` (warnings). Line 0 means "the file as a whole"
 * (missing, not a regular file, too large): there is no line to point at.
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  path: string;
  line: number;
  message: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  return d.severity === 'warning'
    ? `${d.path}:${d.line}: warning: ${d.message}`
    : `${d.path}:${d.line}: ${d.message}`;
}

/** A rejection of one input file: carries the line it refers to. */
export class InputError extends Error {
  line: number;
  constructor(line: number, message: string) {
    super(message);
    this.name = 'InputError';
    this.line = line;
  }
}
