import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../lambdas/adapters/clock/manual-clock';
import { LocalKeyStore } from '../../../../lambdas/adapters/signing/local-key-store';
import { signCertificateClaims } from '../../../../lambdas/domain/signing/qr-claims';
import { verifyQrText } from '../../../../lambdas/domain/signing/qr-verify';
import { claims } from '../../../support/certificate-claims';

const BASE = 'https://permit.amr.hubei.gov.cn';
const seconds = (iso: string) => Date.parse(iso) / 1000;

let dir: string;
beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), 'permit-keys-')), 'keys');
});
afterEach(async () => {
  await rm(join(dir, '..'), { recursive: true, force: true });
});

describe('LocalKeyStore', () => {
  it('creates an ES256 key on first use, private file mode 0600 in a 0700 directory', async () => {
    // Act
    const store = await LocalKeyStore.open({ dir, clock: new ManualClock('2026-09-01T00:00:00+08:00') });
    const signer = await store.signer();
    // Assess
    const records = await store.keyRecords();
    expect(records).toEqual([
      expect.objectContaining({ kid: signer.kid, status: 'current', signedFrom: seconds('2026-09-01T00:00:00+08:00') }),
    ]);
    expect((await stat(store.privateKeyPath(signer.kid))).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await readdir(dir)).sort()).toEqual([`${signer.kid}.private.jwk`, 'jwks.json'].sort());
  });

  it('keeps the same key across reopening, and concurrent first opens agree on one key', async () => {
    const [a, b] = await Promise.all([LocalKeyStore.open({ dir }), LocalKeyStore.open({ dir })]);
    const kids = [
      (await a.signer()).kid,
      (await b.signer()).kid,
      (await (await LocalKeyStore.open({ dir })).signer()).kid,
    ];
    expect(new Set(kids).size).toBe(1);
    expect(await a.keyRecords()).toHaveLength(1);
  });

  it('rotates: old signatures stay valid, the old private key is deleted, the old key cannot sign later', async () => {
    // Prepare
    const clock = new ManualClock('2026-09-28T09:00:00+08:00');
    const store = await LocalKeyStore.open({ dir, clock });
    const oldSigner = await store.signer();
    const before = await signCertificateClaims(
      claims({ signedAt: seconds('2026-09-28T09:30:00+08:00') }),
      oldSigner,
      BASE,
    );
    clock.set('2026-10-01T00:00:00+08:00');
    // Act
    const next = await store.rotate();
    // Assess
    const keySet = await store.keySet();
    expect(keySet.records.map((r) => [r.status, r.signedUntil])).toEqual([
      ['retired', seconds('2026-10-01T00:00:00+08:00')],
      ['current', undefined],
    ]);
    expect((await store.signer()).kid).toBe(next.kid);
    await expect(stat(store.privateKeyPath(oldSigner.kid))).rejects.toThrow();
    const now = new Date('2026-10-02T00:00:00+08:00');
    expect((await verifyQrText(before.qrText, keySet, { now })).ok).toBe(true);
    // A process still holding the old signer after the rotation produces signatures that fail.
    const stale = await signCertificateClaims(
      claims({ signedAt: seconds('2026-10-01T08:00:00+08:00') }),
      oldSigner,
      BASE,
    );
    expect(await verifyQrText(stale.qrText, keySet, { now })).toMatchObject({ code: 'SIGNED_OUTSIDE_KEY_PERIOD' });
  });

  it('compromising the current key rotates first; what it signed before the compromise time still verifies', async () => {
    const clock = new ManualClock('2026-09-28T09:00:00+08:00');
    const store = await LocalKeyStore.open({ dir, clock });
    const signer = await store.signer();
    const early = await signCertificateClaims(claims({ signedAt: seconds('2026-09-29T00:00:00+08:00') }), signer, BASE);
    const late = await signCertificateClaims(claims({ signedAt: seconds('2026-10-02T00:00:00+08:00') }), signer, BASE);
    clock.set('2026-10-03T00:00:00+08:00');
    const { rotatedTo } = await store.compromise(signer.kid, new Date('2026-10-01T00:00:00+08:00'));
    const keySet = await store.keySet();
    expect(keySet.current()?.kid).toBe(rotatedTo?.kid);
    expect(keySet.get(signer.kid)?.record).toMatchObject({
      status: 'compromised',
      compromisedAt: seconds('2026-10-01T00:00:00+08:00'),
      signedUntil: seconds('2026-10-03T00:00:00+08:00'),
    });
    const now = clock.now();
    expect((await verifyQrText(early.qrText, keySet, { now })).ok).toBe(true);
    expect(await verifyQrText(late.qrText, keySet, { now })).toMatchObject({ code: 'KEY_COMPROMISED' });
    await expect(stat(store.privateKeyPath(signer.kid))).rejects.toThrow();
  });

  it('changes nothing when asked to compromise an unknown key or at a future time', async () => {
    const clock = new ManualClock('2026-09-28T09:00:00+08:00');
    const store = await LocalKeyStore.open({ dir, clock });
    const kid = (await store.signer()).kid;
    await expect(store.compromise('nope', clock.now())).rejects.toMatchObject({ code: 'KEY_NOT_FOUND' });
    await expect(store.compromise(kid, new Date('2027-01-01'))).rejects.toMatchObject({
      code: 'COMPROMISE_TIME_INVALID',
    });
    expect((await store.keyRecords()).map((r) => r.status)).toEqual(['current']);
  });
});

it('a rotation made by another process (another store on the same directory) is seen by the next signer()', async () => {
  // Prepare: the running service's store has signed once (its ring is parsed and remembered)
  const service = await LocalKeyStore.open({ dir });
  const before = (await service.signer()).kid;
  // Act: `npm run keys -- rotate` in another process
  const rotated = await (await LocalKeyStore.open({ dir })).rotate();
  const after = (await service.signer()).kid;
  // Assess
  expect(after).toBe(rotated.kid);
  expect(after).not.toBe(before);
  expect((await service.keySet()).get(before)?.record.status).toBe('retired');
});
