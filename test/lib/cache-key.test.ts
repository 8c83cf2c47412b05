/** Page cache keys for Astro's incremental builds (src/lib/pages/cache-key.ts). */
import { describe, expect, it } from 'vitest';
import type { Rollup } from 'vite';
import { clientAssetsPlugin } from '../../src/lib/build/client-assets.ts';
import { pageCacheKey } from '../../src/lib/pages/cache-key.ts';

const entry = (id: string, digest: string, title = 'Privacy policy') => ({ collection: 'policies', id, digest, data: { title } });

describe('pageCacheKey', () => {
  it('is stable for the same props and changes with any value in them', () => {
    const props = { company: { name: 'Example', domain: 'example.com' }, page: 2 };
    expect(pageCacheKey(props)).toBe(pageCacheKey(structuredClone(props)));
    expect(pageCacheKey({ ...props, page: 3 })).not.toBe(pageCacheKey(props));
    expect(pageCacheKey({ ...props, company: { ...props.company, name: 'Example Inc.' } })).not.toBe(pageCacheKey(props));
  });

  it('counts a content entry by its id and digest', () => {
    expect(pageCacheKey({ policy: entry('a.com/2020-01-01', 'd1') })).toBe(pageCacheKey({ policy: entry('a.com/2020-01-01', 'd1', 'same digest, other object') }));
    expect(pageCacheKey({ policy: entry('a.com/2020-01-01', 'd2') })).not.toBe(pageCacheKey({ policy: entry('a.com/2020-01-01', 'd1') }));
    // A new neighbour (the "Next snapshot" link of the previously newest snapshot) changes the key.
    expect(pageCacheKey({ policy: entry('a.com/2020-01-01', 'd1'), newer: entry('a.com/2021-01-01', 'd3') })).not.toBe(pageCacheKey({ policy: entry('a.com/2020-01-01', 'd1') }));
  });

  it('sees inside maps and sets, and refuses what it cannot see', () => {
    expect(pageCacheKey({ counts: new Map([['a', 1]]) })).not.toBe(pageCacheKey({ counts: new Map([['a', 2]]) }));
    expect(pageCacheKey({ slugs: new Set(['a']) })).not.toBe(pageCacheKey({ slugs: new Set(['b']) }));
    expect(() => pageCacheKey({ render: () => 'x' })).toThrow(/function/);
  });

  it("changes with the client build's file names, which a page's HTML refers to, and with nothing else of other builds", () => {
    const props = { policy: entry('a.com/2020-01-01', 'd1') };
    const plugin = clientAssetsPlugin();
    const generate = (environment: string, files: string[]) =>
      (plugin.generateBundle as (this: unknown, options: unknown, bundle: Rollup.OutputBundle) => void).call({ environment: { name: environment } }, {}, Object.fromEntries(files.map((file) => [file, {}])) as Rollup.OutputBundle);
    generate('client', ['_astro/highlight.AAAA.js', '_astro/Base.CCCC.css']);
    const before = pageCacheKey(props);
    // The server bundle's chunks are not in the page's HTML.
    generate('ssr', ['chunks/other.js']);
    expect(pageCacheKey(props)).toBe(before);
    generate('client', ['_astro/highlight.BBBB.js', '_astro/Base.CCCC.css']);
    expect(pageCacheKey(props)).not.toBe(before);
    generate('client', ['_astro/Base.CCCC.css', '_astro/highlight.AAAA.js']);
    expect(pageCacheKey(props)).toBe(before);
  });
});
