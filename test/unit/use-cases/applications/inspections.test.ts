/**
 * The post-issuance reviews on the in-memory fakes: the due and overdue lists in due-date order (`before` inclusive,
 * paged); a recorded result (pass, rectify, fail) at the clock's instant with who recorded it, refused once the review
 * is closed or for a rectification date not in the future, 404 for an unknown review; a failed review revokes the
 * licence as the system, citing the review, and a repeated `fail` completes a revocation a crash interrupted without
 * revoking twice; the scheduled job marks only reviews past their date (not those due today), suspends the valid
 * licence where configured, and finds nothing left on a second run.
 */

import { describe, expect, test } from 'vitest';
import type { ApplicationSnapshot } from '../../../../lambdas/domain/application';
import type { InspectionSnapshot } from '../../../../lambdas/domain/inspection';
import {
  listInspections,
  markOverdueInspections,
  recordInspectionResult,
} from '../../../../lambdas/use-cases/applications/inspections';
import { changeCertificateStatus } from '../../../../lambdas/use-cases/change-certificate-status';
import {
  FakeWorld,
  fakeInspectionDeps,
  fakeStatusChangeDeps,
  newLicence,
  officer,
  reviewed,
  submitted,
  withFaults,
} from '../../../support/fakes';

const reviewer = { id: 'reviewer-5', role: 'reviewer' };

/** A wires-and-cables licence issued through an application today, and its scheduled on-site review. */
async function underReview(
  world: FakeWorld,
  seed: number,
): Promise<{ app: ApplicationSnapshot; inspection: InspectionSnapshot }> {
  const app = await submitted(world, { seed, request: newLicence(seed, ['06-001']) });
  const issuedApp = await reviewed(world, app.id, ['accept', 'pass-formal-review']);
  const inspection = await world.inspections.get(`INSP-${app.id}`);
  if (!inspection) throw new Error('no review scheduled');
  return { app: issuedApp, inspection };
}

const statusOf = async (world: FakeWorld, inspection: InspectionSnapshot) =>
  (await world.certificates.get(inspection.licenceNo))?.certificate.status;

describe('listInspections', () => {
  test('due reviews in due-date order, `before` inclusive, paged; overdue ones on their own list', async () => {
    // Prepare: reviews issued on three days, due a month later each
    const world = new FakeWorld({ at: '2026-11-02T10:00:00+08:00' });
    const a = await underReview(world, 1);
    world.clock.set('2026-11-10T10:00:00+08:00');
    const b = await underReview(world, 2);
    world.clock.set('2026-11-20T10:00:00+08:00');
    const c = await underReview(world, 3);
    const deps = fakeInspectionDeps(world);

    // Act
    const due = await listInspections(deps, { state: 'due' });
    const dueByB = await listInspections(deps, { state: 'due', before: b.inspection.dueOn });
    const first = await listInspections(deps, { state: 'due', limit: 2 });
    const rest = await listInspections(deps, { state: 'due', limit: 2, cursor: first.cursor as string });
    world.clock.set('2026-12-15T10:00:00+08:00');
    await markOverdueInspections(deps, { suspendLicence: false });
    const overdue = await listInspections(deps, { state: 'overdue' });

    // Assess
    expect(due.items.map((i) => [i.id, i.dueOn])).toEqual([
      [a.inspection.id, '2026-12-02'],
      [b.inspection.id, '2026-12-10'],
      [c.inspection.id, '2026-12-20'],
    ]);
    expect(dueByB.items.map((i) => i.id)).toEqual([a.inspection.id, b.inspection.id]);
    expect([...first.items, ...rest.items].map((i) => i.id)).toEqual(due.items.map((i) => i.id));
    expect(overdue.items.map((i) => i.id)).toEqual([a.inspection.id, b.inspection.id]);
  });
});

