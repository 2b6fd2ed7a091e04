/**
 * List cursors through the gateway, for every route in `lambdas/functions.ts` whose contract has a `cursor` query
 * parameter: a genuine cursor pages through the whole list; an edited one, one replayed on another route, by
 * another caller or with other filters, and a raw DynamoDB key are all `400 INVALID_CURSOR` — never a 500, never a
 * page. A new list route must add its sample request below, or the coverage test fails.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inspectionDeps } from '../../../lambdas/composition/applications';
import { localDateOf } from '../../../lambdas/domain/dates';
import { Inspection } from '../../../lambdas/domain/inspection';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import { functions } from '../../../lambdas/functions';
import { Applicant, reviewSteps } from '../../support/applications';
import { type CertificateJson, issueBody, jsonRequest, readJson } from '../../support/certificates';
import { type DispatchJson, paperCopyBody } from '../../support/dispatch';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';
import { createPlan, planStep, registerInspector } from '../../support/supervision-api';

let runtime: TestRuntime;

/** What the samples need: tokens and the records the setup created. */
interface World {
  readonly officer: string;
  readonly officer2: string;
  readonly reviewer: string;
  readonly admin: string;
  readonly admin2: string;
  /** A webhook subscription with two test deliveries, and another with none. */
  readonly subscription: string;
  readonly otherSubscription: string;
  /** The demo enterprise: one licence in two versions, two parcels. */
  readonly enterprise: string;
  /** An enterprise with two draft applications. */
  readonly applicant: string;
  /** An enterprise with nothing of its own. */
  readonly stranger: string;
  readonly licence: string;
  readonly otherLicence: string;
  readonly parcelMonth: string;
}

interface Sample {
  /** The first page's path (without `limit` or `cursor`). */
  readonly path: string;
  readonly token: string;
  /** Another caller allowed on the route; none for a public list (no caller to bind a cursor to: anyone may page). */
  readonly otherCaller?: string;
  /** The same route with other filters or path parameters, when it has any. */
  readonly otherFilters?: string;
  /** The same query spelled differently (a default written out, parameters reordered): cursors carry over. */
  readonly equivalent?: string;
  /** Items the list holds at least. */
  readonly atLeast: number;
}

/** One sample request per paginated route, by operationId. */
const SAMPLES: Readonly<Record<string, (w: World) => Sample>> = {
  listCertificates: (w) => ({
    path: '/v1/certificates',
    token: w.officer,
    otherCaller: w.officer2,
    otherFilters: '/v1/certificates?status=valid',
    atLeast: 4,
  }),
  listMyCertificates: (w) => ({
    path: '/v1/me/certificates',
    token: w.enterprise,
    otherCaller: w.stranger,
    atLeast: 1,
  }),
  listCertificateAudit: (w) => ({
    path: `/v1/certificates/${w.licence}/audit`,
    token: w.officer,
    otherCaller: w.admin,
    otherFilters: `/v1/certificates/${w.otherLicence}/audit`,
    atLeast: 2,
  }),
  listMyDispatches: (w) => ({ path: '/v1/me/dispatches', token: w.enterprise, otherCaller: w.stranger, atLeast: 2 }),
  listDispatches: (w) => ({
    path: `/v1/dispatches?state=pending&month=${w.parcelMonth}`,
    token: w.officer,
    otherCaller: w.reviewer,
    otherFilters: `/v1/dispatches?state=pending&month=2020-01`,
    equivalent: `/v1/dispatches?month=${w.parcelMonth}&state=pending`,
    atLeast: 2,
  }),
  listCertificateDispatches: (w) => ({
    path: `/v1/certificates/${w.licence}/dispatches`,
    token: w.officer,
    otherCaller: w.enterprise,
    otherFilters: `/v1/certificates/${w.otherLicence}/dispatches`,
    atLeast: 2,
  }),
  listMyApplications: (w) => ({ path: '/v1/me/applications', token: w.applicant, otherCaller: w.stranger, atLeast: 2 }),
  listApplications: (w) => ({
    path: '/v1/applications',
    token: w.officer,
    otherCaller: w.officer2,
    otherFilters: '/v1/applications?state=draft',
    atLeast: 4,
  }),
  listInspections: (w) => ({
    path: '/v1/inspections',
    token: w.reviewer,
    otherCaller: w.admin,
    otherFilters: '/v1/inspections?before=2099-12-31',
    equivalent: '/v1/inspections?state=due',
    atLeast: 2,
  }),
  listInspectors: (w) => ({ path: '/v1/supervision/inspectors', token: w.admin, otherCaller: w.officer, atLeast: 2 }),
  listWebhookDeliveries: (w) => ({
    path: `/v1/webhooks/subscriptions/${w.subscription}/deliveries`,
    token: w.admin,
    otherCaller: w.admin2,
    otherFilters: `/v1/webhooks/subscriptions/${w.otherSubscription}/deliveries`,
    atLeast: 2,
  }),
  listWebhookSubscriptions: (w) => ({
    path: '/v1/webhooks/subscriptions',
    token: w.admin,
    otherCaller: w.admin2,
    atLeast: 2,
  }),
  listInspectionObjects: (w) => ({
    path: '/v1/supervision/enterprises',
    token: w.officer,
    otherCaller: w.reviewer,
    otherFilters: '/v1/supervision/enterprises?category=06',
    atLeast: 3,
  }),
  listSupervisionPlans: (w) => ({ path: '/v1/supervision/plans', token: w.officer, otherCaller: w.admin, atLeast: 2 }),
  listPublicSupervisionPlans: (w) => ({ path: '/v1/public/supervision/plans', token: w.officer, atLeast: 2 }),
  listSpotCheckPublications: (w) => ({
    path: '/v1/inspections/publications',
    token: w.officer,
    otherCaller: w.reviewer,
    otherFilters: '/v1/inspections/publications?state=overdue',
    equivalent: '/v1/inspections/publications?state=pending',
    atLeast: 2,
  }),
};

