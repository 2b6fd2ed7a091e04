/**
 * The three licensing procedures end to end through the local runtime, with tokens: the enterprise files, uploads
 * its documents through presigned URLs and submits; reviewers and officers act; certificates come from
 * issueCertificate; post-issuance reviews are scheduled and a failed one revokes the licence.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type AppJson, Applicant, decide, review, reviewSteps } from '../../support/applications';
import { readJson } from '../../support/certificates';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(() => runtime?.stop());

async function submitted(seed: number, products: string[], extra: Record<string, unknown> = {}) {
  const applicant = await Applicant.create(runtime, seed);
  const app = await applicant.fileNew(products, extra);
  await applicant.uploadAll(app.id);
  const res = await applicant.submit(app.id);
  expect(res.status).toBe(200);
  return { applicant, app: (await res.json()) as AppJson };
}

interface InspectionJson {
  id: string;
  kind: string;
  licenceNo: string;
  dueOn: string;
  state: string;
  applicationId: string;
}

async function dueInspections(): Promise<InspectionJson[]> {
  const res = await runtime.request('/v1/inspections?state=due', { as: 'reviewer' });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: InspectionJson[] }).items;
}

describe('notification–commitment (food-related)', () => {
  test('the certificate is issued the moment the formal review passes; a routine inspection is due within a month', async () => {
    // Prepare
    const { applicant, app } = await submitted(601, ['16-204']);
    expect(app).toMatchObject({ state: 'submitted', procedure: 'notification-commitment' });
    await reviewSteps(runtime, app.id, ['accept']);

    // Act
    const res = await review(runtime, app.id, 'pass-formal-review', '材料齐全');

    // Assess
    expect(res.status).toBe(200);
    const issued = (await res.json()) as AppJson;
    expect(issued.state).toBe('issued');
    expect(issued.outcome?.licenceNo).toMatch(/^\(鄂\)XK16-204-\d{5}$/);
    expect(issued.timeline.map((t) => t.action)).toEqual(['file', 'submit', 'accept', 'pass-formal-review', 'issue']);
    expect(issued.timeline.at(-1)?.actor).toEqual({ id: expect.any(String), role: 'reviewer' });
    const cert = await applicant.request(issued.links.certificate as string);
    expect(cert.status).toBe(200);
    expect(await readJson(cert)).toMatchObject({
      status: 'valid',
      procedure: 'notification-commitment',
      enterprise: { uscc: applicant.uscc },
    });
    const inspection = (await dueInspections()).find((i) => i.applicationId === app.id);
    expect(inspection).toMatchObject({ kind: 'routine-inspection', state: 'scheduled' });
    expect(inspection?.dueOn).toBe(addOneMonth(issued.outcome?.on as string));
  });

  test('a repeated decision never issues twice', async () => {
    // Prepare
    const { app } = await submitted(602, ['16-205']);
    await reviewSteps(runtime, app.id, ['accept', 'pass-formal-review']);

    // Act
    const again = await review(runtime, app.id, 'pass-formal-review');

    // Assess
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'APPLICATION_TRANSITION_INVALID' });
    const list = await runtime.request(`/v1/certificates?uscc=${(await Applicant.create(runtime, 602)).uscc}`, {
      as: 'officer',
    });
    const certificates = ((await list.json()) as { items: { version: number }[] }).items;
    expect(certificates).toHaveLength(1);
    expect(certificates[0]?.version).toBe(1);
  });
});

describe('post-issuance review (wires and cables)', () => {
  test('accepted → 9-working-day deadline; issued within it; the on-site review appears as due', async () => {
    // Prepare
    const { app } = await submitted(611, ['06-001']);

    // Act
    const accepted = await reviewSteps(runtime, app.id, ['accept']);
    const issued = await reviewSteps(runtime, app.id, ['pass-formal-review']);

    // Assess
    expect(accepted.state).toBe('accepted');
    expect(accepted.deadline).toMatchObject({ workingDays: 9, provisional: false, overdue: false });
    expect(issued.state).toBe('issued');
    expect((issued.outcome?.on as string) <= (accepted.deadline?.dueOn as string)).toBe(true);
    expect(issued.outcome?.licenceNo).toMatch(/^\(鄂\)XK06-001-\d{5}$/);
    const inspection = (await dueInspections()).find((i) => i.applicationId === app.id);
    expect(inspection).toMatchObject({
      kind: 'on-site-review',
      state: 'scheduled',
      licenceNo: issued.outcome?.licenceNo,
    });
  });
});

describe('general procedure (hazardous chemicals)', () => {
  test('issued only after the on-site review passes, on the officer’s decision', async () => {
    // Prepare
    const { app } = await submitted(621, ['85-901']);
    expect(app.procedure).toBe('general');
    const formal = await reviewSteps(runtime, app.id, ['accept', 'pass-formal-review']);

    // Act
    const tooEarly = await decide(runtime, app.id, 'approve');
    const onSite = await reviewSteps(runtime, app.id, ['pass-on-site-review']);
    const approved = await decide(runtime, app.id, 'approve');

    // Assess
    expect(formal.state).toBe('formal-review-passed');
    expect(formal.outcome).toBeUndefined();
    expect(tooEarly.status).toBe(409);
    expect(await tooEarly.json()).toMatchObject({ code: 'APPLICATION_TRANSITION_INVALID' });
    expect(onSite.state).toBe('on-site-review-passed');
    expect(approved.status).toBe(200);
    const issued = (await approved.json()) as AppJson;
    expect(issued.state).toBe('issued');
    expect(issued.timeline.at(-1)).toMatchObject({ action: 'issue', actor: { role: 'officer' } });
    expect((await dueInspections()).some((i) => i.applicationId === app.id)).toBe(false);
  });

  test('a failed on-site review rejects the application; nothing is issued', async () => {
    // Prepare
    const { app } = await submitted(622, ['85-902']);
    await reviewSteps(runtime, app.id, ['accept', 'pass-formal-review']);

    // Act
    const noComment = await review(runtime, app.id, 'fail-on-site-review');
    const failed = await review(runtime, app.id, 'fail-on-site-review', '现场条件不符合要求');

    // Assess
    expect(noComment.status).toBe(400);
    expect(await noComment.json()).toMatchObject({ code: 'APPLICATION_COMMENT_REQUIRED' });
    expect(failed.status).toBe(200);
    expect(((await failed.json()) as AppJson).state).toBe('rejected');
  });
});

describe('post-issuance reviews', () => {
  test('a failed review revokes the licence as a system action citing the review; certificate and verification show it', async () => {
    // Prepare
    const { app } = await submitted(631, ['06-001']);
    const issued = await reviewSteps(runtime, app.id, ['accept', 'pass-formal-review']);
    const inspection = (await dueInspections()).find((i) => i.applicationId === app.id) as InspectionJson;

    // Act
    const res = await runtime.request(`/v1/inspections/${inspection.id}/result`, {
      as: 'reviewer',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'fail', findings: '生产设备与申报不符', inspectors: ['张三', '李四'] }),
    });

    // Assess
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ state: 'failed' });
    const cert = await readJson(await runtime.request(issued.links.certificate as string, { as: 'officer' }));
    expect(cert.status).toBe('revoked');
    expect(cert.history.at(-1)).toMatchObject({
      to: 'revoked',
      actor: { type: 'system', id: 'post-issuance-review' },
      legalBasis: expect.stringContaining(inspection.id),
    });
    const verify = await runtime.request(`/v1/verify/${cert.licenceNoUrlSafe}`, {
      headers: { accept: 'application/json' },
    });
    expect(verify.status).toBe(200);
    expect(await verify.json()).toMatchObject({ verdict: 'revoked', certificate: { status: 'revoked' } });
  });

  test('rectify needs a future deadline; pass closes the review', async () => {
    // Prepare
    const { app } = await submitted(632, ['16-901']);
    await reviewSteps(runtime, app.id, ['accept', 'pass-formal-review']);
    const inspection = (await dueInspections()).find((i) => i.applicationId === app.id) as InspectionJson;
    const post = (body: unknown) =>
      runtime.request(`/v1/inspections/${inspection.id}/result`, {
        as: 'reviewer',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    // Act
    const past = await post({ outcome: 'rectify', rectifyBy: '2020-01-01', findings: '标识不规范' });
    const rectify = await post({ outcome: 'rectify', rectifyBy: '2099-01-01', findings: '标识不规范' });
    const pass = await post({ outcome: 'pass' });

    // Assess
    expect(past.status).toBe(400);
    expect(await past.json()).toMatchObject({ code: 'INSPECTION_RESULT_INVALID' });
    expect(await rectify.json()).toMatchObject({ state: 'rectifying', rectifyBy: '2099-01-01' });
    expect(await pass.json()).toMatchObject({ state: 'passed' });
  });
});

function addOneMonth(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const month = m === 12 ? 1 : m + 1;
  const year = m === 12 ? y + 1 : y;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
