/**
 * CachedLogReader: the head kept two seconds (one read however many ask), a location kept once found, "not found"
 * kept one second, tiles kept by path (a tile at a width never changes), a failed head read not kept.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { CachedLogReader, LOG_HEAD_TTL_MS, LOG_MISS_TTL_MS } from '../../../lambdas/adapters/log-reader-cache';
import type { IssuanceEntry } from '../../../lambdas/domain/transparency/entries';
import { memoryLog } from '../../support/memory-log';

const entry = (n: number): IssuanceEntry => ({
  type: 'issuance',
  licenceNumber: `(鄂)XK13-001-${String(n).padStart(5, '0')}`,
  version: 1,
  qrRecordSha256: 'a'.repeat(64),
  pdfSha256: 'b'.repeat(64),
  kid: 'kid',
  time: '2026-12-05T01:00:00.000Z',
});

async function world() {
  const log = await memoryLog(Array.from({ length: 20 }, (_, i) => entry(i + 1)));
  const source = log.reader();
  const clock = new ManualClock(new Date('2026-12-05T02:00:00.000Z'));
  return { source, clock, cache: new CachedLogReader(source, clock) };
}

describe('CachedLogReader', () => {
  it('reads the head once for concurrent callers and again after its lifetime', async () => {
    // Prepare
    const { source, clock, cache } = await world();

    // Act
    await Promise.all([cache.head(), cache.head(), cache.head()]);
    clock.advance({ ms: LOG_HEAD_TTL_MS - 1 });
    await cache.head();
    clock.advance({ ms: 1 });
    await cache.head();

    // Assess
    expect(source.calls.head).toBe(2);
  });

  it('does not keep a failed head read', async () => {
    // Prepare
    const { source, clock } = await world();
    let fail = true;
    const cache = new CachedLogReader(
      { ...source, head: () => (fail ? Promise.reject(new Error('down')) : source.head()) },
      clock,
    );

    // Act
    const first = await cache.head().catch((e: unknown) => e);
    fail = false;
    const second = await cache.head();

    // Assess
    expect(first).toBeInstanceOf(Error);
    expect(second.checkpoint?.treeSize).toBe(20);
  });

  it('keeps a found location for good and a miss for a second', async () => {
    // Prepare
    const { source, clock, cache } = await world();

    // Act
    await cache.locate('key-3');
    await cache.locate('key-3');
    await cache.locate('nope');
    await cache.locate('nope');
    clock.advance({ ms: LOG_MISS_TTL_MS });
    await cache.locate('nope');

    // Assess
    expect(source.calls.locate).toBe(3);
    expect(await cache.locate('key-3')).toMatchObject({ index: 3 });
  });

  it('keeps tiles by path, asking the source only for those it lacks', async () => {
    // Prepare
    const { source, cache } = await world();
    const tile = { level: 0, index: 0, width: 20 };

    // Act
    const first = await cache.tiles([tile]);
    const second = await cache.tiles([tile, { level: 0, index: 0, width: 10 }]);
    const third = await cache.tiles([tile, { level: 0, index: 0, width: 10 }]);

    // Assess
    expect(first.get('tile/0/000.p/20')).toHaveLength(640);
    expect(second.size).toBe(1); // the memory log has no tile of width 10
    expect(third.get('tile/0/000.p/20')).toEqual(first.get('tile/0/000.p/20'));
    expect(source.calls.tiles).toBe(3);
  });
});
