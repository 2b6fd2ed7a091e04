/**
 * Supervision spot checks (双随机抽查) as inspections, on the emulators through the API and the use cases: a failed
 * check suspends the licence (or revokes it when the result says so) through the lifecycle as a system action citing
 * the plan and the check, and public verification shows it; a late check is flagged by the overdue job and never
 * suspends, and its late result says so; a result's publication falls due 20 working days after the check on the
 * stored calendar (across a loaded holiday); an officer publishes it; unpublished results are listed, overdue ones by
 * the injected clock.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { inspectionDeps } from '../../../lambdas/composition/applications';
import { statusChangeDeps } from '../../../lambdas/composition/storage';
import { addDays, type LocalDate, localDateOf } from '../../../lambdas/domain/dates';
import { Inspection, type InspectionSnapshot } from '../../../lambdas/domain/inspection';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import { markOverdueInspections, recordInspectionResult } from '../../../lambdas/use-cases/applications/inspections';
import { listPublications } from '../../../lambdas/use-cases/applications/spot-check-publications';
import { type CertificateJson, issueBody, jsonRequest, readJson } from '../../support/certificates';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime({ pollers: false, schedules: false });
}, 120_000);
afterAll(() => runtime?.stop());

const PLAN = { id: 'PLAN-20261205-K3M9Q2ZT7A', name: '2026年电线电缆产品双随机抽查' };
const reviewer = { id: 'reviewer-1', role: 'reviewer' };
const today = (): LocalDate => localDateOf(new Date());

interface InspectionJson {
  id: string;
  kind: string;
  state: string;
  plan?: { id: string; name: string };
  team?: string[];
  applicationId?: string;
  publication?: { dueBy: string; publishedAt?: string; publishedBy?: string };
  history: { event: string; late?: boolean; result?: Record<string, unknown>; actor: { id: string } }[];
}

/** A licence issued through the API for a new enterprise. */
async function licensed(seed: number): Promise<CertificateJson> {
  const res = await runtime.request('/v1/certificates', { as: 'officer', ...jsonRequest(issueBody({ seed })) });
  expect(res.status).toBe(201);
  return readJson(res);
}

/** The plan's check of that licence at `position`, created as the draw creates it. */
async function drawn(
  cert: CertificateJson,
  position: number,
  window: { scheduledOn: LocalDate; dueOn: LocalDate } = { scheduledOn: today(), dueOn: addDays(today(), 30) },
): Promise<InspectionSnapshot> {
  const check = Inspection.scheduleSpotCheck({
    id: `INSP-${PLAN.id}-${String(position).padStart(5, '0')}`,
    plan: PLAN,
    licenceNo: LicenceNumber.parse(cert.licenceNo),
    uscc: cert.enterprise.uscc,
    enterpriseName: cert.enterprise.name,
    team: ['INS-7K2M9QXA', 'INS-Q4W8E2RT'],
    ...window,
    at: new Date(),
  }).toSnapshot();
  expect(await inspectionDeps().inspections.create(check)).toBe('created');
  return check;
}

