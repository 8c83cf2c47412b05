/**
 * Splits a policy body (Markdown) into sections and clauses with stable, readable anchor ids.
 *
 * Real policies mark their sections in many ways; besides `#` headings this recognises, in order:
 * a paragraph that is one bold phrase ("**Cookies**"), a bold phrase followed by a line break and text
 * (the heading and its first clause), an italic phrase or question, a short plain line ("Data collection"),
 * and list items that hold a heading (`* ###### Heading`). A clause is a paragraph, a top-level list item
 * (with its nested lists), a table, or a code block shown as a paragraph. Blockquotes are flattened.
 *
 * Ids: a section is the slug of its heading; a clause is "<section id>-<n>" with n its 1-based number in the
 * section; collisions get the first free "-2", "-3", ... (IdAllocator), in document order. Changing any rule
 * here changes published ids: test/clauses/pinned-ids.test.ts pins the ids of the bundled sample, and a change that
 * moves them must keep the old ids resolving.
 */
import type { Env, Token } from 'markdown-it';
import { createPolicyMarkdown } from './markdown.ts';
import { IdAllocator, slugify } from './slug.ts';
import { blockText, closesAt, closingIndex, collapse, headingDepth, plainText, trimBreaks } from './tokens.ts';
import type { Block, Clause, SegmentedPolicy, Section } from './types.ts';

const md = createPolicyMarkdown();

const MAX_BOLD_HEADING_WORDS = 15;
const MAX_ITALIC_HEADING_WORDS = 12;
const MAX_PLAIN_HEADING_WORDS = 8;
const MAX_PLAIN_HEADING_CHARS = 60;
/** Short lines that are metadata, not section titles. */
const NOT_A_HEADING = /^(last\s+(updated|modified|revised)|effective|updated|version|copyright|©|posted|date|revised)\b/i;
/**
 * At most this many anchors (sections and clauses) per policy page. Past it, the rest of the policy is one last
 * clause, its text only, and the loader warns naming the file: 130,000 one-letter list items made a page no
 * browser or search index handles, and crashed the build. The corpus's largest policy has far fewer (README).
 */
export const MAX_ANCHORS = 10_000;

export function segment(markdown: string): SegmentedPolicy {
  return new Segmenter(markdown).run();
}

class Segmenter {
  private readonly ids = new IdAllocator();
  private readonly sections: Section[] = [];
  private current: Section | undefined;
  private clausesInSection = 0;
  private position = 0;
  /** The list the next list item joins; any other block ends it. */
  private openList: Extract<Block, { type: 'list' }> | undefined;
  private title: string | undefined;
  /** Markdown heading levels in use, mapped to h2.. by rank so the outline never skips a level. */
  private readonly levelRank = new Map<number, number>();
  private pseudoHeadingLevel = 2;
  private anchors = 0;
  /** Past MAX_ANCHORS: the last clause, and the texts that go into it. */
  private overflow: { clause: Clause; texts: string[]; spilled: number } | undefined;

  private readonly env = {} as Env;
  private readonly tokens: Token[];

  constructor(markdown: string) {
    this.tokens = md.parse(markdown, this.env);
  }

  run(): SegmentedPolicy {
    const start = this.takeTitle();
    this.rankHeadingLevels(start);
    this.blocks(start, this.tokens.length);
    if (!this.overflow) return { title: this.title, sections: this.sections };
    const { clause, texts, spilled } = this.overflow;
    clause.text = collapse(texts.join(' '));
    clause.html = md.utils.escapeHtml(clause.text);
    return { title: this.title, sections: this.sections, overflow: { limit: MAX_ANCHORS, spilled } };
  }

