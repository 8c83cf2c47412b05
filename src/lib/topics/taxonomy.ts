/**
 * Reader-facing topics and the OPP-115 categories they measure against.
 *
 * The research taxonomy is OPP-115 (Wilson et al., ACL 2016): ten categories, named here exactly as in the
 * corpus. Readers get finer topics (cookies, children, contact, ...), but every topic belongs to exactly one
 * OPP-115 category, so a topic can only be assigned to a clause whose predicted categories include the
 * topic's category; quality is measured on the categories.
 */

export const OPP115_CATEGORIES = [
  'First Party Collection/Use',
  'Third Party Sharing/Collection',
  'User Choice/Control',
  'User Access, Edit and Deletion',
  'Data Retention',
  'Data Security',
  'Policy Change',
  'Do Not Track',
  'International and Specific Audiences',
  'Other',
] as const;

type Opp115Category = (typeof OPP115_CATEGORIES)[number];

export interface Topic {
  /** URL slug and id, also the MDX page name (src/content/topics/<slug>.mdx). */
  slug: string;
  name: string;
  /** One sentence, reader-facing. */
  summary: string;
  /** The one OPP-115 category this topic belongs to. */
  category: Opp115Category;
  /** Display order: 10, 20, … by position in TOPICS. */
  order: number;
}

export const TOPICS: readonly Topic[] = ([
  {
    slug: 'introduction',
    name: 'Introduction and scope',
    summary: 'Who the policy is from, which sites and services it covers, and general statements about privacy.',
    category: 'Other',
  },
  {
    slug: 'what-we-collect',
    name: 'What they collect',
    summary: 'The kinds of personal information the company gathers about you, and how it gets it.',
    category: 'First Party Collection/Use',
  },
  {
    slug: 'how-we-use-it',
    name: 'How they use it',
    summary: 'What the company itself does with your information, and for which purposes.',
    category: 'First Party Collection/Use',
  },
  {
    slug: 'cookies-and-tracking',
    name: 'Cookies and tracking',
    summary: 'Cookies, web beacons, pixels and similar technologies the site uses to recognise and follow you.',
    category: 'First Party Collection/Use',
  },
  {
    slug: 'sharing',
    name: 'Sharing with others',
    summary: 'Who else receives or collects your information (partners, advertisers, service providers, buyers, authorities) and why.',
    category: 'Third Party Sharing/Collection',
  },
  {
    slug: 'your-choices',
    name: 'Your choices',
    summary: 'What you can opt in to or out of, such as marketing e-mails, targeted ads or optional data collection.',
    category: 'User Choice/Control',
  },
  {
    slug: 'access-and-deletion',
    name: 'Access, correction and deletion',
    summary: 'How you can see, correct, export or delete the information the company holds about you, or close your account.',
    category: 'User Access, Edit and Deletion',
  },
  {
    slug: 'retention',
    name: 'How long they keep it',
    summary: 'How long your information is stored and what happens to it afterwards.',
    category: 'Data Retention',
  },
  {
    slug: 'security',
    name: 'Security',
    summary: 'How the company protects your information against loss, theft and unauthorised access.',
    category: 'Data Security',
  },
  {
    slug: 'do-not-track',
    name: 'Do Not Track',
    summary: 'Whether the site honours the "Do Not Track" signal your browser can send.',
    category: 'Do Not Track',
  },
  {
    slug: 'children',
    name: 'Children',
    summary: 'Rules for children and teenagers: age limits, parental consent and what happens to data collected from minors.',
    category: 'International and Specific Audiences',
  },
  {
    slug: 'international-users',
    name: 'Regional and international users',
    summary: 'Provisions for people in particular places, such as California residents or users outside the United States, and cross-border transfers.',
    category: 'International and Specific Audiences',
  },
  {
    slug: 'policy-changes',
    name: 'Changes to the policy',
    summary: 'How and when the company may change the policy, and whether it will tell you.',
    category: 'Policy Change',
  },
  {
    slug: 'contact',
    name: 'Contact',
    summary: 'Whom to contact with privacy questions or complaints, and how.',
    category: 'Other',
  },
  {
    slug: 'other',
    name: 'Other provisions',
    summary: 'Anything else: practices the other topics do not cover, such as links to other sites or legal boilerplate.',
    category: 'Other',
  },
] satisfies Omit<Topic, 'order'>[]).map((topic, i) => ({ ...topic, order: 10 * (i + 1) }));

export const TOPIC_BY_SLUG: ReadonlyMap<string, Topic> = new Map(TOPICS.map((t) => [t.slug, t]));

/** The topics in display order: the one order of every list of topics (pages, data, a clause's labels). */
export const TOPICS_IN_ORDER: readonly Topic[] = [...TOPICS].sort((a, b) => a.order - b.order);

/** Topics belonging to one OPP-115 category, in display order. */
export function topicsForCategory(category: string): Topic[] {
  return TOPICS_IN_ORDER.filter((t) => t.category === category);
}
