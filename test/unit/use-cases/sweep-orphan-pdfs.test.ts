/**
 * The orphan-PDF sweep on the in-memory ports (no network): which keys it deletes (an unregistered digest, older than
 * an hour by the injected clock), which it never touches (what an issuance committed, other shapes, other prefixes),
 * paging through a large listing, logging every deletion, stopping when told to, and a second run finding nothing.
 */

import { afterEach, describe, expect, it, vi } from 'vitest';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import { logger } from '../../../lambdas/shared/logger';
import { digestOfKey, ORPHAN_MIN_AGE_MS, sweepOrphanPdfs } from '../../../lambdas/use-cases/sweep-orphan-pdfs';
import { FakePdfSweepStore, FakeWorld, fakeSweepDeps, issued } from '../../support/fakes';

const sha = (n: number): string => n.toString(16).padStart(64, '0');
const start = new Date('2026-11-27T02:00:00.000Z');

/**
 * A certificates bucket whose objects were written at `start`, listed `pageSize` keys a page, and a register holding
 * the `registered` digests (as committed issuances leave them), on a clock `after` ms past `start`.
 */
function sweepWorld(options: { pageSize?: number; registered?: readonly string[]; after: number }) {
  const world = new FakeWorld({ at: start });
  const store = new FakePdfSweepStore(world.certificatesBucket, options.pageSize);
  for (const digest of options.registered ?? [])
    world.table.pdfDigests.set(digest, { licenceNo: LicenceNumber.parse('(鄂)XK06-001-00001'), version: 1 });
  const put = (key: string, at = start) =>
    world.certificatesBucket.put(key, new Uint8Array([1]), 'application/pdf', at);
  const deps = () => {
    world.clock.set(new Date(start.getTime() + options.after));
    return fakeSweepDeps(world, { store });
  };
  return { world, store, put, deps, keys: () => [...world.certificatesBucket.objects.keys()] };
}

afterEach(() => vi.restoreAllMocks());

describe('digestOfKey', () => {
  it('reads the digest of a version PDF and of a reprint; nothing else', () => {
    expect(digestOfKey(`certificates/42-XK06-001-00001/v1/${sha(1)}.pdf`)).toBe(sha(1));
    expect(digestOfKey(`certificates/42-XK06-001-00001/v2/print-20260000007-${sha(2)}.pdf`)).toBe(sha(2));
    expect(digestOfKey('certificates/README.txt')).toBeUndefined();
    expect(digestOfKey(`certificates/x/${sha(3)}.pdf.tmp`)).toBeUndefined();
    expect(digestOfKey(`applications/APP-1/${sha(4)}.pdf`)).toBeUndefined();
  });
});

describe('sweepOrphanPdfs', () => {
  it('deletes only unregistered PDFs older than an hour, and logs each one', async () => {
    // Prepare
    const w = sweepWorld({ registered: [sha(1)], after: ORPHAN_MIN_AGE_MS + 1000 });
    w.put(`certificates/L1/v1/${sha(1)}.pdf`); // committed
    w.put(`certificates/L2/v1/${sha(2)}.pdf`); // orphan, 1 h 1 s old
    w.put(`certificates/L3/v1/${sha(3)}.pdf`, new Date(start.getTime() + 2000)); // orphan, 59 min 59 s old
    w.put('certificates/README.txt'); // not ours to judge
    w.put(`applications/APP-1/${sha(4)}.pdf`); // outside the prefix
    const logged = vi.spyOn(logger, 'info').mockImplementation(() => {});

    // Act
    const result = await sweepOrphanPdfs(w.deps());

    // Assess
    expect(result).toEqual({
      listed: 4,
      deleted: [`certificates/L2/v1/${sha(2)}.pdf`],
      tooYoung: 1,
      unrecognised: 1,
      complete: true,
    });
    expect(w.keys().sort()).toEqual(
      [
        `applications/APP-1/${sha(4)}.pdf`,
        'certificates/README.txt',
        `certificates/L1/v1/${sha(1)}.pdf`,
        `certificates/L3/v1/${sha(3)}.pdf`,
      ].sort(),
    );
    expect(logged).toHaveBeenCalledWith('orphan certificate PDF deleted', {
      key: `certificates/L2/v1/${sha(2)}.pdf`,
      lastModified: start.toISOString(),
    });
  });

  it('an orphan exactly an hour old is still kept', async () => {
    const w = sweepWorld({ after: ORPHAN_MIN_AGE_MS });
    w.put(`certificates/L/v1/${sha(9)}.pdf`);
    const result = await sweepOrphanPdfs(w.deps());
    expect(result).toMatchObject({ deleted: [], tooYoung: 1 });
  });

  it('keeps the PDF a committed issuance registered', async () => {
    // Prepare: an issuance through the use case, then a day later
    const w = sweepWorld({ after: 24 * 60 * ORPHAN_MIN_AGE_MS });
    const { version } = await issued(w.world);
    w.put(`certificates/L9/v1/${sha(10)}.pdf`);

    // Act
    const result = await sweepOrphanPdfs(w.deps());

    // Assess
    expect(result.deleted).toEqual([`certificates/L9/v1/${sha(10)}.pdf`]);
    expect(w.keys()).toEqual([version.pdf.key]);
  });

  it('pages through 2,500 keys, asks the register once per page, and a second run deletes nothing', async () => {
    // Prepare: every third key committed
    const keys = Array.from({ length: 2500 }, (_, i) => `certificates/L${i}/v1/${sha(i)}.pdf`);
    const committed = keys.flatMap((_, i) => (i % 3 === 0 ? [sha(i)] : []));
    const w = sweepWorld({ pageSize: 1000, registered: committed, after: 2 * ORPHAN_MIN_AGE_MS });
    for (const key of keys) w.put(key);
    vi.spyOn(logger, 'info').mockImplementation(() => {});

    // Act
    const first = await sweepOrphanPdfs(w.deps());
    const second = await sweepOrphanPdfs(w.deps());

    // Assess
    expect(first.listed).toBe(2500);
    expect(first.deleted).toHaveLength(2500 - committed.length);
    expect(w.world.pdfDigests.asked).toBe(3 + 1);
    expect(w.keys()).toHaveLength(committed.length);
    expect(second).toEqual({ listed: committed.length, deleted: [], tooYoung: 0, unrecognised: 0, complete: true });
  });

  it('stops paging when told to and says it did not finish', async () => {
    // Prepare
    const w = sweepWorld({ pageSize: 10, after: 2 * ORPHAN_MIN_AGE_MS });
    for (let i = 0; i < 30; i++) w.put(`certificates/L${i}/v1/${sha(i)}.pdf`);
    let pages = 0;
    vi.spyOn(logger, 'info').mockImplementation(() => {});

    // Act
    const result = await sweepOrphanPdfs(w.deps(), { shouldStop: () => pages++ >= 2 });

    // Assess
    expect(result).toMatchObject({ listed: 20, complete: false });
    expect(result.deleted).toHaveLength(20);
    expect(w.store.listCalls).toBe(2);
  });
});
