/**
 * The name-index backfill on the in-memory register: certificates without an entry get one, those with one are left,
 * a second run adds nothing, and every page of the walk is reported (to resume from).
 */
import { describe, expect, test } from 'vitest';
import { backfillNameIndex } from '../../../lambdas/use-cases/backfill-name-index';
import { FakeWorld, issued } from '../../support/fakes';

describe('backfillNameIndex', () => {
  test('indexes what is missing, once; a second run adds nothing', async () => {
    // Prepare: three certificates, two of them issued "before the index" (their entries removed)
    const world = new FakeWorld();
    const certificates = [
      await issued(world, { seed: 1 }),
      await issued(world, { seed: 2 }),
      await issued(world, { seed: 3 }),
    ];
    for (const c of certificates.slice(0, 2)) world.table.names.delete(c.certificate.licenceNumber.toUrlSafe());
    const pages: (string | undefined)[] = [];

    // Act
    const first = await backfillNameIndex(
      { repository: world.certificates },
      { onPage: (cursor) => pages.push(cursor) },
    );
    const second = await backfillNameIndex({ repository: world.certificates });

    // Assess
    expect(first).toEqual({ added: 2, present: 1, missing: 0, pages: 1 });
    expect(second).toEqual({ added: 0, present: 3, missing: 0, pages: 1 });
    expect(pages).toEqual([undefined]);
    const found = await world.certificates.findByNamePrefix('武汉', {});
    expect(found.items).toHaveLength(3);
  });
});
