/**
 * The signed list: what `signStatusList` makes verifies with the JWKS alone (here and with plain jose), any set of
 * (index, status) survives encode → sign → verify → read, and a tampered token, an unknown or refused key, an expired
 * token, another list's token or a malformed one is refused with its stable code.
 */
import fc from 'fast-check';
import { base64url, decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { isPermitError } from '../../../../lambdas/domain/errors';
import { KeySet } from '../../../../lambdas/domain/signing/key-set';
import { licenceStatusOf } from '../../../../lambdas/domain/status-list/licence-status';
import { STATUS_LIST_SIZE, type StatusEntry, StatusList } from '../../../../lambdas/domain/status-list/status-list';
import {
  type StatusListClaims,
  signStatusList,
  verifyStatusListToken,
} from '../../../../lambdas/domain/status-list/status-list-token';
import { FakeSigner } from '../../../support/fakes/signer';

const SUB = 'https://permit.amr.hubei.gov.cn/status-lists/1';
const NOW = new Date('2026-10-01T08:00:00+08:00');
const IAT = Math.floor(NOW.getTime() / 1000);
const CLAIMS: StatusListClaims = { sub: SUB, iat: IAT, exp: IAT + 86_400, ttl: 5 };

const signer = new FakeSigner();
const stranger = new FakeSigner();
let keySet: KeySet;
beforeAll(async () => {
  keySet = await KeySet.fromRecords([signer.record(new Date(NOW.getTime() - 86_400_000))]);
});

const listOf = (entries: readonly StatusEntry[]) => StatusList.fromEntries(STATUS_LIST_SIZE, entries);
const sample = listOf([
  { index: 0, status: 1 },
  { index: 4711, status: 2 },
  { index: STATUS_LIST_SIZE - 1, status: 3 },
]);

async function refusal(attempt: Promise<unknown>): Promise<string | undefined> {
  try {
    await attempt;
  } catch (e) {
    return isPermitError(e) ? e.code : `untyped: ${String(e)}`;
  }
  return undefined;
}

/** Replace one part of a compact JWS (0 header, 1 payload, 2 signature). */
const withPart = (jwt: string, part: number, value: string) =>
  jwt
    .split('.')
    .map((p, i) => (i === part ? value : p))
    .join('.');

describe('signing a status list', () => {
  it('makes a statuslist+jwt with the kid, the claims and the 2-bit list, verifiable with plain jose', async () => {
    // Act
    const jwt = await signStatusList(sample, CLAIMS, signer);

    // Assess
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'ES256', kid: signer.kid, typ: 'statuslist+jwt' });
    const key = await importJWK({ ...(await signer.publicJwk()), alg: 'ES256' }, 'ES256');
    const { payload } = await jwtVerify(jwt, key, { typ: 'statuslist+jwt', currentDate: NOW, subject: SUB });
    expect(payload).toEqual({ ...CLAIMS, status_list: { bits: 2, lst: sample.encode() } });
  });

  it('verifies with the key set and reads each licence’s status', async () => {
    // Prepare
    const jwt = await signStatusList(sample, CLAIMS, signer);

    // Act
    const verified = await verifyStatusListToken(jwt, keySet, { now: NOW, expectedSubject: SUB });

    // Assess
    expect(verified.claims).toEqual(CLAIMS);
    expect(verified.key.kid).toBe(signer.kid);
    expect(verified.list.size).toBe(STATUS_LIST_SIZE);
    expect([0, 1, 4711, STATUS_LIST_SIZE - 1].map((i) => licenceStatusOf(verified.list.get(i)))).toEqual([
      'revoked',
      'valid',
      'suspended',
      'cancelled',
    ]);
  });

  it('keeps any set of (index, status) through encode → sign → verify → read', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            index: fc.integer({ min: 0, max: STATUS_LIST_SIZE - 1 }),
            status: fc.integer({ min: 0, max: 3 }),
          }),
          { maxLength: 300 },
        ),
        async (entries) => {
          // Prepare
          const expected = new Map(entries.map((e) => [e.index, e.status]));

          // Act
          const jwt = await signStatusList(listOf(entries), CLAIMS, signer);
          const { list } = await verifyStatusListToken(jwt, keySet, { now: NOW });

          // Assess
          for (const [index, status] of expected) expect(list.get(index)).toBe(status);
          let nonZero = 0;
          for (let i = 0; i < list.size; i++) if (list.get(i) !== 0) nonZero++;
          expect(nonZero).toBe([...expected.values()].filter((s) => s !== 0).length);
        },
      ),
      { numRuns: 40 },
    );
  });

  it.each<[string, StatusList, Partial<StatusListClaims>, string]>([
    ['a list shorter than 131,072 entries', StatusList.fromEntries(1024, []), {}, 'status_list'],
    ['a 1-bit list', StatusList.fromEntries(STATUS_LIST_SIZE * 2, [], 1), {}, 'status_list.bits'],
    ['a sub that is not a URL', sample, { sub: 'status-lists/1' }, 'sub'],
    ['an exp not after iat', sample, { exp: IAT }, 'exp'],
    ['a fractional iat', sample, { iat: IAT + 0.5 }, 'iat'],
    ['a ttl of zero', sample, { ttl: 0 }, 'ttl'],
  ])('refuses to sign %s (STATUS_LIST_CLAIMS_INVALID), signing nothing', async (_name, list, over, field) => {
    // Prepare
    const counting = new FakeSigner();

    // Act
    const error = await signStatusList(list, { ...CLAIMS, ...over }, counting).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ code: 'STATUS_LIST_CLAIMS_INVALID', details: { issues: [{ field }] } });
    expect(counting.signatures).toBe(0);
  });

  it('refuses a signer that does not return a raw 64-byte signature', async () => {
    // Prepare
    const broken = { kid: signer.kid, sign: async () => new Uint8Array(70) };

    // Act
    const code = await refusal(signStatusList(sample, CLAIMS, broken));

    // Assess
    expect(code).toBe('SIGNER_BAD_SIGNATURE');
  });
});

