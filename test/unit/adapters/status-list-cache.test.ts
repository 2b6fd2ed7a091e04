/**
 * CachedStatusListReader: the published list kept one second (one read however many ask), a failed read not kept, a
 * held slot kept for good, a free slot asked again (the next issuance may take it).
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { CachedStatusListReader, STATUS_LIST_CACHE_TTL_MS } from '../../../lambdas/adapters/status-list-cache';
import type { PublishedStatusList, StatusListReader } from '../../../lambdas/ports/status-list-store';

function world(options: { fail?: () => boolean } = {}) {
  const calls = { published: 0, isAllocated: 0 };
  const slots = new Set<number>([7]);
  let list: PublishedStatusList = { version: 1, jwt: 'a.b.c', iat: 100, exp: 200 };
  const source: StatusListReader = {
    published: async () => {
      calls.published++;
      if (options.fail?.()) throw new Error('down');
      return list;
    },
    isAllocated: async (index) => {
      calls.isAllocated++;
      return slots.has(index);
    },
  };
  const clock = new ManualClock(new Date('2026-12-06T02:00:00.000Z'));
  return {
    calls,
    slots,
    clock,
    cache: new CachedStatusListReader(source, clock),
    republish: (next: PublishedStatusList) => {
      list = next;
    },
  };
}

describe('CachedStatusListReader', () => {
  it('reads the list once for concurrent callers, and the newer list after a second', async () => {
    // Prepare
    const { calls, clock, cache, republish } = world();

    // Act
    await Promise.all([cache.published(), cache.published(), cache.published()]);
    republish({ version: 2, jwt: 'd.e.f', iat: 101, exp: 201 });
    clock.advance({ ms: STATUS_LIST_CACHE_TTL_MS - 1 });
    const stale = await cache.published();
    clock.advance({ ms: 1 });
    const fresh = await cache.published();

    // Assess
    expect(calls.published).toBe(2);
    expect(stale?.version).toBe(1);
    expect(fresh?.version).toBe(2);
  });

  it('does not keep a failed read', async () => {
    // Prepare
    let fail = true;
    const { cache } = world({ fail: () => fail });

    // Act
    const first = await cache.published().catch((e: unknown) => e);
    fail = false;
    const second = await cache.published();

    // Assess
    expect(first).toBeInstanceOf(Error);
    expect(second?.version).toBe(1);
  });

  it('keeps a held slot for good and asks again about a free one', async () => {
    // Prepare
    const { calls, slots, cache } = world();

    // Act
    const held = [await cache.isAllocated(7), await cache.isAllocated(7)];
    const free = await cache.isAllocated(8);
    slots.add(8); // an issuance takes it
    const taken = await cache.isAllocated(8);

    // Assess
    expect(held).toEqual([true, true]);
    expect([free, taken]).toEqual([false, true]);
    expect(calls.isAllocated).toBe(3);
  });
});