  /** True when the text went into the overflow clause (or started it): the caller adds nothing. */
  private spill(text: string): boolean {
    if (this.overflow) {
      this.overflow.texts.push(text);
      this.overflow.spilled++;
      return true;
    }
    if (this.anchors < MAX_ANCHORS - 1) return false;
    this.openList = undefined;
    const clause = this.newClause('paragraph', '', text);
    this.section().blocks.push({ type: 'clause', clause });
    this.overflow = { clause, texts: [text], spilled: 1 };
    return true;
  }

  /** An opening `# Title` is the policy's own title, shown as the page heading, not a section. */
  private takeTitle(): number {
    const first = this.tokens[0];
    const text = first?.type === 'heading_open' && first.tag === 'h1' ? plainText(this.tokens[1]?.children ?? []) : '';
    this.title = text || undefined;
    return text ? 3 : 0;
  }

  private rankHeadingLevels(start: number): void {
    const used = new Set<number>();
    for (let i = start; i < this.tokens.length; i++) {
      const token = this.tokens[i];
      if (token.type === 'heading_open' && plainText(this.tokens[i + 1]?.children ?? [])) used.add(headingDepth(token));
    }
    [...used].sort((a, b) => a - b).forEach((depth, rank) => this.levelRank.set(depth, Math.min(2 + rank, 6)));
    // Bold lines and short plain lines are sub-headings where real headings exist, else the top level.
    this.pseudoHeadingLevel = used.size ? 3 : 2;
  }

  private blocks(from: number, to: number): void {
    for (let i = from; i < to; ) {
      const token = this.tokens[i];
      const end = token.nesting === 1 ? closingIndex(this.tokens, i) : i;
      switch (token.type) {
        case 'heading_open':
          this.heading(plainText(this.tokens[i + 1].children ?? []), this.levelRank.get(headingDepth(token)) ?? 2);
          break;
        case 'paragraph_open':
          this.paragraph(this.tokens[i + 1].children ?? []);
          break;
        case 'bullet_list_open':
        case 'ordered_list_open':
          this.list(i, end);
          break;
        case 'table_open':
          this.openList = undefined;
          this.clause('table', md.renderer.render(this.tokens.slice(i, end + 1), md.options, this.env), blockText(this.tokens.slice(i, end + 1)));
          break;
        case 'blockquote_open':
          this.blocks(i + 1, end);
          break;
        case 'code_block':
        case 'fence': {
          // Deeply indented prose in extracted policies turns into code blocks: show it as a paragraph, with
          // the words on a fence's opening line (a line of 50,000 backticks and text opens a fence).
          this.openList = undefined;
          const text = collapse(`${token.info} ${token.content}`);
          this.clause('paragraph', md.utils.escapeHtml(text), text);
          break;
        }
        default:
          break; // hr, and anything else that carries no words
      }
      i = end + 1;
    }
  }

  private heading(text: string, level: number): void {
    this.openList = undefined;
    if (!text) return; // "# " with nothing after it
    if (this.spill(text)) return;
    this.anchors++;
    this.current = { id: this.ids.allocate(slugify(text)), heading: text, level, blocks: [] };
    this.sections.push(this.current);
    this.clausesInSection = 0;
  }

  private paragraph(children: Token[]): void {
    this.openList = undefined;
    const text = plainText(children);
    if (!text) return;
    const kind = headingShape(children, text);
    if (kind === 'heading') {
      this.heading(trimHeading(text), this.pseudoHeadingLevel);
      return;
    }
    if (kind === 'lead-heading') {
      const breakAt = children.findIndex((t) => t.type === 'softbreak' || t.type === 'hardbreak');
      this.heading(trimHeading(plainText(children.slice(0, breakAt))), this.pseudoHeadingLevel);
      const rest = trimBreaks(children.slice(breakAt + 1));
      this.clause('paragraph', md.renderer.renderInline(rest, md.options, this.env), plainText(rest));
      return;
    }
    this.clause('paragraph', md.renderer.renderInline(children, md.options, this.env), text);
  }

