/**
 * Working-day deadlines with the stored calendar, and the overdue-review job — through the use cases with a
 * ManualClock, on the emulators (the handlers share this process's environment), plus the admin route.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { applicationDeps, inspectionDeps } from '../../../lambdas/composition/applications';
import { statusChangeDeps } from '../../../lambdas/composition/storage';
import { Application } from '../../../lambdas/domain/application';
import type { DecisionDeps } from '../../../lambdas/use-cases/applications/complete-application';
import { newApplicationId } from '../../../lambdas/use-cases/applications/file-application';
import { markOverdueInspections } from '../../../lambdas/use-cases/applications/inspections';
import { reviewApplication } from '../../../lambdas/use-cases/applications/review-application';
import { type AppJson, Applicant, reviewSteps, storeCheckedDocuments } from '../../support/applications';
import { readJson, usccFor } from '../../support/certificates';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(() => runtime?.stop());

const reviewer = { kind: 'staff', id: 'reviewer-1', role: 'reviewer' } as const;

/** Decision deps on a manual clock; nothing here issues, so issuance is never resolved. */
function deps(clock: ManualClock): DecisionDeps {
  return {
    ...applicationDeps(),
    clock,
    issuance: () => Promise.reject(new Error('not in this test')),
    reprints: {
      findReprint: () => Promise.reject(new Error('not in this test')),
      getPrint: () => Promise.reject(new Error('not in this test')),
      commitReprint: () => Promise.reject(new Error('not in this test')),
    },
    statusChange: { ...statusChangeDeps(), clock },
  };
}

/** A submitted wires-and-cables application stored directly, its documents as a passed check leaves them. */
async function storedSubmitted(seed: number, clock: ManualClock): Promise<string> {
  const uscc = usccFor(seed);
  const at = clock.now();
  const app = Application.file({
    id: newApplicationId(at),
    kind: 'new',
    uscc,
    enterpriseName: `测试企业${seed}`,
    procedure: 'post-issuance-review',
    request: {
      kind: 'new',
      enterprise: { name: `测试企业${seed}`, uscc, domicile: '武汉', productionAddresses: ['武汉'] },
      products: ['06-001'],
    },
    actor: { id: 'ent', role: 'enterprise' },
    at,
  }).submit({ actor: { id: 'ent', role: 'enterprise' }, at });
  await applicationDeps().applications.create(app.toSnapshot());
  await storeCheckedDocuments(applicationDeps(), app.id, at);
  return app.id;
}

describe('deadlines', () => {
  test.each([
    ['Spring Festival 2026', '2026-02-13T10:00:00+08:00', '2026-03-04'],
    ['National Day 2026', '2026-09-28T10:00:00+08:00', '2026-10-15'],
  ])('accepted before %s: due on the 9th working day', async (_name, acceptedAt, dueOn) => {
    const clock = new ManualClock(acceptedAt);
    const id = await storedSubmitted(801, clock);
    const accepted = await reviewApplication(deps(clock), { viewer: reviewer, applicationId: id, action: 'accept' });
    expect(accepted.deadline).toMatchObject({ dueOn, provisional: false });
  });

  test('a deadline reaching into 2027 is provisional until an admin loads 2027, then recomputed', async () => {
    // Prepare
    const clock = new ManualClock('2026-12-28T10:00:00+08:00');
    const id = await storedSubmitted(802, clock);
    const accepted = await reviewApplication(deps(clock), { viewer: reviewer, applicationId: id, action: 'accept' });

    // Act
    const forbidden = await runtime.request('/v1/admin/calendar/2027', { as: 'officer', method: 'PUT' });
    const invalid = await runtime.request('/v1/admin/calendar/2027', {
      as: 'admin',
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ holidays: ['2026-01-01'], workdays: ['2027-01-04'] }),
    });
    const loaded = await runtime.request('/v1/admin/calendar/2027', {
      as: 'admin',
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ holidays: ['2027-01-01'], workdays: [] }),
    });
    const after = (await (await runtime.request(`/v1/applications/${id}`, { as: 'reviewer' })).json()) as AppJson;

    // Assess
    expect(accepted.deadline).toMatchObject({ dueOn: '2027-01-08', provisional: true, unannouncedYears: [2027] });
    expect(forbidden.status).toBe(403);
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ code: 'WORKING_SCHEDULE_INVALID' });
    expect(loaded.status).toBe(200);
    expect(await loaded.json()).toMatchObject({ year: 2027, recomputedDeadlines: expect.any(Number) });
    expect(after.deadline).toMatchObject({ dueOn: '2027-01-11', provisional: false });
  });

  test('an open application past its deadline is flagged and listed as overdue', async () => {
    // Prepare: accepted long ago (real clock of the API is later than the deadline)
    const clock = new ManualClock('2026-03-02T10:00:00+08:00');
    const id = await storedSubmitted(803, clock);
    await reviewApplication(deps(clock), { viewer: reviewer, applicationId: id, action: 'accept' });

    // Act
    const one = (await (await runtime.request(`/v1/applications/${id}`, { as: 'officer' })).json()) as AppJson;
    const list = await runtime.request('/v1/applications?overdue=true', { as: 'officer' });

    // Assess
    expect(one.deadline).toMatchObject({ overdue: true });
    expect(((await list.json()) as { items: AppJson[] }).items.map((a) => a.id)).toContain(id);
  });
});

