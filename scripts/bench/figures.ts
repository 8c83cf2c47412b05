/** Sizes of a built site: whole output, search index, policy pages and topic pages (gzip, as served). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface SiteFigures {
  distBytes: number;
  distFiles: number;
  indexBytes: number;
  indexFiles: number;
  policyPages: number;
  policyPageGzipMedian: number;
  policyPageGzipMax: number;
  topicPageGzipMax: number;
  /** The largest HTML page of any kind (the /policies/ index, the home page ...), gzip. */
  largestPage: { path: string; gzip: number };
}

function walk(dir: string, visit: (file: string, size: number) => void): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true, recursive: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    visit(file, statSync(file).size);
  }
}

const gzipSize = (file: string) => gzipSync(readFileSync(file), { level: 6 }).length;

export function siteFigures(dist: string): SiteFigures {
  let distBytes = 0;
  let distFiles = 0;
  const html: string[] = [];
  walk(dist, (file, size) => {
    distBytes += size;
    distFiles++;
    if (file.endsWith('.html')) html.push(file);
  });
  let indexBytes = 0;
  let indexFiles = 0;
  walk(path.join(dist, 'pagefind'), (_file, size) => {
    indexBytes += size;
    indexFiles++;
  });
  const policy: number[] = [];
  let topicPageGzipMax = 0;
  let largestPage = { path: '', gzip: 0 };
  for (const file of html) {
    const rel = path.relative(dist, file).split(path.sep);
    const gz = gzipSize(file);
    if (gz > largestPage.gzip) largestPage = { path: `/${rel.slice(0, -1).join('/')}${rel.length > 1 ? '/' : ''}`, gzip: gz };
    // /policies/<domain>/<date>/index.html
    if (rel[0] === 'policies' && rel.length === 4) policy.push(gz);
    else if (rel[0] === 'topics' && rel.length >= 3) topicPageGzipMax = Math.max(topicPageGzipMax, gz);
  }
  policy.sort((a, b) => a - b);
  return {
    distBytes,
    distFiles,
    indexBytes,
    indexFiles,
    policyPages: policy.length,
    policyPageGzipMedian: policy.length ? policy[Math.floor(policy.length / 2)] : 0,
    policyPageGzipMax: policy.length ? policy[policy.length - 1] : 0,
    topicPageGzipMax,
    largestPage,
  };
}
