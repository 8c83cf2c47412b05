/**
 * Global setup of the `site` test project: builds the test site once (the real `npm run build` pipeline,
 * with the sample plus test fixtures as content) and serves it on loopback for the browser tests.
 * Set TEST_SITE_REUSE=1 to skip the build when .cache/test-site already exists (local iteration only).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { PROJECT_ROOT, TEST_BUILD_ENV, TEST_CACHE_DIR, TEST_POLICY_DIRS, TEST_SITE_DIR } from './site.ts';
import { serveDirectory } from './static-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (!(process.env.TEST_SITE_REUSE && existsSync(TEST_SITE_DIR))) {
    rmSync(TEST_SITE_DIR, { recursive: true, force: true });
    execFileSync('npm', ['run', '--silent', 'build'], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        OUT_DIR: TEST_SITE_DIR,
        CACHE_DIR: TEST_CACHE_DIR,
        POLICIES_DIR: TEST_POLICY_DIRS.join(path.delimiter),
        // Several search partitions and passages per policy even in this small site, so that merging,
        // sorting across partitions and grouping passages by policy are what the browser tests exercise;
        // topic archive pages too.
        ...TEST_BUILD_ENV,
      },
    });
  }
  const server = await serveDirectory(TEST_SITE_DIR);
  project.provide('siteUrl', server.url);
  return () => server.close();
}
