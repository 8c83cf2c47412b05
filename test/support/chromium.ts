/**
 * Debian's Chromium, driven by playwright-core (no browser download): found here for the browser tests, the
 * benchmark and the search commands alike. CHROMIUM_PATH (src/config.ts), when set, is the only candidate: a
 * wrong path fails rather than silently using another browser.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { config } from '../../src/config.ts';

const CANDIDATES = config.CHROMIUM_PATH ? [config.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

function findChromium(): string {
  const found = CANDIDATES.find((candidate) => existsSync(candidate));
  if (found) return found;
  throw new Error(
    `No Chromium for the browser tests (looked for ${CANDIDATES.join(', ')}). ` +
      'Install it with `apt-get update && apt-get install chromium` (Debian; .ci/run does this), or set CHROMIUM_PATH. ' +
      'Do not run `npx playwright install`: browser downloads are not available here.',
  );
}

/**
 * Headless Chromium with the flags of .ci/run's environment. Playwright's `launch()` gives every browser a
 * fresh temporary user-data-dir of its own (and removes it on close), so no profile state leaks between runs.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), headless: true, args: ['--headless', ...CHROMIUM_FLAGS] });
}
