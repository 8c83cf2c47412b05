/**
 * CSV as RFC 4180 writes it (UTF-8, one header row, "\r\n" line ends, a field quoted when it holds a comma, quote
 * or line break), with a text cell that a spreadsheet would run as a formula prefixed by an apostrophe
 * (docs/data.md, "Formula injection"). Numbers are written as numbers, never prefixed.
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
