/**
 * Bytes → text. UTF-8 is expected; in a file that is not valid UTF-8, each byte that breaks UTF-8 is decoded
 * as Latin-1 (windows-1252, as browsers do) and the rest as UTF-8, with a warning pointing at the first bad
 * byte: one stray cp1252 byte in a UTF-8 file no longer turns every "é" into "Ã©", and a file wholly in
 * Latin-1 decodes as before. UTF-16 with a byte order mark is decoded; otherwise a NUL byte means the file is
 * binary (images, PDFs, UTF-16 without a byte order mark): rejected.
 */
import { isUtf8 } from 'node:buffer';
import { InputError } from './errors.ts';

export interface Decoded {
  text: string;
  warning?: { line: number; message: string };
}

const latin1 = new TextDecoder('latin1');

function lineOfOffset(bytes: Uint8Array, offset: number): number {
  return bytes.subarray(0, offset).filter((byte) => byte === 0x0a).length + 1;
}

/** Offset of the first byte (from `from`) that makes `bytes` invalid UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array, from = 0): number {
  let i = from;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) { i++; continue; }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

const utf8 = new TextDecoder('utf-8');

export function decodeInput(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    // UTF-16 with a byte order mark (TextDecoder drops the mark); an odd last byte becomes U+FFFD.
    return { text: new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes) };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new InputError(lineOfOffset(bytes, nul), `binary file (NUL byte at offset ${nul}); expected UTF-8, UTF-16 with a byte order mark, or Latin-1 text`);
  }
  if (isUtf8(bytes)) {
    // Native validation, then the fast decoder (strip a byte order mark like TextDecoder does).
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  }
  let text = '';
  let at = 0;
  const first = firstInvalidUtf8(bytes);
  for (let bad = first; bad !== -1; bad = firstInvalidUtf8(bytes, at)) {
    text += utf8.decode(bytes.subarray(at, bad)) + latin1.decode(bytes.subarray(bad, bad + 1));
    at = bad + 1;
  }
  text += utf8.decode(bytes.subarray(at));
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const hex = (bytes[first] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  const message = `invalid UTF-8 (byte 0x${hex} at offset ${first}); decoded as Latin-1`;
  return { text, warning: { line: lineOfOffset(bytes, first), message } };
}
