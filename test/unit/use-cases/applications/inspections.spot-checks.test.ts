/**
 * Spot checks through the inspection use cases on the in-memory fakes: a failed check suspends (default) or revokes
 * the licence as the system, citing the plan and the check; a repeated `fail` completes an interrupted suspension once,
 * with the recorded action; a post-issuance review refuses `suspend` and `checkedOn` (400) and changes nothing; the
 * overdue job never suspends a spot check; the publication falls due on the stored calendar; publish once, then the
 * lists leave it out.
 */

import { describe, expect, test } from 'vitest';
import type { LocalDate } from '../../../../lambdas/domain/dates';
import { Inspection, type InspectionSnapshot } from '../../../../lambdas/domain/inspection';
import { markOverdueInspections, recordInspectionResult } from '../../../../lambdas/use-cases/applications/inspections';
import {
  listPublications,
  publishSpotCheckResult,
} from '../../../../lambdas/use-cases/applications/spot-check-publications';
import {
  FakeWorld,
  fakeInspectionDeps,
  fakeStatusChangeDeps,
  newLicence,
  reviewed,
  submitted,
  withFaults,
} from '../../../support/fakes';

const reviewer = { id: 'reviewer-5', role: 'reviewer' };
const officer = { id: 'officer-1', role: 'officer' };
const PLAN = { id: 'PLAN-20261102-K3M9Q2ZT7A', name: '电线电缆抽查' };

/** A licence issued through an application today, its review, and a spot check of it drawn in the plan. */
async function drawn(
  world: FakeWorld,
  seed: number,
  dueOn = '2026-11-30',
): Promise<{ review: InspectionSnapshot; check: InspectionSnapshot }> {
  const app = await submitted(world, { seed, request: newLicence(seed, ['06-001']) });
  await reviewed(world, app.id, ['accept', 'pass-formal-review']);
  const review = await world.inspections.get(`INSP-${app.id}`);
  if (!review) throw new Error('no review scheduled');
  const check = Inspection.scheduleSpotCheck({
    id: `INSP-${PLAN.id}-${String(seed).padStart(5, '0')}`,
    plan: PLAN,
    licenceNo: review.licenceNo,
    uscc: review.uscc,
    enterpriseName: review.enterpriseName,
    team: ['INS-7K2M9QXA', 'INS-Q4W8E2RT'],
    scheduledOn: '2026-11-02' as LocalDate,
    dueOn: dueOn as LocalDate,
    at: world.clock.now(),
  }).toSnapshot();
  expect(await world.inspections.create(check)).toBe('created');
  return { review, check };
}

const statusOf = async (world: FakeWorld, inspection: InspectionSnapshot) =>
  (await world.certificates.get(inspection.licenceNo))?.certificate.status;

describe('recordInspectionResult on a spot check', () => {
  test('a fail suspends the licence as the system, citing the plan and the check', async () => {
    // Prepare
    const world = new FakeWorld({ at: '2026-11-02T10:00:00+08:00' });
    const { check } = await drawn(world, 1);
    world.clock.set('2026-11-05T10:00:00+08:00');

    // Act
    const failed = await recordInspectionResult(fakeInspectionDeps(world), {
      inspectionId: check.id,
      result: { outcome: 'fail', findings: '导体电阻不合格', inspectors: ['INS-7K2M9QXA'], checkedOn: '2026-11-04' },
      actor: reviewer,
    });

    // Assess
    expect(failed.state).toBe('failed');
    expect(await statusOf(world, check)).toBe('suspended');
    const [event] = (await world.certificates.listAudit(check.licenceNo, { limit: 1 })).items;
    expect(event).toMatchObject({
      action: 'certificate.suspend',
      actor: { type: 'system', id: 'supervision-spot-check' },
      details: {
        publicReason: '双随机抽查不合格 / Random spot check failed: 导体电阻不合格',
        legalBasis: `双随机抽查 ${PLAN.id} / 检查 ${check.id} 不合格`,
      },
    });
  });

  test('a repeated fail completes an interrupted action with the recorded action (revoke), once', async () => {
    // Prepare: the register is unreachable when the revocation is written
    const world = new FakeWorld({ at: '2026-11-02T10:00:00+08:00' });
    const { check } = await drawn(world, 2);
    const register = withFaults(world.certificates);
    register.faults.set('error', 'commitStatusChange');
    const result = {
      outcome: 'fail',
      findings: '不合格',
      inspectors: ['INS-7K2M9QXA'],
      action: 'revoke',
      checkedOn: '2026-11-02',
    } as const;
    await recordInspectionResult(
      fakeInspectionDeps(world, { statusChange: fakeStatusChangeDeps(world, { repository: register }) }),
      { inspectionId: check.id, result, actor: reviewer },
    ).catch(() => undefined);
    const statusAfterCrash = await statusOf(world, check);

    // Act: the retry names no action; the recorded one counts
    const retry = { outcome: 'fail', findings: '重试', inspectors: ['INS-7K2M9QXA'], checkedOn: '2026-11-02' } as const;
    await recordInspectionResult(fakeInspectionDeps(world), { inspectionId: check.id, result: retry, actor: reviewer });
    await recordInspectionResult(fakeInspectionDeps(world), { inspectionId: check.id, result: retry, actor: reviewer });

    // Assess
    expect(statusAfterCrash).toBe('valid');
    expect(await statusOf(world, check)).toBe('revoked');
    const revocations = (await world.certificates.listAudit(check.licenceNo, {})).items.filter(
      (e) => e.action === 'certificate.revoke',
    );
    expect(revocations).toHaveLength(1);
  });

  test('the publication falls due on the stored calendar (a loaded schedule counts)', async () => {
    // Prepare: 2026-11-09 and 11-10 made days off by a loaded schedule
    const world = new FakeWorld({ at: '2026-11-02T10:00:00+08:00' });
    const { check } = await drawn(world, 3);
    await world.calendars.put({
      year: 2026,
      schedule: { holidays: ['2026-11-09', '2026-11-10'], workdays: [] },
      loadedBy: 'admin-1',
      loadedAt: '2026-11-01T00:00:00.000Z',
    });

    // Act
    const passed = await recordInspectionResult(fakeInspectionDeps(world), {
      inspectionId: check.id,
      result: { outcome: 'pass', checkedOn: '2026-11-02' },
      actor: reviewer,
    });

    // Assess: 11-03…06 (4), 11-11…13 (7), 11-16…20 (12), 11-23…27 (17), 11-30…12-02 (20)
    expect(passed.publication).toEqual({ dueBy: '2026-12-02' });
  });
});

