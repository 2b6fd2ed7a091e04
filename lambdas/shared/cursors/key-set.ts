/**
 * The cursor key set: the current secret that seals list cursors, and the previous secrets still accepted until
 * their retirement time — 24 h after the rotation that replaced them. One JSON document, stored as an SSM
 * `SecureString` in the cloud and as `<dataDir>/cursor-keys.json` (mode 0600) locally; never logged, never in a
 * template.
 *
 * ```json
 * { "format": "permit-cursor-keys/1",
 *   "current": { "id": "9f3a0c1e", "secret": "<32 bytes, base64url>", "createdAt": "2026-11-27T02:00:00.000Z" },
 *   "previous": [{ "id": "41be77d0", "secret": "…", "createdAt": "…", "retiresAt": "2026-11-28T02:00:00.000Z" }] }
 * ```
 *
 * @example
 * const next = rotateCursorKeySet(parseCursorKeySet(text), clock.now());
 * await save(serialiseCursorKeySet(next));
 */
import { randomBytes } from 'node:crypto';

export const CURSOR_KEYS_FORMAT = 'permit-cursor-keys/1';
/** How long a replaced key keeps opening the cursors it sealed. */
export const CURSOR_KEY_OVERLAP_MS = 24 * 60 * 60 * 1000;
/** Bytes of a key id as carried in a cursor (written as 8 hex characters). */
export const CURSOR_KEY_ID_BYTES = 4;
const SECRET_BYTES = 32;

export interface CursorKey {
  /** 8 lower-case hex characters, unique within the set. */
  readonly id: string;
  /** 32 random bytes. */
  readonly secret: Buffer;
  readonly createdAt: string;
}

export interface RetiringCursorKey extends CursorKey {
  /** ISO instant after which cursors sealed with this key are refused. */
  readonly retiresAt: string;
}

export interface CursorKeySet {
  readonly current: CursorKey;
  readonly previous: readonly RetiringCursorKey[];
}

/** A key set that cannot be read (bad JSON, wrong format, a short secret, duplicate ids). */
export class CursorKeySetError extends Error {
  override readonly name = 'CursorKeySetError';
}

function newKey(now: Date, taken: ReadonlySet<string>): CursorKey {
  let id: string;
  do id = randomBytes(CURSOR_KEY_ID_BYTES).toString('hex');
  while (taken.has(id));
  return { id, secret: randomBytes(SECRET_BYTES), createdAt: now.toISOString() };
}

/**
 * A first key set: one fresh current key.
 *
 * @example
 * const set = generateCursorKeySet(new Date());
 */
export function generateCursorKeySet(now: Date): CursorKeySet {
  return { current: newKey(now, new Set()), previous: [] };
}

/**
 * Rotate: a fresh current key; the old current key is accepted until `now + overlap` (24 h); previous keys already
 * retired are dropped, the others keep their own retirement time.
 *
 * @example
 * const next = rotateCursorKeySet(set, clock.now()); // next.previous[0].retiresAt = now + 24 h
 */
export function rotateCursorKeySet(set: CursorKeySet, now: Date, overlapMs = CURSOR_KEY_OVERLAP_MS): CursorKeySet {
  const stillAccepted = set.previous.filter((k) => Date.parse(k.retiresAt) > now.getTime());
  const retiring: RetiringCursorKey = { ...set.current, retiresAt: new Date(now.getTime() + overlapMs).toISOString() };
  const taken = new Set([set.current.id, ...stillAccepted.map((k) => k.id)]);
  return { current: newKey(now, taken), previous: [retiring, ...stillAccepted] };
}

/**
 * The key a cursor names, if it may still open cursors at `now`: the current key, or a previous one before its
 * retirement time.
 *
 * @example
 * const key = acceptedKey(set, '9f3a0c1e', clock.now());
 */
export function acceptedKey(set: CursorKeySet, id: string, now: Date): CursorKey | undefined {
  if (set.current.id === id) return set.current;
  const previous = set.previous.find((k) => k.id === id);
  return previous && now.getTime() < Date.parse(previous.retiresAt) ? previous : undefined;
}

const ID = /^[0-9a-f]{8}$/;
const SECRET = /^[A-Za-z0-9_-]{43}$/;

function parseKey(value: unknown, where: string, retiring: boolean): RetiringCursorKey | CursorKey {
  const fail = (why: string) => new CursorKeySetError(`cursor key set: ${where} ${why}`);
  if (!value || typeof value !== 'object') throw fail('is not an object');
  const { id, secret, createdAt, retiresAt } = value as Record<string, unknown>;
  if (typeof id !== 'string' || !ID.test(id)) throw fail('has no 8-hex-digit id');
  if (typeof secret !== 'string' || !SECRET.test(secret)) throw fail('has no 32-byte base64url secret');
  if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt))) throw fail('has no createdAt time');
  const key = { id, secret: Buffer.from(secret, 'base64url'), createdAt };
  if (!retiring) return key;
  if (typeof retiresAt !== 'string' || Number.isNaN(Date.parse(retiresAt))) throw fail('has no retiresAt time');
  return { ...key, retiresAt };
}

/**
 * Parse and validate a stored key set.
 *
 * @example
 * const set = parseCursorKeySet(readFileSync(path, 'utf8'));
 */
export function parseCursorKeySet(text: string): CursorKeySet {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new CursorKeySetError('cursor key set: not JSON');
  }
  if (!doc || typeof doc !== 'object') throw new CursorKeySetError('cursor key set: not an object');
  const { format, current, previous } = doc as Record<string, unknown>;
  if (format !== CURSOR_KEYS_FORMAT) throw new CursorKeySetError(`cursor key set: format is not ${CURSOR_KEYS_FORMAT}`);
  if (!Array.isArray(previous)) throw new CursorKeySetError('cursor key set: previous is not a list');
  const set: CursorKeySet = {
    current: parseKey(current, 'current key', false),
    previous: previous.map((k, i) => parseKey(k, `previous key ${i}`, true) as RetiringCursorKey),
  };
  const ids = [set.current.id, ...set.previous.map((k) => k.id)];
  if (new Set(ids).size !== ids.length) throw new CursorKeySetError('cursor key set: duplicate key ids');
  return set;
}

const keyJson = (k: CursorKey | RetiringCursorKey) => ({
  id: k.id,
  secret: k.secret.toString('base64url'),
  createdAt: k.createdAt,
  ...('retiresAt' in k ? { retiresAt: k.retiresAt } : {}),
});

/**
 * The stored form (parseable by {@link parseCursorKeySet}).
 *
 * @example
 * writeFileSync(path, serialiseCursorKeySet(generateCursorKeySet(new Date())), { mode: 0o600 });
 */
export function serialiseCursorKeySet(set: CursorKeySet): string {
  return `${JSON.stringify(
    { format: CURSOR_KEYS_FORMAT, current: keyJson(set.current), previous: set.previous.map(keyJson) },
    null,
    2,
  )}\n`;
}

/**
 * What an operator may see: ids and times, never a secret.
 *
 * @example
 * console.table(describeCursorKeySet(set, new Date()));
 */
export function describeCursorKeySet(
  set: CursorKeySet,
  now: Date,
): { id: string; status: 'current' | 'accepted' | 'retired'; createdAt: string; retiresAt: string }[] {
  return [
    { id: set.current.id, status: 'current', createdAt: set.current.createdAt, retiresAt: '—' },
    ...set.previous.map((k) => ({
      id: k.id,
      status: acceptedKey(set, k.id, now) ? ('accepted' as const) : ('retired' as const),
      createdAt: k.createdAt,
      retiresAt: k.retiresAt,
    })),
  ];
}