const postResult = (id: string, body: unknown) =>
  runtime.request(`/v1/inspections/${id}/result`, {
    as: 'reviewer',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const certificateOf = async (cert: CertificateJson) =>
  readJson(await runtime.request(`/v1/certificates/${cert.licenceNoUrlSafe}`, { as: 'officer' }));

const verdictOf = async (cert: CertificateJson) =>
  ((await (await runtime.request(`/v1/verify/${cert.licenceNoUrlSafe}`)).json()) as { verdict: string }).verdict;

/** Deps on a manual clock (the job's and a late recording's "today"). */
const depsAt = (clock: ManualClock) => ({ ...inspectionDeps(), clock, statusChange: { ...statusChangeDeps(), clock } });

describe('a failed spot check', () => {
  test('suspends the licence as the system, citing the plan and the check; verification shows it; a retry changes nothing', async () => {
    // Prepare
    const cert = await licensed(1401);
    const check = await drawn(cert, 1);
    const fail = {
      outcome: 'fail',
      findings: '抽检样品导体电阻不合格',
      inspectors: ['INS-7K2M9QXA', 'INS-Q4W8E2RT'],
      checkedOn: today(),
    };

    // Act
    const res = await postResult(check.id, fail);
    const retry = await postResult(check.id, { ...fail, findings: '另一种说法' });

    // Assess
    expect(res.status).toBe(200);
    const view = (await res.json()) as InspectionJson;
    expect(view).toMatchObject({ id: check.id, kind: 'spot-check', state: 'failed', plan: PLAN });
    expect(view.team).toEqual(['INS-7K2M9QXA', 'INS-Q4W8E2RT']);
    expect(view.applicationId).toBeUndefined();
    expect(view.history.at(-1)?.result).toMatchObject({ action: 'suspend', checkedOn: today() });
    expect(view.publication?.dueBy).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/));
    expect(retry.status).toBe(200);
    const record = await certificateOf(cert);
    expect(record.status).toBe('suspended');
    expect(record.history.filter((h) => h.to === 'suspended')).toHaveLength(1);
    expect(record.history.at(-1)).toMatchObject({
      actor: { type: 'system', id: 'supervision-spot-check' },
      legalBasis: `双随机抽查 ${PLAN.id} / 检查 ${check.id} 不合格`,
      publicReason: expect.stringContaining('抽检样品导体电阻不合格'),
    });
    expect(await verdictOf(cert)).toBe('suspended');
  });

  test('revokes the licence when the result names revoke', async () => {
    // Prepare
    const cert = await licensed(1402);
    const check = await drawn(cert, 2);

    // Act
    const res = await postResult(check.id, {
      outcome: 'fail',
      findings: '无证生产其他产品',
      inspectors: ['INS-7K2M9QXA'],
      action: 'revoke',
      checkedOn: today(),
    });

    // Assess
    expect(res.status).toBe(200);
    expect((await certificateOf(cert)).status).toBe('revoked');
    expect(await verdictOf(cert)).toBe('revoked');
  });

  test('a spot check result without the day of the check, or with one after today, is 400 and changes nothing', async () => {
    // Prepare
    const cert = await licensed(1403);
    const check = await drawn(cert, 3);

    // Act
    const missing = await postResult(check.id, { outcome: 'fail', findings: 'x', inspectors: ['INS-7K2M9QXA'] });
    const future = await postResult(check.id, { outcome: 'pass', checkedOn: addDays(today(), 1) });

    // Assess
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ code: 'INSPECTION_RESULT_INVALID' });
    expect(future.status).toBe(400);
    expect(await future.json()).toMatchObject({ code: 'INSPECTION_RESULT_INVALID' });
    expect((await inspectionDeps().inspections.get(check.id))?.state).toBe('scheduled');
    expect((await certificateOf(cert)).status).toBe('valid');
  });
});

describe('a late spot check', () => {
  test('is marked overdue (flagged to staff) and never suspends, even with suspendLicence on; its late result says so', async () => {
    // Prepare: a check due in 10 days; the job runs 40 days from now
    const cert = await licensed(1404);
    const check = await drawn(cert, 4, { scheduledOn: today(), dueOn: addDays(today(), 10) });
    const clock = new ManualClock(new Date(Date.now() + 40 * 86_400_000));

    // Act
    const job = await markOverdueInspections(depsAt(clock), { suspendLicence: true });
    const overdue = await runtime.request('/v1/inspections?state=overdue&limit=100', { as: 'officer' });
    const passed = await recordInspectionResult(depsAt(clock), {
      inspectionId: check.id,
      result: { outcome: 'pass', checkedOn: localDateOf(clock.now()) },
      actor: reviewer,
    });

    // Assess
    expect(job.marked).toContain(check.id);
    expect(job.suspended.map(String)).not.toContain(cert.licenceNo);
    expect(((await overdue.json()) as { items: InspectionJson[] }).items.map((i) => i.id)).toContain(check.id);
    expect((await certificateOf(cert)).status).toBe('valid');
    expect(await verdictOf(cert)).toBe('valid');
    expect(passed.state).toBe('passed');
    expect(passed.history.map((h) => h.event)).toEqual(['scheduled', 'overdue', 'pass']);
    expect(passed.history.at(-1)?.late).toBe(true);
  });
});

