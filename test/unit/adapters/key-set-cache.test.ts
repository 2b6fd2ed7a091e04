/**
 * The verifier's key-set cache: lifetime, stale copies only within the JWKS max-age when a read fails, early refresh
 * for a key reference it does not know, rate-limited — and, through the use case, a key registered after the cache
 * was filled verifies at once instead of reading as forged.
 */
import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { CachedKeySet } from '../../../lambdas/adapters/key-set-cache';
import type { KeyRecord } from '../../../lambdas/domain/signing/keys';
import type { KeyRecordSource } from '../../../lambdas/ports/key-record-source';
import { verificationWorld } from '../../support/verification-world';

class FlakySource implements KeyRecordSource {
  reads = 0;
  failing = false;
  constructor(private readonly inner: KeyRecordSource) {}
  async keyRecords(): Promise<readonly KeyRecord[]> {
    this.reads++;
    if (this.failing) throw new Error('ring unreadable');
    return this.inner.keyRecords();
  }
}

describe('CachedKeySet', () => {
  test('reads once per lifetime and keeps the same set while the records are unchanged', async () => {
    // Prepare
    const w = await verificationWorld();
    const source = new FlakySource(w.store);
    const keys = new CachedKeySet(source, w.clock, { ttlMs: 30_000 });
    // Act
    const first = await keys.get();
    w.clock.advance({ seconds: 29 });
    const second = await keys.get();
    w.clock.advance({ seconds: 1 });
    const third = await keys.get();
    // Assess
    expect(source.reads).toBe(2);
    expect(second).toBe(first);
    expect(third).toBe(first);
  });

  test('serves the last copy while reads fail, up to the JWKS max-age, then fails', async () => {
    const w = await verificationWorld();
    const source = new FlakySource(w.store);
    const keys = new CachedKeySet(source, w.clock, { ttlMs: 30_000, maxStaleMs: 300_000 });
    const copy = await keys.get();
    source.failing = true;
    w.clock.advance({ seconds: 299 });
    expect(await keys.get()).toBe(copy);
    w.clock.advance({ seconds: 1 });
    await expect(keys.get()).rejects.toThrow('ring unreadable');
  });

  test('refreshes early at most once per cooldown', async () => {
    const w = await verificationWorld();
    const source = new FlakySource(w.store);
    const keys = new CachedKeySet(source, w.clock, { ttlMs: 30_000, refreshCooldownMs: 1000 });
    await keys.get();
    expect(await keys.refresh()).toBeDefined();
    expect(await keys.refresh()).toBeUndefined();
    w.clock.advance({ ms: 1000 });
    expect(await keys.refresh()).toBeDefined();
    expect(source.reads).toBe(3);
  });
});

describe('key rotation seen by the verifier', () => {
  test('a certificate signed by a key newer than the cached set verifies (one early refresh)', async () => {
    // Prepare: the verifier caches the ring, then the issuer rotates and signs with the new key
    const w = await verificationWorld();
    await w.keys.get();
    w.clock.advance({ seconds: 5 });
    await w.store.rotate();
    const v1 = await w.issue(w.certificate());
    // Act
    const result = await w.verify({ kind: 'payload', payload: v1.payload });
    // Assess
    expect(result.verdict).toBe('valid');
  });

  test('what the retired key signed in its period stays valid', async () => {
    const w = await verificationWorld();
    const v1 = await w.issue(w.certificate());
    w.clock.advance({ days: 1 });
    await w.store.rotate();
    w.clock.advance({ minutes: 1 });
    expect((await w.verify({ kind: 'payload', payload: v1.payload })).verdict).toBe('valid');
  });

  test('a signature by a compromised key made after the compromise time: invalid, KEY_COMPROMISED', async () => {
    // Prepare: K1 signs A; then K1 (a stolen copy) signs B later; K1 is declared compromised from between the two
    const w = await verificationWorld('2026-10-01T09:00:00+08:00');
    const stolen = await w.store.signer();
    const before = await w.issue(w.certificate(1), stolen);
    w.clock.advance({ hours: 2 });
    const compromisedAt = w.clock.now();
    w.clock.advance({ hours: 1 });
    await w.store.rotate();
    const after = await w.issue(w.certificate(2), stolen); // made after the compromise time (and the rotation)
    await w.store.compromise(stolen.kid, compromisedAt);
    w.clock.advance({ minutes: 1 });
    // Act
    const genuine = await w.verify({ kind: 'payload', payload: before.payload });
    const forged = await w.verify({ kind: 'payload', payload: after.payload });
    // Assess
    expect(genuine.verdict).toBe('valid');
    expect(forged.verdict).toBe('invalid');
    expect(forged.checks.find((c) => c.name === 'signature')?.code).toBe('KEY_COMPROMISED');
  });
});

test('a clock that moved back is not a fresh copy', async () => {
  const w = await verificationWorld();
  const source = new FlakySource(w.store);
  const clock = new ManualClock(w.clock.now());
  const keys = new CachedKeySet(source, clock, { ttlMs: 30_000 });
  await keys.get();
  clock.advance({ seconds: -1 });
  await keys.get();
  expect(source.reads).toBe(2);
});
