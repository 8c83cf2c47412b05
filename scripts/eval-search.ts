/**
 * The relevance command:  npm run eval:search [-- --rebuild] [--only dev|held-out] [--verbose]
 *
 * Builds a site per set of OPP-115 policies (dev, held-out) into .cache/eval-search/, types each set's questions
 * into the REAL search page in Chromium, and scores the clause links shown against OPP-115's categories, beside
 * a plain BM25 ranking: docs/search.md ("The measurement") says how. The last line is the held-out set's:
 *   search P@10 <x> BM25 <y>
 * A site is built once and reused (the build takes ~30 s a set); --rebuild builds again (after a change to
 * the indexing; a change to the search page's script also needs it, since the page is bundled at build).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { config } from '../src/config.ts';
import { clausesOfPage, labelClauses, type LabelledClause } from '../src/lib/search/eval/clauses.ts';
import { bm25Rank, mean, precisionAt } from '../src/lib/search/eval/metrics.ts';
import { ARCHIVED_ON, domainOf, policyFile, readOpp115, setOf, type SetName } from '../src/lib/search/eval/opp115.ts';
import { launchBrowser } from '../test/support/browser.ts';
import { serveDirectory } from '../test/support/static-server.ts';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const rebuild = args.includes('--rebuild');
const verbose = args.includes('--verbose');
const only = args.includes('--only') ? (args[args.indexOf('--only') + 1] as SetName) : undefined;
const source = path.join(config.SHARED_DIR, 'opp115', 'dev.jsonl');
const work = path.join(root, '.cache/eval-search');
const questions = JSON.parse(readFileSync(path.join(root, 'src/lib/search/eval/questions.json'), 'utf8')) as Record<SetName, { q: string; category: string }[]>;

const policies = readOpp115(source);

function buildSite(set: SetName): string {
  const dir = path.join(work, set);
  const site = path.join(dir, 'site');
  if (!rebuild && existsSync(path.join(site, 'search/index.html'))) return site;
  rmSync(dir, { recursive: true, force: true });
  const raw = path.join(dir, 'raw');
  mkdirSync(raw, { recursive: true });
  for (const policy of policies.filter((p) => setOf(p) === set)) writeFileSync(path.join(raw, `${policy.name}.txt`), policyFile(policy));
  const run = (npmArgs: string[], env: NodeJS.ProcessEnv = {}) => execFileSync('npm', ['run', '--silent', ...npmArgs], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env } });
  console.error(`[eval-search] building the ${set} site…`);
  run(['import', '--', raw, '--out', path.join(dir, 'policies')]);
  run(['build', '--', '--full'], { POLICIES_DIR: path.join(dir, 'policies'), OUT_DIR: site, CACHE_DIR: path.join(dir, 'astro-cache') });
  return site;
}

/** The set's clauses with their categories, and where each section heading link lands. */
function labelledClauses(set: SetName, site: string): { clauses: LabelledClause[]; landings: Map<string, string> } {
  const landings = new Map<string, string>();
  const clauses = policies
    .filter((policy) => setOf(policy) === set)
    .flatMap((policy) => {
      const url = `/policies/${domainOf(policy)}/${ARCHIVED_ON}/`;
      const file = path.join(site, url, 'index.html');
      if (!existsSync(file)) throw new Error(`${file}: no page for OPP-115 policy ${policy.name}`);
      const html = readFileSync(file, 'utf8');
      const page = clausesOfPage(html, url);
      for (const [heading, clause] of page.landings) landings.set(heading, clause);
      return labelClauses(page.clauses, policy.segments);
    });
  return { clauses, landings };
}

