/**
 * The stems Pagefind itself gives to words: an oracle for src/lib/search/stem.ts.
 *
 * Indexes the words in memory with Pagefind's Node API (pages of 500 words, each word once), then reads the
 * index chunks back: each holds stems with, per page, the positions of the words that have that stem, so a
 * position names the word. Chunks are gzipped CBOR behind a "pagefind_dcd" signature; the reader below
 * knows the CBOR that Pagefind writes (integers, strings, arrays) and fails on anything else. In Pagefind 1.6
 * a word's page numbers and a page's positions are stored as differences from the previous one, and negative
 * numbers among the positions are weight markers.
 */
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';

const WORDS_PER_PAGE = 500;

export async function pagefindStems(words: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(words)];
  for (const word of unique) if (!/^[a-z]+$/.test(word)) throw new Error(`pagefindStems takes words of a to z, not ${JSON.stringify(word)}`);
  const pages: string[][] = [];
  for (let i = 0; i < unique.length; i += WORDS_PER_PAGE) pages.push(unique.slice(i, i + WORDS_PER_PAGE));

  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
  try {
    for (const [number, page] of pages.entries()) {
      const added = await index.addCustomRecord({ url: `/${number}/`, content: page.join(' '), language: 'en', meta: { title: String(number) } });
      if (added.errors.length) throw new Error(`Pagefind: ${added.errors.join('; ')}`);
    }
    const { files, errors: fileErrors } = await index.getFiles();
    if (fileErrors.length) throw new Error(`Pagefind: ${fileErrors.join('; ')}`);

    // Pagefind numbers pages in its metadata's order; the fragments say which URL (so which words) each is.
    const urlOf = new Map<string, string>();
    for (const file of files.filter((file) => file.path.includes('fragment/'))) {
      const fragment = JSON.parse(unpack(file.content).toString('utf8')) as { url: string };
      urlOf.set(file.path.replace(/^.*fragment\/|\.pf_fragment$/g, ''), fragment.url);
    }
    const meta = readCbor(unpack(required(files.find((file) => file.path.endsWith('.pf_meta'))).content)) as unknown[];
    const pageWords = (meta[1] as [string, ...unknown[]][]).map(([hash]) => pages[Number(/\d+/.exec(required(urlOf.get(hash)))![0])]);

    const stems = new Map<string, string>();
    for (const file of files.filter((file) => file.path.includes('index/'))) {
      const [entries] = readCbor(unpack(file.content)) as [[string, [number, number[]][]][]];
      for (const [stem, onPages] of entries) {
        let page = 0;
        for (const [pageStep, locations] of onPages) {
          page += pageStep;
          let position = 0;
          let first = true;
          for (const value of locations) {
            if (value < 0) continue;
            position = first ? value : position + value;
            first = false;
            stems.set(required(pageWords[page][position]), stem);
          }
        }
      }
    }
    const missing = unique.filter((word) => !stems.has(word));
    if (missing.length) throw new Error(`Pagefind's index has no position for ${missing.slice(0, 5).join(', ')}`);
    return stems;
  } finally {
    await index.deleteIndex();
  }
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('Pagefind index not as expected (a file, page or position is missing)');
  return value;
}

function unpack(content: Uint8Array): Buffer {
  let data = Buffer.from(content);
  if (data.subarray(0, 12).toString() !== 'pagefind_dcd') data = gunzipSync(data);
  if (data.subarray(0, 12).toString() !== 'pagefind_dcd') throw new Error('not a Pagefind file (no pagefind_dcd signature)');
  return data.subarray(12);
}

/** The subset of CBOR (RFC 8949) in Pagefind's index files: unsigned and negative integers, strings, arrays. */
function readCbor(data: Buffer): unknown {
  let at = 0;
  const length = (info: number): number => {
    if (info < 24) return info;
    const size = { 24: 1, 25: 2, 26: 4, 27: 8 }[info];
    if (size === undefined) throw new Error(`CBOR: indefinite or reserved length at byte ${at}`);
    const value = size === 8 ? Number(data.readBigUInt64BE(at)) : data.readUIntBE(at, size);
    at += size;
    return value;
  };
  const item = (): unknown => {
    const head = data[at++];
    const major = head >> 5;
    const info = head & 31;
    switch (major) {
      case 0:
        return length(info);
      case 1:
        return -1 - length(info);
      case 3: {
        const size = length(info);
        const text = data.toString('utf8', at, at + size);
        at += size;
        return text;
      }
      case 4:
        return Array.from({ length: length(info) }, item);
      default:
        throw new Error(`CBOR: major type ${major} at byte ${at - 1} is not in Pagefind's index`);
    }
  };
  const value = item();
  if (at !== data.length) throw new Error(`CBOR: ${data.length - at} bytes after the value`);
  return value;
}
