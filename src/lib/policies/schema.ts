/**
 * The frontmatter of one imported policy file (src/content/policies/<domain>/<date>.md).
 * The importer writes it, the content collection validates it, pages read it: one schema for all three.
 * Plain `zod` (the version Astro itself uses) so that scripts outside Astro can validate too.
 */
import { z } from 'zod';

/** A calendar date written YYYY-MM-DD that really exists (no 2006-02-30). */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date written YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'not a real calendar date');

/** A service slug: lower-case ASCII words joined by hyphens, with at least one letter (never a bare number). */
export const SERVICE_PATTERN = /^(?=[a-z0-9-]*[a-z])[a-z0-9]+(-[a-z0-9]+)*$/;

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

export const policyFrontmatter = z.strictObject({
  /** Host name the policy belongs to, lower case, without "www.", e.g. "attask.com" (rarely a single label). */
  domain: z.string().regex(/^(?=.*[a-z])[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, 'expected a lower-case host name'),
  /**
   * The service this snapshot belongs to when the source names one (Open Terms Archive: "gmail", "bing"): with the
   * domain it makes the document series (src/lib/history/series.ts). Absent: the domain is one series.
   */
  service: z.string().regex(SERVICE_PATTERN, 'expected a service slug (lower-case words joined by hyphens)').optional(),
  /** Display name of the company, e.g. "AtTask". */
  company: z.string().min(1),
  /** Title of the policy page (provenance, not its heading: policy-header.ts). */
  title: z.string().min(1),
  archivedOn: isoDate,
  /** Where the archived snapshot can be seen (Wayback Machine, Open Terms Archive, ...). */
  snapshotUrl: httpUrl,
  /** The policy's own address when it was archived (decoded from a Wayback URL), if known. */
  originalUrl: httpUrl.optional(),
  /** The source's label for the snapshot link, e.g. "original snapshot on the Wayback Machine". */
  sourceLabel: z.string().min(1),
  /** sha256 of the archived input file's bytes: provenance, and how re-imports recognise a file. */
  contentHash: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected sha256:<64 hex digits>'),
  wordCount: z.number().int().nonnegative(),
});

export type PolicyFrontmatter = z.infer<typeof policyFrontmatter>;
