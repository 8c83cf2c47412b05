/** Series and order-independent ids: the same files imported in any order, in one run or several, give the same ids. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/lib/import/import-files.ts';
import { serviceOf } from '../../src/lib/import/service.ts';
import { HEADER, listFiles, tempDir } from './helpers.ts';

const OTA = (domain: string, service: string, date: string) =>
  `> *The following text is extracted and transformed from the ${domain} privacy policy that was archived on ${date}. Please check the [original version on Open Terms Archive](https://github.com/OpenTermsArchive/contrib-versions/blob/0123abcd/${encodeURIComponent(service)}/Privacy%20Policy.md) for the most accurate reproduction.*`;

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, header: string, body: string): string {
  const file = path.join(dir, 'in', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${header}\n\n# Privacy\n\n${body}\n`);
  return file;
}

/** Two services of one domain on the same days, plus a Wayback snapshot of the domain on one of them. */
function inputs(): string[] {
  return [
    write('example.com__mail__2020-01-01.md', OTA('example.com', 'Mail', '2020-01-01'), 'Mail keeps your messages.'),
    write('example.com__maps__2020-01-01.md', OTA('example.com', 'Maps', '2020-01-01'), 'Maps knows where you are.'),
    write('example.com__mail__2021-01-01.md', OTA('example.com', 'Mail', '2021-01-01'), 'Mail keeps your messages for a year.'),
    write('example.com__maps__2021-01-01.md', OTA('example.com', 'Maps', '2021-01-01'), 'Maps knows where you were.'),
    write('example-wayback.md', HEADER('example.com', '2020-01-01'), 'The whole site.'),
  ];
}

async function idsOf(runs: string[][]): Promise<Record<string, string>> {
  const out = path.join(dir, `out-${Math.random().toString(36).slice(2)}`);
  const ids: Record<string, string> = {};
  for (const files of runs) {
    const summary = await importFiles(files, { out });
    expect(summary.rejected).toBe(0);
    for (const result of summary.results) ids[path.basename(result.path)] = result.id!;
  }
  return ids;
}

describe('series', () => {
  it('takes the service from an Open Terms Archive URL, else from the file name', () => {
    expect(serviceOf('https://github.com/OpenTermsArchive/contrib-versions/blob/fa0b39f/Chrome%20and%20Chrome%20OS/Privacy%20Policy.md', 'x.md', 'google.com')).toBe('chrome-and-chrome-os');
    expect(serviceOf('https://github.com/OpenTermsArchive/contrib-versions/blob/fa0b39f/Academia.edu/Privacy%20Policy.md', 'x.md', 'academia.edu')).toBe('academia-edu');
    expect(serviceOf('https://web.archive.org/web/2020/http://x.com/', 'x.com__store__2020-01-01.md', 'x.com')).toBe('store');
    expect(serviceOf('https://web.archive.org/web/2020/http://x.com/', 'y.com__store__2020-01-01.md', 'x.com')).toBeUndefined();
    expect(serviceOf('https://web.archive.org/web/2020/http://x.com/', 'x.com.md', 'x.com')).toBeUndefined();
  });

  it('gives the same ids whatever the import order, in one run or one file per run', async () => {
    const files = inputs();
    const expected = {
      'example.com__mail__2020-01-01.md': 'example.com/2020-01-01-mail',
      'example.com__maps__2020-01-01.md': 'example.com/2020-01-01-maps',
      'example.com__mail__2021-01-01.md': 'example.com/2021-01-01-mail',
      'example.com__maps__2021-01-01.md': 'example.com/2021-01-01-maps',
      'example-wayback.md': 'example.com/2020-01-01',
    };
    expect(await idsOf([files])).toEqual(expected);
    expect(await idsOf([[...files].reverse()])).toEqual(expected);
    expect(await idsOf(files.map((file) => [file]))).toEqual(expected);
    expect(await idsOf([...files].reverse().map((file) => [file]))).toEqual(expected);
    expect(await idsOf([[files[3], files[0]], [files[4], files[2], files[1]]])).toEqual(expected);
  });

  it('records the service in the frontmatter', async () => {
    const out = path.join(dir, 'out');
    await importFiles(inputs(), { out });
    expect(fs.readFileSync(path.join(out, 'example.com/2020-01-01-maps.md'), 'utf8')).toMatch(/^---\ndomain: "example.com"\nservice: "maps"\ncompany: /);
    expect(fs.readFileSync(path.join(out, 'example.com/2020-01-01.md'), 'utf8')).not.toMatch(/^service:/m);
  });

  it('renames a file imported under the earlier, order-dependent name', async () => {
    const out = path.join(dir, 'out');
    const [mail] = inputs();
    await importFiles([mail], { out });
    fs.renameSync(path.join(out, 'example.com/2020-01-01-mail.md'), path.join(out, 'example.com/2020-01-01-2.md'));
    const summary = await importFiles([mail], { out });
    expect(summary).toMatchObject({ updated: 1, imported: 0 });
    expect(listFiles(out)).toEqual(['example.com/2020-01-01-mail.md']);
  });
});
