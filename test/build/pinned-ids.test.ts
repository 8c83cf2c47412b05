/** Every pinned clause id of the bundled sample is an element id on its built page. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { builtFile } from '../support/site.ts';

const PINNED = path.resolve(import.meta.dirname, '../fixtures/clause-ids');

describe.each(readdirSync(PINNED).filter((file) => file.endsWith('.json')))('built page of %s', (file) => {
  it('carries every pinned section and clause id', () => {
    const [domain, date] = file.replace(/\.json$/, '').split('__');
    const $ = cheerio.load(readFileSync(builtFile('policies', domain, date, 'index.html'), 'utf8'));
    const pinned = JSON.parse(readFileSync(path.join(PINNED, file), 'utf8')) as { section: string; clauses: string[] }[];
    for (const { section, clauses } of pinned) {
      expect($(`[id="${section}"]`).length, section).toBe(1);
      for (const id of clauses) expect($(`.clause[id="${id}"]`).length, id).toBe(1);
    }
  });
});
