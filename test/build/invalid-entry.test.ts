/**
 * The content collection's schema is a build gate: an entry with an invalid field fails the build, and the
 * message names the file and the field (test/fixtures/invalid-policies holds one such entry).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/site.ts';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'ppa-invalid-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a policy with an impossible archive date', () => {
  const build = spawnSync('npx', ['astro', 'build'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      POLICIES_DIR: 'test/fixtures/invalid-policies',
      OUT_DIR: path.join(scratch, 'dist'),
      CACHE_DIR: path.join(scratch, 'cache'),
    },
  });
  const output = `${build.stdout}\n${build.stderr}`;

  it('fails the build', () => expect(build.status).not.toBe(0));
  it('names the file', () => expect(output).toContain('test/fixtures/invalid-policies/bad-date.example/2020-01-01.md'));
  it('names the field and the reason', () => {
    expect(output).toMatch(/archivedOn/);
    expect(output).toMatch(/not a real calendar date/);
  });
});
