/**
 * The orphan-PDF sweep with in-memory ports (no network): which keys it deletes (an unregistered digest, older than an
 * hour by the injected clock), which it never touches, paging through a large listing, logging every deletion,
 * stopping when told to, and a second run finding nothing to do.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import type { PdfDigestRegister } from '../../../lambdas/ports/pdf-digest-register';
import type { ListedObject, PdfSweepStore } from '../../../lambdas/ports/pdf-sweep-store';
import { logger } from '../../../lambdas/shared/logger';
import { digestOfKey, ORPHAN_MIN_AGE_MS, sweepOrphanPdfs } from '../../../lambdas/use-cases/sweep-orphan-pdfs';

const sha = (n: number): string => n.toString(16).padStart(64, '0');
const start = new Date('2026-11-27T02:00:00.000Z');

/** A bucket listing in key order, `pageSize` keys a page, counting list calls. */
class MemoryBucket implements PdfSweepStore {
  readonly objects = new Map<string, Date>();
  listCalls = 0;
  constructor(private readonly pageSize = 1000) {}
  put(key: string, at: Date): void {
    this.objects.set(key, at);
  }
  async listPage(prefix: string, cursor?: string) {
    this.listCalls++;
    const keys = [...this.objects.keys()].filter((k) => k.startsWith(prefix) && (!cursor || k > cursor)).sort();
    const page = keys.slice(0, this.pageSize);
    const items: ListedObject[] = page.map((key) => ({ key, lastModified: this.objects.get(key) as Date }));
    return { items, ...(keys.length > page.length ? { cursor: page.at(-1) as string } : {}) };
  }
  async delete(key: string) {
    this.objects.delete(key);
  }
}

const register = (registered: readonly string[]): PdfDigestRegister & { asked: number } => {
  const set = new Set(registered);
  const r = {
    asked: 0,
    async registered(sha256s: readonly string[]) {
      r.asked++;
      return new Set(sha256s.filter((s) => set.has(s)));
    },
  };
  return r;
};

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
    const bucket = new MemoryBucket();
    const clock = new ManualClock(new Date(start.getTime() + ORPHAN_MIN_AGE_MS + 1000));
    bucket.put(`certificates/L1/v1/${sha(1)}.pdf`, start); // committed
    bucket.put(`certificates/L2/v1/${sha(2)}.pdf`, start); // orphan, 1 h 1 s old
    bucket.put(`certificates/L3/v1/${sha(3)}.pdf`, new Date(start.getTime() + 2000)); // orphan, 59 min 59 s old
    bucket.put('certificates/README.txt', start); // not ours to judge
    const logged = vi.spyOn(logger, 'info').mockImplementation(() => {});

    // Act
    const result = await sweepOrphanPdfs({ store: bucket, register: register([sha(1)]), clock });

    // Assess
    expect(result).toEqual({
      listed: 4,
      deleted: [`certificates/L2/v1/${sha(2)}.pdf`],
      tooYoung: 1,
      unrecognised: 1,
      complete: true,
    });
    expect([...bucket.objects.keys()].sort()).toEqual(
      ['certificates/README.txt', `certificates/L1/v1/${sha(1)}.pdf`, `certificates/L3/v1/${sha(3)}.pdf`].sort(),
    );
    expect(logged).toHaveBeenCalledWith('orphan certificate PDF deleted', {
      key: `certificates/L2/v1/${sha(2)}.pdf`,
      lastModified: start.toISOString(),
    });
  });

  it('an orphan exactly an hour old is still kept', async () => {
    const bucket = new MemoryBucket();
    bucket.put(`certificates/L/v1/${sha(9)}.pdf`, start);
    const clock = new ManualClock(new Date(start.getTime() + ORPHAN_MIN_AGE_MS));
    const result = await sweepOrphanPdfs({ store: bucket, register: register([]), clock });
    expect(result).toMatchObject({ deleted: [], tooYoung: 1 });
  });

  it('pages through 2,500 keys, asks the register once per page, and a second run deletes nothing', async () => {
    // Prepare: every third key committed
    const bucket = new MemoryBucket(1000);
    const keys = Array.from({ length: 2500 }, (_, i) => `certificates/L${i}/v1/${sha(i)}.pdf`);
    for (const key of keys) bucket.put(key, start);
    const committed = keys.flatMap((_, i) => (i % 3 === 0 ? [sha(i)] : []));
    const reg = register(committed);
    const clock = new ManualClock(new Date(start.getTime() + 2 * ORPHAN_MIN_AGE_MS));
    vi.spyOn(logger, 'info').mockImplementation(() => {});

    // Act
    const first = await sweepOrphanPdfs({ store: bucket, register: reg, clock });
    const second = await sweepOrphanPdfs({ store: bucket, register: reg, clock });

    // Assess
    expect(first.listed).toBe(2500);
    expect(first.deleted).toHaveLength(2500 - committed.length);
    expect(reg.asked).toBe(3 + 1);
    expect(bucket.objects.size).toBe(committed.length);
    expect(second).toEqual({ listed: committed.length, deleted: [], tooYoung: 0, unrecognised: 0, complete: true });
  });

  it('stops paging when told to and says it did not finish', async () => {
    // Prepare
    const bucket = new MemoryBucket(10);
    for (let i = 0; i < 30; i++) bucket.put(`certificates/L${i}/v1/${sha(i)}.pdf`, start);
    let pages = 0;
    vi.spyOn(logger, 'info').mockImplementation(() => {});

    // Act
    const result = await sweepOrphanPdfs(
      {
        store: bucket,
        register: register([]),
        clock: new ManualClock(new Date(start.getTime() + 2 * ORPHAN_MIN_AGE_MS)),
      },
      { shouldStop: () => pages++ >= 2 },
    );

    // Assess
    expect(result).toMatchObject({ listed: 20, complete: false });
    expect(result.deleted).toHaveLength(20);
    expect(bucket.listCalls).toBe(2);
  });
});
