/**
 * Every text pass of the importer and the segmenter takes time linear in its input, on the adversarial inputs
 * a break-it pass found (issue #16): each is run at n and 4n within this run and the ratio of the times is
 * compared, never an absolute time, so the test does not depend on the machine's load.
 */
import { describe, expect, it } from 'vitest';
import { missingWords } from '../../src/lib/clauses/coverage.ts';
import { readerText } from '../../src/lib/clauses/reader-text.ts';
import { segment } from '../../src/lib/clauses/segment.ts';
import { convertPolicy } from '../../src/lib/import/convert.ts';
import { parseHeader } from '../../src/lib/import/header.ts';
import { neutraliseBody } from '../../src/lib/import/neutralise.ts';
import { deriveTitle } from '../../src/lib/import/title.ts';
import { countWords } from '../../src/lib/import/word-count.ts';
import { growth, MAX_LINEAR_RATIO } from '../support/growth.ts';
import { HEADER } from './helpers.ts';

const file = (body: string) => Buffer.from(`${HEADER('example.com', '2020-01-01')}\n\n${body}\n`);

interface Case {
  name: string;
  make: (n: number) => string;
  run: (input: string) => unknown;
  n: number;
}

const cases: Case[] = [
  { name: 'header: a first line of spaces', make: (n) => ' '.repeat(n), run: parseHeader, n: 600 },
  { name: 'header: the intro, then spaces', make: (n) => `> * The following text is extracted and transformed from the example.com${' '.repeat(n)}`, run: parseHeader, n: 600 },
  { name: 'header: [ repeated', make: (n) => `> *The following text is extracted and transformed from the x privacy policy that was archived on 2020-01-01. ${'[a'.repeat(n)}`, run: parseHeader, n: 3000 },
  { name: 'header: spaces at the end', make: (n) => `${HEADER('example.com', '2020-01-01').slice(0, -1)}${' '.repeat(n)}x`, run: parseHeader, n: 600 },
  { name: 'neutralise: [a]( repeated', make: (n) => '[a]('.repeat(n), run: neutraliseBody, n: 4000 },
  { name: 'neutralise: [ repeated', make: (n) => '['.repeat(n), run: neutraliseBody, n: 16000 },
  { name: 'neutralise: nested [[[…]]](x)', make: (n) => `${'['.repeat(n)}a${']'.repeat(n)}(x)`, run: neutraliseBody, n: 1000 },
  { name: 'neutralise: <br>x on one line', make: (n) => '<br>x'.repeat(n), run: neutraliseBody, n: 16000 },
  { name: 'neutralise: a table row of spaces and <br>', make: (n) => `| a${' '.repeat(n)}<br>${' '.repeat(n)}x |`, run: neutraliseBody, n: 4000 },
  { name: 'neutralise: a{ after a long URL', make: (n) => `https://${'a{'.repeat(n)}`, run: neutraliseBody, n: 16000 },
  { name: 'neutralise: backtick runs of many lengths, and <', make: (n) => Array.from({ length: n }, (_, i) => `${'`'.repeat((i % 40) + 1)}<`).join(''), run: neutraliseBody, n: 2000 },
  { name: 'neutralise: `a< repeated', make: (n) => '`a<'.repeat(n), run: neutraliseBody, n: 8000 },
  { name: 'title: a heading and spaces', make: (n) => `# Heading${' '.repeat(n)}x\n`, run: (body) => deriveTitle(body, 'X'), n: 4000 },
  { name: 'title: a heading of dashes', make: (n) => `# ${'- '.repeat(n)}x\n`, run: (body) => deriveTitle(body, 'X'), n: 4000 },
  { name: 'words: ]( without a closing parenthesis', make: (n) => '](x'.repeat(n), run: countWords, n: 16000 },
  { name: 'coverage: ](https://a(b) repeated, no closing parenthesis', make: (n) => '[a](https://a(b)'.repeat(n), run: (body) => readerText(body), n: 4000 },
  { name: 'coverage: ]( and < repeated', make: (n) => '](x<https://'.repeat(n), run: (body) => readerText(body), n: 4000 },
  { name: 'coverage: a word of a*a* repeated', make: (n) => 'a*'.repeat(n), run: (body) => missingWords(body, segment('x')), n: 16000 },
  { name: 'segment: identical headings', make: (n) => '## Same\n\n'.repeat(n), run: segment, n: 3000 },
  { name: 'segment: identical bold lines', make: (n) => '**Same**\n\n'.repeat(n), run: segment, n: 3000 },
  { name: 'import: [a]( repeated', make: (n) => '[a]('.repeat(n), run: (body) => convertPolicy(file(body)), n: 4000 },
  { name: 'import: a heading and spaces', make: (n) => `# Heading${' '.repeat(n)}x`, run: (body) => convertPolicy(file(body)), n: 4000 },
];

describe('text passes take time linear in their input', () => {
  for (const c of cases) {
    it(c.name, () => {
      const g = growth(c.make, c.run, c.n);
      if (process.env.GROWTH_LOG) console.log(`${c.name}: ${g.small.toFixed(1)} ms, ${g.large.toFixed(1)} ms, ratio ${g.ratio.toFixed(1)}`);
      expect(g.ratio, `${c.name}: ${g.small.toFixed(1)} ms at n=${c.n}, ${g.large.toFixed(1)} ms at 4n`).toBeLessThan(MAX_LINEAR_RATIO);
    }, 180_000);
  }
});

it('a file that opens with four million blank lines (4 MB, under the default size limit) imports', () => {
  // One pattern once skipped them, and overflowed V8's regexp stack (RangeError) on this file.
  const converted = convertPolicy(Buffer.from(`${'\n'.repeat(4_000_000)}${HEADER('example.com', '2020-01-01')}\n\nText.\n`));
  expect(converted.frontmatter.archivedOn).toBe('2020-01-01');
});

it('a file with four million blank lines between the header and the text imports', () => {
  // One pattern once skipped them after the header, and overflowed V8's regexp stack (RangeError) on this file.
  const converted = convertPolicy(Buffer.from(`${HEADER('example.com', '2020-01-01')}\n${'\n'.repeat(4_000_000)}Text.\n`));
  expect(converted.frontmatter.archivedOn).toBe('2020-01-01');
});
