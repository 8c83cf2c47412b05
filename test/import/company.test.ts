import { describe, expect, it } from 'vitest';
import { alternativeName, capitalise, companyName, deriveCompany, mainLabel, serviceName } from '../../src/lib/import/company.ts';
import { deriveTitle, firstHeading } from '../../src/lib/import/title.ts';
import { countWords } from '../../src/lib/import/word-count.ts';

describe('mainLabel', () => {
  it.each([
    ['smartertools.com', 'smartertools'],
    ['attask.com', 'attask'],
    ['news.bbc.co.uk', 'bbc'],
    ['example.com.au', 'example'],
    ['bolt.eu', 'bolt'],
    ['mail.google.com', 'google'],
    ['www.example.org', 'example'],
  ])('%s → %s', (domain, label) => expect(mainLabel(domain)).toBe(label));
});

describe('deriveCompany', () => {
  it('uses the spelling found in the title or body', () => {
    expect(deriveCompany('smartertools.com', 'Privacy Policy - SmarterTools', 'SmarterTools is committed...')).toBe('SmarterTools');
    expect(deriveCompany('attask.com', 'AtTask Privacy Policy', '')).toBe('AtTask');
    expect(deriveCompany('123greetings.com', '', 'Welcome to 123Greetings.com, the site')).toBe('123Greetings');
  });
  it('ignores the label inside e-mail addresses, URLs and link targets', () => {
    expect(deriveCompany('atmail.com', '', 'Write to support@atmail.com or see [Home](http://atmail.com/) or http://www.Atmail.com/x')).toBe('Atmail');
    expect(deriveCompany('acme.com', '', 'mail privacy@AcmeCorp.com [x](https://ACME.com)')).toBe('Acme');
  });
  it('ignores the label inside longer words', () => {
    expect(deriveCompany('bolt.eu', '', 'Thunderbolts and BOLTED doors')).toBe('Bolt');
  });
  it('prefers mixed case over shouting, the most frequent spelling, then the first', () => {
    expect(deriveCompany('smartertools.com', '', 'SMARTERTOOLS SHALL NOT ... SmarterTools ... Smartertools ... SmarterTools')).toBe('SmarterTools');
    expect(deriveCompany('smartertools.com', '', 'SMARTERTOOLS SHALL NOT')).toBe('Smartertools');
    expect(deriveCompany('ibm.com', '', 'IBM respects your privacy')).toBe('IBM');
  });
  it('matches hyphenated labels written with a space or without the hyphen', () => {
    expect(deriveCompany('job-hunt.org', 'The Privacy Policy for Job-Hunt.Org', '')).toBe('Job-Hunt');
    expect(deriveCompany('mid-america.com', '', 'Mid America Apartments')).toBe('Mid America');
  });
  it('falls back to the capitalised label', () => {
    expect(deriveCompany('example.com', 'Privacy', 'We respect you.')).toBe('Example');
  });
});

const ota = (service: string) => `https://github.com/OpenTermsArchive/contrib-versions/blob/0123456789abcdef0123456789abcdef01234567/${encodeURIComponent(service)}/Privacy%20Policy.md`;
const wayback = 'https://web.archive.org/web/20060617022507id_/http%3A//www.example.com/privacy.html';

