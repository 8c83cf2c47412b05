/**
 * OPP-115 policies as archive input, for the relevance command (scripts/eval-search.ts): one policy file per
 * OPP-115 policy in the import format (provenance header, then its segments as paragraphs), and a seeded split
 * by policy into a dev and a held-out set. The data stays under .cache/: it is never committed.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface Segment {
  index: number;
  text: string;
  categories: string[];
}

export interface Opp115Policy {
  /** OPP-115's name, e.g. "20_theatlantic.com". */
  name: string;
  site: string;
  url: string;
  segments: Segment[];
}

export type SetName = 'dev' | 'held-out';

/** The policies of an OPP-115 jsonl file (one segment a line), in file order, segments in their order. */
export function readOpp115(file: string): Opp115Policy[] {
  const policies = new Map<string, Opp115Policy>();
  for (const [at, line] of readFileSync(file, 'utf8').split('\n').entries()) {
    if (!line.trim()) continue;
    let row: { policy: string; site: string; url: string; segment: number; text: string; categories: string[] };
    try {
      row = JSON.parse(line);
    } catch (error) {
      throw new Error(`${file}:${at + 1}: not JSON`, { cause: error });
    }
    const policy = policies.get(row.policy) ?? { name: row.policy, site: row.site, url: row.url, segments: [] };
    policy.segments.push({ index: row.segment, text: row.text, categories: row.categories ?? [] });
    policies.set(row.policy, policy);
  }
  for (const policy of policies.values()) policy.segments.sort((a, b) => a.index - b.index);
  return [...policies.values()];
}

/** Dev or held-out, by a seeded hash of the policy's name: stable whatever the file's order. */
export function setOf(policy: Pick<Opp115Policy, 'name'>, seed = 'search-relevance-1'): SetName {
  return createHash('sha256').update(`${seed}:${policy.name}`).digest()[0] % 2 === 0 ? 'dev' : 'held-out';
}

/** The archive domain of a policy: its site, made unique by the OPP-115 id (two policies may share a site). */
export function domainOf(policy: Opp115Policy): string {
  return policy.site.toLowerCase().replace(/^www\./, '');
}

export const ARCHIVED_ON = '2015-06-01';

/** The policy as an archived policy file: the provenance header, then the segments as paragraphs. */
export function policyFile(policy: Opp115Policy): string {
  const snapshot = `https://web.archive.org/web/20150601000000id_/${policy.url}`;
  const header = `> *The following text is extracted and transformed from the ${domainOf(policy)} privacy policy that was archived on ${ARCHIVED_ON}. Please check the [OPP-115 corpus](${snapshot}) for the most accurate reproduction.*`;
  return `${header}\n\n${policy.segments.map((segment) => segment.text.trim()).join('\n\n')}\n`;
}
