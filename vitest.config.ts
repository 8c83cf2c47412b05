import { defineConfig } from 'vitest/config';

/**
 * Two projects:
 *   unit — pure logic (import, clauses, topics, lib), no build needed: `npx vitest run --project unit`;
 *   site — checks on a real build of the bundled sample plus the test fixtures (built HTML, browser):
 *          its global setup builds that site once into .cache/test-site and serves it on loopback.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/{clauses,import,topics,lib,scripts}/**/*.test.ts', 'src/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'site',
          include: ['test/{build,browser}/**/*.test.ts'],
          globalSetup: ['test/support/site-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // What a page does after an action shows up when the browser gets the CPU: 1 s (Vitest's default) failed
          // a sort-by-date check under load 5; the assertions wait longer, they do not ask for less.
          expect: { poll: { timeout: 15_000 } },
          // One browser at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