describe('companyName: the names people know', () => {
  it('takes the override table first', () => {
    expect(companyName('ui.com', ota('Ubiquiti'), 'UI Privacy Policy', 'Ui and UI')).toBe('Ubiquiti');
    expect(companyName('thomsonreuters.com', ota('thomsonreuters.com'), '', 'Thomson Reuters')).toBe('Thomson Reuters');
    expect(companyName('ask.fm', ota('ASKfm'), '', '')).toBe('ASKfm');
    expect(companyName('redditinc.com', ota('Reddit'), '', '')).toBe('Reddit');
    expect(companyName('steampowered.com', ota('Steam'), '', '')).toBe('Steam');
  });
  it('takes an Open Terms Archive service name that names the domain', () => {
    expect(serviceName('redditinc.com', ota('Reddit'))).toBe('Reddit');
    expect(serviceName('steampowered.com', ota('Steam'))).toBe('Steam');
    expect(serviceName('ask.fm', ota('ASKfm'))).toBe('ASKfm');
    expect(serviceName('booking.com', ota('Booking.com'))).toBe('Booking.com');
    expect(serviceName('bumble.com', ota('Bumble'))).toBe('Bumble');
    expect(companyName('academia.edu', ota('Academia.edu'), '', 'academia.edu')).toBe('Academia.edu');
    expect(companyName('stackoverflow.com', ota('Stack Overflow'), '', 'Stackoverflow')).toBe('Stack Overflow');
  });
  it("keeps the policy's own spelling when the service differs from it only in letter case", () => {
    expect(companyName('coindesk.com', ota('Coindesk'), '', 'CoinDesk respects')).toBe('CoinDesk');
    expect(companyName('ikea.com', ota('Ikea'), '', 'IKEA respects')).toBe('IKEA');
    expect(companyName('protonvpn.com', ota('ProtonVPN'), '', 'protonvpn.com')).toBe('ProtonVPN');
  });
  it('does not take a service that is one of several of the domain, a folder named after the domain, or a Wayback URL', () => {
    expect(serviceName('google.com', ota('Gmail'))).toBeUndefined();
    expect(serviceName('amazon.com', ota('Amazon Advertising'))).toBeUndefined();
    expect(serviceName('example.com', ota('example.com'))).toBeUndefined();
    expect(serviceName('example.com', wayback)).toBeUndefined();
    expect(companyName('google.com', ota('Gmail'), '', 'Google LLC')).toBe('Google');
    expect(companyName('attask.com', wayback, 'AtTask Privacy Policy', '')).toBe('AtTask');
  });
  it('decodes IDN domains (punycode)', () => {
    expect(mainLabel('xn--bcher-kva.de')).toBe('bücher');
    expect(capitalise('bücher')).toBe('Bücher');
    expect(companyName('xn--bcher-kva.de', wayback, '', 'Willkommen bei bücher.de')).toBe('Bücher');
    expect(companyName('xn--bcher-kva.de', wayback, '', 'Bücher GmbH')).toBe('Bücher');
  });
  it('gives the domain label as the other name when it differs', () => {
    expect(alternativeName('steampowered.com', 'Steam')).toBe('Steampowered');
    expect(alternativeName('ui.com', 'Ubiquiti')).toBe('Ui');
    expect(alternativeName('smartertools.com', 'SmarterTools')).toBeUndefined();
    expect(alternativeName('job-hunt.org', 'Job-Hunt')).toBeUndefined();
  });
});

describe('title', () => {
  it('uses the first non-empty level-1 heading, as plain text', () => {
    expect(firstHeading('intro\n# \n#\n## Sub\n# **AtTask** [Privacy](/p) Policy\n# Later')).toBe('AtTask Privacy Policy');
    expect(firstHeading('# | Free Photoshop Brushes | 123FreeBrushes')).toBe('Free Photoshop Brushes | 123FreeBrushes');
    expect(firstHeading('#NotAHeading\n    # code')).toBeUndefined();
  });
  it('ignores headings inside fenced code', () => {
    expect(firstHeading('```\n# not this\n```\n# This')).toBe('This');
  });
  it('falls back to "<Company> privacy policy" for empty or chrome headings', () => {
    expect(deriveTitle('# \n\ntext', 'Acme')).toBe('Acme privacy policy');
    expect(deriveTitle('# Legal\n\ntext', 'Acme')).toBe('Acme privacy policy');
    expect(deriveTitle('# Home\n# Privacy', 'Acme')).toBe('Acme privacy policy');
    expect(deriveTitle('no heading at all', 'Acme')).toBe('Acme privacy policy');
    const ota = 'https://github.com/OpenTermsArchive/contrib-versions/blob/978cb6a43ec8874fb73b77e1b76ac342091c97e3/YouTube%20Kids/Privacy%20Policy.md';
    expect(deriveTitle('no heading at all', 'Google', ota)).toBe('YouTube Kids privacy policy');
    expect(deriveTitle('# Privacy at YouTube', 'Google', ota)).toBe('Privacy at YouTube');
    expect(deriveTitle('no heading', 'Acme', 'https://web.archive.org/web/2006/http://acme.com/')).toBe('Acme privacy policy');
    expect(deriveTitle('# Privacy Policy - SmarterTools', 'SmarterTools')).toBe('Privacy Policy - SmarterTools');
  });
  it('keeps tag-like text of headings as text and shortens very long ones', () => {
    expect(deriveTitle('# Privacy <script>alert(1)</script> Policy', 'A')).toBe('Privacy alert(1) Policy');
    const long = deriveTitle(`# ${'word '.repeat(100)}`, 'A');
    expect(long.length).toBeLessThanOrEqual(200);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('countWords', () => {
  it('counts words, not link targets or markup', () => {
    expect(countWords('We **do not** sell [your data](https://example.com/a/b/c) <https://x.org/y/z>.')).toBe(6);
    expect(countWords("Don't e-mail us at 3.5 o'clock; Datenschutzerklärung, Конфиденциальность.")).toBe(8);
    expect(countWords('')).toBe(0);
  });
});