describe('refusing a status list token', () => {
  let jwt: string;
  beforeAll(async () => {
    jwt = await signStatusList(sample, CLAIMS, signer);
  });

  it('refuses a tampered payload: one licence’s status changed, the signature kept', async () => {
    // Prepare
    const forged = listOf([{ index: 4711, status: 0 }]);
    const payload = { ...CLAIMS, status_list: forged.toJSON() };

    // Act
    const code = await refusal(
      verifyStatusListToken(withPart(jwt, 1, base64url.encode(JSON.stringify(payload))), keySet, { now: NOW }),
    );

    // Assess
    expect(code).toBe('STATUS_LIST_SIGNATURE_INVALID');
  });

  it('refuses every single-bit flip of the signature', async () => {
    // Prepare
    const signature = base64url.decode(jwt.split('.')[2] as string);
    const codes = new Set<string | undefined>();

    // Act
    for (let bit = 0; bit < signature.length * 8; bit += 7) {
      const flipped = signature.slice();
      flipped[bit >> 3] = (flipped[bit >> 3] as number) ^ (0x80 >> (bit & 7));
      codes.add(
        await refusal(verifyStatusListToken(withPart(jwt, 2, base64url.encode(flipped)), keySet, { now: NOW })),
      );
    }

    // Assess
    expect(codes).toEqual(new Set(['STATUS_LIST_SIGNATURE_INVALID']));
  });

  it('refuses a list signed by a key that is not in the key set', async () => {
    // Prepare
    const foreign = await signStatusList(sample, CLAIMS, stranger);

    // Act
    const code = await refusal(verifyStatusListToken(foreign, keySet, { now: NOW }));

    // Assess
    expect(code).toBe('STATUS_LIST_KEY_UNKNOWN');
  });

  it('refuses a list whose header names a known kid but which another key signed', async () => {
    // Prepare: the stranger signs a token that claims the authority's kid
    const impostor = { kid: signer.kid, sign: (data: Uint8Array) => stranger.sign(data) };
    const forged = await signStatusList(sample, CLAIMS, impostor);

    // Act
    const code = await refusal(verifyStatusListToken(forged, keySet, { now: NOW }));

    // Assess
    expect(code).toBe('STATUS_LIST_SIGNATURE_INVALID');
  });

  it('refuses a list signed outside its key’s signing period or after its compromise', async () => {
    // Prepare
    const record = signer.record(new Date(NOW.getTime() - 86_400_000));
    const retired = await KeySet.fromRecords([{ ...record, status: 'retired', signedUntil: IAT - 60 }]);
    const compromised = await KeySet.fromRecords([
      { ...record, status: 'compromised', signedUntil: IAT + 60, compromisedAt: IAT - 1 },
    ]);

    // Act
    const codes = [
      await refusal(verifyStatusListToken(jwt, retired, { now: NOW })),
      await refusal(verifyStatusListToken(jwt, compromised, { now: NOW })),
    ];

    // Assess
    expect(codes).toEqual(['STATUS_LIST_KEY_REFUSED', 'STATUS_LIST_KEY_REFUSED']);
  });

  it('refuses an expired list, and another list than the one fetched', async () => {
    // Act
    const codes = [
      await refusal(verifyStatusListToken(jwt, keySet, { now: new Date((CLAIMS.exp + 1) * 1000) })),
      await refusal(verifyStatusListToken(jwt, keySet, { now: NOW, expectedSubject: `${SUB}0` })),
    ];

    // Assess
    expect(codes).toEqual(['STATUS_LIST_EXPIRED', 'STATUS_LIST_SUBJECT_MISMATCH']);
  });

  it.each([
    ['not a string', 42],
    ['two parts', 'a.b'],
    ['a header that is not JSON', 'bm90IGpzb24.e30.AA'],
    ['another typ', `${base64url.encode('{"alg":"ES256","kid":"k","typ":"JWT"}')}.e30.AA`],
    ['another alg', `${base64url.encode('{"alg":"HS256","kid":"k","typ":"statuslist+jwt"}')}.e30.AA`],
    ['no kid', `${base64url.encode('{"alg":"ES256","typ":"statuslist+jwt"}')}.e30.AA`],
    ['a token too long to be a list', `${'a'.repeat(3_000_000)}.b.c`],
  ])('refuses %s as STATUS_LIST_MALFORMED', async (_name, token) => {
    // Act
    const code = await refusal(verifyStatusListToken(token as string, keySet, { now: NOW }));

    // Assess
    expect(code).toBe('STATUS_LIST_MALFORMED');
  });

  it('refuses a genuinely signed payload that is not a 2-bit status list', async () => {
    // Prepare: signed by the authority's key, so only the payload rules can refuse them
    const signRaw = async (payload: object) => {
      const header = base64url.encode(JSON.stringify({ alg: 'ES256', kid: signer.kid, typ: 'statuslist+jwt' }));
      const input = `${header}.${base64url.encode(JSON.stringify(payload))}`;
      return `${input}.${base64url.encode(await signer.sign(new TextEncoder().encode(input)))}`;
    };
    const oneBit = StatusList.fromEntries(STATUS_LIST_SIZE, [], 1).toJSON();
    const payloads = [
      { ...CLAIMS, status_list: oneBit },
      { ...CLAIMS, status_list: { bits: 2, lst: 'not zlib' } },
      { ...CLAIMS, status_list: undefined },
      { ...CLAIMS, iat: 'yesterday', status_list: sample.toJSON() },
    ];

    // Act
    const codes = await Promise.all(
      payloads.map(async (p) => refusal(verifyStatusListToken(await signRaw(p), keySet, { now: NOW }))),
    );

    // Assess
    expect(codes).toEqual(payloads.map(() => 'STATUS_LIST_MALFORMED'));
  });
});
