/**
 * The status cache under a ManualClock: a revocation is visible once the 4 s lifetime has passed, `statusAsOf` is the
 * time the register was read (not the time the answer was served), and nothing longer than 4 s can be configured.
 */
import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { MAX_STATUS_CACHE_TTL_MS, STATUS_CACHE_TTL_MS, StatusCache } from '../../../lambdas/adapters/status-cache';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import type { CertificateHead } from '../../../lambdas/ports/certificate-repository';
import { FakeRegister, verificationWorld } from '../../support/verification-world';

/** A register that also reads heads together, counting its batch reads. */
class BatchingRegister extends FakeRegister {
  readonly batches: number[] = [];
  async headsOf(licenceNos: readonly LicenceNumber[]): Promise<ReadonlyMap<string, CertificateHead>> {
    this.batches.push(licenceNos.length);
    const found = new Map<string, CertificateHead>();
    for (const licenceNo of licenceNos) {
      const head = this.heads.get(licenceNo.toString());
      if (head) found.set(licenceNo.toString(), head);
    }
    return found;
  }
}

const licence1 = LicenceNumber.parse('(鄂)XK06-001-00001');

describe('freshness through the use case', () => {
  test('revoke → still the cached answer (stating its age) before 4 s → revoked from 4 s on', async () => {
    // Prepare: verify once, so the head is cached at t0
    const w = await verificationWorld('2026-10-01T10:00:00+08:00');
    const certificate = w.certificate();
    const v1 = await w.issue(certificate);
    const t0 = w.clock.now().toISOString();
    expect((await w.verify({ kind: 'payload', payload: v1.payload })).verdict).toBe('valid');
    w.clock.advance({ ms: 500 });
    w.changeStatus(certificate, 'revoke');

    // Act: 3.999 s after the read, then exactly 4 s after it
    w.clock.advance({ ms: 3499 });
    const cached = await w.verify({ kind: 'payload', payload: v1.payload });
    w.clock.advance({ ms: 1 });
    const fresh = await w.verify({ kind: 'payload', payload: v1.payload });

    // Assess
    expect(cached.verdict).toBe('valid');
    expect(cached.statusAsOf).toBe(t0); // read time, 3.999 s before it was served
    expect(Date.parse(cached.checkedAt) - Date.parse(cached.statusAsOf ?? '')).toBe(3999);
    expect(fresh.verdict).toBe('revoked');
    // read by the refresh the 3.999 s request started (or on demand at 4 s): after the revocation, ≤ 4 s after t0
    expect(Date.parse(fresh.statusAsOf ?? '') - Date.parse(t0)).toBeGreaterThan(500);
    expect(Date.parse(fresh.statusAsOf ?? '') - Date.parse(t0)).toBeLessThanOrEqual(STATUS_CACHE_TTL_MS);
  });

  test('refresh ahead: a licence scanned often sees the revocation from the first request after the re-read', async () => {
    // Prepare
    const w = await verificationWorld('2026-10-01T10:00:00+08:00');
    const certificate = w.certificate();
    const v1 = await w.issue(certificate);
    const verify = () => w.verify({ kind: 'payload', payload: v1.payload });
    await verify(); // read at t0
    w.clock.advance({ ms: 1000 });
    w.changeStatus(certificate, 'revoke');
    // Act: at 3.0 s the entry is served and re-read in the background; at 3.1 s the re-read has replaced it
    w.clock.advance({ ms: 2000 });
    const served = await verify();
    w.clock.advance({ ms: 100 });
    const refreshed = await verify();
    // Assess
    expect(served.verdict).toBe('valid');
    expect(refreshed.verdict).toBe('revoked');
    expect(Date.parse(refreshed.checkedAt) - Date.parse(refreshed.statusAsOf ?? '')).toBe(100);
    expect(w.cache.stats()).toEqual({ hits: 2, misses: 1, refreshes: 1, refreshBatches: 0 });
  });

  test('the production lifetime is 4 s: within the 5 s promise with a second of margin', () => {
    expect(STATUS_CACHE_TTL_MS).toBe(4000);
    expect(new StatusCache(new FakeRegister(), new ManualClock()).ttlMs).toBe(4000);
  });
});

