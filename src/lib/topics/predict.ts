/**
 * The prediction engine behind classifier.ts, independent of the committed model (training and CV use it with
 * freshly trained models): OPP-115 category scores from a linear model, then reader-facing topics
 * (taxonomy.ts) by small lexicon rules inside each predicted category.
 */
import { charGramHashes, weighTerms, type SparseVector } from './features.ts';
import { keywordTokens, stemToken, tokenize } from './tokenize.ts';
import { decodeModel, type DecodedModel, type TopicModel } from './model.ts';
import { OPP115_CATEGORIES, topicsForCategory } from './taxonomy.ts';

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
const CHILDREN = /\bchild|\bkids?\b|\bminors?\b|\bcoppa\b|\bunder (?:the age of )?1[0-8]\b|\bparent|\bteen|\byoung people\b|\bage of 1[0-8]\b|\b1[0-8] years\b|\bstudents?\b/;
const REGIONAL = /\bcalifornia|\bshine the light\b|\beurop|\b(?:eu|eea|uk|gdpr)\b|\bswitzerland|\bswiss|\bcanad|\bcountr|\binternational|\boutside (?:of )?the (?:united states|u\.?s)|\btransfer|\bjurisdiction|\bresidents?\b|\bsafe harbou?r|\bprivacy shield|\bnevada|\bstates?\b/;
const CONTACT = /_email_|@|\bcontact (?:us|our|the)\b|\be-?mail us\b|\bwrite to us\b|\bquestions?\b|\bcomments?\b|\bconcerns?\b|\bphone\b|\btelephone|\baddress(?:ed)? (?:to|below|above)\b|\battn\b|\battention:|\bsuite\b|\bp\.?o\.? box\b|\bprivacy officer\b/;

/** Headings that reliably announce a category: they lower that category's threshold by HEADING_BOOST. */
const HEADING_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bchild|\bkids\b|\bminors?\b|\bcoppa\b/, 'International and Specific Audiences'],
  [/\bcalifornia|\binternational|\beurop|\btransfer|\bresidents\b|\bgdpr\b/, 'International and Specific Audiences'],
  [/\bsecur|\bprotect(?:ing|ion of)? (?:your )?(?:information|data)/, 'Data Security'],
  [/\bretention\b|\bretain|\bhow long\b|\bstorage period/, 'Data Retention'],
  [/\bdo not track\b|\bdnt\b/, 'Do Not Track'],
  [/\bchanges\b|\bchanges? (?:to|in)\b|\bupdates? (?:to|of) (?:this|our|the)\b|\bamendments?\b|\brevisions?\b|\bpolicy updates?\b/, 'Policy Change'],
  [/\bcontact\b|\bquestions\b|\bhow to reach\b/, 'Other'],
  [/\bshar|\bdisclos|\bthird[- ]part/, 'Third Party Sharing/Collection'],
  [/\bchoice|\bopt[- ]?out|\bcontrol|\bpreferences\b|\bunsubscrib/, 'User Choice/Control'],
  [/\baccess|\bcorrect|\bdelet|\bedit|\bupdat(?:e|ing) your\b|\byour rights\b/, 'User Access, Edit and Deletion'],
  [/\bcollect|\bhow we use\b|\buse of (?:your )?information|\binformation we\b|\bcookie|\btracking\b/, 'First Party Collection/Use'],
];

/** Score units (linear-model margin) by which a matching heading lowers its category's threshold. */
export const HEADING_BOOST = 0.75;

export class ClauseClassifier {
  readonly model: DecodedModel;
  private readonly categoryCount: number;
  private readonly contactLabel: number;
  private readonly introLabel: number;

  /** Token -> token id, for tokens that occur in some term. */
  private readonly tokenIds = new Map<string, number>();
  /** Token id -> unigram term index or -1. */
  private readonly unigram: Int32Array;
  /** tokenId1 * tokenCount + tokenId2 -> bigram term index. */
  private readonly bigram = new Map<number, number>();
  private counts: Int32Array;
  /** Token -> feature indices of its character n-grams that are in the model (with repeats); memoised. */
  private readonly charCache = new Map<string, Int32Array>();

  constructor(model: TopicModel | DecodedModel) {
    this.model = 'terms' in model ? decodeModel(model) : model;
    // numeric lookup tables: bigrams are found without building "a b" strings
    const terms = [...this.model.index.entries()];
    for (const [term] of terms) for (const part of term.split(' ')) if (!this.tokenIds.has(part)) this.tokenIds.set(part, this.tokenIds.size);
    const T = this.tokenIds.size;
    this.unigram = new Int32Array(T).fill(-1);
    for (const [term, i] of terms) {
      const parts = term.split(' ');
      if (parts.length === 1) this.unigram[this.tokenIds.get(parts[0])!] = i;
      else this.bigram.set(this.tokenIds.get(parts[0])! * T + this.tokenIds.get(parts[1])!, i);
    }
    this.counts = new Int32Array(this.model.idf.length);
    this.categoryCount = OPP115_CATEGORIES.length;
    OPP115_CATEGORIES.forEach((c, i) => {
      if (this.model.labels[i] !== c) throw new Error(`model label ${i} is ${this.model.labels[i]}, expected ${c}`);
    });
    this.contactLabel = this.model.labels.indexOf('Other:contact');
    this.introLabel = this.model.labels.indexOf('Other:intro');
  }

