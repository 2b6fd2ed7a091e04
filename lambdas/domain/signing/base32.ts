/**
 * RFC 4648 Base32 (alphabet `A–Z2–7`) without padding. The QR payload uses it because every Base32 character is in
 * the QR alphanumeric set, which packs 5.5 bits per character instead of byte mode's 8.
 */
import { ValidationError } from '../errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const LOOKUP = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) {
  LOOKUP[ALPHABET.charCodeAt(i)] = i;
  LOOKUP[ALPHABET.toLowerCase().charCodeAt(i)] = i;
}

/**
 * Encode bytes as upper-case Base32 without `=` padding.
 *
 * @example
 * base32Encode(new TextEncoder().encode('foobar')); // 'MZXW6YTBOI'
 */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1; // keep only the unread bits so the accumulator never overflows
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Decode unpadded Base32 (either case). Rejects characters outside the alphabet, impossible lengths and non-zero
 * trailing bits with `ValidationError` code `QR_BASE32`, so that every byte string has exactly one accepted text.
 *
 * @example
 * new TextDecoder().decode(base32Decode('MZXW6YTBOI')); // 'foobar'
 */
export function base32Decode(text: string): Uint8Array {
  // Lengths 1, 3 and 6 (mod 8) cannot come from whole bytes.
  const rem = text.length % 8;
  if (rem === 1 || rem === 3 || rem === 6) throw base32Error(`impossible Base32 length ${text.length}`);
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? (LOOKUP[code] ?? -1) : -1;
    if (value < 0) throw base32Error(`character ${JSON.stringify(text[i])} at ${i} is not Base32`);
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out[o++] = (buffer >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) throw base32Error('non-zero trailing bits');
  return out;
}

const base32Error = (message: string) =>
  new ValidationError('QR_BASE32', `malformed Base32 payload: ${message}`, [{ field: 'qr', message }]);