describe('recordInspectionResult', () => {
  test('a pass closes the review with who recorded it and when; a second result is 409 and changes nothing', async () => {
    // Prepare
    const world = new FakeWorld();
    const { inspection } = await underReview(world, 4);
    world.clock.advance({ days: 10 });
    const deps = fakeInspectionDeps(world);

    // Act
    const passed = await recordInspectionResult(deps, {
      inspectionId: inspection.id,
      result: { outcome: 'pass', comment: '现场审查合格' },
      actor: reviewer,
    });
    const again = await recordInspectionResult(deps, {
      inspectionId: inspection.id,
      result: { outcome: 'fail', findings: '不合格', inspectors: ['张三'] },
      actor: reviewer,
    }).catch((e) => e);

    // Assess
    expect(passed).toMatchObject({ state: 'passed', revision: inspection.revision + 1 });
    expect(passed.history.at(-1)).toEqual({
      at: world.clock.now().toISOString(),
      actor: reviewer,
      event: 'pass',
      result: { outcome: 'pass', comment: '现场审查合格' },
    });
    expect(again).toMatchObject({
      kind: 'conflict',
      code: 'INSPECTION_TRANSITION_INVALID',
      details: { state: 'passed' },
    });
    expect(await world.inspections.get(inspection.id)).toEqual(passed);
    expect(await statusOf(world, inspection)).toBe('valid');
  });

  test('an unknown review is 404; a rectification date not after today is 400; neither writes', async () => {
    // Prepare
    const world = new FakeWorld();
    const { inspection } = await underReview(world, 5);
    const deps = fakeInspectionDeps(world);

    // Act
    const unknown = await recordInspectionResult(deps, {
      inspectionId: 'INSP-NONE',
      result: { outcome: 'pass' },
      actor: reviewer,
    }).catch((e) => e);
    const today = await recordInspectionResult(deps, {
      inspectionId: inspection.id,
      result: { outcome: 'rectify', rectifyBy: '2026-11-27', findings: '标识不全' },
      actor: reviewer,
    }).catch((e) => e);

    // Assess
    expect(unknown).toMatchObject({ kind: 'not-found', code: 'INSPECTION_NOT_FOUND' });
    expect(today).toMatchObject({ kind: 'invalid', code: 'INSPECTION_RESULT_INVALID' });
    expect(await world.inspections.get(inspection.id)).toEqual(inspection);
  });

  test('a failed review revokes the licence as the system, citing the review, whoever recorded it', async () => {
    // Prepare
    const world = new FakeWorld();
    const { inspection } = await underReview(world, 6);
    world.clock.advance({ days: 5 });

    // Act
    const failed = await recordInspectionResult(fakeInspectionDeps(world), {
      inspectionId: inspection.id,
      result: { outcome: 'fail', findings: '生产设备不符合要求', inspectors: ['张三', '李四'] },
      actor: reviewer,
    });

    // Assess
    expect(failed.state).toBe('failed');
    const head = await world.certificates.get(inspection.licenceNo);
    expect(head?.certificate.status).toBe('revoked');
    const [event] = (await world.certificates.listAudit(inspection.licenceNo, { limit: 1 })).items;
    expect(event).toMatchObject({
      at: world.clock.now().toISOString(),
      action: 'certificate.revoke',
      actor: { type: 'system', id: 'post-issuance-review' },
      details: {
        publicReason: '现场审查不合格 / Post-issuance review failed: 生产设备不符合要求',
        legalBasis: `《工业产品生产许可证管理条例》；证后审查 ${inspection.id} 不合格`,
      },
    });
    expect(await world.certificates.guardOf(inspection.uscc)).toBeUndefined();
  });

  test('a repeated fail completes a revocation a crash interrupted, and never revokes twice', async () => {
    // Prepare: the register is unreachable when the revocation is written
    const world = new FakeWorld();
    const { inspection } = await underReview(world, 7);
    const register = withFaults(world.certificates);
    register.faults.set('error', 'commitStatusChange');
    const result = { outcome: 'fail', findings: '不合格', inspectors: ['张三'] } as const;
    const interrupted = await recordInspectionResult(
      fakeInspectionDeps(world, { statusChange: fakeStatusChangeDeps(world, { repository: register }) }),
      { inspectionId: inspection.id, result, actor: reviewer },
    ).catch((e) => e);
    const statusAfterCrash = await statusOf(world, inspection);
    world.clock.advance({ minutes: 5 });

    // Act
    const retried = await recordInspectionResult(fakeInspectionDeps(world), {
      inspectionId: inspection.id,
      result,
      actor: reviewer,
    });
    const retriedAgain = await recordInspectionResult(fakeInspectionDeps(world), {
      inspectionId: inspection.id,
      result,
      actor: reviewer,
    });

    // Assess
    expect((interrupted as Error).message).toContain('ECONNREFUSED');
    expect(statusAfterCrash).toBe('valid');
    expect(retried.state).toBe('failed');
    expect(retried.history.filter((h) => h.event === 'fail')).toHaveLength(1);
    expect(retriedAgain).toEqual(retried);
    expect(await statusOf(world, inspection)).toBe('revoked');
    const revocations = (await world.certificates.listAudit(inspection.licenceNo, {})).items.filter(
      (e) => e.action === 'certificate.revoke',
    );
    expect(revocations).toHaveLength(1);
  });
  test('the completed revocation gives the recorded findings as its public reason, not a retry’s wording', async () => {
    // Prepare: the revocation of a recorded failure was interrupted; the retry words the findings differently
    const world = new FakeWorld();
    const { inspection } = await underReview(world, 13);
    const register = withFaults(world.certificates);
    register.faults.set('error', 'commitStatusChange');
    await recordInspectionResult(
      fakeInspectionDeps(world, { statusChange: fakeStatusChangeDeps(world, { repository: register }) }),
      {
        inspectionId: inspection.id,
        result: { outcome: 'fail', findings: '生产设备不符合要求', inspectors: ['张三'] },
        actor: reviewer,
      },
    ).catch(() => undefined);
    world.clock.advance({ minutes: 5 });

    // Act
    const retried = await recordInspectionResult(fakeInspectionDeps(world), {
      inspectionId: inspection.id,
      result: { outcome: 'fail', findings: '重试', inspectors: ['李四'] },
      actor: { id: 'reviewer-6', role: 'reviewer' },
    });

    // Assess
    expect(retried.history.at(-1)?.result).toEqual({
      outcome: 'fail',
      findings: '生产设备不符合要求',
      inspectors: ['张三'],
    });
    const [event] = (await world.certificates.listAudit(inspection.licenceNo, { limit: 1 })).items;
    expect(event).toMatchObject({
      action: 'certificate.revoke',
      details: { publicReason: '现场审查不合格 / Post-issuance review failed: 生产设备不符合要求' },
    });
  });
});