  private list(open: number, close: number): void {
    const listToken = this.tokens[open];
    const ordered = listToken.type === 'ordered_list_open';
    const startAttr = Number(listToken.attrGet('start') ?? '1');
    for (let i = open + 1; i < close; ) {
      const itemEnd = closingIndex(this.tokens, i);
      const first = this.tokens[i + 1];
      if (first?.type === 'heading_open') {
        // "* ###### Heading": a heading dressed as a list item; what follows it in the item is content.
        const headingEnd = closingIndex(this.tokens, i + 1);
        this.heading(plainText(this.tokens[i + 2].children ?? []), this.pseudoHeadingLevel);
        this.blocks(headingEnd + 1, itemEnd);
      } else {
        const inner = this.tokens.slice(i + 1, itemEnd);
        const text = blockText(inner);
        if (text && !this.spill(text)) {
          if (!this.openList) {
            this.openList = { type: 'list', ordered, items: [] };
            if (ordered && startAttr !== 1) this.openList.start = startAttr;
            this.section().blocks.push(this.openList);
          }
          this.openList.items.push(this.newClause('item', md.renderer.render(inner, md.options, this.env).trim(), text));
        }
      }
      i = itemEnd + 1;
    }
    this.openList = undefined;
  }

  private clause(kind: Clause['kind'], html: string, text: string): void {
    if (!text || this.spill(text)) return;
    this.section().blocks.push({ type: 'clause', clause: this.newClause(kind, html.trim(), text) });
  }

  private newClause(kind: Clause['kind'], html: string, text: string): Clause {
    const section = this.section();
    const ordinal = ++this.clausesInSection;
    this.anchors++;
    const id = this.ids.allocate(`${section.id}-${ordinal}`);
    return { id, kind, ordinal, position: ++this.position, html, text, topics: [] };
  }

  private section(): Section {
    if (!this.current) {
      this.anchors++;
      this.current = { id: this.ids.allocate('introduction'), heading: '', level: 2, blocks: [] };
      this.sections.push(this.current);
      this.clausesInSection = 0;
    }
    return this.current;
  }
}

/** Is this paragraph a heading in disguise? */
function headingShape(children: Token[], text: string): 'heading' | 'lead-heading' | 'clause' {
  const meaningful = trimBreaks(children).filter((t) => !(t.type === 'text' && !t.content.trim()));
  const words = text.split(' ').length;
  const first = meaningful[0];
  const last = meaningful[meaningful.length - 1];

  if (first?.type === 'strong_open' || first?.type === 'em_open') {
    const close = closesAt(meaningful, 0);
    const maxWords = first.type === 'strong_open' ? MAX_BOLD_HEADING_WORDS : MAX_ITALIC_HEADING_WORDS;
    if (last.type === first.type.replace('_open', '_close') && close === meaningful.length - 1) {
      return words <= maxWords && !/[.,;]$/.test(text) ? 'heading' : 'clause';
    }
    // "**Cookies**  \nWe use..." or "_How is my information used?_  \nInformation...": heading, then clause.
    const next = meaningful[close + 1];
    if (close > 0 && (next?.type === 'softbreak' || next?.type === 'hardbreak')) {
      const lead = plainText(meaningful.slice(0, close + 1));
      if (lead.split(' ').length <= maxWords && !/[.,;]$/.test(lead)) return 'lead-heading';
    }
  }
  if (meaningful.length === 1 && meaningful[0].type === 'text') {
    const plain =
      words <= MAX_PLAIN_HEADING_WORDS &&
      text.length <= MAX_PLAIN_HEADING_CHARS &&
      /^\p{Lu}/u.test(text) &&
      !/[.,;!]$/.test(text) &&
      !/\b(1[89]|20)\d\d\b/.test(text) &&
      !NOT_A_HEADING.test(text);
    if (plain) return 'heading';
  }
  return 'clause';
}

function trimHeading(text: string): string {
  return text.replace(/\s*[:：]$/, '');
}
