/**
 * Which document series a snapshot belongs to: its domain, plus the service when the source names one. Open Terms
 * Archive names it in its snapshot URL, which travels with the file's bytes, and in the corpus file name
 * (`<domain>__<service>__<date>.md`), the fallback (docs/history.md).
 */
import path from 'node:path';
import { slugify } from '../clauses/slug.ts';
import { SERVICE_PATTERN } from '../policies/schema.ts';

const OTA_VERSION = /^https:\/\/github\.com\/OpenTermsArchive\/[^/]+\/blob\/[0-9a-f]+\/([^/]+)\/[^/]+$/;

/** The service slug ("gmail", "microsoft-store"), or undefined when the source names none. */
export function serviceOf(snapshotUrl: string, file: string, domain: string): string | undefined {
  const fromUrl = OTA_VERSION.exec(snapshotUrl)?.[1];
  if (fromUrl) return toSlug(safeDecode(fromUrl));
  const parts = path.basename(file).split('__');
  if (parts.length === 3 && parts[0].toLowerCase().replace(/^www\./, '') === domain) return toSlug(parts[1]);
  return undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function toSlug(name: string): string | undefined {
  const slug = slugify(name.normalize('NFKD').replace(/\p{M}/gu, ''), '');
  return SERVICE_PATTERN.test(slug) ? slug : undefined;
}
