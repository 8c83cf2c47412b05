/**
 * CSV as RFC 4180 writes it and pandas, DuckDB and spreadsheets read it: UTF-8, one header row, comma
 * separated, "\r\n" line ends, a field quoted when it holds a comma, quote or line break (quotes doubled).
 *
 * Formula injection (OWASP, "CSV Injection"): a spreadsheet runs a cell that starts with =, +, -, @, a tab or a
 * carriage return as a formula. Policy text and titles are untrusted, so such a text cell gets a leading
 * apostrophe ("'-1 for..."), which spreadsheets show as text. Real policy text often starts with "-" (list
 * dashes), so a program reading the file should strip one leading apostrophe from text columns where the next
 * character is one of those six (docs/data.md). Numbers are written as numbers, never prefixed.
 */
export type Cell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<Row extends Record<string, Cell>>(columns: readonly (keyof Row & string)[], rows: Row[]): string {
  const lines = [columns.join(','), ...rows.map((row) => columns.map((column) => csvCell(row[column])).join(','))];
  return lines.map((line) => `${line}\r\n`).join('');
}
