/**
 * The inspection repository's spot-check access — `create` only once (a retried draw changes nothing), a plan's checks
 * in draw order, pending publications by due date with `dueBefore` exclusive and gone once published — the same
 * assertions against the in-memory fake and the DynamoDB adapter on DynamoDB Local.
 */

import { describe, expect, test } from 'vitest';
import { DynamoInspectionRepository } from '../../../lambdas/adapters/dynamo/inspection-repository';
import { Inspection, type InspectionSnapshot } from '../../../lambdas/domain/inspection';
import { WorkingCalendar } from '../../../lambdas/domain/working-days';
import type { InspectionRepository } from '../../../lambdas/ports/inspection-repository';
import { FakeInspectionRepository, FakeTable } from '../../support/fakes';
import { spotCheckOf } from './records';
import { emulatorStore } from './subjects';

const subjects: [string, () => Promise<InspectionRepository>][] = [
  ['in-memory fake', async () => new FakeInspectionRepository(new FakeTable())],
  [
    'DynamoDB adapter',
    async () => {
      const { dynamo, names } = await emulatorStore();
      return new DynamoInspectionRepository(dynamo, names.tableName);
    },
  ],
];

const reviewer = { id: 'reviewer-1', role: 'reviewer' };
const officer = { id: 'officer-1', role: 'officer' };
const calendar = WorkingCalendar.fromLibrary();

/** Every item of a list, following its positions. */
async function all<T>(read: (cursor?: string) => Promise<{ items: readonly T[]; cursor?: string }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
}

/** A spot check with a recorded pass checked on `checkedOn` (recorded that day). */
const passedOn = (s: InspectionSnapshot, checkedOn: string): InspectionSnapshot =>
  Inspection.rehydrate(s)
    .record({ outcome: 'pass', checkedOn }, { actor: reviewer, at: new Date(`${checkedOn}T08:00:00+08:00`), calendar })
    .toSnapshot();

describe.each(subjects)('InspectionRepository spot checks: %s', (_name, subject) => {
  test('create writes once: the same id again is "exists" and changes nothing', async () => {
    // Prepare
    const inspections = await subject();
    const check = spotCheckOf('PLAN-20261205-AAAAAAAAAA', 1);

    // Act
    const first = await inspections.create(check);
    const again = await inspections.create({ ...check, enterpriseName: '另一个名称' });

    // Assess
    expect([first, again]).toEqual(['created', 'exists']);
    expect(await inspections.get(check.id)).toEqual(check);
  });

  test('createAll creates the absent ones and leaves existing ones as they are (a retried draw), 250 at once', async () => {
    // Prepare: one of them exists already, with another name
    const inspections = await subject();
    const plan = 'PLAN-20261205-GGGGGGGGGG';
    const checks = Array.from({ length: 250 }, (_, i) => spotCheckOf(plan, i + 1));
    const existing = { ...checks[120], enterpriseName: '先前写入' } as InspectionSnapshot;
    await inspections.create(existing);

    // Act
    await inspections.createAll(checks);
    await inspections.createAll(checks);

    // Assess
    const listed = await all((cursor) => inspections.listByPlan(plan, { limit: 100, ...(cursor ? { cursor } : {}) }));
    expect(listed).toHaveLength(250);
    expect(listed[120]).toEqual(existing);
    expect(listed[0]).toEqual(checks[0]);
  });

  test('listByPlan: that plan’s checks in draw order, page by page', async () => {
    // Prepare
    const inspections = await subject();
    const plan = 'PLAN-20261205-BBBBBBBBBB';
    const checks = [3, 1, 12, 2].map((position) => spotCheckOf(plan, position));
    for (const check of [...checks, spotCheckOf('PLAN-20261205-CCCCCCCCCC', 1)]) await inspections.create(check);

    // Act
    const listed = await all((cursor) => inspections.listByPlan(plan, { limit: 2, ...(cursor ? { cursor } : {}) }));

    // Assess
    expect(listed.map((i) => i.id.slice(-5))).toEqual(['00001', '00002', '00003', '00012']);
    expect(listed.every((i) => i.plan?.id === plan)).toBe(true);
  });

  test('listPublications: pending by due date, dueBefore exclusive; a published one leaves the list', async () => {
    // Prepare
    const inspections = await subject();
    const plan = 'PLAN-20261205-DDDDDDDDDD';
    const [a, b, c, unrecorded] = [1, 2, 3, 4].map((position) => spotCheckOf(plan, position)) as [
      InspectionSnapshot,
      InspectionSnapshot,
      InspectionSnapshot,
      InspectionSnapshot,
    ];
    for (const check of [a, b, c, unrecorded]) await inspections.create(check);
    const later = passedOn(a, '2026-12-15');
    const sooner = passedOn(b, '2026-12-11');
    const published = Inspection.rehydrate(passedOn(c, '2026-12-10'))
      .publish({ actor: officer, at: new Date('2026-12-12T02:00:00Z') })
      .toSnapshot();
    await inspections.save(later, a.revision);
    await inspections.save(sooner, b.revision);
    await inspections.save(published, c.revision);

    // Act
    const pending = await all((cursor) =>
      inspections.listPublications({}, { limit: 1, ...(cursor ? { cursor } : {}) }),
    );
    const dueBeforeSooner = await inspections.listPublications({ dueBefore: sooner.publication?.dueBy }, {});
    const dueBeforeLater = await inspections.listPublications({ dueBefore: later.publication?.dueBy }, {});

    // Assess
    expect(pending.map((i) => i.id)).toEqual([sooner.id, later.id]);
    expect(pending[0]?.publication).toEqual(sooner.publication);
    expect(sooner.publication?.dueBy).toEqual(expect.any(String));
    expect(dueBeforeSooner.items).toEqual([]);
    expect(dueBeforeLater.items.map((i) => i.id)).toEqual([sooner.id]);
  });

  test('listPublications refuses a position from another list', async () => {
    // Prepare
    const inspections = await subject();
    const plan = 'PLAN-20261205-EEEEEEEEEE';
    for (const position of [1, 2]) await inspections.create(spotCheckOf(plan, position));
    const { cursor } = await inspections.listByPlan(plan, { limit: 1 });

    // Act
    const refused = await inspections.listPublications({}, { ...(cursor ? { cursor } : {}) }).catch((e: unknown) => e);

    // Assess
    expect(cursor).toBeDefined();
    expect(refused).toMatchObject({ code: 'INVALID_CURSOR' });
  });
});
