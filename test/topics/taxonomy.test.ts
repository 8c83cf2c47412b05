import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { OPP115_CATEGORIES, TOPICS, topicsForCategory } from '../../src/lib/topics/taxonomy.ts';

const pagesDir = fileURLToPath(new URL('../../src/content/topics/', import.meta.url));

describe('taxonomy', () => {
  it('has the ten OPP-115 categories, spelled as in the corpus', () => {
    expect(OPP115_CATEGORIES).toEqual([
      'First Party Collection/Use',
      'Third Party Sharing/Collection',
      'User Choice/Control',
      'User Access, Edit and Deletion',
      'Data Retention',
      'Data Security',
      'Policy Change',
      'Do Not Track',
      'International and Specific Audiences',
      'Other',
    ]);
  });

  it('maps every topic to exactly one category and covers every category', () => {
    for (const t of TOPICS) expect(OPP115_CATEGORIES).toContain(t.category);
    for (const c of OPP115_CATEGORIES) expect(topicsForCategory(c).length).toBeGreaterThan(0);
    expect(new Set(TOPICS.map((t) => t.slug)).size).toBe(TOPICS.length);
    expect(new Set(TOPICS.map((t) => t.order)).size).toBe(TOPICS.length);
    for (const t of TOPICS) expect(t.slug).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('has one plain MDX page per topic whose frontmatter matches the taxonomy', () => {
    const files = readdirSync(pagesDir).filter((f) => f.endsWith('.mdx')).sort();
    expect(files).toEqual(TOPICS.map((t) => `${t.slug}.mdx`).sort());
    for (const t of TOPICS) {
      const source = readFileSync(`${pagesDir}${t.slug}.mdx`, 'utf8');
      const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(source);
      expect(match, t.slug).not.toBeNull();
      expect(parse(match![1])).toEqual({ title: t.name, summary: t.summary, category: t.category, order: t.order });
      const body = match![2];
      expect(body).not.toMatch(/^(import|export) /m);
      expect(body).not.toMatch(/[{}<>]/); // plain Markdown: no JSX, no expressions
      expect(body).toContain('## Red flags');
    }
  });
});
