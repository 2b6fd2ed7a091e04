/**
 * What the secret boxes share: the text form of a sealed value (`v1.<box>.<base64url parts>`), the size bound on what
 * they seal, and the one refusal of a value that does not open.
 *
 * @example
 * const parts = sealedParts(stored, 'local', 3); // [iv, ciphertext, tag] or a SECRET_UNREADABLE error
 */
import { UnprocessableError } from '../../domain/errors';

/** The format version every sealed value starts with. */
const VERSION = 'v1';

/** At most this many bytes of UTF-8 are sealed: what KMS encrypts directly, far more than a `whsec_` secret. */
export const MAX_SECRET_BYTES = 4096;

/**
 * The refusal of a value that does not open — tampered, sealed for another context or by another key, or not a sealed
 * value at all. The message does not say which: a caller can do nothing different about any of them.
 *
 * @example
 * throw unreadable('local');
 */
export const unreadable = (box: string, detail?: string): UnprocessableError =>
  new UnprocessableError(
    'SECRET_UNREADABLE',
    `the sealed secret cannot be opened by the ${box} secret box${detail ? ` (${detail})` : ''}`,
  );

/**
 * The UTF-8 bytes of a secret to seal: 1 to {@link MAX_SECRET_BYTES} of them (KMS encrypts nothing shorter or
 * longer, and the local box keeps to the same bounds so a local run finds what the cloud would refuse). Anything else
 * is a defect of the caller — the service seals secrets it generates — not a request to refuse.
 *
 * @example
 * const bytes = secretBytes('whsec_…');
 */
export function secretBytes(plaintext: string): Buffer {
  const bytes = Buffer.from(plaintext, 'utf8');
  if (bytes.length === 0 || bytes.length > MAX_SECRET_BYTES) {
    throw new RangeError(`a secret box seals 1 to ${MAX_SECRET_BYTES} bytes, got ${bytes.length}`);
  }
  return bytes;
}

/**
 * The text of a sealed value: the version, the box's name, then each part in base64url (no padding).
 *
 * @example
 * sealedText('kms', [blob]); // 'v1.kms.AQICAHh…'
 */
export const sealedText = (box: string, parts: readonly Uint8Array[]): string =>
  [VERSION, box, ...parts.map((p) => Buffer.from(p).toString('base64url'))].join('.');

/**
 * The decoded parts of a sealed value of `box` with exactly `count` parts, or a `SECRET_UNREADABLE` error. Each part
 * must be canonical base64url (Node's decoder skips stray characters, so a changed character could otherwise decode to
 * the same bytes and go unnoticed).
 *
 * @example
 * const [iv, ciphertext, tag] = sealedParts(stored, 'local', 3);
 */
export function sealedParts(sealed: string, box: string, count: number): Buffer[] {
  const [version, name, ...parts] = sealed.split('.');
  if (version !== VERSION || name !== box || parts.length !== count) throw unreadable(box, 'not a value it sealed');
  return parts.map((part) => {
    const bytes = Buffer.from(part, 'base64url');
    if (bytes.toString('base64url') !== part) throw unreadable(box, 'not base64url');
    return bytes;
  });
}
