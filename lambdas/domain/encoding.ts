/**
 * 规范编码与哈希 — the byte encoding and the hash of the supervision draw (`docs/supervision-draw.md` §2) and of the
 * transparency log's entries (`docs/transparency-log.md`). One encoding, length-prefixed throughout, so no two different inputs ever encode to
 * the same bytes (a field boundary cannot be moved by choosing clever values) and an independent implementation needs
 * no JSON canonicalisation library.
 *
 * - `u32(n)`: 4 bytes, big-endian.
 * - `bytes(b)`: `u32(b.length) ‖ b`.
 * - `text(s)`: `bytes(UTF-8 of s)` (the caller passes normalised text; the encoding does not change it).
 * - `list(xs)`: `u32(count) ‖` each item's encoding.
 *
 * The hash is SHA-256 (`node:crypto`, as `application-documents.ts` hashes documents): pure, synchronous, and the same
 * function a verifier in any language has.
 */
import { createHash } from 'node:crypto';

/**
 * SHA-256 over the concatenation of the parts.
 *
 * @example
 * toHex(sha256(utf8('abc'))); // 'ba7816bf…15ad'
 */
export function sha256(...parts: readonly Uint8Array[]): Uint8Array {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}

/**
 * SHA-256 of `text(tag) ‖ list(items)`, hashing each item's encoding as it comes rather than building the whole list
 * in memory first (a list of 100,000 enterprises is megabytes of small arrays otherwise). The same digest as
 * `sha256(text(tag), list(items, encode))`.
 *
 * @example
 * toHex(sha256TaggedList('permit/supervision-draw/v1/enterprises', enterprises, encodeEnterprise));
 */
export function sha256TaggedList<T>(tag: string, items: readonly T[], encode: (item: T) => Uint8Array): Uint8Array {
  const hash = createHash('sha256');
  hash.update(text(tag));
  hash.update(u32(items.length));
  for (const item of items) hash.update(encode(item));
  return new Uint8Array(hash.digest());
}

/**
 * UTF-8 bytes of a string.
 *
 * @example
 * utf8('鄂').length; // 3
 */
export const utf8 = (s: string): Uint8Array => Buffer.from(s, 'utf8');

/**
 * Four bytes, big-endian (0 ≤ n < 2³²).
 *
 * @example
 * u32(258); // Uint8Array [0, 0, 1, 2]
 */
export function u32(n: number): Uint8Array {
  return new Uint8Array([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
}

/**
 * Length-prefixed bytes: `u32(length) ‖ bytes`.
 *
 * @example
 * lengthPrefixed(new Uint8Array([7])); // [0, 0, 0, 1, 7]
 */
export function lengthPrefixed(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + b.length);
  out.set(u32(b.length));
  out.set(b, 4);
  return out;
}

/**
 * Length-prefixed UTF-8 text.
 *
 * @example
 * text('AB'); // [0, 0, 0, 2, 65, 66]
 */
export function text(s: string): Uint8Array {
  // Written in place (the draw encodes tens of thousands of short strings; one allocation each, not three).
  const length = Buffer.byteLength(s, 'utf8');
  const out = Buffer.alloc(4 + length);
  out.writeUInt32BE(length, 0);
  out.write(s, 4, 'utf8');
  return out;
}

/**
 * A list: `u32(count)` then each item's encoding.
 *
 * @example
 * list(['a', 'b'], text);
 */
export function list<T>(items: readonly T[], encode: (item: T) => Uint8Array): Uint8Array {
  return concat(u32(items.length), ...items.map(encode));
}

/**
 * The concatenation of byte arrays.
 *
 * @example
 * concat(u32(1), u32(2)).length; // 8
 */
export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Lower-case hex.
 *
 * @example
 * toHex(new Uint8Array([0, 255])); // '00ff'
 */
export const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/**
 * Bytes from hex of even length (either case); `undefined` for anything else, so the caller names the field.
 *
 * @example
 * fromHex('00ff'); // Uint8Array [0, 255]
 * fromHex('0g'); // undefined
 */
export function fromHex(hex: string): Uint8Array | undefined {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) return undefined;
  return new Uint8Array(Buffer.from(hex, 'hex'));
}
