/**
 * The console's session, kept by the browser in an HttpOnly cookie sealed with authenticated encryption
 * (AES-256-GCM, node:crypto): nobody can read it, and changing one bit of it makes it fail to open. No session store:
 * the cookie carries who signed in (subject, name, roles and USCC — from the identity provider's ID token only), when
 * (`issuedAt`), when it was last used (`lastSeenAt`) and the session's CSRF token.
 *
 * The key comes from a key set shaped like the list-cursor keys (`lambdas/shared/cursors/key-set.ts`, an SSM
 * SecureString in the cloud, a file locally) but its own secret; each purpose (the session, the sign-in attempt) uses
 * its own key derived with HKDF, and the sealed text names the key id, so a rotation leaves sessions sealed with the
 * retiring key valid until they end. The purpose is also bound as additional data: a sign-in cookie is no session.
 *
 * Time is the injected clock's: idle timeout 30 min, absolute 12 h.
 *
 * @example
 * const sealer = new SessionSealer(keySource);
 * const cookie = await sealer.seal('session', session, clock.now());
 * const opened = await sealer.open('session', cookie, clock.now()); // unknown | undefined
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { ROLES, type Role } from '../../contracts/route';
import type { CursorKeySource } from '../../ports/cursor-key-source';
import { acceptedKey } from '../cursors/key-set';

/** A session unused for this long has ended. */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** A session ends this long after sign-in, used or not. */
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;

export interface ConsoleSession {
  /** The identity provider's `sub`. */
  readonly sub: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly uscc?: string;
  /** Epoch milliseconds of sign-in (the injected clock). */
  readonly issuedAt: number;
  /** Epoch milliseconds of the last request that used the session. */
  readonly lastSeenAt: number;
  /** The CSRF token every state-changing form carries as `_csrf`. */
  readonly csrf: string;
}

/** What a sealed value is for: bound into the key and the additional data, so one cannot pass for the other. */
export type SealPurpose = 'session' | 'sign-in';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals and opens the console's cookies with the key set from a {@link CursorKeySource}.
 *
 * @example
 * const text = await new SessionSealer(source).seal('sign-in', { state, nonce }, now);
 */
export class SessionSealer {
  readonly #derived = new Map<string, Buffer>();

  constructor(private readonly keys: CursorKeySource) {}

  private keyFor(purpose: SealPurpose, id: string, secret: Buffer): Buffer {
    const name = `${purpose}|${id}`;
    let key = this.#derived.get(name);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `permit-console/${purpose}/${VERSION}`, 32));
      this.#derived.set(name, key);
    }
    return key;
  }

  /** `v1.<key id>.<iv>.<ciphertext>.<tag>`, base64url parts: safe in a cookie value as it is. */
  async seal(purpose: SealPurpose, value: unknown, _now: Date): Promise<string> {
    const set = await this.keys.get();
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keyFor(purpose, set.current.id, set.current.secret), iv);
    cipher.setAAD(Buffer.from(`${VERSION}.${set.current.id}.${purpose}`));
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return [VERSION, set.current.id, iv, body, cipher.getAuthTag()]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  /** The sealed value, or undefined when it is malformed, forged, tampered with or sealed with an unknown key. */
  async open(purpose: SealPurpose, text: string, now: Date): Promise<unknown> {
    const parts = text.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) return undefined;
    const [, id, ivText, bodyText, tagText] = parts as [string, string, string, string, string];
    let set = await this.keys.get();
    let key = acceptedKey(set, id, now);
    if (!key) {
      set = await this.keys.refresh();
      key = acceptedKey(set, id, now);
    }
    if (!key) return undefined;
    const iv = Buffer.from(ivText, 'base64url');
    const tag = Buffer.from(tagText, 'base64url');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.keyFor(purpose, key.id, key.secret), iv);
      decipher.setAAD(Buffer.from(`${VERSION}.${id}.${purpose}`));
      decipher.setAuthTag(tag);
      const plain = Buffer.concat([decipher.update(Buffer.from(bodyText, 'base64url')), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as unknown;
    } catch {
      return undefined;
    }
  }
}

/**
 * A session opened from a cookie, checked for shape and for both timeouts; undefined when it has ended.
 *
 * @example
 * liveSession(await sealer.open('session', cookie, now), now); // ConsoleSession | undefined
 */
export function liveSession(value: unknown, now: Date): ConsoleSession | undefined {
  const session = asSession(value);
  if (!session) return undefined;
  const t = now.getTime();
  if (t - session.issuedAt >= ABSOLUTE_TIMEOUT_MS) return undefined;
  if (t - session.lastSeenAt >= IDLE_TIMEOUT_MS) return undefined;
  return session;
}

function asSession(value: unknown): ConsoleSession | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const roles = Array.isArray(v.roles) ? v.roles : undefined;
  if (
    typeof v.sub !== 'string' ||
    typeof v.name !== 'string' ||
    !roles?.every((r) => (ROLES as readonly unknown[]).includes(r)) ||
    (v.uscc !== undefined && typeof v.uscc !== 'string') ||
    typeof v.issuedAt !== 'number' ||
    typeof v.lastSeenAt !== 'number' ||
    typeof v.csrf !== 'string'
  ) {
    return undefined;
  }
  return value as ConsoleSession;
}

/** A fresh random token (CSRF, state, nonce, PKCE verifier): 32 bytes, base64url. */
export const randomToken = (): string => randomBytes(32).toString('base64url');
