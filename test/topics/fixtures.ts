/** Small invented training set (written for these tests; not OPP-115 text). */
import type { Segment } from '../../src/lib/topics/train.ts';

const templates: Array<[string, string[]]> = [
  ['We collect your name, email address and phone number when you sign up for an account.', ['First Party Collection/Use']],
  ['Our servers automatically record your browser type and the pages you visit.', ['First Party Collection/Use']],
  ['We share your details with advertising partners and analytics vendors.', ['Third Party Sharing/Collection']],
  ['Service providers that process payments receive your card number.', ['Third Party Sharing/Collection']],
  ['You can opt out of promotional messages by clicking unsubscribe.', ['User Choice/Control']],
  ['You may log in to view, correct or delete your profile at any time.', ['User Access, Edit and Deletion']],
  ['We keep records for two years and then erase them.', ['Data Retention']],
  ['Data is protected with encryption and firewalls on our servers.', ['Data Security']],
  ['This notice may be revised; we will post the new version on this page.', ['Policy Change']],
  ['Our site does not respond to browser do not track signals.', ['Do Not Track']],
  ['The service is not directed to kids below thirteen years of age.', ['International and Specific Audiences']],
  ['Write to our privacy team at the address below with any question.', ['Other']],
];

/** `policies` invented policies, each with the templates lightly varied. */
export function syntheticSegments(policies = 4): Segment[] {
  const rows: Segment[] = [];
  for (let p = 0; p < policies; p++) {
    const company = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay'][p % 6];
    templates.forEach(([text, categories], i) => {
      rows.push({
        policy: `${p}_${company.toLowerCase()}.example`,
        text: `${company} note ${i}. ${text}`,
        categories,
        votes: Object.fromEntries(categories.map((c) => [c, 3])),
        other_type_votes: categories.includes('Other') ? { 'Privacy contact information': 3 } : {},
      });
    });
  }
  return rows;
}
