/**
 * Clause topic classifier backed by the committed model (model.json): predicts OPP-115 categories, then maps them
 * onto reader-facing topics (taxonomy.ts). Deterministic and synchronous; the model is decoded once, on first use.
 */
import { ClauseClassifier, type ClauseTopics } from './predict.ts';
import type { TopicModel } from './model.ts';
import committedModel from './model.json' with { type: 'json' };

let defaultClassifier: ClauseClassifier | undefined;

/** The classifier backed by the committed model.json (decoded on first use). */
export function getClassifier(): ClauseClassifier {
  defaultClassifier ??= new ClauseClassifier(committedModel as unknown as TopicModel);
  return defaultClassifier;
}

/**
 * Classify one clause: OPP-115 categories and reader-facing topic slugs. `heading` is the clause's section heading,
 * if known: the model weighs its words like the clause's own (tokenize.ts headingTokens).
 */
export function classifyClause(text: string, heading?: string): ClauseTopics {
  return getClassifier().classify(text, heading);
}

