/**
 * Company display names that no rule derives: the name people know is neither the domain's label nor its
 * spelling in the policy, nor the Open Terms Archive service name (src/lib/import/company.ts). Keyed by the
 * domain as imported (lower case, without "www."). Keep it small: add a name here only when the rules get it
 * wrong on real policies, and say so in the commit.
 */
export const COMPANY_NAMES: Readonly<Record<string, string>> = {
  'ui.com': 'Ubiquiti', // the label "ui"; the service "Ubiquiti"
  'steampowered.com': 'Steam', // also found by the service rule; kept as the example
  'thomsonreuters.com': 'Thomson Reuters', // the service folder is the domain; the text writes two words
  'ask.fm': 'ASKfm', // the label "ask"
  'redditinc.com': 'Reddit', // the label "redditinc"
};
