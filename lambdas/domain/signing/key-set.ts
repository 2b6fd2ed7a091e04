/**
 * The set of keys a certificate may be checked against, its JWKS form (members documented in `docs/keys.md`), and
 * the acceptance rule: a signature is acceptable iff its kid is known, it verifies, its signing time lies in the
 * key's signing period and — for a compromised key — before the compromise time.
 */
import { type CryptoKey, calculateJwkThumbprint, importJWK } from 'jose';
import { ValidationError } from '../errors';
import type { KeyRecord, KeyStatus, PublicEcJwk } from './keys';
import { KEY_REF_BYTES, keyRefOf } from './qr-claims';

/** A key as published in the JWKS: the JWK, its thumbprint `kid`, and Permit's members. */
export interface PublishedJwk extends PublicEcJwk {
  readonly kid: string;
  readonly use: 'sig';
  readonly alg: 'ES256';
  readonly 'permit:status': KeyStatus;
  readonly 'permit:signedFrom': number;
  readonly 'permit:signedUntil'?: number;
  readonly 'permit:compromisedAt'?: number;
}

export interface Jwks {
  readonly keys: readonly PublishedJwk[];
}

/** A key ready for verification. */
export interface KeyEntry {
  readonly record: KeyRecord;
  readonly keyRef: Uint8Array;
  readonly key: CryptoKey;
}

export type KeyLookup =
  | { readonly ok: true; readonly entry: KeyEntry }
  | { readonly ok: false; readonly code: 'KEY_UNKNOWN' | 'KEY_AMBIGUOUS' };

const STATUSES: readonly KeyStatus[] = ['current', 'retired', 'compromised'];
const B64U_COORD = /^[A-Za-z0-9_-]{43}$/;

/**
 * Validated keys with their imported `CryptoKey`s (imported once, so verification does no key parsing).
 *
 * @example
 * const keySet = await KeySet.fromJwks(JSON.parse(await readFile('jwks.json', 'utf8')));
 * const found = keySet.findByRef(decoded.keyRef);
 */
export class KeySet {
  readonly #entries: readonly KeyEntry[];

  private constructor(entries: readonly KeyEntry[]) {
    this.#entries = entries;
  }

  /**
   * Build from key records after checking them (thumbprints, periods, statuses, at most one current key).
   * Throws `ValidationError` `KEYSET_INVALID`.
   *
   * @example
   * const keySet = await KeySet.fromRecords(await store.keyRecords());
   */
  static async fromRecords(records: readonly KeyRecord[]): Promise<KeySet> {
    const seen = new Set<string>();
    let current = 0;
    const entries: KeyEntry[] = [];
    for (const [i, r] of records.entries()) {
      const where = `keys.${i}`;
      checkRecordShape(r, where);
      const jwk: PublicEcJwk = { kty: 'EC', crv: 'P-256', x: r.jwk.x, y: r.jwk.y };
      if ((await calculateJwkThumbprint(jwk, 'sha256')) !== r.kid) {
        throw invalid(`${where}.kid`, `kid ${r.kid} is not the RFC 7638 thumbprint of its key`);
      }
      if (seen.has(r.kid)) throw invalid(`${where}.kid`, `kid ${r.kid} appears twice`);
      seen.add(r.kid);
      if (r.status === 'current') current++;
      const key = await importJWK({ ...jwk, alg: 'ES256' }, 'ES256');
      if (key instanceof Uint8Array) throw invalid(`${where}.jwk`, 'not an asymmetric key');
      entries.push({ record: Object.freeze({ ...r, jwk }), keyRef: keyRefOf(r.kid), key });
    }
    if (current > 1) throw invalid('keys', `${current} keys are marked current; at most one may be`);
    return new KeySet(entries);
  }

  /**
   * A key set with no keys (every signature fails with `KEY_UNKNOWN`; format checks still run).
   *
   * @example
   * await verifyQrText(text, KeySet.empty()); // format verdict only
   */
  static empty(): KeySet {
    return new KeySet([]);
  }

  /**
   * Parse a published JWKS (see `docs/keys.md`). Throws `ValidationError` `KEYSET_INVALID`.
   *
   * @example
   * const keySet = await KeySet.fromJwks(await (await fetch(`${base}/.well-known/jwks.json`)).json());
   */
  static async fromJwks(jwks: unknown): Promise<KeySet> {
    const keys = (jwks as { keys?: unknown } | null)?.keys;
    if (!Array.isArray(keys)) throw invalid('keys', 'a JWKS needs a "keys" array');
    return KeySet.fromRecords(keys.map((k, i) => recordFromJwk(k, i)));
  }

  /** Every record, in publication order. @example keySet.records.map((r) => r.kid) */
  get records(): readonly KeyRecord[] {
    return this.#entries.map((e) => e.record);
  }

  /** The key new certificates are signed with, if any. @example keySet.current()?.kid */
  current(): KeyRecord | undefined {
    return this.#entries.find((e) => e.record.status === 'current')?.record;
  }

  /** The entry with exactly this kid. @example keySet.get(kid)?.key */
  get(kid: string): KeyEntry | undefined {
    return this.#entries.find((e) => e.record.kid === kid);
  }

