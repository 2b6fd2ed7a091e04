import { generateKeyPairSync } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import { describe, expect, it } from 'vitest';
import { publicJwkOf } from '../../../../lambdas/adapters/signing/node-signer';
import { isPermitError } from '../../../../lambdas/domain/errors';
import { compromiseKeyRecord, rotateKeyRecords } from '../../../../lambdas/domain/signing/key-ring';
import { KeySet, signingTimeProblem } from '../../../../lambdas/domain/signing/key-set';
import type { KeyRecord } from '../../../../lambdas/domain/signing/keys';

async function newKey() {
  const jwk = publicJwkOf(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
  return { kid: await calculateJwkThumbprint(jwk, 'sha256'), jwk };
}

const T0 = new Date('2026-01-05T09:00:00+08:00');
const T1 = new Date('2026-06-01T09:00:00+08:00');
const s = (d: Date) => d.getTime() / 1000;

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return isPermitError(e) ? e.code : 'untyped';
  }
  return undefined;
}

describe('key ring and key set', () => {
  it('rotates: the current key retires at the rotation time and the new key signs from then on', async () => {
    const [a, b] = [await newKey(), await newKey()];
    const ring = rotateKeyRecords(rotateKeyRecords([], a, T0), b, T1);
    expect(ring).toEqual([
      { ...a, status: 'retired', signedFrom: s(T0), signedUntil: s(T1) },
      { ...b, status: 'current', signedFrom: s(T1) },
    ]);
  });

  it('marks a key compromised, refusing the current key and future times, keeping the earliest time', async () => {
    const [a, b] = [await newKey(), await newKey()];
    const ring = rotateKeyRecords(rotateKeyRecords([], a, T0), b, T1);
    const later = new Date('2026-07-01T00:00:00Z');
    const marked = compromiseKeyRecord(ring, a.kid, new Date('2026-03-01T00:00:00Z'), later);
    expect(marked[0]).toMatchObject({ status: 'compromised', compromisedAt: s(new Date('2026-03-01T00:00:00Z')) });
    const again = compromiseKeyRecord(marked, a.kid, new Date('2026-04-01T00:00:00Z'), later);
    expect(again[0]?.compromisedAt).toBe(marked[0]?.compromisedAt);
    expect(await codeOf((async () => compromiseKeyRecord(ring, b.kid, T1, later))())).toBe('KEY_IS_CURRENT');
    expect(await codeOf((async () => compromiseKeyRecord(ring, a.kid, later, T1))())).toBe('COMPROMISE_TIME_INVALID');
    expect(await codeOf((async () => compromiseKeyRecord(ring, 'nope', T1, later))())).toBe('KEY_NOT_FOUND');
  });

  it('publishes a JWKS with the documented members and parses it back to the same records', async () => {
    const [a, b] = [await newKey(), await newKey()];
    const records = compromiseKeyRecord(rotateKeyRecords(rotateKeyRecords([], a, T0), b, T1), a.kid, T0, T1);
    const jwks = (await KeySet.fromRecords(records)).toJwks();
    expect(jwks.keys[0]).toEqual({
      kty: 'EC',
      crv: 'P-256',
      x: a.jwk.x,
      y: a.jwk.y,
      kid: a.kid,
      use: 'sig',
      alg: 'ES256',
      'permit:status': 'compromised',
      'permit:signedFrom': s(T0),
      'permit:signedUntil': s(T1),
      'permit:compromisedAt': s(T0),
    });
    const parsed = await KeySet.fromJwks(JSON.parse(JSON.stringify(jwks)));
    expect(parsed.records).toEqual(records);
    expect(parsed.current()?.kid).toBe(b.kid);
  });

  it.each<[string, (r: KeyRecord, other: KeyRecord) => unknown]>([
    ['a kid that is not the thumbprint', (r, o) => ({ keys: [{ ...pub(r), kid: o.kid }] })],
    ['a private key member', (r) => ({ keys: [{ ...pub(r), d: 'AAAA' }] })],
    ['two current keys', (r, o) => ({ keys: [pub(r), pub(o)] })],
    ['a retired key without an end', (r) => ({ keys: [{ ...pub(r), 'permit:status': 'retired' }] })],
    ['a compromised key without a time', (r) => ({ keys: [{ ...pub(r), 'permit:status': 'compromised' }] })],
    ['an unknown status', (r) => ({ keys: [{ ...pub(r), 'permit:status': 'revoked' }] })],
    ['another curve', (r) => ({ keys: [{ ...pub(r), crv: 'P-384' }] })],
    ['another algorithm', (r) => ({ keys: [{ ...pub(r), alg: 'HS256' }] })],
    ['no keys array', () => ({})],
    [
      'an end before the start',
      (r) => ({ keys: [{ ...pub(r), 'permit:status': 'retired', 'permit:signedUntil': 1 }] }),
    ],
  ])('refuses a JWKS with %s (KEYSET_INVALID)', async (_what, make) => {
    const [a, b] = [await newKey(), await newKey()];
    const ra: KeyRecord = { ...a, status: 'current', signedFrom: s(T0) };
    const rb: KeyRecord = { ...b, status: 'current', signedFrom: s(T0) };
    expect(await codeOf(KeySet.fromJwks(make(ra, rb)))).toBe('KEYSET_INVALID');
  });

  it('offers an empty key set that knows no key', () => {
    expect(KeySet.empty().records).toEqual([]);
    expect(KeySet.empty().findByRef(new Uint8Array(8))).toEqual({ ok: false, code: 'KEY_UNKNOWN' });
  });

  it('states the time rule at its boundaries', async () => {
    const { kid, jwk } = await newKey();
    const r: KeyRecord = { kid, jwk, status: 'retired', signedFrom: 100, signedUntil: 200 };
    expect([99, 100, 200, 201].map((t) => signingTimeProblem(r, t))).toEqual([
      'SIGNED_OUTSIDE_KEY_PERIOD',
      undefined,
      undefined,
      'SIGNED_OUTSIDE_KEY_PERIOD',
    ]);
    const c: KeyRecord = { ...r, status: 'compromised', compromisedAt: 150 };
    expect([149, 150].map((t) => signingTimeProblem(c, t))).toEqual([undefined, 'KEY_COMPROMISED']);
  });
});

function pub(r: KeyRecord) {
  return {
    ...r.jwk,
    kid: r.kid,
    use: 'sig',
    alg: 'ES256',
    'permit:status': r.status,
    'permit:signedFrom': r.signedFrom,
  };
}
