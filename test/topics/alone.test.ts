import { describe, expect, it } from 'vitest';
import type { Clause, Section } from '../../src/lib/clauses/types.ts';
import { saysNothingAlone } from '../../src/lib/topics/alone.ts';
import { labelTopics } from '../../src/lib/topics/label.ts';
import { growth, MAX_LINEAR_RATIO } from '../support/growth.ts';

const clause = (text: string, kind: Clause['kind'] = 'paragraph'): Clause => ({ id: 'x', kind, ordinal: 1, position: 1, html: text, text, topics: [] });

/** Labels `clauses` as one section under `heading` (list items as one list) and returns their topics. */
function topicsOf(heading: string, clauses: Clause[]): string[][] {
  const items = clauses.filter((c) => c.kind === 'item');
  const blocks: Section['blocks'] = clauses.filter((c) => c.kind !== 'item').map((c) => ({ type: 'clause' as const, clause: c }));
  if (items.length) blocks.push({ type: 'list', ordered: false, items });
  labelTopics([{ id: 's', heading, level: 2, blocks }]);
  return clauses.map((c) => c.topics);
}

describe('clauses that say nothing alone lose the catch-all topics (docs/topics.md, stop 18)', () => {
  it('a short list item, a short line not ending a sentence, a lead-in, a pointer', () => {
    expect(saysNothingAlone('Improve and develop our products.', true)).toBe(true); // microsoft.com
    expect(saysNothingAlone('The right to object', true)).toBe(true);
    expect(saysNothingAlone('7. Wix jobs applications', false)).toBe(true);
    expect(saysNothingAlone('What is outside the scope of this Privacy Policy?', false)).toBe(true); // xfinity.com
    expect(saysNothingAlone('Go Smart Mobile: https://www.gosmartmobile.com/ccpa/home?reqType=dns', false)).toBe(true);
    expect(saysNothingAlone('In this Policy the following terms shall have the following meanings:', false)).toBe(true);
    expect(saysNothingAlone('We rely on the following legal bases for collecting and using the personal information described in this Privacy Statement:', false)).toBe(true);
    expect(saysNothingAlone('Learn more about Kinect at Xbox Kinect and Privacy.', false)).toBe(true);
    expect(saysNothingAlone('See Diagnostic Data for more information.', false)).toBe(true);
    expect(saysNothingAlone('For information about how Tencent processes supplier’s information, please click here.', false)).toBe(true);
    expect(saysNothingAlone('You can download the full Privacy Statement here.', false)).toBe(true);
    expect(saysNothingAlone('Our full privacy notices contain more information about these topics.', false)).toBe(true); // hsbc.com
    expect(saysNothingAlone('These timescales are shown in Table 1.', false)).toBe(true); // ubuntu.com
    expect(
      saysNothingAlone('If you feel that your inquiry has not been satisfactorily addressed, please click here for information on consumer agencies.', false),
    ).toBe(true); // yahoo.com
    expect(
      saysNothingAlone(
        'The categories of Personal Information that we collect are identified in the section titled "The Types of Information That IPinfo Collects". Additional information about how long we will retain your Information is found in the section titled "How IPinfo Uses Information".',
        false,
      ),
    ).toBe(true); // ipinfo.io
    expect(
      saysNothingAlone(
        'You can read about the rights of data subjects against Facebook Ireland in the privacy policy of Facebook Ireland at https://www.facebook.com/about/privacy , Opens in a new tab.',
        false,
      ),
    ).toBe(true); // vr.fi
    // a pointer after a condition or a reader it is for (lead's reading, stop 18)
    expect(saysNothingAlone('If you are a California resident, please see our California Privacy Policy.', false)).toBe(true); // vinted.com
    expect(
      saysNothingAlone(
        'For individuals in the United States, please refer to our U.S. State Data Privacy Notice and the Washington State Consumer Health Data Privacy Policy for additional information about the processing of your personal data, and your rights under applicable U.S. State data privacy laws.',
        false,
      ),
    ).toBe(true); // microsoft.com
  });

  it('leaves real clauses alone, short ones too', () => {
    for (const text of [
      'This privacy policy covers noyb.eu, support.noyb.eu and the noyb.eu newsletters.', // a short statement of scope
      'Acceptance. By using the Platforms, you signify your acceptance of this Privacy Statement.',
      'The Services may include links to third-party websites. We do not control these websites and are not responsible for their privacy statements.',
      // a statement before its lead-in
      'This Privacy Policy does not apply to you if you are a Weixin user. You are a Weixin user if you had either:',
      // a statement with a pointer after it
      'This is a summary of the Privacy Policy. To read the full terms, scroll down or click here.',
      // a statement whose first clause is followed by "please" but points nowhere
      'If you have questions about this policy, please contact us at privacy@example.com.',
      'Where we rely on your consent, please note that you may withdraw it at any time.',
      'Personal data and privacy practices relating to job applicants, employees and other Zillow Group personnel.', // a long list item
    ]) {
      expect(saysNothingAlone(text, text.startsWith('Personal data')), text).toBe(false);
    }
  });

  it('labelTopics takes Other provisions and Introduction off them and keeps every other topic', () => {
    const [item, pointer, statement] = topicsOf('The data we collect can include the following', [
      clause('Improve and develop our products.', 'item'),
      clause('Learn more about Kinect at Xbox Kinect and Privacy.'),
      clause('For the protection of the Wikimedia Foundation and other users, if you do not agree with this Privacy Policy, you may not use the Wikimedia Sites.'),
    ]);
    expect(item).not.toContain('other');
    expect(pointer).not.toContain('other');
    expect(statement).toContain('other');
    const [question, links] = topicsOf('What does this Privacy Policy cover?', [clause('What is outside the scope of this Privacy Policy?'), clause('Newsletter and products and services privacy notice ›', 'item')]);
    expect(question).not.toContain('introduction');
    expect(links).not.toContain('introduction');
    // a contact detail keeps Contact; a short item keeps a topic of its own
    const [email] = topicsOf('Contact us', [clause('E-mail: privacy@example.com', 'item')]);
    expect(email).toContain('contact');
  });
});

describe('saysNothingAlone takes time linear in the text (untrusted input)', () => {
  const cases: Array<{ name: string; make: (n: number) => string; n: number }> = [
    { name: 'many sentences', make: (n) => 'Learn more. '.repeat(n), n: 4000 },
    { name: 'one long word', make: (n) => 'a'.repeat(n), n: 16000 },
    { name: 'many full stops', make: (n) => `See${'.'.repeat(n)} here`, n: 16000 },
    { name: 'closing marks before "here"', make: (n) => `Read it here${')'.repeat(n)}.`, n: 16000 },
    { name: 'spaces', make: (n) => `See ${' '.repeat(n)}x.`, n: 16000 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const g = growth(c.make, (t) => saysNothingAlone(t, false), c.n);
      expect(g.ratio, `${c.name}: ${g.small.toFixed(3)} ms at n=${c.n}, ${g.large.toFixed(3)} ms at 4n`).toBeLessThan(MAX_LINEAR_RATIO);
    }, 180_000);
  }
});
