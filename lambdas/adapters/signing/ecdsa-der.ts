/**
 * ECDSA signature encodings. AWS KMS returns an ASN.1 DER `ECDSA-Sig-Value` (SEQUENCE { r INTEGER, s INTEGER });
 * JWS (RFC 7518 §3.4) wants the fixed-width concatenation `r‖s`. DER integers are signed and minimal: a value with
 * its high bit set gains a leading 0x00 (33 bytes), a small value is shorter than 32 bytes — both must become exactly
 * 32 bytes.
 */
import { DependencyUnavailableError } from '../../domain/errors';

/**
 * Convert a DER ECDSA signature to raw `r‖s` of `2 × size` bytes (size 32 for P-256). Throws
 * `DependencyUnavailableError` `SIGNER_BAD_SIGNATURE` for anything that is not strict DER.
 *
 * @example
 * const raw = derToRawEcdsa(new Uint8Array(kmsResponse.Signature)); // 64 bytes
 */
export function derToRawEcdsa(der: Uint8Array, size = 32): Uint8Array {
  if (der.length < 8 || der[0] !== 0x30) throw bad('not a DER SEQUENCE');
  // P-256 signatures are at most 72 bytes, so the length is always in DER's short form.
  if (der[1] !== der.length - 2 || (der[1] as number) >= 0x80) throw bad('SEQUENCE length does not match');
  const out = new Uint8Array(size * 2);
  const afterR = readInteger(der, 2, out, 0, size);
  const afterS = readInteger(der, afterR, out, size, size);
  if (afterS !== der.length) throw bad('trailing bytes after s');
  return out;
}

/** Read one INTEGER at `at` into `out[into … into+size)`, left-padded; returns the offset after it. */
function readInteger(der: Uint8Array, at: number, out: Uint8Array, into: number, size: number): number {
  if (der[at] !== 0x02) throw bad('expected INTEGER');
  const len = der[at + 1] ?? 0;
  const start = at + 2;
  const end = start + len;
  if (len === 0 || end > der.length) throw bad('INTEGER length out of range');
  const first = der[start] as number;
  if (first & 0x80) throw bad('negative INTEGER');
  if (first === 0 && len > 1 && !((der[start + 1] as number) & 0x80)) throw bad('non-minimal INTEGER');
  let from = start;
  while (from < end - 1 && der[from] === 0) from++; // the sign byte
  const value = der.subarray(from, end);
  if (value.length > size) throw bad('INTEGER wider than the curve order');
  if (value.length === 1 && value[0] === 0) throw bad('zero INTEGER');
  out.set(value, into + size - value.length);
  return end;
}

const bad = (why: string) =>
  new DependencyUnavailableError('SIGNER_BAD_SIGNATURE', `signer returned a malformed DER signature: ${why}`);
