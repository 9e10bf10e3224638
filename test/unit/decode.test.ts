import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binaryTypeOf, DecodeError, decodeBytes, findInvalidUtf8 } from '../../src/main/import/decode.js';

const SAMPLE = 'Héllo 😀 wörld\r\nsecond line € — 𝄞\r\n';

function bytes(...parts: (string | readonly number[] | Uint8Array)[]): Uint8Array {
  return Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));
}

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const body = Buffer.from(text, 'utf16le');
  if (!littleEndian) body.swap16();
  return Buffer.concat([Buffer.from(littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]), body]);
}

/** The DecodeError message `decodeBytes` throws, failing the test when it does not throw one. */
function decodeFailure(input: Uint8Array, encoding?: string): string {
  try {
    decodeBytes(input, encoding);
  } catch (error) {
    expect(error).toBeInstanceOf(DecodeError);
    return (error as DecodeError).message;
  }
  throw new Error('expected a DecodeError');
}

describe('decodeBytes: byte order marks', () => {
  it('returns an empty string for empty input', () => {
    expect(decodeBytes(new Uint8Array(0))).toBe('');
  });

  it('drops a UTF-8 BOM and keeps the rest exactly', () => {
    expect(decodeBytes(bytes([0xef, 0xbb, 0xbf], SAMPLE))).toBe(SAMPLE);
  });

  it('keeps a second U+FEFF: only the first is a marker', () => {
    expect(decodeBytes(bytes([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], 'x'))).toBe('\uFEFFx');
  });

  it('decodes UTF-16 LE with a BOM, astral characters and CRLF intact', () => {
    expect(decodeBytes(utf16(SAMPLE, true))).toBe(SAMPLE);
  });

  it('decodes UTF-16 BE with a BOM, astral characters and CRLF intact', () => {
    expect(decodeBytes(utf16(SAMPLE, false))).toBe(SAMPLE);
  });

  it('decodes UTF-16 that holds NUL-heavy ASCII without calling it binary', () => {
    expect(decodeBytes(utf16('plain ascii', true))).toBe('plain ascii');
  });

  it('refuses UTF-16 with an odd number of bytes', () => {
    const odd = bytes(utf16('ab', true), [0x41]);
    expect(decodeFailure(odd)).toBe('UTF-16 file has an odd number of bytes');
  });

  it('refuses UTF-16 with an unpaired surrogate and names its byte offset', () => {
    const lone = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a', 'utf16le'), Buffer.from([0x3d, 0xd8])]);
    expect(decodeFailure(lone)).toBe('not valid UTF-16: unpaired surrogate at byte offset 4');
  });
});

describe('decodeBytes: strict UTF-8', () => {
  it('decodes valid UTF-8 of every sequence length exactly', () => {
    expect(decodeBytes(bytes(SAMPLE))).toBe(SAMPLE);
  });

  it('names the byte and offset of a Latin-1 é and suggests --encoding', () => {
    expect(decodeFailure(bytes('caf', [0xe9], ' au lait'))).toBe(
      'not valid UTF-8: byte 0xE9 at byte offset 3 does not start a valid sequence ' +
        '(if the file uses another encoding, pass --encoding NAME, e.g. --encoding windows-1252)',
    );
  });

  it.each([
    ['a lone continuation byte', bytes('ab', [0x80], 'cd'), '0x80', 2],
    ['a sequence cut off by the end of the file', bytes('abc', [0xe2, 0x82]), '0xE2', 3],
    ['a 4-byte sequence cut off by the end of the file', bytes('é', [0xf0, 0x9f, 0x98]), '0xF0', 2],
    ['an overlong 2-byte form', bytes('a', [0xc0, 0xaf]), '0xC0', 1],
    ['an overlong 3-byte form', bytes('ab', [0xe0, 0x80, 0xaf]), '0xE0', 2],
    ['an overlong 4-byte form', bytes([0xf0, 0x8f, 0xbf, 0xbf]), '0xF0', 0],
    ['an encoded surrogate', bytes('€', [0xed, 0xa0, 0x80]), '0xED', 3],
    ['a code point above U+10FFFF', bytes('x', [0xf4, 0x90, 0x80, 0x80]), '0xF4', 1],
    ['a byte that never appears in UTF-8', bytes('xy', [0xff]), '0xFF', 2],
    ['a lead byte followed by ASCII', bytes('a', [0xc3], 'b'), '0xC3', 1],
  ])('reports %s at the first bad byte', (_kind, input, hex, offset) => {
    expect(decodeFailure(input)).toContain(`byte ${hex} at byte offset ${offset} does not start a valid sequence`);
  });

  it('counts byte offsets from the start of the file, BOM included', () => {
    expect(decodeFailure(bytes([0xef, 0xbb, 0xbf], 'a', [0x80]))).toContain('byte 0x80 at byte offset 4');
  });

  it('reports the first bad sequence when there are several', () => {
    expect(decodeFailure(bytes('ok ', [0xe9], ' and ', [0xff]))).toContain('at byte offset 3 ');
  });

  it('agrees with the platform decoder on arbitrary bytes, and everything before the bad byte is valid', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (input) => {
        const bad = findInvalidUtf8(input);
        const platformAccepts = (() => {
          try {
            fatal.decode(input);
            return true;
          } catch {
            return false;
          }
        })();
        expect(bad === -1).toBe(platformAccepts);
        if (bad >= 0) expect(() => fatal.decode(input.subarray(0, bad))).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips any string without lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        fc.pre(!text.includes('\0'));
        expect(decodeBytes(Buffer.from(text, 'utf8'))).toBe(text);
      }),
    );
  });

  it('decodes a 20 MB single-line ASCII file', () => {
    const big = Buffer.alloc(20 * 1024 * 1024, 0x61);
    const text = decodeBytes(big);
    expect(text.length).toBe(big.length);
    expect(text.endsWith('aaa')).toBe(true);
  });

  it('finds a bad byte at the very end of a 20 MB file', () => {
    const big = Buffer.alloc(20 * 1024 * 1024, 0x61);
    big[big.length - 1] = 0xe9;
    expect(decodeFailure(big)).toContain(`at byte offset ${big.length - 1} `);
  });
});

