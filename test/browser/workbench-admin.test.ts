import { describe, expect, it } from 'vitest';
import { type AppJson, Applicant, reviewSteps } from '../support/applications';
import { jsonRequest } from '../support/certificates';
import { paperCopyBody, waybillAfterRelay } from '../support/dispatch';
import { consoleSuite, h1, pathOf, signIn, tabTo } from './support/console';

const SHOTS = '/tmp/shots-w13c';
const suite = consoleSuite({ shots: SHOTS, context: { locale: 'zh-CN' } });

/** A wires-and-cables licence issued through the API: its post-issuance review is scheduled on issue. */
async function issueReviewed(seed: number): Promise<{ appId: string; licenceNo: string; inspectionId: string }> {
  const applicant = await Applicant.create(suite.runtime, seed);
  const app = await applicant.fileNew(['06-001']);
  await applicant.uploadAll(app.id);
  await applicant.submit(app.id);
  const done: AppJson = await reviewSteps(suite.runtime, app.id, ['accept', 'pass-formal-review']);
  return { appId: app.id, licenceNo: done.outcome?.licenceNo as string, inspectionId: `INSP-${app.id}` };
}

const certificateStatus = async (licenceNo: string): Promise<string> =>
  (
    (await (
      await suite.runtime.request(`/v1/certificates/${encodeURIComponent(licenceNo)}`, { as: 'officer' })
    ).json()) as { status: string }
  ).status;

describe('inspections: a reviewer records results', () => {
  it('finds the review due and records a failure with the keyboard alone; the licence is revoked', async () => {
    // Prepare
    const issued = await issueReviewed(1341);
    const page = await suite.openPage();
    await signIn(page, suite.runtime.baseUrl, 'reviewer', '/console/workbench/inspections');

    // Act: the list, then the review (by keyboard: Tab to its link, Enter)
    expect(pathOf(page)).toBe('/console/workbench/inspections');
    expect(await h1(page)).toBe('证后核查');
    await suite.look(page, 'inspections');
    await tabTo(page, `a[href="/console/workbench/inspections/${issued.inspectionId}"]`);
    await Promise.all([page.waitForURL((u) => u.pathname.endsWith(issued.inspectionId)), page.keyboard.press('Enter')]);
    await suite.look(page, 'inspection');
    await tabTo(page, '#f-outcome-pass');
    // Arrow keys move within a radio group: pass → rectify → fail.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#f-outcome-fail').isChecked()).toBe(true);
    await tabTo(page, '#f-findings');
    await page.keyboard.type('生产设备与申报不符');
    await tabTo(page, '#f-inspectors');
    await page.keyboard.type('张三');
    await page.keyboard.press('Enter');
    await page.keyboard.type('李四');
    await tabTo(page, 'button[type=submit].button--primary');
    await Promise.all([page.waitForURL((u) => u.searchParams.has('recorded')), page.keyboard.press('Enter')]);

    // Assess
    expect(await page.getByRole('status').textContent()).toContain('已录入核查结果');
    expect(await certificateStatus(issued.licenceNo)).toBe('revoked');
    await suite.look(page, 'inspections-recorded');
  });

  it('with JavaScript off: a refusal is shown beside its field, then a pass is recorded', async () => {
    // Prepare
    const issued = await issueReviewed(1342);
    const page = await suite.openPage({ javaScriptEnabled: false });
    await signIn(page, suite.runtime.baseUrl, 'reviewer', `/console/workbench/inspections/${issued.inspectionId}`);

    // Act: "rectify" with no date and no findings
    await page.getByLabel('限期整改', { exact: true }).check();
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: '提交结果' }).click(),
    ]);
    await page.waitForLoadState('load');

    // Assess
    expect(refused.status()).toBe(422);
    expect(await page.locator('[aria-invalid=true]').count()).toBeGreaterThan(0);
    expect(await page.locator('.field__error').count()).toBeGreaterThan(0);
    await suite.look(page, 'inspection-errors');

    // Act: pass it
    await page.getByLabel('合格', { exact: true }).check();
    await page.getByLabel('备注（合格时）').fill('现场核查符合要求');
    await Promise.all([
      page.waitForURL((u) => u.searchParams.has('recorded')),
      page.getByRole('button', { name: '提交结果' }).click(),
    ]);

    // Assess
    expect(await page.getByRole('status').textContent()).toContain('合格');
    expect(await certificateStatus(issued.licenceNo)).toBe('valid');
  });
});

