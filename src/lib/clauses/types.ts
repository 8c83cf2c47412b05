/** The unit people link to and topics group: a paragraph, list item, table or quote inside a section. */
export interface Clause {
  /** Anchor id, unique on the policy page and never changed once published, e.g. "information-security-2". */
  id: string;
  kind: 'paragraph' | 'item' | 'table';
  /** 1-based position inside its section (the number in the id, before any collision suffix). */
  ordinal: number;
  /** 1-based position inside the whole policy. */
  position: number;
  /** Safe HTML of the clause's content (no wrapper element): policy text is escaped, never raw HTML. */
  html: string;
  /** Plain text, whitespace collapsed: for classification, search excerpts and topic pages. */
  text: string;
  /** Topic slugs; filled in by the classifier after segmentation. */
  topics: string[];
}

/** Consecutive list items stay one list in the page, so a clause list keeps its list semantics. */
export type Block =
  | { type: 'clause'; clause: Clause }
  | { type: 'list'; ordered: boolean; start?: number; items: Clause[] };

/** A block's clauses: the clause, or the list's items. */
export const blockClauses = (block: Block): Clause[] => (block.type === 'clause' ? [block.clause] : block.items);

/** A section's clauses in page order. */
export const sectionClauses = (section: Section): Clause[] => section.blocks.flatMap(blockClauses);

export interface Section {
  /** Anchor id of the section heading ("introduction" for text before the first heading). */
  id: string;
  /** Heading as the policy writes it, plain text ("" for the introduction). */
  heading: string;
  /** 2..6; the introduction and headings found in bold or plain lines count as level 2. */
  level: number;
  blocks: Block[];
}

export interface SegmentedPolicy {
  /** The policy's own first-level heading when it opens the document, else undefined. */
  title?: string;
  sections: Section[];
  /** Set when the policy has more than `limit` sections and clauses: `spilled` of them are the last clause's text. */
  overflow?: { limit: number; spilled: number };
}
