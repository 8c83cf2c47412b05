/** The one configuration module (src/config.ts): defaults, validation, and what changes the output. */
import { describe, expect, it } from 'vitest';
import { loadSettings, outputSettings, policyRoots } from '../../src/config.ts';

describe('settings', () => {
  it('gives every setting its default when the environment is empty, and counts an empty variable as unset', () => {
    const settings = loadSettings({ OUT_DIR: '' });
    expect(settings.OUT_DIR).toBe('dist');
    expect(settings.SITE_URL).toBe('https://privacy-policy-archive.example');
    expect(settings.TOPIC_CLAUSES_PER_PAGE).toBeUndefined();
  });

  it('reads numbers as numbers', () => {
    expect(loadSettings({ TOPIC_CLAUSES_PER_PAGE: '3', POLICY_WORKERS: '0' })).toMatchObject({ TOPIC_CLAUSES_PER_PAGE: 3, POLICY_WORKERS: 0 });
  });

  it('refuses invalid values, naming every variable, its value and what it is for', () => {
    const load = () => loadSettings({ TOPIC_CLAUSES_PER_PAGE: 'abc', SITE_URL: 'ftp://example.org', POLICY_WORKERS: '-1' });
    expect(load).toThrow(/TOPIC_CLAUSES_PER_PAGE="abc"/);
    expect(load).toThrow(/SITE_URL="ftp:\/\/example.org"/);
    expect(load).toThrow(/POLICY_WORKERS="-1"/);
    expect(load).toThrow(/Clauses listed per topic page/);
  });

  it('lists the settings that change the output, and only those', () => {
    const lines = outputSettings(loadSettings({ SITE_URL: 'https://a.example', OUT_DIR: 'elsewhere' }));
    expect(lines).toContain('SITE_URL=https://a.example\n');
    expect(lines).toContain('TOPIC_CLAUSES_PER_PAGE=\n');
    expect(lines).not.toContain('OUT_DIR');
    expect(lines).not.toContain('CACHE_DIR');
  });

  it('splits POLICIES_DIR on ":" into absolute folders', () => {
    const roots = policyRoots(loadSettings({ POLICIES_DIR: 'a:/tmp/b' }));
    expect(roots).toHaveLength(2);
    expect(roots[0]).toMatch(/\/a$/);
    expect(roots[1]).toBe('/tmp/b');
  });
});