describe('markOverdueInspections', () => {
  test('marks only reviews past their date (not one due today); a second run finds nothing', async () => {
    // Prepare: reviews due on 2026-12-02 and 2026-12-03; today is 2026-12-03
    const world = new FakeWorld({ at: '2026-11-02T10:00:00+08:00' });
    const late = await underReview(world, 8);
    world.clock.set('2026-11-03T10:00:00+08:00');
    const dueToday = await underReview(world, 9);
    world.clock.set('2026-12-03T08:00:00+08:00');
    const deps = fakeInspectionDeps(world);

    // Act
    const first = await markOverdueInspections(deps, { suspendLicence: false });
    const second = await markOverdueInspections(deps, { suspendLicence: false });

    // Assess
    expect(first).toEqual({ marked: [late.inspection.id], suspended: [] });
    expect(second).toEqual({ marked: [], suspended: [] });
    expect(await world.inspections.get(late.inspection.id)).toMatchObject({
      state: 'overdue',
      revision: late.inspection.revision + 1,
      history: [{ event: 'scheduled' }, { at: world.clock.now().toISOString(), event: 'overdue' }],
    });
    expect((await world.inspections.get(dueToday.inspection.id))?.state).toBe('scheduled');
    expect(await statusOf(world, late.inspection)).toBe('valid');
  });

  test('a rectification is overdue after its own deadline, not the original due date', async () => {
    // Prepare: rectification until 2026-12-20, past the due date of 2026-12-02
    const world = new FakeWorld({ at: '2026-11-02T10:00:00+08:00' });
    const { inspection } = await underReview(world, 10);
    const deps = fakeInspectionDeps(world);
    await recordInspectionResult(deps, {
      inspectionId: inspection.id,
      result: { outcome: 'rectify', rectifyBy: '2026-12-20', findings: '标识不全' },
      actor: reviewer,
    });

    // Act
    world.clock.set('2026-12-10T10:00:00+08:00');
    const before = await markOverdueInspections(deps, { suspendLicence: false });
    world.clock.set('2026-12-21T10:00:00+08:00');
    const after = await markOverdueInspections(deps, { suspendLicence: false });

    // Assess
    expect(before.marked).toEqual([]);
    expect(after.marked).toEqual([inspection.id]);
  });

  test('where configured, suspends a valid licence as the system; one already suspended is left as it is', async () => {
    // Prepare
    const world = new FakeWorld({ at: '2026-11-02T10:00:00+08:00' });
    const valid = await underReview(world, 11);
    const suspended = await underReview(world, 12);
    await changeCertificateStatus(fakeStatusChangeDeps(world), {
      licenceNo: suspended.inspection.licenceNo,
      action: 'suspend',
      actor: officer,
      publicReason: '整改',
      legalBasis: '条例',
    });
    world.clock.set('2026-12-05T10:00:00+08:00');

    // Act
    const result = await markOverdueInspections(fakeInspectionDeps(world), { suspendLicence: true });

    // Assess
    expect(result.marked.sort()).toEqual([valid.inspection.id, suspended.inspection.id].sort());
    expect(result.suspended.map(String)).toEqual([String(valid.inspection.licenceNo)]);
    expect(await statusOf(world, valid.inspection)).toBe('suspended');
    const [event] = (await world.certificates.listAudit(valid.inspection.licenceNo, { limit: 1 })).items;
    expect(event).toMatchObject({
      action: 'certificate.suspend',
      actor: { type: 'system', id: 'inspection-overdue-job' },
      details: { legalBasis: expect.stringContaining(valid.inspection.id) },
    });
    expect(
      (await world.certificates.listAudit(suspended.inspection.licenceNo, {})).items.filter(
        (e) => e.action === 'certificate.suspend',
      ),
    ).toHaveLength(1);
  });
});
