/**
 * Content collections: the pipeline's middle stage.
 *   policies — imported policy files (npm run import), split into clauses by the policies loader;
 *   topics   — one MDX description page per reader-facing topic.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'zod';
import { config } from './config.ts';
import { buildMode } from './lib/build/additions.ts';
import { policiesLoader } from './loaders/policies.ts';
import { policyFrontmatter } from './lib/policies/schema.ts';
import type { PolicySummary } from './lib/policies/summary.ts';
import type { HistoryMeta } from './lib/history/pass.ts';

const policies = defineCollection({
  loader: policiesLoader({ base: config.POLICIES_DIR, mode: buildMode }),
  // Sections are produced by our own segmenter, not written by hand: typed, not re-validated field by field.
  // Site-wide pages read `summary`; the policy page reads its rendered body from `pageFile` (src/lib/policies/);
  // `history` (previous snapshot of the series, change counts) is added by the loader's history pass.
  schema: policyFrontmatter.extend({
    summary: z.custom<PolicySummary>((value) => typeof value === 'object' && value !== null),
    pageFile: z.string(),
    history: z.custom<HistoryMeta>((value) => typeof value === 'object' && value !== null).optional(),
  }),
});

const topics = defineCollection({
  loader: glob({ pattern: '*.mdx', base: 'src/content/topics' }),
  schema: z.object({
    title: z.string(),
    summary: z.string(),
    category: z.string(),
    order: z.number().int(),
  }),
});

export const collections = { policies, topics };
