/**
 * The status-list slot backfill on the in-memory register: licences issued before the list get a slot each (distinct,
 * in range, claimed), licences with one keep theirs, a second run assigns nothing, and a slot taken by the draw is
 * drawn again.
 */
import { describe, expect, test } from 'vitest';
import { STATUS_LIST_SIZE } from '../../../lambdas/domain/status-list/status-list';
import { backfillStatusSlots } from '../../../lambdas/use-cases/backfill-status-slots';
import { FakeWorld, issued } from '../../support/fakes';

describe('backfillStatusSlots', () => {
  test('gives each older licence a free slot, once; a second run assigns nothing', async () => {
    // Prepare: three licences, two of them issued "before the list" (no slot)
    const world = new FakeWorld();
    const certificates = [
      await issued(world, { seed: 1 }),
      await issued(world, { seed: 2 }),
      await issued(world, { seed: 3 }),
    ];
    const kept = certificates[2]?.certificate.statusListIndex;
    for (const { certificate } of certificates.slice(0, 2)) {
      const key = certificate.licenceNumber.toUrlSafe();
      const head = world.table.heads.get(key);
      if (!head) throw new Error('no head');
      const { statusListIndex, ...older } = head.certificate;
      if (statusListIndex !== undefined) world.table.statusSlots.delete(statusListIndex);
      world.table.heads.set(key, { ...head, certificate: older });
    }

    // Act
    const first = await backfillStatusSlots({ repository: world.certificates });
    const second = await backfillStatusSlots({ repository: world.certificates });

    // Assess
    expect(first).toEqual({ assigned: 2, present: 1, missing: 0, pages: 1 });
    expect(second).toEqual({ assigned: 0, present: 3, missing: 0, pages: 1 });
    const slots = await Promise.all(
      certificates.map(
        async (c) => (await world.certificates.get(c.certificate.licenceNumber))?.certificate.statusListIndex,
      ),
    );
    expect(slots[2]).toBe(kept);
    expect(new Set(slots).size).toBe(3);
    expect(slots.every((s) => Number.isInteger(s) && (s as number) >= 0 && (s as number) < STATUS_LIST_SIZE)).toBe(
      true,
    );
    expect(world.table.statusSlots.size).toBe(3);
  });

  test('a slot another licence holds is drawn again', async () => {
    // Prepare: a register whose first answer is "taken"
    const world = new FakeWorld();
    await issued(world, { seed: 4 });
    const answers = ['taken', 'assigned'] as const;
    const tried: number[] = [];
    const repository = {
      listAll: world.certificates.listAll.bind(world.certificates),
      assignStatusSlot: async (_l: unknown, index: number) => {
        tried.push(index);
        return answers[tried.length - 1] ?? 'present';
      },
    };

    // Act
    const report = await backfillStatusSlots({ repository });

    // Assess
    expect(report).toEqual({ assigned: 1, present: 0, missing: 0, pages: 1 });
    expect(tried).toHaveLength(2);
  });
});
