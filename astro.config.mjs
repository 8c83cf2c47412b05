// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { buildMode, publishedUrls } from './src/lib/build/additions.ts';
import { clientAssetsPlugin } from './src/lib/build/client-assets.ts';
import { config } from './src/config.ts';

const site = config.SITE_URL;
// An additions build (scripts/build.ts) renders only what new snapshots change; the sitemap still lists every
// page the previous build published.
const customPages = publishedUrls(buildMode);

export default defineConfig({
  // Absolute URLs (sitemap, canonical links) need the public origin; set SITE_URL when deploying.
  site,
  trailingSlash: 'always',
  // Test and benchmark builds go to their own folders so they never clobber `dist/` or each other's cache.
  outDir: config.OUT_DIR,
  cacheDir: config.CACHE_DIR,
  // One cached stylesheet for every page instead of the same CSS inlined into each of them.
  // Pages rendered 16 at a time: rendering is one thread either way, but one page at a time left it idle a third
  // of the time while each page's two files (the output and the incremental build's copy) were written. 1,500
  // bench policies: 3,251 pages rendered in 11.2 s instead of 14.8 s (1: 14.5 s, 4: 13.1 s), identical output.
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 16 },
  integrations: [
    // MDX pages (about, topic descriptions) are hand-written prose; Astro 7's Sätteri renders them with GFM
    // built in (it runs no remark plugins). Policy bodies never go through Astro's Markdown: the policies
    // loader renders them with markdown-it (src/lib/clauses). remark-gfm serves the importer's tests, which
    // check that neutralised bodies stay inert under a GFM renderer too.
    mdx(),
    sitemap({ customPages }),
    // The search index is built by `npm run build`'s second step (scripts/index-search.ts), in its own process.
  ],
  security: {
    // A CSP <meta> with hashes of every script and style Astro emits: no 'unsafe-inline' for scripts.
    // Search (Pagefind) compiles its WebAssembly and runs in a worker it may start from a blob: URL.
    csp: {
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      // Everything else only from our own origin; no plugins, no <base> rewriting, forms post only to us.
      directives: ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "worker-src 'self' blob:"],
    },
  },
  devToolbar: { enabled: false },
  // No code blocks to highlight (policy bodies never go through Astro's Markdown); Shiki's inline styles would
  // not pass the CSP anyway, and its warning was build noise.
  markdown: { syntaxHighlight: false },
  vite: {
    // Page cache keys include the client build's file names, which a reused page's HTML refers to.
    plugins: [clientAssetsPlugin()],
    // Astro's MDX output starts with a "use astro:head-inject" directive that the bundler warns it may drop
    // (Astro handles it before bundling): 15 warnings of 8 lines each, one per MDX page, on every build.
    build: {
      rollupOptions: {
        onwarn(warning, warn) {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
        },
      },
    },
    // `astro dev` watches the project folder: the benchmark's and tests' scratch output (43,000 files at 10,000
    // policies) exhausted the system's file watchers (ENOSPC) and is never source.
    server: { watch: { ignored: ['**/.bench/**', '**/.cache/**', '**/dist/**', '**/dist.next/**', '**/dist.old/**', '**/dist.additions/**'] } },
  },
  // Pages from getStaticPaths() carry a cacheKey (src/lib/pages/cache-key.ts): a build copies the earlier output
  // of every page whose key and code are unchanged instead of rendering it again. An archive only grows, so
  // most pages of a build are unchanged.
  experimental: { incrementalBuild: true },
});