describe('dispatches by state and month', () => {
  it('an officer chooses the state in the plain form and sees the parcel with its waybill', async () => {
    // Prepare: a paper copy the worker books with the carrier
    const res = await suite.runtime.request('/v1/certificates', {
      as: 'officer',
      ...jsonRequest(paperCopyBody({ seed: 1343 })),
    });
    const issued = (await res.json()) as { licenceNo: string };
    const parcels = (await (
      await suite.runtime.request(`/v1/certificates/${encodeURIComponent(issued.licenceNo)}/dispatches`, {
        as: 'officer',
      })
    ).json()) as { items: { id: string }[] };
    const waybillNo = await waybillAfterRelay(parcels.items[0]?.id as string);
    const page = await suite.openPage({ javaScriptEnabled: false });
    await signIn(page, suite.runtime.baseUrl, 'officer', '/console/workbench/dispatches');
    await suite.look(page, 'dispatches-empty');

    // Act
    await page.getByLabel('状态').selectOption('label-created');
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('state') === 'label-created'),
      page.getByRole('button', { name: '查看' }).click(),
    ]);

    // Assess
    const table = (await page.locator('table').textContent()) ?? '';
    expect(table).toContain(issued.licenceNo);
    expect(table).toContain(waybillNo);
    await suite.look(page, 'dispatches');
    await suite.lookLarge(page, 'dispatches');
  });
});