describe('recordInspectionResult on a post-issuance review', () => {
  test('refuses a suspend action and the day of the check (400), changing nothing', async () => {
    // Prepare
    const world = new FakeWorld({ at: '2026-11-02T10:00:00+08:00' });
    const { review } = await drawn(world, 4);
    const deps = fakeInspectionDeps(world);

    // Act
    const suspend = await recordInspectionResult(deps, {
      inspectionId: review.id,
      result: { outcome: 'fail', findings: 'x', inspectors: ['张三'], action: 'suspend' },
      actor: reviewer,
    }).catch((e: unknown) => e);
    const withDay = await recordInspectionResult(deps, {
      inspectionId: review.id,
      result: { outcome: 'pass', checkedOn: '2026-11-02' },
      actor: reviewer,
    }).catch((e: unknown) => e);

    // Assess
    expect(suspend).toMatchObject({ code: 'INSPECTION_RESULT_INVALID' });
    expect(withDay).toMatchObject({ code: 'INSPECTION_RESULT_INVALID' });
    expect(await world.inspections.get(review.id)).toEqual(review);
    expect(await statusOf(world, review)).toBe('valid');
  });
});

describe('markOverdueInspections', () => {
  test('marks a late spot check overdue but never suspends its licence, even where configured', async () => {
    // Prepare: the spot check is due 2026-11-10, its licence's review 2026-12-02
    const world = new FakeWorld({ at: '2026-11-02T10:00:00+08:00' });
    const { check } = await drawn(world, 5, '2026-11-10');
    world.clock.set('2026-11-12T10:00:00+08:00');

    // Act
    const job = await markOverdueInspections(fakeInspectionDeps(world), { suspendLicence: true });

    // Assess
    expect(job).toEqual({ marked: [check.id], suspended: [] });
    expect((await world.inspections.get(check.id))?.state).toBe('overdue');
    expect(await statusOf(world, check)).toBe('valid');
  });
});

describe('publishSpotCheckResult and listPublications', () => {
  test('pending until published (overdue after its due date by the clock); published once, then off the lists', async () => {
    // Prepare
    const world = new FakeWorld({ at: '2026-11-02T10:00:00+08:00' });
    const { check, review } = await drawn(world, 6);
    const deps = fakeInspectionDeps(world);
    const recorded = await recordInspectionResult(deps, {
      inspectionId: check.id,
      result: { outcome: 'pass', checkedOn: '2026-11-02' },
      actor: reviewer,
    });
    const ids = async (state: 'pending' | 'overdue') =>
      (await listPublications(deps, { state })).items.map((i) => i.id);
    const pending = await ids('pending');
    const overdueBefore = await ids('overdue');
    world.clock.set(`${recorded.publication?.dueBy}T10:00:00+08:00`);
    const overdueOnDueDay = await ids('overdue');
    world.clock.advance({ days: 1 });
    const overdueAfter = await ids('overdue');

    // Act
    const published = await publishSpotCheckResult(deps, { inspectionId: check.id, actor: officer });
    const again = await publishSpotCheckResult(deps, { inspectionId: check.id, actor: officer }).catch((e) => e);
    const ofReview = await publishSpotCheckResult(deps, { inspectionId: review.id, actor: officer }).catch((e) => e);
    const unknown = await publishSpotCheckResult(deps, { inspectionId: 'INSP-NONE', actor: officer }).catch((e) => e);

    // Assess
    expect(pending).toEqual([check.id]);
    expect(overdueBefore).toEqual([]);
    expect(overdueOnDueDay).toEqual([]);
    expect(overdueAfter).toEqual([check.id]);
    expect(published.publication).toEqual({
      dueBy: recorded.publication?.dueBy,
      publishedAt: world.clock.now().toISOString(),
      publishedBy: 'officer-1',
    });
    expect(published.history.at(-1)).toMatchObject({ event: 'published', actor: officer });
    expect(again).toMatchObject({ code: 'INSPECTION_TRANSITION_INVALID' });
    expect(ofReview).toMatchObject({ code: 'INSPECTION_TRANSITION_INVALID' });
    expect(unknown).toMatchObject({ code: 'INSPECTION_NOT_FOUND' });
    expect(await ids('pending')).toEqual([]);
    expect(await ids('overdue')).toEqual([]);
  });
});
