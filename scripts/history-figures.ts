/**
 * History figures of a corpus, computed as the site computes them (import, segmentation, src/lib/history/):
 *
 *   npm run history:figures [-- <corpus dir>... --json]
 *
 * Defaults: corpus/ota and corpus/princeton-leuven in SHARED_DIR (src/config.ts), imported into a temporary folder.
 * Prints: series and snapshots; share of clauses unchanged from the previous snapshot of their series; changes
 * per snapshot (median, 90th percentile, largest); changes pages per snapshot and the largest page's list HTML
 * gzipped; and, to choose EDIT_THRESHOLD, the histogram of the best word-Dice similarity of every clause that
 * has no identical counterpart in the previous snapshot.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { config } from '../src/config.ts';
import { segment } from '../src/lib/clauses/segment.ts';
import { collapse } from '../src/lib/clauses/tokens.ts';
import { splitFrontmatter } from '../src/lib/content/frontmatter.ts';
import { clauseTexts } from '../src/lib/history/pass.ts';
import { changeCounts, changeEntries } from '../src/lib/history/changes.ts';
import { alignClauses, countTokens, dice } from '../src/lib/history/lineage.ts';
import { renderChangePages } from '../src/lib/history/render-changes.ts';
import { groupSeries, type SeriesMember } from '../src/lib/history/series.ts';
import { importFiles } from '../src/lib/import/import-files.ts';
import { markdownFiles, policyIdOf } from '../src/loaders/policies.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const corpora = args.filter((a) => a !== '--json');
const inputs = corpora.length ? corpora : ['ota', 'princeton-leuven'].map((name) => path.join(config.SHARED_DIR, 'corpus', name));
const out = mkdtempSync(path.join(os.tmpdir(), 'history-figures-'));
try {
  const started = performance.now();
  const summary = await importFiles(inputs, { out });
  const policies = (await markdownFiles(out)).map((file) => {
    const { data, body } = splitFrontmatter(readFileSync(file, 'utf8'));
    const clauses = clauseTexts(segment(body).sections);
    return { id: policyIdOf([out], file), data: data as SeriesMember['data'], clauses };
  });
  const series = groupSeries(policies);
  let pairs = 0;
  let clausesWithPrevious = 0;
  let unchanged = 0;
  const changes: number[] = [];
  const pageCounts: number[] = [];
  let largest = { id: '', gzip: 0, changes: 0 };
  const bins = new Array(20).fill(0);
  let alignMs = 0;
  for (const list of series.values()) {
    for (let k = 1; k < list.length; k++) {
      const before = list[k - 1].clauses;
      const after = list[k].clauses;
      const t = performance.now();
      const alignment = alignClauses(before, after);
      alignMs += performance.now() - t;
      const counts = changeCounts(alignment);
      pairs++;
      clausesWithPrevious += after.length;
      unchanged += counts.unchanged;
      changes.push(counts.added + counts.removed + counts.edited);
      const pages = renderChangePages({ previousId: list[k - 1].id, currentId: list[k].id, previous: before, current: after, entries: changeEntries(alignment) });
      pageCounts.push(pages.length);
      for (const page of pages) {
        const gzip = gzipSync(page).length;
        if (gzip > largest.gzip) largest = { id: list[k].id, gzip, changes: counts.added + counts.removed + counts.edited };
      }
      // Similarity of each clause without an identical previous clause to its most similar previous clause.
      const beforeTexts = new Set(before.map((c) => collapse(c.text)));
      const afterTexts = new Set(after.map((c) => collapse(c.text)));
      const candidates = before.filter((c) => !afterTexts.has(collapse(c.text))).map((c) => countTokens(c.text));
      if (!candidates.length || candidates.length > 400) continue;
      for (const clause of after) {
        if (beforeTexts.has(collapse(clause.text))) continue;
        const bag = countTokens(clause.text);
        const best = Math.max(0, ...candidates.map((c) => dice(bag, c)));
        bins[Math.min(19, Math.floor(best * 20))]++;
      }
    }
  }
  const sorted = [...changes].sort((a, b) => a - b);
  const quantile = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const figures = {
    policies: policies.length,
    rejected: summary.rejected,
    series: series.size,
    seriesWithHistory: [...series.values()].filter((l) => l.length > 1).length,
    snapshotsWithPrevious: pairs,
    unchangedShare: unchanged / clausesWithPrevious,
    changesPerSnapshot: { median: quantile(0.5), p90: quantile(0.9), max: sorted[sorted.length - 1] },
    identicalSnapshots: changes.filter((c) => c === 0).length,
    changesPages: { total: pageCounts.reduce((a, b) => a + b, 0), max: Math.max(...pageCounts) },
    largestPageListGzip: largest,
    alignSeconds: alignMs / 1000,
    similarityHistogram: bins.map((n, i) => `${(i / 20).toFixed(2)}–${((i + 1) / 20).toFixed(2)}: ${n}`),
    seconds: (performance.now() - started) / 1000,
  };
  console.log(json ? JSON.stringify(figures, null, 2) : figures);
} finally {
  rmSync(out, { recursive: true, force: true });
}
