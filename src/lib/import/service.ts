/**
 * Which document series a snapshot belongs to: its domain, plus the service when the source names one.
 * Open Terms Archive names it twice: in its snapshot URL (`…/contrib-versions/blob/<commit>/<Service>/<Document>.md`)
 * and in the corpus file name (`<domain>__<service>__<date>.md`). The URL travels with the file's bytes, so it
 * comes first (the same bytes always give the same series, whatever the file is called); the file name is the
 * fallback. A Wayback (Princeton-Leuven, seeds) snapshot names no service: its domain is one series.
 * On the shared corpus both agree for all 1,275 Open Terms Archive files.
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
