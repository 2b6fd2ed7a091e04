/**
 * The byte encoding of `docs/supervision-draw.md` §2, byte for byte: big-endian counts, length-prefixed UTF-8 (the same
 * bytes a standard `TextEncoder` gives, lone surrogates included), concatenation and hex.
 */
import { describe, expect, it } from 'vitest';
import {
  concat,
  fromHex,
  lengthPrefixed,
  list,
  sha256,
  sha256TaggedList,
  text,
  toHex,
  u32,
  utf8,
} from '../../../lambdas/domain/encoding';

const bytes = (b: Uint8Array): number[] => [...b];

describe('the draw encoding', () => {
  it('writes u32 big-endian over the whole range', () => {
    // Assess
    expect(bytes(u32(258))).toEqual([0, 0, 1, 2]);
    expect(bytes(u32(0))).toEqual([0, 0, 0, 0]);
    expect(bytes(u32(2 ** 32 - 1))).toEqual([255, 255, 255, 255]);
    expect(bytes(u32(2 ** 31))).toEqual([128, 0, 0, 0]);
  });

  it('length-prefixes UTF-8 text exactly as TextEncoder encodes it', () => {
    // Prepare
    const samples = ['', 'AB', '鄂', '(鄂)XK13-001-00001', '湖北省市场监管局', '\u{20BB7}', 'a\uD800b', '\uDC00'];

    // Act / Assess
    for (const s of samples) {
      const expected = new TextEncoder().encode(s);
      expect(bytes(text(s))).toEqual([...bytes(u32(expected.length)), ...expected]);
      expect(bytes(utf8(s))).toEqual([...expected]);
    }
    expect(bytes(lengthPrefixed(new Uint8Array([7])))).toEqual([0, 0, 0, 1, 7]);
  });

  it('concatenates lists and hashes with SHA-256; hex round-trips', () => {
    // Assess
    expect(bytes(list(['a', 'b'], text))).toEqual([0, 0, 0, 2, 0, 0, 0, 1, 97, 0, 0, 0, 1, 98]);
    expect(bytes(concat())).toEqual([]);
    expect(toHex(sha256(utf8('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toHex(sha256(utf8('a'), utf8('bc')))).toBe(toHex(sha256(utf8('abc'))));
    expect(fromHex('00FF')).toEqual(new Uint8Array([0, 255]));
    expect(fromHex('0g')).toBeUndefined();
  });

  it('hashes a tagged list as it streams, to the digest of the whole encoding', () => {
    // Prepare
    const items = ['鄂', 'XK13', '', '420100'];

    // Act / Assess
    expect(toHex(sha256TaggedList('tag', items, text))).toBe(toHex(sha256(text('tag'), list(items, text))));
    expect(toHex(sha256TaggedList('tag', [], text))).toBe(toHex(sha256(text('tag'), u32(0))));
  });
});
