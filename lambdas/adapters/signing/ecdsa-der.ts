/**
 * ECDSA signature encodings. AWS KMS returns an ASN.1 DER `ECDSA-Sig-Value` (SEQUENCE { r INTEGER, s INTEGER });
 * JWS (RFC 7518 §3.4) wants the fixed-width concatenation `r‖s`. DER integers are signed and minimal: a value with
 * its high bit set gains a leading 0x00 (33 bytes), a small value is shorter than 32 bytes — both must become exactly
 * 32 bytes. {@link rawToDerEcdsa} goes the other way, for CMS (RFC 5753), which wants the DER form.
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

/**
 * Convert a raw `r‖s` signature of `2 × size` bytes (size 32 for P-256) to a DER `ECDSA-Sig-Value`: each half
 * becomes a minimal, positive INTEGER. Throws `DependencyUnavailableError` `SIGNER_BAD_SIGNATURE` for a wrong length
 * or a zero component.
 *
 * @example
 * const der = rawToDerEcdsa(await signer.sign(signedAttributes)); // 70–72 bytes for P-256
 */
export function rawToDerEcdsa(raw: Uint8Array, size = 32): Uint8Array {
  if (raw.length !== size * 2) throw bad(`raw signature must be ${size * 2} bytes, got ${raw.length}`);
  const r = derInteger(raw.subarray(0, size));
  const s = derInteger(raw.subarray(size));
  const body = r.length + s.length;
  if (body >= 0x80) throw bad('signature too long for a short-form DER length');
  const out = new Uint8Array(2 + body);
  out.set([0x30, body]);
  out.set(r, 2);
  out.set(s, 2 + r.length);
  return out;
}

/** One unsigned big-endian value as a minimal DER INTEGER (leading zeros dropped, a sign byte added if needed). */
function derInteger(value: Uint8Array): Uint8Array {
  let from = 0;
  while (from < value.length && value[from] === 0) from++;
  if (from === value.length) throw bad('zero component');
  const magnitude = value.subarray(from);
  const pad = (magnitude[0] as number) & 0x80 ? 1 : 0;
  const out = new Uint8Array(2 + pad + magnitude.length);
  out.set([0x02, pad + magnitude.length]);
  out.set(magnitude, 2 + pad);
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
