/**
 * The prediction engine behind label.ts, independent of the committed model (training and CV use it with
 * freshly trained models): OPP-115 category scores from a linear model, then reader-facing topics
 * (taxonomy.ts) by small lexicon rules inside each predicted category.
 */
import { Vectorizer } from './features.ts';
import { decodeModel, type TopicModel } from './model.ts';
import { OPP115_CATEGORIES, TOPICS_IN_ORDER, topicsForCategory } from './taxonomy.ts';
import { lineKind, type LineKind } from './lines.ts';

export interface ClauseTopics {
  /** Predicted OPP-115 categories, in OPP115_CATEGORIES order. */
  categories: string[];
  /** Reader-facing topic slugs, in taxonomy order; each belongs to one of `categories`. */
  topics: string[];
}

/** Lexicons used to split a category into finer topics (matched on the lower-cased text and heading). */
const COOKIES = /\bcookie|\bweb ?beacon|\bpixel|\bclear gifs?\b|\bgifs?\b|\btracking technolog|\blocal (?:shared )?storage|\bflash cookie|\bsdks?\b|\bsoftware development kit|\btags?\b.*\btrack|\banalytics\b/;
const USE = /\b(?:we|to|may|will|also|can|and) use\b|\buses? (?:this|the|your|such|that|these|it|information|data|personal)|\bused (?:to|for|by us)|\bpurpose|\bin order to\b|\bto (?:provide|improve|personali[sz]e|customi[sz]e|send|communicate|contact|process|respond|operate|deliver|analy[sz]e|understand|help|fulfil)|\bmarketing\b|\badvertis/;
const COLLECT = /\bcollect|\bgather|\bobtain|\breceive|\brecord|\blog files?\b|\bprovide (?:to )?us\b|\b(?:types?|kinds?|categories) of (?:personal )?(?:information|data)|\binformation (?:you|that you) (?:provide|give|submit|enter)|\bautomatically\b|\bip address|\bregist/;
const CHILDREN = /\bchild|\bkids?\b|\bminors?\b|\bcoppa\b|\bunder (?:the age of )?1[0-8](?=[.,;)]|$)|\bparent(?:al|s)?\b(?! (?:compan|corporation|entit|organi|group))|\bteen|\byoung people\b|\bage of 1[0-8]\b|\b1[0-8] years\b|\bstudents?\b/;
const REGIONAL = /\bcalifornia|\bshine the light\b|\beurop|\b(?:eu|eea|uk|gdpr)\b|\bswitzerland|\bswiss|\bcanad|\bcountr|\binternational|\boutside (?:of )?the (?:united states|u\.?s)|\btransfer|\bjurisdiction|\bresidents?\b|\bsafe harbou?r|\bprivacy shield|\bnevada|\bstates?\b/;
const CONTACT = /_email_|@|\bcontact (?:us|our|the)\b|\be-?mail us\b|\bwrite to us\b|\bquestions?\b|\bcomments?\b|\bconcerns?\b|\bphone\b|\btelephone|\baddress(?:ed)? (?:to|below|above)\b|\battn\b|\battention:|\bsuite\b|\bp\.?o\.? box\b|\bprivacy officer\b/;

/**
 * An "Other" clause that says what the policy covers, or one under a heading that introduces the policy, is
 * Introduction and scope even where the introduction sub-model does not say so (lead's reading, stop 18: "This
 * Privacy Notice applies to all the products …", "This Policy tells you how …"; headings "1. Introduction", "Scope
 * and Application", "About this Privacy Policy", "Welcome!").
 */
const SCOPE_TEXT = /\bthis (?:privacy |cookie )?(?:policy|notice|statement)\b[^.\n]{0,40}\b(?:applies|covers|describes|explains|sets out|governs|tells|outlines)\b/;
const SCOPE_HEADING = /\bintroduction\b|\bscope\b|\babout (?:this|our) (?:privacy )?(?:policy|notice|statement)\b|\bwelcome\b/;
/** Clauses of fewer words are fragments: at most a contact detail (see decide()). */
const MIN_WORDS = 4;
const OTHER = OPP115_CATEGORIES.indexOf('Other');
const DO_NOT_TRACK = OPP115_CATEGORIES.indexOf('Do Not Track');
const DNT_CUE = /\bdo[- ]not[- ]track|\bdnt\b|\bsignals?\b|\bglobal privacy control\b|\bgpc\b/;

export class ClauseClassifier {
  readonly model: ReturnType<typeof decodeModel>;
  private readonly contactLabel: number;
  private readonly introLabel: number;
  /** Its `words`, those of the text last vectorised, are what decide() reads right after margins(). */
  private readonly vectorizer: Vectorizer;
  /** What lineKind() said of the text last decided (classify() reads it right after decide()). */
  private line: LineKind | undefined;

