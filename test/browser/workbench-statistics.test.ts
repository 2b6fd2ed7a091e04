/**
 * The workbench's statistics page in Debian's Chromium, through the runtime `npm start` runs: applications filed,
 * reviewed and issued through the API, two certificates mailed (one parcel delivered by a signed carrier push), then
 * the runtime's clock moved five weeks on (the reviews of the issued licences fall overdue) and one more application
 * received. A reviewer reaches 统计 from the staff navigation with the keyboard alone, and every chart on the page
 * matches its table: each bar's `data-value` is the table's cell, and its drawn width (`getBBox`) is proportional to
 * its value on the chart's one scale. The period is chosen in the plain GET form with JavaScript off and sent with
 * the keyboard (Tab to 查看, Enter). axe finds nothing at 1280 px, at 360 px, with large text and in English; nothing scrolls sideways at 360 px
 * (large text included); the print stylesheet leaves the form out. Screenshots go to /tmp/shots-w13d/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Applicant, reviewSteps } from '../support/applications';
import { type CertificateJson, jsonRequest, readJson } from '../support/certificates';
import { paperCopyBody, waybillAfterRelay } from '../support/dispatch';
import { consoleSuite, h1, pathOf, signIn } from './support/console';

const SHOTS = '/tmp/shots-w13d';
const STATISTICS = '/console/workbench/statistics';
const suite = consoleSuite({ shots: SHOTS, context: { locale: 'zh-CN' } });

/** The API's steps that make the figures (the runtime's clock at the suite's start, then five weeks on). */
async function seed(): Promise<void> {
  const runtime = suite.runtime;
  const received = async (seedNo: number, products: string[]): Promise<string> => {
    const applicant = await Applicant.create(runtime, seedNo);
    const app = await applicant.fileNew(products);
    await applicant.uploadAll(app.id);
    expect((await applicant.submit(app.id)).status).toBe(200);
    return app.id;
  };
  await reviewSteps(runtime, await received(601, ['06-001']), ['accept', 'pass-formal-review']);
  await reviewSteps(runtime, await received(602, ['16-204']), ['accept', 'pass-formal-review']);
  await reviewSteps(runtime, await received(603, ['06-001']), ['accept']);
  await received(604, ['16-205']);
  const parcels: string[] = [];
  for (const seedNo of [611, 612]) {
    const res = await runtime.request('/v1/certificates', {
      as: 'officer',
      ...jsonRequest(paperCopyBody({ seed: seedNo })),
    });
    expect(res.status).toBe(201);
    parcels.push(await waybillAfterRelay(`DSP-${(await readJson<CertificateJson>(res)).paperSerial}`));
  }
  expect((await runtime.carrier.push(parcels[0] as string, 'DELIVERED')).status).toBe(200);
  const moved = await runtime.request('/_local/clock', {
    method: 'POST',
    as: 'admin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advance: 'P35D' }),
  });
  expect(moved.status).toBe(200);
  await received(605, ['06-001']);
}

interface DrawnBar {
  readonly label: string;
  readonly series: string | null;
  readonly value: string;
  /** The drawn rect's width in the SVG's units (`getBBox`), or null when nothing is drawn. */
  readonly width: number | null;
}

/** Every bar of one chart as the browser draws it. */
const barsOf = (page: Page, id: string): Promise<DrawnBar[]> =>
  page.evaluate(
    `[...document.querySelectorAll('#${id}-chart svg g.chart__bar')].map((g) => { const r = g.querySelector('rect'); return { label: g.getAttribute('data-label'), series: g.getAttribute('data-series'), value: g.getAttribute('data-value'), width: r ? r.getBBox().width : null }; })`,
  ) as Promise<DrawnBar[]>;

/** Every body row of a table: its cells' text. */
const rowsOf = (page: Page, id: string): Promise<string[][]> =>
  page.evaluate(
    `[...document.querySelectorAll('#${id} tbody tr')].map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent.trim()))`,
  ) as Promise<string[][]>;

/** The bars lie on one scale: width ÷ value is the same for every bar drawn; a zero or missing value draws nothing. */
function expectProportional(bars: readonly DrawnBar[], name: string): void {
  const drawn = bars.filter((b) => Number(b.value) > 0);
  expect(drawn.length, `${name}: some bar is drawn`).toBeGreaterThan(0);
  const unit = (drawn[0]?.width ?? 0) / Number(drawn[0]?.value);
  for (const b of drawn)
    expect(b.width, `${name}: ${b.label} ${b.series ?? ''}`).toBeCloseTo(Number(b.value) * unit, 1);
  for (const b of bars.filter((x) => !(Number(x.value) > 0))) expect(b.width, `${name}: ${b.label}`).toBeNull();
}

beforeAll(seed, 180_000);

