/** Public API of the importer (used by scripts/import.ts, tests and the benchmark harness). */
export { importFiles, formatSummary, DEFAULT_OUT, DEFAULT_MAX_BYTES } from './import.ts';
export type { ImportOptions, ImportSummary, ImportEvent, FileResult, FileStatus } from './import.ts';
export { convertPolicy } from './convert.ts';
export { parseHeader } from './header.ts';
export type { Header, HeaderResult } from './header.ts';
export { decodeWaybackUrl } from './wayback.ts';
export { alternativeName, companyName, deriveCompany, mainLabel } from './company.ts';
export { deriveTitle } from './title.ts';
export { neutraliseBody } from './neutralise.ts';
export { countWords } from './words.ts';
export { formatDiagnostic } from './errors.ts';
export type { Diagnostic } from './errors.ts';
export { runCli } from './cli.ts';
