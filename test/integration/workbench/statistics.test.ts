/**
 * The statistics page through the local runtime, on a manual clock: applications filed, submitted, reviewed and
 * issued through the API, certificates issued with paper copies (their parcels given a waybill by the worker, one
 * delivered by a signed carrier push), reviews left past their due date — then `GET /v1/stats` for a period answers
 * the figures those steps imply, the page a reviewer opens shows the same numbers in its tables and charts (the same
 * use case), the page stays under 60 KB as the browser receives it (compressed), and a period the use case refuses is
 * the form again (400) with the reason beside its field — the API answering the same code.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { Applicant, reviewSteps } from '../../support/applications';
import { type CertificateJson, jsonRequest, readJson } from '../../support/certificates';
import { consoleHttp, type Jar } from '../../support/console/http';
import { paperCopyBody, waybillAfterRelay } from '../../support/dispatch';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;
const clock = new ManualClock('2026-11-23T10:00:00+08:00');
const { get, signIn } = consoleHttp(() => runtime.baseUrl);

/** The period every assertion reads: 2026-W48 (23 Nov) to 2026-W53 (28 Dec – 3 Jan). */
const PERIOD = 'from=2026-11-23&to=2026-12-28';

interface StatsJson {
  today: string;
  period: {
    from: string;
    to: string;
    applicationsByWeek: { week: string; byProcedure: Record<string, number>; total: number }[];
    issued: {
      total: number;
      medianWorkingDaysToIssue: number | null;
      byProcedure: Record<string, { issued: number; medianWorkingDaysToIssue: number | null }>;
      postIssuanceReview: { issued: number; withinLimit: number; share: number | null };
    };
    overdueInspections: { total: number; byDueWeek: { week: string; count: number }[]; dueBefore: number };
    dispatches: { total: number; byState: Record<string, number>; byMonth: { month: string; total: number }[] };
  };
}

/** A new application for `products` by enterprise `seed`, filed with its documents and (unless `draft`) submitted. */
async function received(seed: number, products: string[], draft = false): Promise<string> {
  const applicant = await Applicant.create(runtime, seed);
  const app = await applicant.fileNew(products);
  await applicant.uploadAll(app.id);
  if (!draft) expect((await applicant.submit(app.id)).status).toBe(200);
  return app.id;
}

/** A certificate issued with a paper copy; returns its parcel's id once the worker recorded its waybill. */
async function mailed(seed: number): Promise<{ id: string; waybillNo: string }> {
  const res = await runtime.request('/v1/certificates', { as: 'officer', ...jsonRequest(paperCopyBody({ seed })) });
  expect(res.status).toBe(201);
  const id = `DSP-${(await readJson<CertificateJson>(res)).paperSerial}`;
  return { id, waybillNo: await waybillAfterRelay(id) };
}

/**
 * The page's bytes as a browser receives them (`Accept-Encoding: br, gzip`), not decompressed — `fetch` would undo
 * the compression.
 */