describe('publication (一公开)', () => {
  test('due in a year not yet announced: provisional, then recomputed when an admin loads that year', async () => {
    // Prepare: no 2027 schedule yet (the library knows up to 2026), a check on 2026-12-21
    const cert = await licensed(1491);
    const check = await drawn(cert, 91, { scheduledOn: '2026-12-20' as LocalDate, dueOn: '2026-12-31' as LocalDate });
    const clock = new ManualClock('2026-12-21T15:00:00+08:00');
    const passed = await recordInspectionResult(depsAt(clock), {
      inspectionId: check.id,
      result: { outcome: 'pass', checkedOn: '2026-12-21' },
      actor: reviewer,
    });

    // Act: 2027 with New Year's Day off
    const load = await runtime.request('/v1/admin/calendar/2027', {
      as: 'admin',
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ holidays: ['2027-01-01'], workdays: [] }),
    });
    const after = await inspectionDeps().inspections.get(check.id);

    // Assess: 12-22…31 (8), then plain weeks 01-01…18 (20) — with 01-01 off, one day later
    expect(passed.publication).toEqual({ dueBy: '2027-01-18', provisional: true });
    expect(load.status).toBe(200);
    // Every pending publication counted into 2027 moves (the earlier tests' checks, made today, too).
    expect(((await load.json()) as { recomputedPublications: number }).recomputedPublications).toBeGreaterThanOrEqual(
      1,
    );
    expect(after?.publication).toEqual({ dueBy: '2027-01-19' });
  });

  test('falls due 20 working days after the check on the stored calendar, across a loaded holiday', async () => {
    // Prepare: 2027's schedule as an admin loads it (New Year 01-01, two more days off, Saturday 01-09 worked)
    const load = await runtime.request('/v1/admin/calendar/2027', {
      as: 'admin',
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ holidays: ['2027-01-01', '2027-01-04', '2027-01-05'], workdays: ['2027-01-09'] }),
    });
    expect(load.status).toBe(200);
    const cert = await licensed(1405);
    const check = await drawn(cert, 5, { scheduledOn: '2026-12-20' as LocalDate, dueOn: '2026-12-31' as LocalDate });
    const clock = new ManualClock('2026-12-28T15:00:00+08:00');

    // Act
    const passed = await recordInspectionResult(depsAt(clock), {
      inspectionId: check.id,
      result: { outcome: 'pass', checkedOn: '2026-12-28' },
      actor: reviewer,
    });

    // Assess: 12-29…31 (3), 01-06…09 (7, the Saturday worked), 01-11…15 (12), 01-18…22 (17), 01-25…27 (20);
    // plain weeks would give 2027-01-25.
    expect(passed.publication).toEqual({ dueBy: '2027-01-27' });
  });

  test('an officer publishes it once (in the history); pending and overdue lists follow, overdue by the clock', async () => {
    // Prepare
    const cert = await licensed(1406);
    const check = await drawn(cert, 6);
    const recorded = (await (
      await postResult(check.id, { outcome: 'pass', checkedOn: today() })
    ).json()) as InspectionJson;
    const dueBy = recorded.publication?.dueBy as LocalDate;
    const ids = async (path: string) =>
      ((await (await runtime.request(path, { as: 'officer' })).json()) as { items: InspectionJson[] }).items.map(
        (i) => i.id,
      );
    const pendingBefore = await ids('/v1/inspections/publications?state=pending&limit=100');
    const overdueNow = await ids('/v1/inspections/publications?state=overdue&limit=100');
    const dayAfterDue = new ManualClock(`${addDays(dueBy, 1)}T09:00:00+08:00`);
    const onDue = new ManualClock(`${dueBy}T09:00:00+08:00`);
    const overdueLater = (await listPublications(depsAt(dayAfterDue), { state: 'overdue', limit: 100 })).items;
    const overdueOnDue = (await listPublications(depsAt(onDue), { state: 'overdue', limit: 100 })).items;

    // Act
    const asReviewer = await runtime.request(`/v1/inspections/${check.id}/publish`, { as: 'reviewer', method: 'POST' });
    const published = await runtime.request(`/v1/inspections/${check.id}/publish`, { as: 'officer', method: 'POST' });
    const again = await runtime.request(`/v1/inspections/${check.id}/publish`, { as: 'officer', method: 'POST' });
    const unknown = await runtime.request(`/v1/inspections/INSP-${PLAN.id}-99999/publish`, {
      as: 'officer',
      method: 'POST',
    });

    // Assess
    expect(pendingBefore).toContain(check.id);
    expect(overdueNow).not.toContain(check.id);
    expect(overdueLater.map((i) => i.id)).toContain(check.id);
    expect(overdueOnDue.map((i) => i.id)).not.toContain(check.id);
    expect(asReviewer.status).toBe(403);
    expect(published.status).toBe(200);
    const view = (await published.json()) as InspectionJson;
    expect(view.publication).toMatchObject({ dueBy, publishedAt: expect.any(String), publishedBy: expect.any(String) });
    expect(view.history.at(-1)?.event).toBe('published');
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'INSPECTION_TRANSITION_INVALID' });
    expect(unknown.status).toBe(404);
    expect(await ids('/v1/inspections/publications?state=pending&limit=100')).not.toContain(check.id);
    expect(
      (await listPublications(depsAt(dayAfterDue), { state: 'overdue', limit: 100 })).items.map((i) => i.id),
    ).not.toContain(check.id);
  });
});
