/**
 * Published clause ids are a promise: people cite "#information-security-2" in articles and filings.
 * test/fixtures/clause-ids/ holds, per bundled policy, every section and clause id as published. This test
 * fails when segmentation would change any of them. Such a change must not just re-pin: the old ids have to
 * keep resolving on the page (alias anchors), and only then may a new id list be added here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { segment } from '../../src/lib/clauses/segment.ts';
import { splitFrontmatter } from '../../src/lib/content/frontmatter.ts';

const SAMPLE = path.resolve(import.meta.dirname, '../../src/content/policies');
const PINNED = path.resolve(import.meta.dirname, '../fixtures/clause-ids');

const pinnedFiles = readdirSync(PINNED).filter((file) => file.endsWith('.json'));

describe('pinned clause ids of the bundled sample', () => {
  it('pins every bundled policy', () => {
    const policies = readdirSync(SAMPLE).flatMap((domain) => readdirSync(path.join(SAMPLE, domain)).map((file) => `${domain}__${file.replace(/\.md$/, '')}.json`));
    expect(pinnedFiles.sort()).toEqual(policies.sort());
  });

  it.each(pinnedFiles)('%s keeps its published ids', (file) => {
    const [domain, date] = file.replace(/\.json$/, '').split('__');
    const { body } = splitFrontmatter(readFileSync(path.join(SAMPLE, domain, `${date}.md`), 'utf8'));
    const current = segment(body).sections.map((section) => ({
      section: section.id,
      clauses: section.blocks.flatMap((block) => (block.type === 'clause' ? [block.clause] : block.items)).map((clause) => clause.id),
    }));
    expect(current).toEqual(JSON.parse(readFileSync(path.join(PINNED, file), 'utf8')));
  });

  it('includes the example the design brief cites', () => {
    const atmail = JSON.parse(readFileSync(path.join(PINNED, 'atmail.com__2005-12-10.json'), 'utf8')) as { clauses: string[] }[];
    expect(atmail.flatMap((section) => section.clauses)).toContain('information-security-2');
  });
});