function transferred(path: string, jar: Jar): Promise<{ bytes: number; encoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${runtime.baseUrl}${path}`,
      { headers: { cookie: jar.header(), 'accept-encoding': 'br, gzip' } },
      (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.byteLength;
        });
        res.on('end', () => resolve({ bytes, encoding: res.headers['content-encoding'] }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The text of every cell of a table's body rows (by its id), tags stripped. */
function tableRows(page: string, id: string): string[][] {
  const table = new RegExp(`<table class="table" id="${id}">([\\s\\S]*?)</table>`).exec(page)?.[1] ?? '';
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) =>
      (c[1] ?? '').replace(/<[^>]+>/g, '').trim(),
    ),
  );
}

/** `data-value` of every drawn bar of one chart, in order (`series/label=value` for stacked segments). */
function chartValues(page: string, id: string): string[] {
  const svg = new RegExp(`<figure class="chart" id="${id}-chart">([\\s\\S]*?)</figure>`).exec(page)?.[1] ?? '';
  return [
    ...svg.matchAll(/<g class="chart__bar" data-label="[^"]*"(?: data-series="([^"]*)")? data-value="([^"]*)">/g),
  ].map((m) => (m[1] ? `${m[1]}=${m[2]}` : (m[2] ?? '')));
}

let stats: StatsJson;
let reviewer: Jar;

beforeAll(async () => {
  runtime = await startTestRuntime({ overrides: { clock }, schedules: false });

  // Week 48 (Monday 23 Nov): wires and cables issued at once (post-issuance review, in time), food packaging issued
  // at once (notification–commitment), wires received and still open, a draft never submitted.
  await reviewSteps(runtime, await received(901, ['06-001']), ['accept', 'pass-formal-review']);
  await reviewSteps(runtime, await received(902, ['16-204']), ['accept', 'pass-formal-review']);
  await received(903, ['06-001']);
  await received(904, ['06-001'], true);
  // Two certificates mailed: one parcel delivered, one waiting at the carrier with its label.
  const [first] = [await mailed(911), await mailed(912)];
  expect((await runtime.carrier.push(first?.waybillNo as string, 'DELIVERED')).status).toBe(200);

  // Week 49: wires accepted on Tuesday 1 Dec (due the 9th working day, Monday 14 Dec), issued a day late.
  clock.set('2026-12-01T10:00:00+08:00');
  const late = await received(905, ['06-001']);
  await reviewSteps(runtime, late, ['accept']);
  clock.set('2026-12-15T10:00:00+08:00');
  await reviewSteps(runtime, late, ['pass-formal-review']);

  // 28 Dec: the reviews of the week-48 licences (due 23 Dec) are past due; the nightly job has not run.
  clock.set('2026-12-28T10:00:00+08:00');
  stats = (await (await runtime.request(`/v1/stats?${PERIOD}`, { as: 'officer' })).json()) as StatsJson;
  reviewer = await signIn('reviewer', 'reviewer-demo');
}, 180_000);
afterAll(() => runtime?.stop());

describe('GET /v1/stats for a period', () => {
  test('applications received per week by procedure: the draft left out', () => {
    // Assess
    expect([stats.period.from, stats.period.to]).toEqual(['2026-11-23', '2027-01-03']);
    expect(stats.period.applicationsByWeek.map((w) => `${w.week}:${w.total}`)).toEqual([
      '2026-W48:3',
      '2026-W49:1',
      '2026-W50:0',
      '2026-W51:0',
      '2026-W52:0',
      '2026-W53:0',
    ]);
    expect(stats.period.applicationsByWeek[0]?.byProcedure).toEqual({
      'notification-commitment': 1,
      'post-issuance-review': 2,
      general: 0,
    });
  });

  test('issued in the period: how many, median working days, the share within the limit', () => {
    // Assess: 0 and 10 working days (1 Dec → 15 Dec) for wires; 0 for food packaging
    expect(stats.period.issued).toEqual({
      total: 3,
      medianWorkingDaysToIssue: 0,
      byProcedure: {
        'notification-commitment': { issued: 1, medianWorkingDaysToIssue: 0 },
        'post-issuance-review': { issued: 2, medianWorkingDaysToIssue: 5 },
        general: { issued: 0, medianWorkingDaysToIssue: null },
      },
      postIssuanceReview: { issued: 2, withinLimit: 1, share: 0.5 },
    });
  });

  test('overdue reviews by the week they fell due, and dispatch states by month', () => {
    // Assess
    expect(stats.today).toBe('2026-12-28');
    expect(stats.period.overdueInspections.total).toBe(2);
    expect(stats.period.overdueInspections.byDueWeek.find((w) => w.week === '2026-W52')?.count).toBe(2);
    expect(stats.period.dispatches.total).toBe(2);
    expect(stats.period.dispatches.byState).toMatchObject({ delivered: 1, 'label-created': 1, pending: 0 });
    expect(stats.period.dispatches.byMonth.map((m) => `${m.month}:${m.total}`)).toEqual([
      '2026-11:2',
      '2026-12:0',
      '2027-01:0',
    ]);
  });
});

describe('the statistics page', () => {
  test('shows the API’s figures: each table and each chart holds the same numbers as GET /v1/stats', async () => {
    // Act
    const res = await get(reviewer, `/console/workbench/statistics?${PERIOD}`);
    const page = await res.text();

    // Assess
    expect(res.status).toBe(200);
    expect(page).toContain('<h1>统计</h1>');
    const weekly = tableRows(page, 'weekly-table');
    expect(weekly.map((r) => [r[0], r[2], r[3], r[4], r[5]])).toEqual(
      stats.period.applicationsByWeek.map((w) => [
        w.week,
        String(w.byProcedure['notification-commitment']),
        String(w.byProcedure['post-issuance-review']),
        String(w.byProcedure.general),
        String(w.total),
      ]),
    );
    expect(chartValues(page, 'weekly')).toEqual(
      stats.period.applicationsByWeek.flatMap((w) =>
        ['notification-commitment', 'post-issuance-review', 'general'].map((p) => `${p}=${w.byProcedure[p]}`),
      ),
    );
    expect(chartValues(page, 'within-limit')).toEqual(['0.5']);
    expect(tableRows(page, 'within-limit-table')[0]?.slice(1)).toEqual(['2', '1', '50%']);
    expect(chartValues(page, 'median')).toEqual(['0', '5', '']);
    expect(tableRows(page, 'median-table').map((r) => r[1])).toEqual(['1', '2', '0']);
    expect(chartValues(page, 'overdue')).toEqual(stats.period.overdueInspections.byDueWeek.map((w) => String(w.count)));
    expect(page).toContain('今日有 2 项核查逾期。');
    expect(chartValues(page, 'dispatches')).toEqual(['0', '1', '0', '1', '0']);
    expect(tableRows(page, 'dispatches-table').map((r) => r.at(-1))).toEqual(['0', '1', '0', '1', '0']);
  });

  test('by default the last 12 weeks, as the API’s default; under 60 KB as transferred', async () => {
    // Act
    const page = await (await get(reviewer, '/console/workbench/statistics')).text();
    const api = (await (await runtime.request('/v1/stats', { as: 'reviewer' })).json()) as StatsJson;
    const size = await transferred('/console/workbench/statistics', reviewer);

    // Assess
    expect(api.period.applicationsByWeek).toHaveLength(12);
    expect(tableRows(page, 'weekly-table').map((r) => r[0])).toEqual(api.period.applicationsByWeek.map((w) => w.week));
    expect(size.encoding).toMatch(/^(br|gzip)$/);
    expect(size.bytes).toBeGreaterThan(1000);
    expect(size.bytes).toBeLessThanOrEqual(60 * 1024);
  });

  test('a period ending before it starts: the form again (400), the reason beside “to”; the API says the same', async () => {
    // Act
    const res = await get(reviewer, '/console/workbench/statistics?from=2026-12-01&to=2026-11-01');
    const page = await res.text();
    const api = await runtime.request('/v1/stats?from=2026-12-01&to=2026-11-01', { as: 'reviewer' });
    const notADate = await get(reviewer, '/console/workbench/statistics?from=2026-02-30');

    // Assess
    expect(res.status).toBe(400);
    expect(page).toMatch(
      /id="period-to" name="to" value="2026-11-01" aria-describedby="period-to-hint period-to-error" aria-invalid="true"/,
    );
    expect(page).toContain('统计期间的结束日期不得早于开始日期');
    expect(page).toContain('value="2026-12-01"');
    expect(page).not.toContain('class="chart"');
    expect(api.status).toBe(400);
    expect(await api.json()).toMatchObject({ code: 'STATS_PERIOD_INVALID' });
    expect(notADate.status).toBe(400);
    expect(await notADate.text()).toMatch(/id="period-from"[^>]*aria-invalid="true"/);
  });

  test('blank date fields are the defaults, as a form sent with nothing typed', async () => {
    // Act
    const res = await get(reviewer, '/console/workbench/statistics?from=&to=');

    // Assess
    expect(res.status).toBe(200);
    expect(tableRows(await res.text(), 'weekly-table')).toHaveLength(12);
  });
});
