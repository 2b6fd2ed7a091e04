/**
 * The status-list slot backfill on the in-memory register: licences issued before the list get a slot each (distinct,
 * in range, claimed), licences with one keep theirs, a second run assigns nothing, a slot taken by the draw is
 * drawn again, and a licence that is not valid is announced to the status list in the same write.
 */
import { describe, expect, test } from 'vitest';
import { STATUS_LIST_SIZE } from '../../../lambdas/domain/status-list/status-list';
import { backfillStatusSlots } from '../../../lambdas/use-cases/backfill-status-slots';
import { changeCertificateStatus } from '../../../lambdas/use-cases/change-certificate-status';
import { FakeWorld, fakeStatusChangeDeps, issued, withoutStatusSlot } from '../../support/fakes';

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
    for (const { certificate } of certificates.slice(0, 2)) withoutStatusSlot(world, certificate.licenceNumber);

    // Act
    const deps = { repository: world.certificates, clock: world.clock, publisher: world.publisher };
    const first = await backfillStatusSlots(deps);
    const second = await backfillStatusSlots(deps);

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
    // All valid: nothing to tell the status list
    expect(world.publisher.sentKeys().filter((key) => key.startsWith('statusList#'))).toEqual([]);
  });

  test('a licence that is not valid is announced to the status list with its slot, once', async () => {
    // Prepare: a suspended licence and a valid one, both from before the list
    const world = new FakeWorld();
    const suspended = await issued(world, { seed: 5 });
    const valid = await issued(world, { seed: 6 });
    await changeCertificateStatus(fakeStatusChangeDeps(world), {
      licenceNo: suspended.certificate.licenceNumber,
      action: 'suspend',
      actor: { type: 'user', id: 'officer-1', role: 'officer' },
      publicReason: '监督抽查不合格',
      legalBasis: '《工业产品生产许可证管理条例》第四十五条',
    });
    for (const { certificate } of [suspended, valid]) withoutStatusSlot(world, certificate.licenceNumber);
    world.publisher.forget();
    const deps = { repository: world.certificates, clock: world.clock, publisher: world.publisher };

    // Act
    await backfillStatusSlots(deps);
    await backfillStatusSlots(deps);

    // Assess: one message, written with the slot and published, naming the suspended licence
    const id = `slot.${suspended.certificate.licenceNumber.toUrlSafe()}`;
    expect(world.publisher.sentKeys()).toEqual([`statusList#${id}`]);
    const stored = await world.outbox.get({ topic: 'statusList', id });
    expect(stored?.body).toEqual({ changeKey: id, licenceNo: suspended.certificate.licenceNumber.toString() });
    expect((await world.certificates.get(suspended.certificate.licenceNumber))?.certificate.statusListIndex).toEqual(
      expect.any(Number),
    );
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
    const report = await backfillStatusSlots({ repository, clock: world.clock });

    // Assess
    expect(report).toEqual({ assigned: 1, present: 0, missing: 0, pages: 1 });
    expect(tried).toHaveLength(2);
  });
});
