/**
 * The search-index stage's cache (`<cacheDir>/search-index/`): partition bundles by content, linked into the site
 * or kept after indexing, each partition's words and the archive's vocabularies, and what a cached bundle lacks.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { readJson } from '../files/json-file.ts';
import { type IndexedPolicy, partitionWords } from './policy-list.ts';
import { missingWords, stemsOf, type MissingWord } from './terms.ts';

/**
 * A copy of a folder made of hard links (a plain copy where the file system refuses them): a partition is
 * ~4,300 files, and copying the four unchanged partitions of a 10,000-policy archive into the site took ~12 s
 * of an addition. Safe because neither side is ever written in place: Pagefind writes new files, a build
 * empties the site folder (unlinking, which leaves the cache's copy), and the cache is replaced by renaming.
 * Synchronous, as docs/scaling.md measured (0.7 s → 0.1 s a partition).
 */
export function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target);
    else {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
}

async function pruneCache(cacheRoot: string, keep: Set<string>): Promise<void> {
  for (const name of await readdir(cacheRoot).catch(() => [] as string[])) if (!keep.has(name)) await rm(path.join(cacheRoot, name), { recursive: true, force: true });
}

export function folderSize(dir: string): { files: number; bytes: number } {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  const bytes = files.reduce((sum, file) => sum + statSync(path.join(file.parentPath, file.name)).size, 0);
  return { files: files.length, bytes };
}

/** What the cache keeps beside a partition's bundle. */
export interface BundleRecord {
  passages: number;
  /** Digest of the vocabulary page it was indexed with ("none": without one). */
  vocabulary: string;
}

export interface PartitionGroup {
  pages: IndexedPolicy[];
  /** Hash of its policies' indexed part and of the indexer: the partition's name in the cache. */
  content: string;
}

export interface ArchiveVocabulary {
  words: string[];
  /** Each partition's words, in group order (none with a single partition). */
  lists: string[][];
  /** The vocabulary page's text, joined once: every partition indexed in this build gets the same page. */
  text: string;
  digest: string;
}

/**
 * Every word of the archive when there are several partitions (src/lib/search/pagefind-index.ts); a partition's
 * words are kept in the cache by its content, so only new or changed partitions are read for them.
 */
export async function archiveVocabulary(groups: PartitionGroup[], cacheRoot?: string): Promise<ArchiveVocabulary> {
  if (groups.length < 2) return { words: [], lists: [], text: '', digest: 'none' };
  const wordsRoot = cacheRoot && path.join(cacheRoot, 'words');
  const lists = await partitionWords(groups.map((group) => ({ pages: group.pages, cacheFile: wordsRoot && path.join(wordsRoot, `${group.content}.txt`) })));
  const words = [...new Set(lists.flat())].sort();
  const text = words.join(' ');
  const digest = words.length ? createHash('sha256').update(text).digest('hex') : 'none';
  // The vocabularies partitions in the cache were indexed with, by digest (a few MB each at 10,000 policies).
  const file = cacheRoot && path.join(cacheRoot, 'vocabularies', `${digest}.txt`);
  if (file && words.length && !existsSync(file)) writeFileAtomic(file, words.join('\n'));
  return { words, lists, text, digest };
}

export interface CachedState {
  record?: BundleRecord;
  /** The archive's words the cached bundle lacks; undefined: it cannot be reused. */
  missing?: MissingWord[];
}

/**
 * What the cache holds for each partition and what each cached bundle lacks of the archive's words (their stems,
 * as Pagefind's search compares them; it depends only on the vocabulary the bundle was indexed with, which
 * partitions of one build share), and the one partition to index again because it lacks too many (see
 * MISSING_WORDS_LIMIT).
 */
export async function cachedStates(groups: PartitionGroup[], cacheRoot: string | undefined, vocabulary: ArchiveVocabulary, missingLimit: number): Promise<{ states: CachedState[]; refresh: number }> {
  let archiveStems: Set<string> | undefined; // computed when a reused partition has an older vocabulary
  const missingByVocabulary = new Map<string, MissingWord[] | undefined>();
  const states: CachedState[] = [];
  for (const [index, { content }] of groups.entries()) {
    const record = cacheRoot ? readJson<BundleRecord>(path.join(cacheRoot, content, 'bundle.json')) : undefined;
    if (!record || groups.length === 1 || record.vocabulary === vocabulary.digest) states.push({ record, missing: record && [] });
    else if (record.vocabulary === 'none') states.push({ record, missing: missingWords((archiveStems ??= stemsOf(vocabulary.words)), stemsOf(vocabulary.lists[index])) });
    else {
      if (!missingByVocabulary.has(record.vocabulary)) {
        const file = path.join(cacheRoot!, 'vocabularies', `${record.vocabulary}.txt`);
        const known = await readFile(file, 'utf8').then((text) => text.split('\n'), () => undefined);
        missingByVocabulary.set(record.vocabulary, known && missingWords((archiveStems ??= stemsOf(vocabulary.words)), stemsOf(known)));
      }
      // undefined: that vocabulary is gone from the cache, so the partition is indexed again.
      states.push({ record, missing: missingByVocabulary.get(record.vocabulary) });
    }
  }
  // Past the limit, a partition is indexed again with the archive's vocabulary, one per build (the one lacking
  // the most words): the partitions of one build lack the same words and would otherwise all be re-indexed by the
  // same addition (at 10,000 policies, a whole index step in one addition).
  const stale = states.map((state, index) => ({ index, count: state.missing?.length ?? -1 })).filter((entry) => entry.count > missingLimit);
  const refresh = stale.length ? stale.reduce((most, entry) => (entry.count > most.count ? entry : most)).index : -1;
  return { states, refresh };
}

/** Keeps a freshly indexed bundle in the cache (replacing the cache's copy by a rename). */
export async function cacheBundle(cached: string, target: string, record: BundleRecord): Promise<void> {
  const temporary = `${cached}.tmp-${process.pid}`;
  await rm(temporary, { recursive: true, force: true });
  linkTree(target, path.join(temporary, 'bundle'));
  await writeFile(path.join(temporary, 'bundle.json'), JSON.stringify(record));
  await rm(cached, { recursive: true, force: true });
  await rename(temporary, cached);
}

/** Keeps in the cache only this build's partitions, their word lists and the vocabularies they were indexed with. */
export async function pruneIndexCache(cacheRoot: string, groups: PartitionGroup[], vocabulariesUsed: Set<string>): Promise<void> {
  await pruneCache(cacheRoot, new Set([...groups.map((group) => group.content), 'words', 'vocabularies']));
  const [wordsRoot, vocabulariesRoot] = [path.join(cacheRoot, 'words'), path.join(cacheRoot, 'vocabularies')];
  if (groups.length > 1) await pruneCache(wordsRoot, new Set(groups.map((group) => `${group.content}.txt`)));
  await pruneCache(vocabulariesRoot, new Set([...vocabulariesUsed].map((digest) => `${digest}.txt`)));
}