describe('StatusCache', () => {
  test('refuses a lifetime beyond the promise', () => {
    expect(
      () => new StatusCache(new FakeRegister(), new ManualClock(), { ttlMs: MAX_STATUS_CACHE_TTL_MS + 1 }),
    ).toThrow(RangeError);
  });

  test('serves hits within the lifetime, shares concurrent reads, and counts', async () => {
    // Prepare
    const source = new FakeRegister();
    const clock = new ManualClock('2026-10-01T10:00:00+08:00');
    const cache = new StatusCache(source, clock, { refreshAfterMs: 4000 }); // no refresh ahead: the bare lifetime
    // Act
    const [a, b] = await Promise.all([cache.head(licence1), cache.head(licence1)]);
    clock.advance({ ms: 3999 });
    const c = await cache.head(licence1);
    clock.advance({ ms: 1 });
    const d = await cache.head(licence1);
    // Assess
    expect(source.headReads).toBe(2);
    expect(a.readAt).toEqual(b.readAt);
    expect(c.readAt).toEqual(a.readAt);
    expect(d.readAt.getTime() - a.readAt.getTime()).toBe(4000);
    expect(cache.stats()).toEqual({ hits: 2, misses: 2, refreshes: 0, refreshBatches: 0 });
  });

  test('a failed re-read keeps the old entry until it expires, then the next read is on demand', async () => {
    // Prepare
    const source = new FakeRegister();
    const clock = new ManualClock('2026-10-01T10:00:00+08:00');
    const cache = new StatusCache(source, clock);
    const first = await cache.head(licence1);
    source.failure = 'error';
    // Act
    clock.advance({ ms: 3000 });
    const stale = await cache.head(licence1); // starts a re-read, which fails
    clock.advance({ ms: 1000 });
    const expired = cache.head(licence1);
    // Assess
    expect(stale.readAt).toEqual(first.readAt);
    await expect(expired).rejects.toThrow();
  });

  test('never caches a failed read, and a clock that moved back is a miss', async () => {
    const source = new FakeRegister();
    const clock = new ManualClock('2026-10-01T10:00:00+08:00');
    const cache = new StatusCache(source, clock);
    source.failure = 'error';
    await expect(cache.head(licence1)).rejects.toThrow();
    source.failure = 'none';
    await cache.head(licence1);
    clock.advance({ ms: -1 });
    await cache.head(licence1);
    expect(source.headReads).toBe(3);
  });

  test('keeps at most maxEntries heads', async () => {
    const source = new FakeRegister();
    const cache = new StatusCache(source, new ManualClock(), { maxEntries: 2 });
    for (const serial of [1, 2, 3, 1]) await cache.head(LicenceNumber.parse(`(鄂)XK06-001-0000${serial}`));
    expect(source.headReads).toBe(4); // serial 1 was evicted by serial 3
  });
});

describe('spread refreshes', () => {
  test('licences read together refresh at their own points, all between 2 s and 3 s, the same every time', () => {
    // Prepare: the production settings
    const cache = new StatusCache(new FakeRegister(), new ManualClock());
    const licences = Array.from({ length: 200 }, (_, i) =>
      LicenceNumber.of({ province: '鄂', categoryCode: '06', productCode: '001', serial: i + 1 }),
    );
    // Act
    const points = licences.map((l) => cache.refreshPointOf(l));
    // Assess
    for (const p of points) {
      expect(p).toBeGreaterThan(2000);
      expect(p).toBeLessThanOrEqual(3000);
    }
    expect(new Set(points.map((p) => Math.floor(p / 100))).size).toBeGreaterThanOrEqual(8); // spread over the second
    expect(licences.map((l) => cache.refreshPointOf(l))).toEqual(points);
  });

  test('a head is re-read in the background once it reaches its licence’s point, never later than 3 s', async () => {
    // Prepare
    const source = new FakeRegister();
    const clock = new ManualClock('2026-10-01T10:00:00+08:00');
    const cache = new StatusCache(source, clock);
    const licence = LicenceNumber.parse('(鄂)XK06-001-00007');
    const point = cache.refreshPointOf(licence);
    await cache.head(licence);
    // Act: just before its point, then at it
    clock.advance({ ms: Math.ceil(point) - 1 });
    await cache.head(licence);
    const before = cache.stats().refreshes;
    clock.advance({ ms: 1 });
    await cache.head(licence);
    // Assess
    expect(before).toBe(0);
    expect(cache.stats().refreshes).toBe(1);
  });
});

describe('background re-reads, batched', () => {
  test('the re-reads due in one turn go out as one batch read, and each entry is replaced by what it read', async () => {
    // Prepare: 150 licences read at t0 (one read each), with no spread so all fall due together
    const source = new BatchingRegister();
    const clock = new ManualClock('2026-10-01T10:00:00+08:00');
    const cache = new StatusCache(source, clock, { refreshAfterMs: 3000 });
    const licences = Array.from({ length: 150 }, (_, i) =>
      LicenceNumber.of({ province: '鄂', categoryCode: '06', productCode: '001', serial: i + 1 }),
    );
    await Promise.all(licences.map((l) => cache.head(l)));
    const t0 = clock.now().getTime();

    // Act: served at 3 s in one turn (each starts its re-read), then the batch reads settle
    clock.advance({ ms: 3000 });
    await Promise.all(licences.map((l) => cache.head(l)));
    await cache.settled();
    clock.advance({ ms: 100 });
    const after = await Promise.all(licences.map((l) => cache.head(l)));

    // Assess: 150 re-reads in two batch reads (100 + 50), no single reads beyond the first 150; read at 3 s
    expect(source.batches).toEqual([100, 50]);
    expect(source.headReads).toBe(150);
    expect(cache.stats()).toMatchObject({ refreshes: 150, refreshBatches: 2, misses: 150 });
    expect(new Set(after.map((a) => a.readAt.getTime() - t0))).toEqual(new Set([3000]));
  });
});
