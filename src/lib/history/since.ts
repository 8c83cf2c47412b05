/**
 * `data-since` on a policy page: every clause element (the one carrying the clause id) gets the archive date of
 * the earliest snapshot of its series from which its text is unchanged; when the snapshot has a previous one,
 * clauses new or edited in it also say so in words ("New in this version"), the others stay as they are: the
 * page header says how many are unchanged and since when (a line per clause would be clutter).
 */
const CLAUSE_OPEN = /<(p|li|div) class="clause" id="([^"]+)"([^>]*)>/g;

export function markSince(body: string, since: Readonly<Record<string, string>>, date: string, hasPrevious: boolean): string {
  return body.replace(CLAUSE_OPEN, (_open, tag: string, id: string, rest: string) => {
    const day = since[id] ?? date;
    const isNew = hasPrevious && day === date;
    return `<${tag} class="clause" id="${id}"${rest} data-since="${day}">${isNew ? '<span class="since" data-pagefind-ignore>New in this version</span>' : ''}`;
  });
}

/** The oldest `since` among the clauses, with how many clauses have it. */
export function oldestSince(since: Readonly<Record<string, string>>): { date: string; count: number } | undefined {
  let oldest: string | undefined;
  let count = 0;
  for (const day of Object.values(since)) {
    if (oldest === undefined || day < oldest) [oldest, count] = [day, 1];
    else if (day === oldest) count++;
  }
  return oldest === undefined ? undefined : { date: oldest, count };
}
