/** A calendar date written YYYY-MM-DD that really exists (same rule as schema.ts's isoDate). */
export function isValidDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The first privacy policies on the web are from the late 1990s; the web itself from 1991. */
const EARLIEST_ARCHIVE_DATE = '1991-01-01';

/** Why an archive date cannot be true (before the web, or after today), or undefined when it can. */
export function implausibleDate(date: string, today = new Date().toISOString().slice(0, 10)): string | undefined {
  if (date < EARLIEST_ARCHIVE_DATE) return `archive date ${date} is before the web (${EARLIEST_ARCHIVE_DATE})`;
  if (date > today) return `archive date ${date} is in the future (today is ${today})`;
  return undefined;
}