/** The clause links the search page shows for a question, in page order, asking for more until there are k. */
async function searchLinks(page: import('playwright-core').Page, query: string, k: number): Promise<string[]> {
  await page.goto(`/search/?q=${encodeURIComponent(query)}`);
  await page.waitForFunction(() => {
    const status = document.getElementById('search-status');
    return !!status?.textContent && !status.hasAttribute('aria-busy');
  });
  const links = () => page.$$eval('#search-results a[href*="#"]', (anchors) => anchors.map((a) => new URL((a as HTMLAnchorElement).href).pathname + new URL((a as HTMLAnchorElement).href).hash));
  let found = await links();
  while (found.length < k && (await page.isVisible('#search-more'))) {
    await page.click('#search-more');
    await page.waitForFunction((count) => document.querySelectorAll('#search-results a[href*="#"]').length > count || (document.getElementById('search-more') as HTMLButtonElement).hidden, found.length);
    found = await links();
  }
  return found;
}

const summary: Record<string, { search: number; bm25: number }> = {};
const browser = await launchBrowser();
try {
  for (const set of ['dev', 'held-out'] as const) {
    if (only && only !== set) continue;
    const site = buildSite(set);
    const { clauses, landings } = labelledClauses(set, site);
    const byLink = new Map(clauses.map((clause) => [clause.link, clause]));
    // A heading link is judged as the clause it lands on (the first of its section), and counted.
    for (const [heading, clause] of landings) byLink.set(heading, byLink.get(clause)!);
    const server = await serveDirectory(site);
    const page = await (await browser.newContext({ baseURL: server.url })).newPage();
    let headingLinks = 0;
    let links = 0;
    const rows: { q: string; s5: number; s10: number; b5: number; b10: number }[] = [];
    console.log(`\n${set}: ${policies.filter((p) => setOf(p) === set).length} policies, ${clauses.length} clauses, ${questions[set].length} questions`);
    console.log('P@5  P@10 | BM25 P@5 P@10 | question (category)');
    for (const { q, category } of questions[set]) {
      const relevant = (link: string) => byLink.get(link)?.categories.includes(category) ?? false;
      const shown = await searchLinks(page, q, 10);
      headingLinks += shown.slice(0, 10).filter((link) => landings.has(link)).length;
      links += Math.min(10, shown.length);
      const unknown = shown.filter((link) => !byLink.has(link));
      if (unknown.length) console.error(`[eval-search] links to no clause: ${unknown.slice(0, 3).join(', ')}`);
      const baseline = bm25Rank(clauses.map((clause) => ({ id: clause.link, text: clause.text })), q);
      const row = { q, s5: precisionAt(5, shown, relevant), s10: precisionAt(10, shown, relevant), b5: precisionAt(5, baseline, relevant), b10: precisionAt(10, baseline, relevant) };
      rows.push(row);
      console.log(`${row.s5.toFixed(2)} ${row.s10.toFixed(2)} | ${row.b5.toFixed(2)}     ${row.b10.toFixed(2)} | ${q} (${category})`);
      if (verbose) for (const link of shown.slice(0, 10)) console.log(`      ${relevant(link) ? '+' : '-'} ${link} ${byLink.get(link)?.text.slice(0, 90) ?? ''}`);
    }
    const [s5, s10, b5, b10] = (['s5', 's10', 'b5', 'b10'] as const).map((k) => mean(rows.map((r) => r[k])));
    console.log(`${s5.toFixed(2)} ${s10.toFixed(2)} | ${b5.toFixed(2)}     ${b10.toFixed(2)} | mean of ${rows.length} (${set})`);
    console.log(`${headingLinks} of the ${links} first-ten links shown are section headings`);
    summary[set] = { search: s10, bm25: b10 };
    await page.context().close();
    await server.close();
  }
} finally {
  await browser.close();
}
console.log('');
for (const [set, { search, bm25 }] of Object.entries(summary)) console.log(`${set}: search P@10 ${search.toFixed(2)} BM25 ${bm25.toFixed(2)}`);
const last = summary['held-out'] ?? summary.dev;
console.log(`search P@10 ${last.search.toFixed(2)} BM25 ${last.bm25.toFixed(2)}`);