  /**
   * The one key whose thumbprint starts with `keyRef`; unknown or ambiguous prefixes fail.
   *
   * @example
   * const found = keySet.findByRef(decoded.keyRef);
   * if (!found.ok) return fail(found.code);
   */
  findByRef(keyRef: Uint8Array): KeyLookup {
    if (keyRef.length !== KEY_REF_BYTES) return { ok: false, code: 'KEY_UNKNOWN' };
    let found: KeyEntry | undefined;
    for (const entry of this.#entries) {
      if (!sameBytes(entry.keyRef, keyRef)) continue;
      if (found) return { ok: false, code: 'KEY_AMBIGUOUS' };
      found = entry;
    }
    return found ? { ok: true, entry: found } : { ok: false, code: 'KEY_UNKNOWN' };
  }

  /**
   * The JWKS to publish: public keys only, with `kid`, `use`, `alg` and Permit's members.
   *
   * @example
   * return json(200, keySet.toJwks(), { 'cache-control': 'max-age=300' });
   */
  toJwks(): Jwks {
    return { keys: this.#entries.map((e) => toPublishedJwk(e.record)) };
  }
}

/**
 * Whether a signature made at `signedAt` (seconds) by `record`'s key is acceptable by time: inside the key's signing
 * period (both ends inclusive) and, for a compromised key, strictly before the compromise time.
 *
 * @example
 * signingTimeProblem(record, claims.signedAt); // undefined when acceptable
 */
export function signingTimeProblem(
  record: KeyRecord,
  signedAt: number,
): 'SIGNED_OUTSIDE_KEY_PERIOD' | 'KEY_COMPROMISED' | undefined {
  if (record.status === 'compromised' && (record.compromisedAt === undefined || signedAt >= record.compromisedAt)) {
    return 'KEY_COMPROMISED';
  }
  if (signedAt < record.signedFrom) return 'SIGNED_OUTSIDE_KEY_PERIOD';
  if (record.signedUntil !== undefined && signedAt > record.signedUntil) return 'SIGNED_OUTSIDE_KEY_PERIOD';
  return undefined;
}

/**
 * A record as a published JWK.
 *
 * @example
 * toPublishedJwk(record)['permit:status']; // 'current'
 */
export function toPublishedJwk(r: KeyRecord): PublishedJwk {
  return {
    kty: 'EC',
    crv: 'P-256',
    x: r.jwk.x,
    y: r.jwk.y,
    kid: r.kid,
    use: 'sig',
    alg: 'ES256',
    'permit:status': r.status,
    'permit:signedFrom': r.signedFrom,
    ...(r.signedUntil === undefined ? {} : { 'permit:signedUntil': r.signedUntil }),
    ...(r.compromisedAt === undefined ? {} : { 'permit:compromisedAt': r.compromisedAt }),
  };
}

function recordFromJwk(k: unknown, i: number): KeyRecord {
  if (typeof k !== 'object' || k === null) throw invalid(`keys.${i}`, 'not an object');
  const j = k as Record<string, unknown>;
  if ('d' in j) throw invalid(`keys.${i}.d`, 'a published key must not carry its private part');
  if (j.use !== undefined && j.use !== 'sig') throw invalid(`keys.${i}.use`, 'use must be "sig"');
  if (j.alg !== undefined && j.alg !== 'ES256') throw invalid(`keys.${i}.alg`, 'alg must be "ES256"');
  return {
    kid: j.kid as string,
    jwk: { kty: j.kty, crv: j.crv, x: j.x, y: j.y } as PublicEcJwk,
    status: j['permit:status'] as KeyStatus,
    signedFrom: j['permit:signedFrom'] as number,
    ...(j['permit:signedUntil'] === undefined ? {} : { signedUntil: j['permit:signedUntil'] as number }),
    ...(j['permit:compromisedAt'] === undefined ? {} : { compromisedAt: j['permit:compromisedAt'] as number }),
  };
}

function checkRecordShape(r: KeyRecord, where: string): void {
  const jwk = r?.jwk;
  if (typeof r?.kid !== 'string') throw invalid(`${where}.kid`, 'kid must be a string');
  if (jwk?.kty !== 'EC' || jwk.crv !== 'P-256') throw invalid(`${where}.jwk`, 'only EC P-256 keys are used');
  if (!B64U_COORD.test(String(jwk.x)) || !B64U_COORD.test(String(jwk.y))) {
    throw invalid(`${where}.jwk`, 'x and y must be 32-byte base64url coordinates');
  }
  if (!STATUSES.includes(r.status)) throw invalid(`${where}.status`, `unknown status ${String(r.status)}`);
  if (!isSeconds(r.signedFrom)) throw invalid(`${where}.signedFrom`, 'must be a NumericDate');
  if (r.signedUntil !== undefined && (!isSeconds(r.signedUntil) || r.signedUntil < r.signedFrom)) {
    throw invalid(`${where}.signedUntil`, 'must be a NumericDate not before signedFrom');
  }
  if (r.status === 'current' && r.signedUntil !== undefined) throw invalid(`${where}`, 'a current key has no end');
  if (r.status === 'retired' && r.signedUntil === undefined) throw invalid(`${where}`, 'a retired key needs an end');
  if ((r.status === 'compromised') !== (r.compromisedAt !== undefined) || !optionalSeconds(r.compromisedAt)) {
    throw invalid(`${where}.compromisedAt`, 'required for, and only for, a compromised key');
  }
}

const isSeconds = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
const optionalSeconds = (n: unknown) => n === undefined || isSeconds(n);

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const invalid = (field: string, message: string) =>
  new ValidationError('KEYSET_INVALID', `invalid key set: ${message}`, [{ field, message }]);
