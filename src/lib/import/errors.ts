/**
 * Every problem with an input file is printed `<path>:<line>: [warning: ]<reason>`. Line 0 means "the file as a
 * whole" (missing, not a regular file, too large): there is no line to point at.
 */
export interface Diagnostic {
  severity: 'error' | 'warning';
  path: string;
  line: number;
  message: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${printable(d.path)}:${d.line}: ${d.severity === 'warning' ? 'warning: ' : ''}${printable(d.message)}`;
}

/**
 * File names and header text come from the input: printed raw, an escape sequence would drive the terminal
 * and a newline would forge a diagnostic line. Control characters (C0, DEL, C1) and the bidirectional
 * overrides are written as \xNN or \u{NNNN}; everything else as it is.
 */
export function printable(text: string): string {
  return text.replace(/[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
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
