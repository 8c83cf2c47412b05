/**
 * Atom feeds of new snapshots (the whole archive, and one per company), made by the `feed` library and dated by
 * archive dates (docs/data.md, "Deterministic bytes"). The library puts titles and summaries in CDATA marked
 * type="html", so a reader treats them as HTML: every string from a policy (company name, title) is escaped here
 * with the site's one HTML escape.
 */
import { Feed } from 'feed';
import { formatDate, policyPath, plural } from '../policies/views.ts';
import { escapeHtml } from '../policies/render.ts';
import { dataPaths, type PolicyEntry } from './snapshots.ts';

/** The whole-archive feed lists this many of the newest snapshots. */
export const FEED_ENTRIES = 50;

export interface FeedItem {
  policy: PolicyEntry;
  /** The snapshot before it in its series, if any. */
  previous?: PolicyEntry;
}

const signed = (n: number) => (n > 0 ? `+${n.toLocaleString('en')}` : n < 0 ? `−${(-n).toLocaleString('en')}` : '±0');

/** What an entry says about its snapshot: the change since the previous one of its series, in sizes. */
export function changeSummary({ policy, previous }: FeedItem): string {
  const { wordCount, summary } = policy.data;
  const size = `${plural(wordCount, 'word')} in ${plural(summary.clauseCount, 'clause')}`;
  if (!previous) return `First snapshot of this policy in the archive: ${size}.`;
  const counts = policy.data.history?.counts;
  if (counts) {
    const changed = counts.added + counts.removed + counts.edited === 0 ? 'no clause changed' : `${plural(counts.added, 'clause')} added, ${counts.removed.toLocaleString('en')} removed, ${counts.edited.toLocaleString('en')} edited`;
    return `${size}: ${changed} since the snapshot of ${formatDate(previous.data.archivedOn)}.`;
  }
  const words = wordCount - previous.data.wordCount;
  const clauses = summary.clauseCount - previous.data.summary.clauseCount;
  return `${size}: ${signed(words)} words and ${signed(clauses)} clauses since the snapshot of ${formatDate(previous.data.archivedOn)}.`;
}

const dayOf = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

/** `path`, `page`: site-relative paths of the feed itself and of the HTML page it follows. */
export function atomFeed(spec: { title: string; path: string; page: string; items: FeedItem[] }, site: URL): string {
  const abs = (path: string) => new URL(path, site).href;
  const newest = spec.items.map((item) => item.policy.data.archivedOn).sort().at(-1);
  const feed = new Feed({
    id: abs(spec.path),
    title: spec.title,
    link: abs(spec.page),
    feed: abs(spec.path),
    // An empty feed still needs a fixed date: the start of the epoch rather than the build's clock.
    updated: dayOf(newest ?? '1970-01-01'),
    generator: 'Privacy Policy Archive',
    copyright: 'Policy texts: see each snapshot\'s source and licence on /data/',
  });
  for (const item of spec.items) {
    const { policy } = item;
    const changes = dataPaths.changes(policy);
    const link = abs(changes ?? policyPath(policy.id));
    feed.addItem({
      title: escapeHtml(`${policy.data.company}: privacy policy of ${formatDate(policy.data.archivedOn)}`),
      id: abs(policyPath(policy.id)),
      link,
      date: dayOf(policy.data.archivedOn),
      description: `${escapeHtml(changeSummary(item))} <a href="${escapeHtml(abs(policyPath(policy.id)))}">${escapeHtml(policy.data.title)}</a>`,
    });
  }
  return feed.atom1();
}
