/**
 * The staff worklist on the in-memory fakes: received applications only, by deadline (soonest first, those without a
 * running deadline after them by date received) or by date received (earliest first); working days left counted on
 * the injected clock's day with the working calendar (a weekend does not count; the due day itself is 0 left, the
 * day after is overdue); overdue only lists by deadline whatever the order asked; pages follow their positions. And
 * the backfill: entries for applications stored before the worklist, written once, then a marker.
 */
import { describe, expect, test } from 'vitest';
import { backfillWorklist, worklist } from '../../../../lambdas/use-cases/applications/worklist';
import { FakeWorld, fakeApplicationDeps, filed, reviewed, submitted } from '../../../support/fakes';

describe('worklist', () => {
  test('by deadline with working days left; received order; drafts never; overdue by deadline', async () => {
    // Prepare: the world's clock starts Friday 2026-11-27, 10:00 in Beijing
    const world = new FakeWorld();
    const early = await submitted(world, { seed: 1 });
    world.clock.advance({ minutes: 1 });
    const late = await submitted(world, { seed: 2 });
    world.clock.advance({ minutes: 1 });
    const waiting = await submitted(world, { seed: 3 });
    await filed(world, { seed: 4 }); // a draft: not received
    await reviewed(world, late.id, ['accept']); // accepted a minute later than `early`…
    await reviewed(world, early.id, ['accept']); // …both due on the 9th working day after Friday 27 Nov
    const deps = fakeApplicationDeps(world);

    // Act
    const today = await worklist(deps, {});
    const received = await worklist(deps, { sort: 'received' });
    world.clock.advance({ days: 13 }); // Thursday 10 December: due that day
    const dueDay = await worklist(deps, {});
    world.clock.advance({ days: 1 }); // Friday 11 December: overdue
    const overdue = await worklist(deps, { overdue: true, sort: 'received' });
    const paged = await worklist(deps, { limit: 1 });
    const second = await worklist(deps, { limit: 1, ...(paged.cursor ? { cursor: paged.cursor } : {}) });

    // Assess
    expect(today.items.map((r) => r.application.id)).toEqual([early.id, late.id, waiting.id]);
    expect(today.items[0]?.application.deadline?.dueOn).toBe('2026-12-10');
    expect(today.items[0]?.workingDaysLeft).toEqual({ count: 9, provisional: false, overdue: false });
    expect(today.items[2]?.workingDaysLeft).toBeUndefined();
    expect(received.items.map((r) => r.application.id)).toEqual([early.id, late.id, waiting.id]);
    expect(dueDay.items[0]?.workingDaysLeft).toEqual({ count: 0, provisional: false, overdue: false });
    expect(overdue.items.map((r) => r.application.id)).toEqual([early.id, late.id]);
    expect(overdue.items.every((r) => r.workingDaysLeft?.overdue)).toBe(true);
    expect(paged.items.map((r) => r.application.id)).toEqual([early.id]);
    expect(second.items.map((r) => r.application.id)).toEqual([late.id]);
  });

  test('an issued application leaves the deadline order for the end and is never overdue', async () => {
    // Prepare
    const world = new FakeWorld();
    const issued = await submitted(world, { seed: 5 });
    await reviewed(world, issued.id, ['accept', 'pass-formal-review']);
    const open = await submitted(world, { seed: 6 });
    await reviewed(world, open.id, ['accept']);
    world.clock.advance({ days: 30 });

    // Act
    const list = await worklist(fakeApplicationDeps(world), {});
    const overdue = await worklist(fakeApplicationDeps(world), { overdue: true });

    // Assess
    expect(list.items.map((r) => [r.application.id, r.application.state])).toEqual([
      [open.id, 'accepted'],
      [issued.id, 'issued'],
    ]);
    expect(list.items[1]?.workingDaysLeft).toBeUndefined();
    expect(overdue.items.map((r) => r.application.id)).toEqual([open.id]);
  });
});

describe('backfillWorklist', () => {
  test('applications stored before the worklist get their entries once; then the marker makes it a no-op', async () => {
    // Prepare: two received applications and a draft whose entries the store has never had
    const world = new FakeWorld();
    const a = await submitted(world, { seed: 7 });
    const b = await submitted(world, { seed: 8 });
    await filed(world, { seed: 9 });
    world.table.worklist.clear();
    const deps = fakeApplicationDeps(world);
    const before = await worklist(deps, {});

    // Act
    const first = await backfillWorklist(deps);
    const after = await worklist(deps, {});
    const again = await backfillWorklist(deps);

    // Assess
    expect(before.items).toEqual([]);
    expect(first).toBe(2);
    expect(after.items.map((r) => r.application.id).sort()).toEqual([a.id, b.id].sort());
    expect(again).toBe(0);
    expect(world.table.migrations.has('worklist')).toBe(true);
  });
});
