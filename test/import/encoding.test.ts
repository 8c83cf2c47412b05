/**
 * Decoding input files (issue #16): a stray cp1252 byte in a UTF-8 file is decoded on its own, not the whole
 * file as Latin-1; UTF-16 with a byte order mark is text, not "binary".
 */
import { describe, expect, it } from 'vitest';
import { decodeInput } from '../../src/lib/import/decode.ts';

describe('decodeInput', () => {
  it('decodes only the invalid byte of a UTF-8 file as Latin-1, and warns', () => {
    const bytes = Buffer.concat([Buffer.from('café\nna'), Buffer.from([0xef]), Buffer.from('ve — “quoted”\n')]);
    const decoded = decodeInput(bytes);
    expect(decoded.text).toBe('café\nnaïve — “quoted”\n');
    expect(decoded.warning).toEqual({ line: 2, message: `invalid UTF-8 (byte 0xEF at offset ${'café\nna'.length + 1}); decoded as Latin-1` });
  });

  it('still decodes a Latin-1 file as a whole', () => {
    expect(decodeInput(Buffer.from('caf\xe9 \x93ok\x94', 'latin1')).text).toBe('café “ok”');
  });

  it('decodes UTF-16 with a byte order mark, little and big endian', () => {
    const text = '> header\n\nDonnées protégées 🔒\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    expect(decodeInput(le)).toEqual({ text });
    expect(decodeInput(be)).toEqual({ text });
  });

  it('decodes a large file of multi-byte text with one bad byte at its end (--max-bytes allows any size)', () => {
    // A pattern over the whole text once found the bad byte here; on 60 MB it overflowed the regexp stack.
    const text = 'é€😀'.repeat(7_000_000);
    const bytes = Buffer.concat([Buffer.from(text), Buffer.from([0xff])]);
    const decoded = decodeInput(bytes);
    expect(decoded.text).toBe(`${text}\xff`);
    expect(decoded.warning?.message).toBe(`invalid UTF-8 (byte 0xFF at offset ${bytes.length - 1}); decoded as Latin-1`);
  });

  it('still rejects a file with NUL bytes and no byte order mark', () => {
    expect(() => decodeInput(Buffer.from('ab\0cd'))).toThrow(/binary file/);
  });
});