/** Deliberately not the production predicate, so a broken `isPaginated` cannot hide a route from this walk. */
const PAGINATED = functions
  .flatMap((f) => f.routes ?? [])
  .filter((r) => r.request?.query !== undefined && 'cursor' in r.request.query.shape)
  // The API's lists (bearer tokens): the console's pages page with the same use cases and cursors behind a session
  // cookie, tested in test/integration/console; the public plan pages' cursors in test/integration/supervision.
  .filter((r) => !r.path.startsWith('/console/') && r.responses[200]?.contentType !== 'text/html')
  .map((r) => r.operationId);

let world: World;
const sample = (operationId: string): Sample => (SAMPLES[operationId] as (w: World) => Sample)(world);

const withPage = (path: string, page: { limit?: number; cursor?: string }): string => {
  const params = [
    ...(page.limit !== undefined ? [`limit=${page.limit}`] : []),
    ...(page.cursor !== undefined ? [`cursor=${encodeURIComponent(page.cursor)}`] : []),
  ];
  return params.length === 0 ? path : `${path}${path.includes('?') ? '&' : '?'}${params.join('&')}`;
};

const get = (path: string, token: string): Promise<Response> =>
  fetch(`${runtime.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });

interface PageJson {
  items: unknown[];
  cursor?: string;
}

async function page(path: string, token: string, limit?: number, cursor?: string): Promise<PageJson> {
  const res = await get(withPage(path, { ...(limit ? { limit } : {}), ...(cursor ? { cursor } : {}) }), token);
  expect(res.status, `${path}: ${res.status}`).toBe(200);
  return readJson<PageJson>(res);
}

/** The first page's cursor (one item a page, so there is always one while the list holds an item). */
async function firstCursor(s: Sample): Promise<string> {
  const cursor = (await page(s.path, s.token, 1)).cursor;
  expect(cursor, `${s.path} gave no cursor`).toEqual(expect.any(String));
  return cursor as string;
}

async function expectInvalidCursor(res: Response, what: string): Promise<void> {
  expect(res.status, what).toBe(400);
  expect(await res.json(), what).toMatchObject({ code: 'INVALID_CURSOR', status: 400 });
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** The cursor with the character at `index` replaced by another base64url character. */
const flip = (cursor: string, index: number): string => {
  const c = cursor[index] as string;
  const other = B64URL[(B64URL.indexOf(c) + 1 + (index % 61)) % 64] as string;
  return `${cursor.slice(0, index)}${other}${cursor.slice(index + 1)}`;
};

const rawKey = (key: Record<string, unknown>): string => Buffer.from(JSON.stringify(key)).toString('base64url');

beforeAll(async () => {
  runtime = await startTestRuntime({ pollers: false, schedules: false });
  // The demo enterprise: one licence, a second version adding a product, a parcel for each (left pending).
  const issued: CertificateJson[] = [];
  for (const products of [['06-001'], ['05-001']]) {
    const res = await runtime.request('/v1/certificates', {
      as: 'officer',
      ...jsonRequest({ ...paperCopyBody({ demo: true }), products }),
    });
    expect(res.status).toBe(201);
    issued.push(await readJson(res));
  }
  const other = await runtime.request('/v1/certificates', { as: 'officer', ...jsonRequest(issueBody({ seed: 51 })) });
  expect(other.status).toBe(201);
  // Two drafts of one enterprise; two food-related applications issued at their formal review (two reviews due).
  const applicant = await Applicant.create(runtime, 52);
  await applicant.fileNew(['06-001']);
  await applicant.fileNew(['05-001']);
  for (const [seed, product] of [
    [53, '16-204'],
    [54, '16-205'],
  ] as const) {
    const food = await Applicant.create(runtime, seed);
    const app = await food.fileNew([product]);
    await food.uploadAll(app.id);
    expect((await food.submit(app.id)).status).toBe(200);
    await reviewSteps(runtime, app.id, ['accept', 'pass-formal-review']);
  }
  // Two spot checks of the other licence with results recorded, awaiting publication.
  const otherCert = await readJson<CertificateJson>(other.clone());
  const today = localDateOf(new Date());
  for (const position of [1, 2]) {
    const check = Inspection.scheduleSpotCheck({
      id: `INSP-PLAN-20261205-CURSORS001-0000${position}`,
      plan: { id: 'PLAN-20261205-CURSORS001', name: '游标测试抽查计划' },
      licenceNo: LicenceNumber.parse(otherCert.licenceNo),
      uscc: otherCert.enterprise.uscc,
      enterpriseName: otherCert.enterprise.name,
      team: ['INS-7K2M9QXA', 'INS-Q4W8E2RT'],
      scheduledOn: today,
      dueOn: today,
      at: new Date(),
    });
    await inspectionDeps().inspections.create(check.toSnapshot());
    const recorded = await runtime.request(`/v1/inspections/${check.toSnapshot().id}/result`, {
      as: 'reviewer',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'pass', checkedOn: today }),
    });
    expect(recorded.status).toBe(200);
  }
  // Two inspectors (of another district than the licences') and two frozen plans over the cables (06) licences.
  for (const id of ['CUR-1', 'CUR-2']) await registerInspector(runtime, { id, district: '420600' });
  for (const name of ['游标测试计划甲', '游标测试计划乙']) {
    const plan = await createPlan(runtime, {
      name,
      sample: { kind: 'count', count: 1 },
      entropy: { source: '游标测试随机源', date: localDateOf(new Date()), format: 'decimal' },
    });
    expect((await planStep(runtime, plan.id, 'freeze')).status).toBe(200);
  }
  // Two webhook subscriptions; two test events for the first one's delivery log.
  const subscriptions: string[] = [];
  for (const n of [1, 2]) {
    const registered = await runtime.request('/v1/webhooks/subscriptions', {
      as: 'admin',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: `https://hooks${n}.example.cn/permit`, events: ['licence.status_changed'] }),
    });
    expect(registered.status).toBe(201);
    subscriptions.push(((await registered.json()) as { subscription: { id: string } }).subscription.id);
  }
  for (const _ of [1, 2]) {
    const sent = await runtime.request(`/v1/webhooks/subscriptions/${subscriptions[0]}/test`, {
      as: 'admin',
      method: 'POST',
    });
    expect(sent.status).toBe(202);
  }
  const parcels = await page('/v1/me/dispatches', runtime.tokens.enterprise);
  const requestedAt = (parcels.items[0] as DispatchJson).requestedAt;
  world = {
    officer: runtime.tokens.officer,
    officer2: await runtime.mintToken({ roles: ['officer'], subject: 'officer-2', name: '另一位发证员' }),
    reviewer: runtime.tokens.reviewer,
    admin: runtime.tokens.admin,
    admin2: await runtime.mintToken({ roles: ['admin'], subject: 'admin-2', name: '另一位管理员' }),
    subscription: subscriptions[0] as string,
    otherSubscription: subscriptions[1] as string,
    enterprise: runtime.tokens.enterprise,
    applicant: applicant.token,
    stranger: (await Applicant.create(runtime, 55)).token,
    licence: (issued[0] as CertificateJson).licenceNoUrlSafe,
    otherLicence: (await readJson<CertificateJson>(other)).licenceNoUrlSafe,
    // The month in Asia/Shanghai (UTC+8, no daylight saving), as the dispatch index keys it.
    parcelMonth: new Date(Date.parse(requestedAt) + 8 * 3_600_000).toISOString().slice(0, 7),
  };
}, 180_000);
afterAll(() => runtime?.stop());

