/**
 * Sealed list cursors: a storage position (the repository's own cursor string) encrypted and authenticated with
 * AES-256-GCM, bound to the query it continues. The caller can neither read the position (our table's keys) nor
 * change a bit of it, and a cursor opens only with the binding it was sealed with — the route, its filters and the
 * caller (see `lambdas/shared/cursors.ts`).
 *
 * Layout, base64url without padding:
 *
 * | bytes | field |
 * |---|---|
 * | 1 | version (1) |
 * | 4 | key id (which secret of the key set sealed it) |
 * | 16 | random salt |
 * | n | ciphertext of the position (UTF-8) |
 * | 16 | GCM tag |
 *
 * Each cursor gets its own AES key and nonce, derived with HKDF-SHA256 from the secret and the random salt, so GCM's
 * nonce limit never applies however many cursors one secret seals. The additional authenticated data is the header
 * (version, key id, salt) and the binding. The tag is checked by OpenSSL in constant time, and every failure — bad
 * characters, a non-canonical encoding, an unknown version or key, a retired key, a wrong tag — is the same
 * `INVALID_CURSOR`, so a caller learns nothing about which check refused it.
 *
 * @example
 * const cursor = sealCursor(position, binding, keys);
 * openCursor(cursor, binding, keys, clock.now()); // === position
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { invalidCursor } from '../../domain/errors';
import { acceptedKey, CURSOR_KEY_ID_BYTES, type CursorKey, type CursorKeySet } from './key-set';

export const CURSOR_VERSION = 1;
/** The longest cursor the list contracts accept (`cursor: z.string().max(2048)`). */
export const MAX_CURSOR_LENGTH = 2048;

const SALT_BYTES = 16;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + CURSOR_KEY_ID_BYTES + SALT_BYTES;
const INFO = Buffer.from('permit list cursor v1', 'utf8');
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** AES-256 key and 96-bit nonce for one cursor. */
function derive(key: CursorKey, salt: Buffer): { aesKey: Buffer; iv: Buffer } {
  const okm = Buffer.from(hkdfSync('sha256', key.secret, salt, INFO, 32 + 12));
  return { aesKey: okm.subarray(0, 32), iv: okm.subarray(32) };
}

const aad = (header: Buffer, binding: string): Buffer => Buffer.concat([header, Buffer.from(binding, 'utf8')]);

/**
 * Seal a position for one binding with the current key.
 *
 * @example
 * const cursor = sealCursor('eyJwayI6…', '{"route":"GET /v1/certificates",…}', keys);
 */
export function sealCursor(position: string, binding: string, keys: CursorKeySet): string {
  const key = keys.current;
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt8(CURSOR_VERSION, 0);
  header.write(key.id, 1, CURSOR_KEY_ID_BYTES, 'hex');
  randomBytes(SALT_BYTES).copy(header, 1 + CURSOR_KEY_ID_BYTES);
  const { aesKey, iv } = derive(key, header.subarray(1 + CURSOR_KEY_ID_BYTES));
  const cipher = createCipheriv('aes-256-gcm', aesKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(header, binding));
  const body = Buffer.concat([cipher.update(position, 'utf8'), cipher.final()]);
  const token = Buffer.concat([header, body, cipher.getAuthTag()]).toString('base64url');
  // Positions are a few hundred bytes; a longer one is a bug in a repository, not the caller's fault.
  if (token.length > MAX_CURSOR_LENGTH) throw new Error(`a sealed cursor would be ${token.length} characters long`);
  return token;
}

/** The raw bytes of a well-formed cursor, or undefined. */
function decode(token: string): Buffer | undefined {
  if (token.length > MAX_CURSOR_LENGTH || !BASE64URL.test(token)) return undefined;
  const bytes = Buffer.from(token, 'base64url');
  // Node decodes leniently (ignoring stray bits in the last character): only the canonical spelling is ours.
  if (bytes.toString('base64url') !== token) return undefined;
  if (bytes.length < HEADER_BYTES + 1 + TAG_BYTES || bytes.readUInt8(0) !== CURSOR_VERSION) return undefined;
  return bytes;
}

/**
 * The key id a cursor names, if it is well formed (lets a key source refresh before refusing an unknown id).
 *
 * @example
 * if (!acceptedKey(keys, cursorKeyId(token) ?? '', now)) keys = await source.refresh();
 */
export function cursorKeyId(token: string): string | undefined {
  return decode(token)?.toString('hex', 1, 1 + CURSOR_KEY_ID_BYTES);
}

/**
 * Open a cursor sealed for exactly this binding with a key still accepted at `now`; anything else throws
 * `INVALID_CURSOR` (400).
 *
 * @example
 * const position = openCursor(query.cursor, binding, keys, clock.now());
 */
export function openCursor(token: string, binding: string, keys: CursorKeySet, now: Date): string {
  const bytes = decode(token);
  if (!bytes) throw invalidCursor();
  const key = acceptedKey(keys, bytes.toString('hex', 1, 1 + CURSOR_KEY_ID_BYTES), now);
  if (!key) throw invalidCursor();
  const header = bytes.subarray(0, HEADER_BYTES);
  const { aesKey, iv } = derive(key, header.subarray(1 + CURSOR_KEY_ID_BYTES));
  try {
    const decipher = createDecipheriv('aes-256-gcm', aesKey, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(header, binding));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(bytes.subarray(HEADER_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return plain.toString('utf8');
  } catch {
    throw invalidCursor();
  }
}
