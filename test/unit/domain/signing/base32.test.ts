import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isPermitError } from '../../../../lambdas/domain/errors';
import { base32Decode, base32Encode } from '../../../../lambdas/domain/signing/base32';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('base32', () => {
  it('matches the RFC 4648 §10 test vectors (padding removed)', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(utf8(plain))).toBe(encoded);
      expect(new TextDecoder().decode(base32Decode(encoded))).toBe(plain);
    }
  });

  it('round-trips random bytes of every length up to 120', () => {
    for (let n = 0; n <= 120; n++) {
      const bytes = new Uint8Array(randomBytes(n));
      const text = base32Encode(bytes);
      expect(text).toMatch(/^[A-Z2-7]*$/);
      expect(base32Decode(text)).toEqual(bytes);
      expect(base32Decode(text.toLowerCase())).toEqual(bytes);
    }
  });

  it.each([
    ['MZXW6YTBO1', 'a character outside the alphabet'],
    ['MZXW6YTBOI=', 'padding'],
    ['M', 'an impossible length'],
    ['MZ', 'non-zero trailing bits'], // 'Z' leaves bits after the single byte
    ['MZXW6YTBOÉ', 'a non-ASCII character'],
  ])('rejects %s (%s) with QR_BASE32', (text) => {
    const error = (() => {
      try {
        base32Decode(text);
      } catch (e) {
        return e;
      }
    })();
    expect(isPermitError(error) && error.code).toBe('QR_BASE32');
  });
});