describe('the statistics page', () => {
  it('a reviewer reaches it from the staff navigation with the keyboard alone', async () => {
    // Prepare
    const page = await suite.openPage();
    await signIn(page, suite.runtime.baseUrl, 'reviewer', '/console/workbench');

    // Act: Tab until the navigation's 统计 link has focus, then Enter
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const focused = (await page.evaluate('document.activeElement.getAttribute("href")')) as string | null;
      if (focused === STATISTICS) break;
    }
    await Promise.all([page.waitForURL((u) => u.pathname === STATISTICS), page.keyboard.press('Enter')]);

    // Assess
    expect(await h1(page)).toBe('统计');
    expect(await page.locator(`.site-nav a[href="${STATISTICS}"]`).getAttribute('aria-current')).toBe('page');
  });

  it('every chart matches its table: the values, and bar lengths proportional to them', async () => {
    // Prepare
    const page = await suite.openPage();
    await signIn(page, suite.runtime.baseUrl, 'officer', STATISTICS);

    // Act
    const weekly = await barsOf(page, 'weekly');
    const weeklyRows = await rowsOf(page, 'weekly-table');
    const median = await barsOf(page, 'median');
    const medianCells = (await page.evaluate(
      `[...document.querySelectorAll('#median-table tbody td[data-value]')].map((c) => c.getAttribute('data-value'))`,
    )) as string[];
    const overdue = await barsOf(page, 'overdue');
    const overdueRows = await rowsOf(page, 'overdue-table');
    const dispatches = await barsOf(page, 'dispatches');
    const dispatchRows = await rowsOf(page, 'dispatches-table');
    const share = await barsOf(page, 'within-limit');
    const shareCell = await page
      .locator('#within-limit-table tr[data-row="period"] td[data-share]')
      .getAttribute('data-share');

    // Assess: applications per week — three segments a row (告知承诺, 后置现场审查, 一般程序), as the table's columns
    expect(weeklyRows).toHaveLength(12);
    expect(weekly.map((b) => b.value)).toEqual(weeklyRows.flatMap((r) => r.slice(2, 5)));
    expect(weekly.reduce((n, b) => n + Number(b.value), 0)).toBe(5);
    expectProportional(weekly, 'weekly');
    // Share within the limit, median days, overdue reviews, dispatch states
    expect(share.map((b) => b.value)).toEqual([shareCell ?? '']);
    expect(median.map((b) => b.value)).toEqual(medianCells);
    expect(median.filter((b) => b.value !== '').length).toBeGreaterThan(0);
    expect(overdue.map((b) => b.value)).toEqual(overdueRows.map((r) => r[1]));
    expect(overdue.reduce((n, b) => n + Number(b.value), 0)).toBe(2);
    expectProportional(overdue, 'overdue');
    expect(dispatches.map((b) => b.value)).toEqual(dispatchRows.map((r) => r.at(-1)));
    expect(dispatches.map((b) => b.label)).toEqual(dispatchRows.map((r) => r[0]));
    expectProportional(dispatches, 'dispatches');
    expect(await page.locator('p.stats-overdue').textContent()).toContain('今日有 2 项核查逾期');
    await suite.look(page, 'statistics');
  });

  it('the period is chosen in the plain form with JavaScript off and sent with the keyboard', async () => {
    // Prepare
    const page = await suite.openPage({ javaScriptEnabled: false });
    await signIn(page, suite.runtime.baseUrl, 'admin', STATISTICS);
    // The form shows the period drawn: this week's Sunday as its end (the clock moved to 2027-W01 or later).
    expect((await page.locator('#period-to').getAttribute('value')) ?? '').toMatch(/^20\d\d-\d\d-\d\d$/);

    // Act: the dates set as a date picker sets them (Chromium's date fields take typed digits in the order of the
    // browser's own locale, not the page's), then Tab from 结束日期 to 查看 and press Enter
    await page.locator('#period-from').fill('2026-11-30');
    await page.locator('#period-to').fill('2026-12-13');
    await page.locator('#period-to').focus();
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate('document.activeElement.textContent.trim()')) === '查看') break;
    }
    await Promise.all([page.waitForURL((u) => u.searchParams.has('from')), page.keyboard.press('Enter')]);

    // Assess: whole ISO weeks 2026-W49 and W50
    const url = new URL(page.url());
    expect([url.searchParams.get('from'), url.searchParams.get('to')]).toEqual(['2026-11-30', '2026-12-13']);
    expect((await rowsOf(page, 'weekly-table')).map((r) => r[0])).toEqual(['2026-W49', '2026-W50']);
    await suite.look(page, 'statistics-period-no-js');

    // Act: a period that ends before it starts
    await page.goto(`${suite.runtime.baseUrl}${STATISTICS}?from=2026-12-13&to=2026-11-30`);

    // Assess: the form again, the reason beside 结束日期 and the field marked invalid
    expect(await page.locator('#period-to').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#period-to-error').textContent()).toContain('结束日期不得早于开始日期');
    await suite.look(page, 'statistics-period-refused');
  });

  it('reads in large text and in English at 360 px without sideways scrolling; prints without the form', async () => {
    // Prepare
    const page = await suite.openPage();
    await signIn(page, suite.runtime.baseUrl, 'reviewer', STATISTICS);

    // Act / Assess: large text
    await page.goto(`${suite.runtime.baseUrl}${STATISTICS}?text=large`);
    await page.waitForURL((u) => u.pathname === STATISTICS && !u.search);
    expect(await page.evaluate('document.documentElement.classList.contains("large")')).toBe(true);
    await suite.look(page, 'statistics-large');

    // Act / Assess: English, large text still on
    await page.goto(`${suite.runtime.baseUrl}${STATISTICS}?lang=en`);
    await page.waitForURL((u) => u.pathname === STATISTICS && !u.search);
    expect(await h1(page)).toBe('Statistics');
    expect(await page.locator('#weekly-title').textContent()).toBe('Applications received per week, by procedure');
    await suite.look(page, 'statistics-en-large');

    // Act / Assess: print
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.stats-period').isVisible()).toBe(false);
    expect(await page.locator('#weekly-chart svg.chart__svg').isVisible()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'statistics-print.png'), fullPage: true });
    expect(pathOf(page)).toBe(STATISTICS);
  });
});
