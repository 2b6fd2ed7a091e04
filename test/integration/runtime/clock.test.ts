/**
 * The local runtime on a set clock (`PERMIT_CLOCK`): issuance, deadlines, jobs and verification run on it; token
 * checks stay on real time; `/_local/clock` moves it forward only, for an admin, and is no function and no OpenAPI
 * path. The clock starts on 2026-02-10 09:00 in Wuhan — in the past — over this file's empty data directory.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { dispatchRepository } from '../../../lambdas/composition/dispatch';
import { localDateOf } from '../../../lambdas/domain/dates';
import { shanghaiInstant } from '../../../lambdas/domain/instants';
import { webhookHeaders, webhookSecretOf } from '../../../lambdas/domain/webhooks/signature';
import { allRoutes } from '../../../lambdas/functions';
import { LOCAL_CLOCK_PATH } from '../../../lib/local/clock-route';
import { type AppJson, Applicant, reviewSteps } from '../../support/applications';
import { type CertificateJson, issueBody, jsonRequest, readJson } from '../../support/certificates';
import { paperCopyBody } from '../../support/dispatch';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

const START = new Date('2026-02-10T01:00:00Z'); // 09:00 +08:00

let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime({ clock: START });
});
afterAll(() => runtime?.stop());

interface ClockJson {
  set: boolean;
  now: string;
  today: string;
  start?: string;
  jobs?: Record<string, string>;
}

const moveClock = (body: unknown, as: 'admin' | 'officer' | null = 'admin') =>
  runtime.request(LOCAL_CLOCK_PATH, {
    method: 'POST',
    ...(as ? { as } : {}),
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function accepted(seed: number, actions: string[]): Promise<{ applicant: Applicant; app: AppJson }> {
  const applicant = await Applicant.create(runtime, seed);
  const app = await applicant.fileNew(['06-001']);
  await applicant.uploadAll(app.id);
  expect((await applicant.submit(app.id)).status).toBe(200);
  return { applicant, app: await reviewSteps(runtime, app.id, actions) };
}

describe('a runtime started with PERMIT_CLOCK=2026-02-10T09:00:00+08:00', () => {
  test('issues on the set clock, with a signing key valid from its start, and verifies on it', async () => {
    // Act
    const res = await runtime.request('/v1/certificates', { as: 'officer', ...jsonRequest(issueBody({ seed: 71 })) });
    const certificate = await readJson<CertificateJson & { validFrom: string; qr: { text: string } }>(res);
    const audit = await runtime.request(`/v1/certificates/${certificate.licenceNoUrlSafe}/audit`, { as: 'officer' });
    const verified = await fetch(certificate.qr.text, { headers: { accept: 'application/json' } });
    const verification = (await verified.json()) as { verdict: string; checkedAt: string };

    // Assess
    expect(res.status).toBe(201);
    expect(certificate).toMatchObject({ validFrom: '2026-02-10', validUntil: '2031-02-09', status: 'valid' });
    const events = ((await audit.json()) as { items: { at: string }[] }).items;
    expect(events.map((e) => localDateOf(new Date(e.at)))).toEqual(['2026-02-10']);
    expect(verification.verdict).toBe('valid');
    expect(localDateOf(new Date(verification.checkedAt))).toBe('2026-02-10');
    expect(Date.parse(verification.checkedAt)).toBeGreaterThanOrEqual(START.getTime());
  });

  test('checks tokens on real time', async () => {
    // Prepare: a token valid on 2026-02-10 (by the set clock), long expired in real time
    const validOnTheSetClock = await runtime.mintToken({ roles: ['officer'], now: START, ttlSeconds: 12 * 3600 });

    // Act
    const refused = await runtime.request('/v1/certificates?limit=1', {
      headers: { authorization: `Bearer ${validOnTheSetClock}` },
    });
    // …while the demo tokens, issued now in real time (after the set clock), are accepted
    const accepted = await runtime.request('/v1/certificates?limit=1', { as: 'officer' });

    // Assess
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/ERR_JWT_EXPIRED/);
    expect(accepted.status).toBe(200);
  });

  test('takes the carrier’s signed pushes, whose timestamps are real time: a paper copy issued on the set clock is delivered', async () => {
    // Prepare: the worker gets a waybill from the sandbox carrier
    const res = await runtime.request('/v1/certificates', {
      as: 'officer',
      ...jsonRequest(paperCopyBody({ seed: 74 })),
    });
    expect(res.status).toBe(201);
    const dispatchId = `DSP-${(await readJson<CertificateJson & { paperSerial: string }>(res)).paperSerial}`;
    const waybillNo = await vi.waitFor(
      async () => {
        const waybill = (await dispatchRepository().get(dispatchId))?.waybillNo;
        if (!waybill) throw new Error(`no waybill yet for ${dispatchId}`);
        return waybill;
      },
      { timeout: 20_000, interval: 50 },
    );

    // Act
    const delivered = await runtime.carrier.push(waybillNo, 'DELIVERED');

    // Assess
    expect(delivered.status).toBe(200);
    const dispatch = await dispatchRepository().get(dispatchId);
    expect(dispatch?.state).toBe('delivered');
    expect(localDateOf(new Date(dispatch?.requestedAt as string))).toBe('2026-02-10');
  });

  test('runs the sandbox webhook receiver on the set clock: a delivery stamped with real time is refused as a replay', async () => {
    // Prepare: the receiver the runtime started, with one named receiver
    const secret = webhookSecretOf(randomBytes(32));
    runtime.webhookReceiver.define('clocked', [secret]);
    const body = '{"type":"licence.status_changed","data":{"licenceNo":"(鄂)XK06-001-00001","sequence":1}}';
    const post = (id: string, at: Date) =>
      fetch(runtime.webhookReceiver.hookUrl('clocked'), {
        method: 'POST',
        headers: { ...webhookHeaders([secret], { id, timestamp: Math.floor(at.getTime() / 1000), body }) },
        body,
      });

    // Act
    const onTheSetClock = await post('evt_set_clock', runtime.clock?.now() ?? new Date());
    const onRealTime = await post('evt_real_time', new Date());

    // Assess
    expect([onTheSetClock.status, onRealTime.status]).toEqual([200, 401]);
    const received = runtime.webhookReceiver.receiver('clocked')?.deliveries ?? [];
    expect(received.map((d) => [d.webhookId, d.outcome])).toEqual([
      ['evt_set_clock', 'accepted'],
      ['evt_real_time', 'refused'],
    ]);
    expect(localDateOf(new Date(received[0]?.receivedAt as string))).toBe('2026-02-10');
    expect(runtime.webhookReceiver.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test('an application accepted on 2026-02-10 is due on 2026-02-28 (a Saturday worked for the Spring Festival), overdue once that day has passed', async () => {
    // Prepare: wires and cables (06-001), post-issuance review: accept starts 9 working days
    const { applicant, app } = await accepted(72, ['accept']);
    expect(app).toMatchObject({ procedure: 'post-issuance-review', state: 'accepted', acceptedOn: '2026-02-10' });
    expect(app.deadline).toMatchObject({ workingDays: 9, dueOn: '2026-02-28', provisional: false, overdue: false });

    // Act: the last minutes of the due day, then the next morning
    const lastDay = await moveClock({ to: '2026-02-28T23:59:00+08:00' });
    const onTheDay = (await (await applicant.get(app.id)).json()) as AppJson;
    const overdueListOnTheDay = await runtime.request('/v1/applications?overdue=true', { as: 'reviewer' });
    const nextMorning = await moveClock({ to: '2026-03-01T09:00:00+08:00' });
    const afterwards = (await (await applicant.get(app.id)).json()) as AppJson;
    const overdueList = await runtime.request('/v1/applications?overdue=true', { as: 'reviewer' });

    // Assess
    expect(lastDay.status).toBe(200);
    expect(onTheDay.deadline).toMatchObject({ dueOn: '2026-02-28', overdue: false });
    const idsOnTheDay = ((await overdueListOnTheDay.json()) as { items: AppJson[] }).items.map((a) => a.id);
    expect(idsOnTheDay).not.toContain(app.id);
    expect(await nextMorning.json()).toMatchObject({ set: true, today: '2026-03-01' });
    expect(afterwards.deadline).toMatchObject({ dueOn: '2026-02-28', overdue: true });
    const overdue = ((await overdueList.json()) as { items: AppJson[] }).items.find((a) => a.id === app.id);
    expect(overdue?.deadline).toMatchObject({ dueOn: '2026-02-28', overdue: true });
  });

  test('moving the clock runs the scheduled jobs: a post-issuance review past its due date is marked overdue', async () => {
    // Prepare: issued today (2026-03-01): an on-site review is due within a month
    const { app } = await accepted(73, ['accept', 'pass-formal-review']);
    expect(app).toMatchObject({ state: 'issued', outcome: { on: '2026-03-01' } });
    const due = await runtime.request('/v1/inspections?state=due', { as: 'reviewer' });
    const review = ((await due.json()) as { items: { applicationId: string; dueOn: string }[] }).items.find(
      (i) => i.applicationId === app.id,
    );
    expect(review?.dueOn).toBe('2026-04-01');

    // Act: five weeks later
    const moved = await moveClock({ advance: 'P5W' });
    const overdue = await runtime.request('/v1/inspections?state=overdue', { as: 'reviewer' });

    // Assess
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as ClockJson).jobs).toMatchObject({ 'inspections-overdue': 'ok' });
    const ids = ((await overdue.json()) as { items: { applicationId: string }[] }).items.map((i) => i.applicationId);
    expect(ids).toContain(app.id);
  });
});

describe(`${LOCAL_CLOCK_PATH}`, () => {
  test('shows the clock to anyone, and never moves it backwards', async () => {
    // Prepare
    const before = (await (await runtime.request(LOCAL_CLOCK_PATH)).json()) as ClockJson;

    // Act
    const backwards = await moveClock({ to: '2026-02-11T09:00:00+08:00' });
    const after = (await (await runtime.request(LOCAL_CLOCK_PATH)).json()) as ClockJson;

    // Assess
    expect(before).toMatchObject({ set: true, start: shanghaiInstant(START) });
    expect(backwards.status).toBe(409);
    expect(await backwards.json()).toMatchObject({ code: 'CLOCK_BACKWARDS' });
    expect(Date.parse(after.now)).toBeGreaterThanOrEqual(Date.parse(before.now));
  });

  test('moves it for an admin only, on a valid request', async () => {
    // Act
    const noToken = await moveClock({ advance: 'PT1H' }, null);
    const officer = await moveClock({ advance: 'PT1H' }, 'officer');
    const invalid = await Promise.all(
      [{ advance: 'P1M' }, {}, { advance: 'PT1H', to: '2030-01-01T00:00:00Z' }, 'not json', { to: '2030-01-01' }].map(
        (body) => moveClock(body),
      ),
    );
    const before = Date.parse(((await (await runtime.request(LOCAL_CLOCK_PATH)).json()) as ClockJson).now);
    const hourLater = await moveClock({ advance: 'PT1H' });

    // Assess
    expect(noToken.status).toBe(401);
    expect(officer.status).toBe(403);
    expect(invalid.map((r) => r.status)).toEqual([400, 400, 400, 400, 400]);
    expect(await invalid[0]?.json()).toMatchObject({ code: 'CLOCK_ADVANCE_INVALID' });
    expect(await invalid[4]?.json()).toMatchObject({ code: 'INSTANT_INVALID' });
    const moved = Date.parse(((await hourLater.json()) as ClockJson).now);
    expect(moved - before).toBeGreaterThanOrEqual(3_600_000);
    expect(moved - before).toBeLessThan(3_600_000 + 60_000);
  });

  test('is the local gateway’s own: no function route and no OpenAPI path', async () => {
    const openapi = (await (await runtime.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths).filter((p) => p.includes('_local'))).toEqual([]);
    expect(allRoutes().filter((r) => r.path.includes('_local'))).toEqual([]);
  });
});
