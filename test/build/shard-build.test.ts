/**
 * Sharded builds (POLICY_SHARD=k/n, docs/scaling.md): each shard is an ordinary `npm run build` of the policies
 * whose domain hashes to it. Together the shards publish every policy page of the whole build exactly once, a
 * company's snapshots stay in one shard (so its timeline links never cross shards), each page is the one the
 * whole build publishes, and each shard indexes its own policies.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardOf } from '../../src/lib/build/shard.ts';
import type { PartitionManifest } from '../../src/lib/search/pagefind-index.ts';
import { parseShard } from '../../src/loaders/policies.ts';
import { builtPages, pageType } from '../support/pages.ts';
import { PROJECT_ROOT, TEST_BUILD_ENV, TEST_POLICY_DIRS, TEST_SITE_DIR } from '../support/site.ts';

const SHARDS = 2;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'ppa-shards-'));
const outOf = (k: number) => path.join(scratch, `out-${k}`);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function buildShard(k: number): void {
  const run = spawnSync(process.execPath, ['scripts/build.ts'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      POLICIES_DIR: TEST_POLICY_DIRS.map((dir) => path.join(PROJECT_ROOT, dir)).join(path.delimiter),
      OUT_DIR: outOf(k),
      CACHE_DIR: path.join(scratch, `cache-${k}`),
      POLICY_SHARD: `${k}/${SHARDS}`,
      ...TEST_BUILD_ENV,
    },
  });
  const output = `${run.stdout}\n${run.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  if (run.status !== 0) throw new Error(`shard ${k}/${SHARDS} build failed:\n${output.split('\n').slice(-30).join('\n')}`);
}

/** Policy pages of the whole test site, e.g. policies/atmail.com/2005-12-10/index.html */
const wholePolicyPages = builtPages()
  .filter((page) => pageType(page.url) === 'policy')
  .map((page) => page.file);
const domainOfPage = (file: string) => file.split('/')[1];

describe('sharded builds', () => {
  beforeAll(() => {
    for (let k = 0; k < SHARDS; k++) buildShard(k);
  }, 240_000);

  it('publish every policy page of the whole build exactly once, each company in the shard its domain hashes to', () => {
    // Both shards hold policies of the test content (otherwise this test would prove nothing).
    const shards = new Set(wholePolicyPages.map((file) => shardOf(domainOfPage(file), SHARDS)));
    expect(shards.size).toBe(SHARDS);
    for (const file of wholePolicyPages) {
      const home = shardOf(domainOfPage(file), SHARDS);
      for (let k = 0; k < SHARDS; k++) expect(existsSync(path.join(outOf(k), file)), `${file} in shard ${k}`).toBe(k === home);
    }
  });

  it('publish each policy page as the whole build does, byte for byte', () => {
    for (const file of wholePolicyPages) {
      const home = shardOf(domainOfPage(file), SHARDS);
      expect(readFileSync(path.join(outOf(home), file), 'utf8'), file).toBe(readFileSync(path.join(TEST_SITE_DIR, file), 'utf8'));
    }
  });

  it('index their own policies only', () => {
    for (let k = 0; k < SHARDS; k++) {
      const manifest = JSON.parse(readFileSync(path.join(outOf(k), 'pagefind', 'partitions.json'), 'utf8')) as PartitionManifest;
      const expected = wholePolicyPages.filter((file) => shardOf(domainOfPage(file), SHARDS) === k).length;
      expect(manifest.partitions.reduce((sum, partition) => sum + partition.policies, 0), `shard ${k}`).toBe(expected);
    }
  });
});

describe('POLICY_SHARD', () => {
  it('reads k/n and refuses anything else with a message that says what it must be', () => {
    expect(parseShard(undefined)).toBeUndefined();
    expect(parseShard(' 3/16 ')).toEqual({ index: 3, count: 16 });
    for (const bad of ['16/16', '1/0', '-1/2', 'a/b', '1'])
      expect(() => parseShard(bad), bad).toThrow(`POLICY_SHARD must be k/n with 0 <= k < n, not "${bad}"`);
  });
});
