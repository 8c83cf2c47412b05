/**
 * Labels every clause of a segmented policy with its topics. A stand-in until the classifier lands:
 * it labels nothing, so pages and tests can already rely on the `topics` field.
 */
import type { Section } from '../clauses/types.ts';

export const TOPIC_MODEL_VERSION = 'none';

export function labelTopics(_sections: Section[]): void {}
