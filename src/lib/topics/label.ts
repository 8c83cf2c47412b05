/**
 * Labels every clause of a segmented policy with its reader-facing topics, using the classifier backed by the
 * committed model (model.json, decoded once, on first use). Runs in the policies loader, so topics are computed once
 * per imported file and cached with it.
 */
import { sectionClauses, type Section } from '../clauses/types.ts';
import { CATCH_ALL_TOPICS, saysNothingAlone } from './alone.ts';
import { readsAsEnglish } from './language.ts';
import { comparableLine, repeatsHeading } from './lines.ts';
import type { TopicModel } from './model.ts';
import committedModel from './model.json' with { type: 'json' };
import { ClauseClassifier, type ClauseTopics } from './predict.ts';

let defaultClassifier: ClauseClassifier | undefined;

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

/**
 * A clause that repeats one of the policy's headings (a contents entry, a heading set as a paragraph) gets no topic
 * (lines.ts repeatsHeading; the classifier itself turns away other headings and date lines). A clause that says
 * nothing alone (a short list item, a pointer elsewhere, a lead-in to a list; alone.ts) keeps its topics but the
 * catch-all ones, Introduction and scope and Other provisions; so does a clause in another language (language.ts),
 * which the classifier, trained on English, can place only where its words tell (cookies, pixels, Google Analytics).
 */
export function labelTopics(sections: Section[]): void {
  const headings = new Set(sections.map((s) => comparableLine(s.heading)).filter(Boolean));
  for (const section of sections) {
    for (const clause of sectionClauses(section)) {
      const topics = repeatsHeading(clause.text, headings) ? [] : classifyClause(clause.text, section.heading || undefined).topics;
      const catchAll = topics.some((t) => CATCH_ALL_TOPICS.has(t));
      const catchAllOff = catchAll && (saysNothingAlone(clause.text, clause.kind === 'item') || !readsAsEnglish(clause.text));
      clause.topics = catchAllOff ? topics.filter((t) => !CATCH_ALL_TOPICS.has(t)) : topics;
    }
  }
}
