/** Sizes of a built site: whole output, search index, policy pages and topic pages (gzip, as served). */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export type SiteFigures = ReturnType<typeof siteFigures>;

/** Every file under `dir` (none when it does not exist). */
function filesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const entries = readdirSync(dir, { withFileTypes: true, recursive: true }).filter((entry) => entry.isFile());
  return entries.map((entry) => path.join(entry.parentPath, entry.name));
}

const bytesOf = (files: string[]) => files.reduce((sum, file) => sum + statSync(file).size, 0);

const gzipSize = (file: string) => gzipSync(readFileSync(file), { level: 6 }).length;

export function siteFigures(dist: string) {
  const files = filesIn(dist);
  const index = filesIn(path.join(dist, 'pagefind'));
  const policy: number[] = [];
  let topicPageGzipMax = 0;
  // The largest HTML page of any kind (the /policies/ index, the home page ...).
  let largestPage = { path: '', gzip: 0 };
  for (const file of files.filter((name) => name.endsWith('.html'))) {
    const rel = path.relative(dist, file).split(path.sep);
    const gz = gzipSize(file);
    if (gz > largestPage.gzip) largestPage = { path: `/${rel.slice(0, -1).join('/')}${rel.length > 1 ? '/' : ''}`, gzip: gz };
    // /policies/<domain>/<date>/index.html
    if (rel[0] === 'policies' && rel.length === 4) policy.push(gz);
    else if (rel[0] === 'topics' && rel.length >= 3) topicPageGzipMax = Math.max(topicPageGzipMax, gz);
  }
  policy.sort((a, b) => a - b);
  return {
    distBytes: bytesOf(files),
    distFiles: files.length,
    indexBytes: bytesOf(index),
    indexFiles: index.length,
    policyPages: policy.length,
    policyPageGzipMedian: policy.length ? policy[Math.floor(policy.length / 2)] : 0,
    policyPageGzipMax: policy.length ? policy[policy.length - 1] : 0,
    topicPageGzipMax,
    largestPage,
  };
}