test('every paginated route in lambdas/functions.ts has a sample request here', () => {
  expect(PAGINATED.length).toBeGreaterThanOrEqual(9);
  expect(PAGINATED.filter((id) => !(id in SAMPLES))).toEqual([]);
  expect(Object.keys(SAMPLES).filter((id) => !PAGINATED.includes(id))).toEqual([]);
});

describe.each(PAGINATED)('%s', (operationId) => {
  test('a genuine cursor pages through the whole list, one item a page; it is opaque, URL-safe and short', async () => {
    // Prepare
    const s = sample(operationId);
    const all = (await page(s.path, s.token, 100)).items;
    // Act
    const walked: unknown[] = [];
    const cursors: string[] = [];
    let cursor: string | undefined;
    do {
      const next = await page(s.path, s.token, 1, cursor);
      walked.push(...next.items);
      cursor = next.cursor;
      if (cursor) cursors.push(cursor);
    } while (cursor && cursors.length <= all.length + 1);
    // Assess
    expect(all.length).toBeGreaterThanOrEqual(s.atLeast);
    expect(walked).toEqual(all);
    for (const c of cursors) {
      expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(c.length).toBeLessThanOrEqual(2048);
      // Our table's keys are not readable in it (a raw position is JSON naming `pk`, `sk` and an index's keys).
      expect(Buffer.from(c, 'base64url').toString('latin1')).not.toMatch(/"pk"|"sk"|gsi\dpk|#HEAD|CERT#|ENT#/);
    }
  });

  test('the next page may ask for another page size; an equivalent spelling of the query takes the cursor', async () => {
    const s = sample(operationId);
    const cursor = await firstCursor(s);
    expect((await get(withPage(s.path, { limit: 7, cursor }), s.token)).status).toBe(200);
    if (s.equivalent) expect((await get(withPage(s.equivalent, { limit: 1, cursor }), s.token)).status).toBe(200);
  });

  test('an edited cursor is 400 INVALID_CURSOR: any character changed, cut short, lengthened', async () => {
    const s = sample(operationId);
    const cursor = await firstCursor(s);
    const positions = [0, 1, 2, 5, 8, 20, Math.floor(cursor.length / 2), cursor.length - 2, cursor.length - 1];
    const edited = [
      ...positions.map((i) => flip(cursor, i)),
      cursor.slice(0, -1),
      cursor.slice(0, -4),
      `${cursor}A`,
      `${cursor}AAAA`,
      'A',
      'bm90LWEta2V5',
    ];
    for (const bad of edited) {
      await expectInvalidCursor(await get(withPage(s.path, { limit: 1, cursor: bad }), s.token), bad);
    }
  });

  test('a raw DynamoDB key (the old cursor format) is 400, whatever it holds', async () => {
    const s = sample(operationId);
    const keys = [
      { pk: 'CERT#42-XK06-001-00001', sk: '#HEAD', gsi3pk: 'CERTS', gsi3sk: '2026-01-01' },
      { pk: 'CERT#42-XK06-001-00001', sk: 5 },
      { pk: 'x', sk: 'y', evil: 'z' },
      { gsi1pk: 'ENT#91420100MA4K0A0A1E' },
      {},
      [],
    ];
    for (const key of keys) {
      await expectInvalidCursor(
        await get(withPage(s.path, { cursor: rawKey(key as Record<string, unknown>) }), s.token),
        JSON.stringify(key),
      );
    }
  });

  test('replayed on any other list route: 400 INVALID_CURSOR', async () => {
    const cursor = await firstCursor(sample(operationId));
    for (const other of PAGINATED.filter((id) => id !== operationId)) {
      const target = sample(other);
      await expectInvalidCursor(await get(withPage(target.path, { cursor }), target.token), `on ${other}`);
    }
  });

  test('presented by another caller of the same route: 400 INVALID_CURSOR (a public list: the same page for anyone)', async () => {
    const s = sample(operationId);
    const cursor = await firstCursor(s);
    if (!s.otherCaller) {
      const route = functions.flatMap((f) => f.routes ?? []).find((r) => r.operationId === operationId);
      expect(route?.access).toBe('public');
      const anyone = await fetch(`${runtime.baseUrl}${withPage(s.path, { cursor })}`);
      expect(anyone.status).toBe(200);
      return;
    }
    await expectInvalidCursor(await get(withPage(s.path, { cursor }), s.otherCaller), 'another caller');
  });

  test('with other filters or another path parameter: 400 INVALID_CURSOR (or the route has none)', async () => {
    const s = sample(operationId);
    if (!s.otherFilters) {
      const route = functions.flatMap((f) => f.routes ?? []).find((r) => r.operationId === operationId);
      const filters = Object.keys(route?.request?.query?.shape ?? {}).filter((k) => k !== 'cursor' && k !== 'limit');
      expect([...filters, ...Object.keys(route?.request?.params?.shape ?? {})]).toEqual([]);
      return;
    }
    const cursor = await firstCursor(s);
    await expectInvalidCursor(await get(withPage(s.otherFilters, { cursor }), s.token), s.otherFilters);
  });
});