  /** The TF-IDF vector of a text; same result as features.ts vectorize() with this model's vocabulary, faster. */
  vector(text: string): SparseVector {
    const raw = tokenize(text);
    const T = this.tokenIds.size;
    const counts = this.counts; // all zero between calls
    const touched: number[] = [];
    let prev = -1;
    for (let k = 0; k < raw.length; k++) {
      const id = this.tokenIds.get(stemToken(raw[k])) ?? -1;
      if (id >= 0) {
        const u = this.unigram[id];
        if (u >= 0 && counts[u]++ === 0) touched.push(u);
        if (prev >= 0) {
          const b = this.bigram.get(prev * T + id);
          if (b !== undefined && counts[b]++ === 0) touched.push(b);
        }
      }
      prev = id;
    }
    if (this.model.keywords) {
      for (const kw of keywordTokens(text, raw.length)) {
        const id = this.tokenIds.get(kw);
        const u = id === undefined ? -1 : this.unigram[id];
        if (u >= 0 && counts[u]++ === 0) touched.push(u);
      }
    }
    const wordCount = touched.length;
    const chars = this.model.chars;
    if (chars) {
      for (let k = 0; k < raw.length; k++) {
        const features = this.charFeatures(raw[k]);
        for (let j = 0; j < features.length; j++) if (counts[features[j]]++ === 0) touched.push(features[j]);
      }
    }
    return weighTerms(touched, counts, this.model.idf, wordCount, chars?.weight);
  }

  private charFeatures(token: string): Int32Array {
    let features = this.charCache.get(token);
    if (features === undefined) {
      const chars = this.model.chars!;
      const kept: number[] = [];
      for (const h of charGramHashes(token, chars.minN, chars.maxN)) {
        const i = chars.index.get(h);
        if (i !== undefined) kept.push(i);
      }
      features = Int32Array.from(kept);
      if (this.charCache.size >= 100_000) this.charCache.clear();
      this.charCache.set(token, features);
    }
    return features;
  }

  /** Raw linear scores minus thresholds, for every label (categories first). */
  margins(text: string): Float64Array {
    const m = this.model;
    const L = m.labels.length;
    const x = this.vector(text);
    const s = Float64Array.from(m.bias);
    for (let k = 0; k < x.idx.length; k++) {
      const base = x.idx[k] * L;
      const v = x.val[k];
      for (let l = 0; l < L; l++) s[l] += m.w[base + l] * v;
    }
    const out = m.stack ? applyStack(m.stack, s) : s;
    for (let l = 0; l < L; l++) out[l] -= m.thresholds[l];
    return out;
  }

  /** Predicted category indices for the given margins (already heading-adjusted). */
  private decide(margins: Float64Array): number[] {
    const out: number[] = [];
    let best = 0;
    for (let c = 0; c < this.categoryCount; c++) {
      if (margins[c] >= 0) out.push(c);
      if (margins[c] > margins[best]) best = c;
    }
    if (out.length === 0 && this.model.atLeastOne) out.push(best);
    return out;
  }

  /** OPP-115 categories only (what evaluation scores). */
  categories(text: string, heading?: string): string[] {
    const margins = this.margins(text);
    if (heading) applyHeading(margins, heading);
    return this.decide(margins).map((c) => OPP115_CATEGORIES[c]);
  }

  classify(text: string, heading?: string): ClauseTopics {
    const margins = this.margins(text);
    const head = heading ? heading.toLowerCase() : '';
    if (head) applyHeading(margins, head);
    const cats = this.decide(margins);
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
            (this.contactLabel >= 0 && margins[this.contactLabel] >= 0) || (CONTACT.test(lower) && /_email_|@|\bcontact/.test(lower));
          const intro = this.introLabel >= 0 && margins[this.introLabel] >= 0;
          if (contact) topics.add('contact');
          if (intro && !contact) topics.add('introduction');
          if (!contact && !intro) topics.add('other');
          break;
        }
        default:
          // A category with a single reader-facing topic: the taxonomy says which.
          for (const topic of SINGLE_TOPIC.get(OPP115_CATEGORIES[c]) ?? []) topics.add(topic);
      }
    }
    return { categories: cats.map((c) => OPP115_CATEGORIES[c]), topics: sortTopics(topics) };
  }
}

/** Categories that map onto exactly one topic (taxonomy.ts), so the classifier needs no rule for them. */
const SINGLE_TOPIC = new Map(
  OPP115_CATEGORIES.map((category) => [category, topicsForCategory(category)] as const)
    .filter(([, topics]) => topics.length === 1)
    .map(([category, topics]) => [category as string, [topics[0].slug]]),
);

/** Second-stage scores: per label, bias + weights . first-stage scores of all labels. */
export function applyStack(stack: readonly (readonly number[])[], scores: ArrayLike<number>): Float64Array {
  const L = stack.length;
  const out = new Float64Array(L);
  for (let l = 0; l < L; l++) {
    const row = stack[l];
    let s = row[L];
    for (let j = 0; j < L; j++) s += row[j] * scores[j];
    out[l] = s;
  }
  return out;
}

const TOPIC_ORDER = [
  'introduction',
  'what-we-collect',
  'how-we-use-it',
  'cookies-and-tracking',
  'sharing',
  'your-choices',
  'access-and-deletion',
  'retention',
  'security',
  'do-not-track',
  'children',
  'international-users',
  'policy-changes',
  'contact',
  'other',
];

function sortTopics(topics: Set<string>): string[] {
  return TOPIC_ORDER.filter((t) => topics.has(t));
}

function applyHeading(margins: Float64Array, heading: string): void {
  const head = heading.toLowerCase();
  const boosted = new Set<number>();
  for (const [re, category] of HEADING_RULES) {
    if (!re.test(head)) continue;
    const c = (OPP115_CATEGORIES as readonly string[]).indexOf(category);
    if (boosted.has(c)) continue;
    boosted.add(c);
    margins[c] += HEADING_BOOST;
  }
}