describe('overdue post-issuance reviews', () => {
  test('the job marks them overdue and suspends the licence where configured; a second run changes nothing', async () => {
    // Prepare: a wires-and-cables licence issued through the API today
    const applicant = await Applicant.create(runtime, 811);
    const app = await applicant.fileNew(['06-001']);
    await applicant.uploadAll(app.id);
    await applicant.submit(app.id);
    const issued = await reviewSteps(runtime, app.id, ['accept', 'pass-formal-review']);
    const clock = new ManualClock(new Date(Date.now() + 40 * 86_400_000));
    const jobDeps = { ...inspectionDeps(), clock, statusChange: { ...statusChangeDeps(), clock } };

    // Act
    const first = await markOverdueInspections(jobDeps, { suspendLicence: true });
    const second = await markOverdueInspections(jobDeps, { suspendLicence: true });

    // Assess
    expect(first.marked).toContain(`INSP-${app.id}`);
    expect(first.suspended.map(String)).toContain(issued.outcome?.licenceNo);
    expect(second).toEqual({ marked: [], suspended: [] });
    const overdue = await runtime.request('/v1/inspections?state=overdue', { as: 'officer' });
    expect(((await overdue.json()) as { items: { id: string }[] }).items.map((i) => i.id)).toContain(`INSP-${app.id}`);
    const cert = await readJson(await runtime.request(issued.links.certificate as string, { as: 'officer' }));
    expect(cert.status).toBe('suspended');
    expect(cert.history.at(-1)?.actor).toMatchObject({ type: 'system', id: 'inspection-overdue-job' });
  });

  test.each([
    ['as it would write the mark', false],
    ['just after writing the mark', true],
  ])('the job dies %s: after the next run the review is marked and the licence suspended, once', async (_, writes) => {
    // Prepare: an issued licence whose review falls overdue; the first run dies at the mark's write
    const applicant = await Applicant.create(runtime, writes ? 813 : 812);
    const app = await applicant.fileNew(['06-001']);
    await applicant.uploadAll(app.id);
    await applicant.submit(app.id);
    const issued = await reviewSteps(runtime, app.id, ['accept', 'pass-formal-review']);
    const clock = new ManualClock(new Date(Date.now() + 40 * 86_400_000));
    const jobDeps = { ...inspectionDeps(), clock, statusChange: { ...statusChangeDeps(), clock } };
    const dying = new Proxy(jobDeps.inspections, {
      get: (target, name) =>
        name === 'save'
          ? async (...args: Parameters<typeof target.save>) => {
              if (writes) await target.save(...args);
              throw new Error('the process was killed');
            }
          : (Reflect.get(target, name) as (...a: unknown[]) => unknown).bind(target),
    });

    // Act
    await expect(markOverdueInspections({ ...jobDeps, inspections: dying }, { suspendLicence: true })).rejects.toThrow(
      'killed',
    );
    const rerun = await markOverdueInspections(jobDeps, { suspendLicence: true });

    // Assess
    const overdue = await runtime.request('/v1/inspections?state=overdue', { as: 'officer' });
    expect(((await overdue.json()) as { items: { id: string }[] }).items.map((i) => i.id)).toContain(`INSP-${app.id}`);
    expect(rerun.suspended).toEqual([]);
    const cert = await readJson(await runtime.request(issued.links.certificate as string, { as: 'officer' }));
    expect(cert.status).toBe('suspended');
    expect(cert.history.filter((h) => h.to === 'suspended')).toHaveLength(1);
  });

  test('the job is in the registry with a schedule', async () => {
    const { functions } = await import('../../../lambdas/functions');
    expect(functions.find((f) => f.name === 'inspections-overdue')).toMatchObject({ scheduleMinutes: 60 });
  });
});

describe('stats', () => {
  test('staff see licensed enterprises, certificates by procedure and status, and working days to issue', async () => {
    const res = await runtime.request('/v1/stats', { as: 'admin' });
    expect(res.status).toBe(200);
    const stats = (await res.json()) as {
      licensedEnterprises: number;
      certificates: { total: number; byProcedure: Record<string, Record<string, number>> };
      applications: {
        issued: number;
        medianWorkingDaysToIssue: number | null;
        postIssuanceReview: { share: number | null };
      };
    };
    // The three licences the overdue-review job suspended above.
    expect(stats.certificates.byProcedure['post-issuance-review']).toMatchObject({ suspended: 3 });
    expect(stats.licensedEnterprises).toBeGreaterThanOrEqual(1);
    expect(stats.applications.issued).toBeGreaterThanOrEqual(1);
    expect(stats.applications.medianWorkingDaysToIssue).toBe(0);
    expect(stats.applications.postIssuanceReview.share).toBe(1);
    expect((await runtime.request('/v1/stats', { as: 'enterprise' })).status).toBe(403);
  });
});