describe('administration: an admin loads a calendar year, JavaScript off', () => {
  const state = { appId: '', year: 0, dueBefore: '' };

  it('an application accepted on 28 December has a provisional deadline in the next year', async () => {
    // Prepare: the runtime's clock moves to 28 December (of this year, or the next once that has passed)
    const now = new Date();
    const thisYear = Number(now.toISOString().slice(0, 4));
    const year = now < new Date(`${thisYear}-12-27T00:00:00+08:00`) ? thisYear : thisYear + 1;
    const moved = await suite.runtime.request('/_local/clock', {
      method: 'POST',
      as: 'admin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: `${year}-12-28T10:00:00+08:00` }),
    });
    expect(moved.status).toBe(200);
    const applicant = await Applicant.create(suite.runtime, 1344);
    const app = await applicant.fileNew(['06-001']);
    await applicant.uploadAll(app.id);
    await applicant.submit(app.id);

    // Act
    const accepted = await reviewSteps(suite.runtime, app.id, ['accept']);

    // Assess
    expect(accepted.deadline?.dueOn.startsWith(`${year + 1}-01-`)).toBe(true);
    Object.assign(state, { appId: app.id, year: year + 1, dueBefore: accepted.deadline?.dueOn });
  });

  it('types the year’s schedule, previews what changes, confirms; the deadline has moved', async () => {
    // Prepare
    const page = await suite.openPage({ javaScriptEnabled: false });
    await signIn(page, suite.runtime.baseUrl, 'admin', '/console/workbench/admin');
    expect(await h1(page)).toBe('系统管理');
    await suite.look(page, 'admin');
    await page.getByRole('link', { name: '工作日日历' }).click();
    await page.waitForURL((u) => u.pathname === '/console/workbench/admin/calendar');
    await suite.look(page, 'calendar');

    // The worklist shows the application's provisional deadline before the year is loaded
    const worklistDue = async (): Promise<string | null> => {
      await page.goto(`${suite.runtime.baseUrl}/console/workbench/applications?state=accepted`);
      const row = page.getByRole('row', { name: new RegExp(state.appId) });
      return row.locator('td[data-label="期限"] time').getAttribute('datetime');
    };
    expect(await worklistDue()).toBe(state.dueBefore);
    await page.goto(`${suite.runtime.baseUrl}/console/workbench/admin/calendar`);

    // Act: a week-long New Year break and a Saturday worked, then the preview
    const y = state.year;
    await page.locator('#f-year').fill(String(y));
    await page.getByLabel('法定节假日（放假日）').fill(`${y}-01-01~${y}-01-07`);
    await page.getByLabel('调休上班日（周末上班）').fill('');
    await Promise.all([
      page.waitForURL((u) => u.pathname.endsWith('/calendar/preview')),
      page.getByRole('button', { name: '预览变化' }).click(),
    ]);

    // Assess: the preview names the application and its deadline before and after
    expect(await h1(page)).toBe(`预览：载入 ${y} 年工作日安排`);
    const moves = page.locator('section', { has: page.locator('#moves-title') });
    expect(await moves.textContent()).toContain(state.appId);
    const after = await moves.locator('td').last().locator('time').getAttribute('datetime');
    expect(after).not.toBe(state.dueBefore);
    expect(
      await page
        .locator('section', { has: page.locator('#days-title') })
        .locator('tbody tr')
        .count(),
    ).toBeGreaterThan(0);
    await suite.look(page, 'calendar-preview');

    // Act: confirm
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('loaded') === String(y)),
      page.getByRole('button', { name: `确认载入 ${y} 年` }).click(),
    ]);

    // Assess: loaded, and the application's deadline is what the preview said
    expect(await page.getByRole('status').textContent()).toContain(`已载入 ${y} 年的工作日安排`);
    const app = (await (
      await suite.runtime.request(`/v1/applications/${state.appId}`, { as: 'reviewer' })
    ).json()) as AppJson;
    expect(app.deadline).toMatchObject({ dueOn: after, provisional: false });
    await suite.look(page, 'calendar-loaded');
    await suite.lookLarge(page, 'calendar-loaded');
    // …and the worklist's deadline has changed with it
    expect(await worklistDue()).toBe(after);
  });

  it('looks at the signing keys and marks the current one compromised through the “are you sure” page', async () => {
    // Prepare
    const page = await suite.openPage({ javaScriptEnabled: false });
    await signIn(page, suite.runtime.baseUrl, 'admin', '/console/workbench/admin/keys');
    expect(await h1(page)).toBe('签名密钥');
    await suite.look(page, 'keys');
    const kid = ((await page.locator('tbody code.kid').first().textContent()) ?? '').trim();

    // Act
    await page.getByRole('link', { name: `标记为已泄露… ${kid}` }).click();
    await page.waitForURL((u) => u.pathname.endsWith(`/keys/${kid}/compromise`));
    expect(await page.locator('main').textContent()).toContain(`标记后，密钥 ${kid} 自所选时间起签署的一切`);
    await suite.look(page, 'key-compromise');
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('compromised') === kid),
      page.getByRole('button', { name: /确认：标记/ }).click(),
    ]);

    // Assess
    expect(await page.getByRole('status').textContent()).toContain(kid);
    const jwks = (await (await suite.runtime.request('/.well-known/jwks.json')).json()) as {
      keys: Record<string, unknown>[];
    };
    expect(jwks.keys.find((k) => k.kid === kid)).toMatchObject({ 'permit:status': 'compromised' });
    await suite.look(page, 'keys-after');

    // And in English (the shell's switch): the same page, the reader's language
    await page.goto(`${suite.runtime.baseUrl}/console/workbench/admin/keys?lang=en`);
    await page.waitForURL((u) => u.pathname === '/console/workbench/admin/keys' && !u.search);
    expect(await h1(page)).toBe('Signing keys');
    expect(await page.locator('main').textContent()).toContain('this page creates none');
    await suite.look(page, 'keys-en');
  });
});