  constructor(model: TopicModel) {
    this.model = decodeModel(model);
    this.vectorizer = new Vectorizer(this.model.terms, this.model.idf);
    OPP115_CATEGORIES.forEach((c, i) => {
      if (this.model.labels[i] !== c) throw new Error(`model label ${i} is ${this.model.labels[i]}, expected ${c}`);
    });
    this.contactLabel = this.model.labels.indexOf('Other:contact');
    this.introLabel = this.model.labels.indexOf('Other:intro');
  }

  /** Raw linear scores minus thresholds, for every label (categories first); -Infinity for a label never given. */
  margins(text: string, heading?: string): Float64Array {
    const m = this.model;
    const L = m.labels.length;
    const x = this.vectorizer.vector(text, heading);
    const s = Float64Array.from(m.bias);
    for (let k = 0; k < x.idx.length; k++) {
      const base = x.idx[k] * L;
      const v = x.val[k];
      for (let l = 0; l < L; l++) s[l] += m.w[base + l] * v;
    }
    for (let l = 0; l < L; l++) s[l] -= m.thresholds[l];
    return s;
  }

  /**
   * Predicted category indices: those whose score reaches the threshold (possibly none), for the text whose
   * margins were just computed, after the guards from reading the archive (docs/topics.md, "How the classifier
   * works"): a fragment of fewer than MIN_WORDS words, or a line that is not a statement (lines.ts), can only be
   * "Other", as OPP-115 labels such lines (classify() gives a line no topic, an address line at most Contact);
   * Do Not Track needs the clause or its heading to name the signal (every such segment of OPP-115 does).
   */
  private decide(margins: Float64Array, text: string, heading?: string): number[] {
    const out: number[] = [];
    this.line = lineKind(text, heading);
    for (let c = 0; c < OPP115_CATEGORIES.length; c++) {
      if (margins[c] < 0) continue;
      if ((this.vectorizer.words < MIN_WORDS || this.line) && c !== OTHER) continue;
      if (c === DO_NOT_TRACK && !DNT_CUE.test(`${heading ?? ''}\n${text}`.toLowerCase())) continue;
      out.push(c);
    }
    return out;
  }

  /** OPP-115 categories only (what evaluation scores). */
  categories(text: string, heading?: string): string[] {
    return this.decide(this.margins(text, heading), text, heading).map((c) => OPP115_CATEGORIES[c]);
  }

  classify(text: string, heading?: string): ClauseTopics {
    const margins = this.margins(text, heading);
    const head = heading ? heading.toLowerCase() : '';
    const cats = this.decide(margins, text, heading);
    const fragment = this.vectorizer.words < MIN_WORDS;
    const lower = `${head}\n${text.toLowerCase().replace(/[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/g, ' _email_ ')}`;
    const topics = new Set<string>();
    for (const c of cats) {
      switch (OPP115_CATEGORIES[c]) {
        case 'First Party Collection/Use': {
          const cookies = COOKIES.test(lower);
          const use = USE.test(lower);
          const collect = COLLECT.test(lower);
          if (collect || (!cookies && !use)) topics.add('what-we-collect');
          if (use) topics.add('how-we-use-it');
          if (cookies) topics.add('cookies-and-tracking');
          break;
        }
        case 'International and Specific Audiences': {
          const children = CHILDREN.test(lower);
          if (children) topics.add('children');
          if (!children || REGIONAL.test(lower)) topics.add('international-users');
          break;
        }
        case 'Other': {
          const contact =
            ((this.contactLabel >= 0 && margins[this.contactLabel] >= 0) || (CONTACT.test(lower) && /_email_|@|\bcontact/.test(lower))) &&
            (!fragment || /@|\d{3}/.test(text)); // a fragment counts only if it is a contact detail
          const intro = (this.introLabel >= 0 && margins[this.introLabel] >= 0) || SCOPE_TEXT.test(lower) || SCOPE_HEADING.test(head);
          // an address line is at most a contact detail; a heading, contents entry or date line has no topic
          if (contact && (!this.line || this.line === 'address')) topics.add('contact');
          if (this.line || contact || fragment) break;
          topics.add(intro ? 'introduction' : 'other');
          break;
        }
        default:
          // A category with a single reader-facing topic: the taxonomy says which.
          for (const topic of topicsForCategory(OPP115_CATEGORIES[c])) topics.add(topic.slug);
      }
    }
    const inOrder = TOPICS_IN_ORDER.filter((t) => topics.has(t.slug)).map((t) => t.slug);
    return { categories: cats.map((c) => OPP115_CATEGORIES[c]), topics: inOrder };
  }
}
