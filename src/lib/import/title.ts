/**
 * Policy title: the first non-empty level-1 `#` heading of the body, as plain text, unless it is
 * site chrome ("Legal", "Home", ...); otherwise "<Company> privacy policy".
 */
import { rewriteLinks } from './neutralise.ts';
import { BLANK, trimEnd, trimStart } from './text.ts';

const CHROME = new Set([
  'legal', 'home', 'homepage', 'home page', 'menu', 'main menu', 'navigation', 'main navigation', 'skip to content',
  'skip to main content', 'search', 'login', 'log in', 'sign in', 'sign up', 'register', 'untitled', 'untitled document',
  'index', 'welcome', 'contact', 'contact us', 'about', 'about us', '404', 'page not found', 'not found', 'error',
  'loading', 'loading...', 'close', 'back', 'top', 'back to top', 'null', 'undefined',
]);

const MAX_TITLE = 200;

/** Inline Markdown → plain text (links and images to their text, emphasis and escapes removed). */
function plainInline(markdown: string): string {
  return rewriteLinks(markdown)
    .replace(/<[^>\n]*>/g, ' ')
    .replace(/(^|[^\\])[*_`~]+/g, '$1')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/[\x00-\x1f\x7f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const CHROME_TAIL = new Set([...' \t\n.:!|»«·•-']);
const HEADING_EDGE = new Set([...' \t\n|»«·•:~-']);
const HASH = new Set(['#']);

/**
 * The plain text of an ATX level-1 heading line (`# Title`, `# Title #`, up to three spaces before), or undefined
 * (also when it has no letter or digit). Parsed by hand for the same reason as trimEnd (text.ts).
 */
function headingText(line: string): string | undefined {
  let i = 0;
  while (i < 3 && line[i] === ' ') i++;
  if (line[i] !== '#') return undefined;
  const rest = line.slice(i + 1);
  if (rest !== '' && rest[0] !== ' ' && rest[0] !== '\t') return undefined;
  let content = trimEnd(rest, BLANK);
  // A closing sequence of #s, when white space precedes it (or it is all there is).
  const hashes = trimEnd(content, HASH);
  if (hashes.length < content.length && (hashes === '' || BLANK.has(hashes[hashes.length - 1]))) content = hashes;
  content = trimEnd(trimStart(content, BLANK), BLANK);
  const text = trimEnd(trimStart(plainInline(content), HEADING_EDGE), HEADING_EDGE);
  return /[\p{L}\p{N}]/u.test(text) ? text : undefined;
}

export function firstHeading(body: string): string | undefined {
  if (!body.includes('```') && !body.includes('~~~')) {
    // no fenced code: jump from one '#' to the next, look only at those starting a line
    for (let i = body.indexOf('#'); i !== -1; i = body.indexOf('#', i + 1)) {
      let start = i;
      while (start > 0 && body[start - 1] === ' ' && i - start < 3) start--;
      if (start > 0 && body[start - 1] !== '\n') continue;
      const end = body.indexOf('\n', i);
      const text = headingText(body.slice(start, end === -1 ? body.length : end));
      if (text) return text;
    }
    return undefined;
  }
  let fence: string | null = null;
  for (const line of body.split('\n', 5000)) {
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === null) fence = f[1][0];
      else if (f[1][0] === fence) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const text = headingText(line);
    if (text) return text;
  }
  return undefined;
}

export function deriveTitle(body: string, company: string, snapshotUrl?: string): string {
  const heading = firstHeading(body);
  const isChrome = heading !== undefined && CHROME.has(trimEnd(heading.toLowerCase(), CHROME_TAIL).trim());
  if (heading && !isChrome) {
    return heading.length > MAX_TITLE ? `${heading.slice(0, MAX_TITLE - 1).trimEnd()}…` : heading;
  }
  const service = snapshotUrl ? openTermsArchiveService(snapshotUrl) : undefined;
  return `${service ?? company} privacy policy`;
}

/**
 * The service an Open Terms Archive snapshot belongs to, from its address
 * (…/contrib-versions/blob/<commit>/<Service>/<Document>.md): several services share one domain
 * (google.com has YouTube, Gmail, Blogger...), and their policies have no heading of their own.
 */
export function openTermsArchiveService(snapshotUrl: string): string | undefined {
  const match = /^https:\/\/github\.com\/OpenTermsArchive\/[^/]+\/blob\/[0-9a-f]{7,40}\/([^/]+)\/[^/]+$/.exec(snapshotUrl);
  if (!match) return undefined;
  try {
    const service = decodeURIComponent(match[1]).replace(/\s+/g, ' ').trim();
    return service && service.length <= 80 ? service : undefined;
  } catch {
    return undefined;
  }
}
