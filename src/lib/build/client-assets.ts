/**
 * The names of the browser assets (scripts, styles) of the build in progress, for the page cache keys. A page's
 * HTML names the hashed files of the client build (/_astro/<name>.<hash>.js, .css) and carries their hashes in its
 * Content-Security-Policy, and those change with code the page does not import: a reused policy page once loaded a
 * highlighter script the new build no longer had. Keying every page on the client build's file names re-renders
 * the pages whenever those names change, and only then. The Vite plugin below records the names when the client
 * bundle is written; Astro renders pages after that, in the same process, so `clientAssetsKey()` sees them.
 */
import type { Plugin } from 'vite';

const RECORD = Symbol.for('privacy-policy-archive.client-assets');
type Recorded = { [RECORD]?: string };

/** Records the file names of the client bundle ("client" environment) as it is generated. */
export function clientAssetsPlugin(): Plugin {
  return {
    name: 'privacy-policy-archive:client-assets',
    generateBundle(_options, bundle) {
      if (this.environment?.name !== 'client') return;
      (globalThis as Recorded)[RECORD] = Object.keys(bundle).sort().join('\n');
    },
  };
}

/** The client bundle's file names, joined; empty outside a build (unit tests) or before the client bundle exists. */
export function clientAssetsKey(): string {
  return (globalThis as Recorded)[RECORD] ?? '';
}