describe('decodeBytes: size', () => {
  it('says a valid file is too large for one text instead of calling it invalid UTF-8', () => {
    // One byte past the longest string V8 builds (0x1fffffe8 UTF-16 units); ASCII, so every byte is a unit.
    const bytes = Buffer.alloc(0x1fffffe8 + 1, 0x61);
    expect(() => decodeBytes(bytes)).toThrow(/^too large to read as one text \(536870889 bytes; the limit is about 512 MB\): split the file$/);
  });
});

describe('decodeBytes: binary files', () => {
  it('refuses a NUL byte and says where it is', () => {
    expect(decodeFailure(bytes('abc', [0], 'def'))).toBe('binary file (NUL byte at byte offset 3)');
  });

  it('refuses a NUL byte after a UTF-8 BOM, counting the BOM', () => {
    expect(decodeFailure(bytes([0xef, 0xbb, 0xbf], 'a', [0]))).toBe('binary file (NUL byte at byte offset 4)');
  });

  it.each([
    ['PDF', bytes('%PDF-1.7\n%âãÏÓ\n'), 'binary file (PDF)'],
    ['ZIP (docx, xlsx)', bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), 'binary file (ZIP archive'],
    ['PNG', bytes([0x89], 'PNG\r\n', [0x1a, 0x0a]), 'binary file (PNG image)'],
    ['GIF', bytes('GIF89a'), 'binary file (GIF image)'],
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0]), 'binary file (JPEG image)'],
    ['gzip', bytes([0x1f, 0x8b, 0x08]), 'binary file (gzip archive)'],
    ['ELF', bytes([0x7f], 'ELF', [2, 1, 1]), 'binary file (ELF executable)'],
  ])('recognises %s by its magic number', (_name, input, message) => {
    expect(decodeFailure(input)).toContain(message);
  });

  it('recognises a Windows executable by MZ and its PE header', () => {
    const exe = Buffer.alloc(0x90, 0x20);
    exe.write('MZ', 0, 'latin1');
    exe.writeUInt32LE(0x80, 0x3c);
    exe.write('PE\0\0', 0x80, 'latin1');
    expect(decodeFailure(exe)).toBe('binary file (Windows executable)');
  });

  it('reads a text that merely starts with "MZ"', () => {
    const text = `MZ is a postcode area.${' padding'.repeat(20)}`;
    expect(decodeBytes(bytes(text))).toBe(text);
  });
});

describe('decodeBytes: --encoding', () => {
  it('decodes windows-1252, including bytes Latin-1 leaves undefined', () => {
    expect(decodeBytes(bytes('caf', [0xe9], ' ', [0x80], '5\r\n'), 'windows-1252')).toBe('café €5\r\n');
  });

  it('maps the whole 0x80–0x9F range as windows-1252 does, not as Latin-1', () => {
    const input = bytes([0x91], 'quoted', [0x92, 0x20, 0x93], 'x', [0x94, 0x20, 0x85, 0x20, 0x9f, 0x20, 0x81]);
    expect(decodeBytes(input, 'windows-1252')).toBe('\u2018quoted\u2019 \u201Cx\u201D \u2026 \u0178 \u0081');
  });

  it('accepts latin1 as a name', () => {
    expect(decodeBytes(bytes([0x63, 0x61, 0x66, 0xe9]), 'latin1')).toBe('café');
  });

  it('decodes shift_jis', () => {
    expect(decodeBytes(bytes([0x93, 0xfa, 0x96, 0x7b]), 'shift_jis')).toBe('日本');
  });

  it('refuses an unknown encoding by name', () => {
    expect(decodeFailure(bytes('abc'), 'klingon')).toBe('unknown encoding "klingon"');
  });

  it('still refuses binary files', () => {
    expect(decodeFailure(bytes('a', [0], 'b'), 'windows-1252')).toBe('binary file (NUL byte at byte offset 1)');
    expect(decodeFailure(bytes('%PDF-1.4'), 'windows-1252')).toBe('binary file (PDF)');
  });

  it('lets a BOM win over the named encoding', () => {
    expect(decodeBytes(bytes([0xef, 0xbb, 0xbf], 'é'), 'windows-1252')).toBe('é');
  });

  it('uses strict UTF-8 when the named encoding is UTF-8', () => {
    expect(decodeFailure(bytes('a', [0xe9]), 'utf-8')).toContain('byte 0xE9 at byte offset 1');
  });
});

describe('binaryTypeOf', () => {
  it.each([
    ['reports/2024.PDF', 'PDF'],
    ['archive.zip', 'ZIP archive'],
    ['photo.jpeg', 'image'],
    ['C:\\scans\\page.TIFF', 'image'],
    ['backup.tar.gz', 'gzip archive'],
    ['letter.docx', 'Word document'],
    ['data.sqlite', 'SQLite database'],
  ])('names %s as %s', (path, name) => {
    expect(binaryTypeOf(path)).toBe(name);
  });

  it.each(['notes.txt', 'page.html', 'data.csv', 'Makefile', 'dir.pdf/notes', 'unknown.xyz'])(
    'returns null for %s',
    (path) => {
      expect(binaryTypeOf(path)).toBeNull();
    },
  );
});
