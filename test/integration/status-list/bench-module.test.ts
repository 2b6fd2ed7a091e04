/**
 * `npm run bench -- status-list` on one run, and its freshness part on two changes through the runtime (the unit tree
 * mirrors lambdas/, lib/, bin/ and test/ only, so the bench module's test lives here): the rows it prints with their
 * targets, and the statuses it measures on. No timing is asserted.
 */
import { describe, expect, it } from 'vitest';
import { runStatusListBench, runStatusListFreshnessBench, statusListBenchFixture } from '../../../bench/status-list';
import { STATUS_LIST_SIZE } from '../../../lambdas/domain/status-list/status-list';

describe('the status list bench', () => {
  it('prints the rebuild and its sizes with the targets, the gzip’d JSON baseline and the ratios', async () => {
    // Act
    const rows = await runStatusListBench({ runs: 1, warmUp: 0 });

    // Assess
    expect(rows.map((r) => [r.metric.split(',')[0]?.split(' (')[0], r.unit, r.target])).toEqual([
      ['rebuild + sign', 'ms', '≤ 50 ms'],
      ['signed list', 'bytes', '≤ 40000 bytes'],
      ['lst', 'bytes', undefined],
      ['baseline: JSON {index: status} of every licence', 'ms', undefined],
      ['baseline size', 'bytes', undefined],
      ['size: baseline ÷ signed list', undefined, undefined],
      ['time: rebuild + sign ÷ baseline', undefined, undefined],
      ['verify with the key set + read one index', 'ms', undefined],
      ["the publisher's patch: decode the published list + write one entry + sign", 'ms', undefined],
    ]);
    expect(rows[0]?.metric).toContain('131,072 entries, 2,621 not valid');
    expect(rows[1]?.pass).toBe(true);
  });

  it('times status changes through the runtime until the downloaded list says them, against the 5 s promise', async () => {
    // Act
    const rows = await runStatusListFreshnessBench({ changes: 2 });

    // Assess
    expect(rows.map((r) => [r.metric.split(' (')[0], r.unit, r.target])).toEqual([
      ["freshness: status change → downloaded list says it, npm start's runtime", 'ms', '≤ 5000 ms'],
      ['freshness: the slowest change', 'ms', '≤ 5000 ms'],
      ['freshness: median ÷ the 5 s promise', undefined, undefined],
    ]);
    expect(rows[0]?.metric).toContain('median of 2');
  });

  it('measures every licence: 2 % suspended, revoked or cancelled at distinct indices, the same on every run', () => {
    // Act
    const fixture = statusListBenchFixture({ size: STATUS_LIST_SIZE, nonValidShare: 0.02, seed: 16 });
    const again = statusListBenchFixture({ size: STATUS_LIST_SIZE, nonValidShare: 0.02, seed: 16 });

    // Assess
    expect(fixture.entries).toHaveLength(STATUS_LIST_SIZE);
    expect(fixture.entries.every((e, i) => e.index === i)).toBe(true);
    const counts = [0, 1, 2, 3].map((s) => fixture.entries.filter((e) => e.status === s).length);
    expect(counts[0]).toBe(STATUS_LIST_SIZE - fixture.nonValid);
    expect(fixture.nonValid).toBe(2621);
    for (const n of counts.slice(1)) expect(n).toBeGreaterThan(700);
    expect(again.entries).toEqual(fixture.entries);
  });
});
