import { describe, expect, it } from 'vitest';
import { decodeWaybackUrl, parseHeader } from '../../src/lib/import/header.ts';

const PREFIX = '> *The following text is extracted and transformed from the';
const header = (domain: string, date: string, link: string) =>
  `${PREFIX} ${domain} privacy policy that was archived on ${date}. Please check the ${link} for the most accurate reproduction.*`;

describe('parseHeader', () => {
  it('parses the three seed headers', () => {
    const seeds = [
      ['attask.com', '2006-06-17', 'https://web.archive.org/web/20060617022507id_/http%3A//www.attask.com/privacy.html'],
      ['atmail.com', '2005-12-10', 'https://web.archive.org/web/20051210142650id_/http%3A//atmail.com/privacy.php'],
      ['smartertools.com', '2008-12-16', 'https://web.archive.org/web/20081216151729id_/http%3A//www.smartertools.com/Company/Privacy.aspx'],
    ];
    for (const [domain, date, url] of seeds) {
      expect(parseHeader(header(domain, date, `[original snapshot on the Wayback Machine](${url})`))).toEqual({
        ok: true,
        header: { domain, archivedOn: date, sourceLabel: 'original snapshot on the Wayback Machine', snapshotUrl: url },
      });
    }
  });

  it('takes the Open Terms Archive link text as the source label', () => {
    const url = 'https://github.com/OpenTermsArchive/contrib-versions/blob/978cb6a43ec8874fb73b77e1b76ac342091c97e3/123Greetings/Privacy%20Policy.md';
    const result = parseHeader(header('123greetings.com', '2012-10-10', `[original version on Open Terms Archive](${url})`));
    expect(result).toEqual({
      ok: true,
      header: { domain: '123greetings.com', archivedOn: '2012-10-10', sourceLabel: 'original version on Open Terms Archive', snapshotUrl: url },
    });
  });

  it('lower-cases the domain and strips a leading www.', () => {
    const result = parseHeader(header('WWW.Example.COM', '2020-01-31', '[label](https://example.org/x)'));
    expect(result.ok && result.header.domain).toBe('example.com');
  });

  it('tolerates CR and trailing spaces but not a different sentence', () => {
    expect(parseHeader(`${header('a.com', '2020-01-31', '[l](https://a.org/)')}  \r`).ok).toBe(true);
    expect(parseHeader('# Privacy Policy')).toEqual({ ok: false, reason: expect.stringMatching(/^missing provenance header/) });
    expect(parseHeader('')).toMatchObject({ ok: false, reason: expect.stringMatching(/^missing provenance header/) });
  });

  it.each([
    ['no link', header('a.com', '2020-01-31', 'original snapshot'), /malformed provenance header: no snapshot link/],
    ['no date', `${PREFIX} a.com privacy policy. Please check the [l](https://a.org/) for the most accurate reproduction.*`, /malformed provenance header: no "<domain> privacy policy that was archived on <date>"/],
    ['date not YYYY-MM-DD', header('a.com', '2020-1-31', '[l](https://a.org/)'), /archive date "2020-1-31" is not written YYYY-MM-DD/],
    ['impossible date', header('a.com', '2006-02-30', '[l](https://a.org/)'), /^impossible date 2006-02-30/],
    ['empty link text', header('a.com', '2020-01-31', '[](https://a.org/)'), /the snapshot link has no text/],
    ['javascript snapshot URL', header('a.com', '2020-01-31', '[l](javascript:alert(1))'), /is not an http\(s\) URL/],
    ['relative snapshot URL', header('a.com', '2020-01-31', '[l](/web/2006/x)'), /is not an http\(s\) URL/],
    ['truncated', `${PREFIX} a.com privacy policy that was archived on 2020-01-31. Please check the [l](https://a.org/)`, /malformed provenance header: it does not end/],
    ['domain that is only digits', header('12345', '2020-01-31', '[l](https://a.org/)'), /^invalid domain "12345"/],
    ['label starting with a hyphen', header('-bad.com', '2020-01-31', '[l](https://a.org/)'), /^invalid domain "-bad.com"/],
    ['domain with a path', header('a.com/x', '2020-01-31', '[l](https://a.org/)'), /^invalid domain "a.com\/x"/],
    ['domain with underscore', header('a_b.com', '2020-01-31', '[l](https://a.org/)'), /^invalid domain/],
  ])('rejects a header with %s', (_name, line, reason) => {
    const result = parseHeader(line);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('keeps a single-label host name as the source writes it (Open Terms Archive "jottacloud")', () => {
    const result = parseHeader(header('JottaCloud', '2026-06-09', '[original version on Open Terms Archive](https://github.com/x/y)'));
    expect(result).toMatchObject({ ok: true, header: { domain: 'jottacloud' } });
  });

  it('accepts a leap day and converts an internationalised domain to punycode', () => {
    const result = parseHeader(header('bücher.de', '2024-02-29', '[l](https://a.org/)'));
    expect(result).toMatchObject({ ok: true, header: { domain: 'xn--bcher-kva.de', archivedOn: '2024-02-29' } });
  });
});

describe('decodeWaybackUrl', () => {
  it('decodes the percent-encoded original of id_ snapshots', () => {
    expect(decodeWaybackUrl('https://web.archive.org/web/20060617022507id_/http%3A//www.attask.com/privacy.html')).toBe('http://www.attask.com/privacy.html');
    expect(decodeWaybackUrl('https://web.archive.org/web/20191216180930id_/https%3A//example.com/legal/privacy%3Flang%3Den')).toBe('https://example.com/legal/privacy?lang=en');
  });

  it('handles other modifiers, no modifier, plain originals and a collapsed //', () => {
    expect(decodeWaybackUrl('https://web.archive.org/web/20060617022507if_/http://a.com/p')).toBe('http://a.com/p');
    expect(decodeWaybackUrl('https://web.archive.org/web/20060617022507/http://a.com/p?x=1&y=2')).toBe('http://a.com/p?x=1&y=2');
    expect(decodeWaybackUrl('http://web.archive.org/web/20060617022507im_/http:/a.com/p')).toBe('http://a.com/p');
  });

  it('keeps percent-escapes inside a plain original', () => {
    expect(decodeWaybackUrl('https://web.archive.org/web/20060617022507/http://a.com/privacy%20policy')).toBe('http://a.com/privacy%20policy');
  });

  it('returns undefined for non-Wayback URLs and non-http(s) originals', () => {
    expect(decodeWaybackUrl('https://github.com/OpenTermsArchive/contrib-versions/blob/abc/X/Privacy%20Policy.md')).toBeUndefined();
    expect(decodeWaybackUrl('https://web.archive.org/web/20060617022507id_/ftp%3A//a.com/p')).toBeUndefined();
    expect(decodeWaybackUrl('https://web.archive.org/web/20060617022507id_/javascript:alert(1)')).toBeUndefined();
    expect(decodeWaybackUrl('https://web.archive.org/web/20060617022507id_/')).toBeUndefined();
    expect(decodeWaybackUrl('https://example.com/web/20060617022507id_/http%3A//a.com/')).toBeUndefined();
  });
});
