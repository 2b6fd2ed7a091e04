/**
 * The workbench's inspectors' registry (执法检查人员名录库) in Debian's Chromium, through the runtime `npm start` runs,
 * with JavaScript off: an admin clerk registers an inspector (a refusal first, beside its fields), changes the
 * per-plan maximum, records leave and a recusal (a bad USCC first), retires past the "are you sure" step; an officer
 * reads the same page with no forms. axe finds nothing at 1280 and 360 px, in large text too; every page is
 * screenshotted for a person to look at.
 */
import { describe, expect, it } from 'vitest';
import { localDateOf } from '../../lambdas/domain/dates';
import { usccFor } from '../support/certificates';
import { consoleSuite, h1, pathOf, signIn } from './support/console';

const suite = consoleSuite({ shots: '/work/shots/i14insp', context: { locale: 'zh-CN' } });
const INSPECTORS = '/console/workbench/inspectors';

/** Two inspectors registered through the API already (one on leave today). */
async function seedRegistry(today: string, inDays: (n: number) => string): Promise<void> {
  for (const [id, name, district, categories] of [
    ['4206-2020-0001', '王敏', '420600', ['06']],
    ['4210-2020-0002', '李强', '421000', ['06', '13', '16']],
  ] as const) {
    const res = await suite.runtime.request('/v1/supervision/inspectors', {
      as: 'admin',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id, name, unit: '湖北省市场监督管理局', district, categories, maxChecksPerPlan: 5 }),
    });
    expect(res.status).toBe(201);
  }
  const leave = await suite.runtime.request('/v1/supervision/inspectors/4210-2020-0002/leave', {
    as: 'admin',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: today, to: inDays(6), note: '培训' }),
  });
  expect(leave.status).toBe(200);
}

describe('the inspectors’ registry: an admin keeps it, an officer reads it', () => {
  it('walks the registry with JavaScript off, each page looked at', async () => {
    // Prepare
    const now = () => suite.runtime.clock?.now() ?? new Date();
    const today = localDateOf(now()) as string;
    const inDays = (n: number) => localDateOf(new Date(now().getTime() + n * 86_400_000)) as string;
    await seedRegistry(today, inDays);
    const page = await suite.openPage({ javaScriptEnabled: false });
    await signIn(page, suite.runtime.baseUrl, 'admin', INSPECTORS);

    // Act: the list, then the register form
    expect(await h1(page)).toBe('执法检查人员');
    await suite.look(page, 'inspectors');
    await Promise.all([
      page.waitForURL((u) => u.pathname.endsWith('/new')),
      page.getByRole('link', { name: '登记执法检查人员' }).click(),
    ]);
    await suite.look(page, 'inspector-form');

    // Act: sent with no name, a short district and no category: refused beside the fields
    await page.getByLabel('编号').fill('4201-2019-0034');
    await page.getByLabel('所在单位').fill('武汉市市场监督管理局');
    await page.getByLabel('行政区划代码').fill('42010');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: '登记', exact: true }).click(),
    ]);
    await page.waitForLoadState('load');
    expect(refused.status()).toBe(422);
    expect(await page.locator('#f-name[aria-invalid=true]').count()).toBe(1);
    expect(await page.locator('#f-district[aria-invalid=true]').count()).toBe(1);
    await suite.look(page, 'inspector-form-errors');

    // Act: corrected, sent again
    await page.getByLabel('姓名').fill('张三');
    await page.getByLabel('行政区划代码').fill('420100');
    await page.getByLabel('06 电线电缆').check();
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('done') === 'register'),
      page.getByRole('button', { name: '登记', exact: true }).click(),
    ]);
    expect(await page.getByRole('status').textContent()).toContain('已登记');
    await suite.look(page, 'inspector-registered');
    const inspectorPath = pathOf(page);

    // Act: the per-plan maximum changed (its form opened first: closed until wanted)
    expect(await page.getByLabel('每个计划最多检查数').isVisible()).toBe(false);
    await page.getByText('修改姓名、单位、区划、资格类别或每个计划最多检查数').click();
    await page.getByLabel('每个计划最多检查数').fill('3');
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('done') === 'change'),
      page.getByRole('button', { name: '保存修改' }).click(),
    ]);
    expect(await page.getByRole('status').textContent()).toContain('已保存修改');

    // Act: leave backwards, then right
    await page.getByLabel('开始日期').fill(inDays(10));
    await page.getByLabel('结束日期').fill(inDays(8));
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: '记录休假' }).click(),
    ]);
    await page.waitForLoadState('load');
    expect(await page.locator('#f-to[aria-invalid=true]').count()).toBe(1);
    await suite.look(page, 'inspector-leave-refused');
    await page.getByLabel('开始日期').fill(inDays(8));
    await page.getByLabel('结束日期').fill(inDays(10));
    await page.getByLabel('说明（可不填）').fill('年休假');
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('done') === 'leave'),
      page.getByRole('button', { name: '记录休假' }).click(),
    ]);

    // Act: a recusal with a USCC one character off, then the right one
    const uscc = usccFor(4242);
    await page.getByLabel('企业统一社会信用代码').fill(`${uscc.slice(0, 17)}${uscc.endsWith('0') ? '1' : '0'}`);
    await page.getByLabel('理由').fill('近亲属在该企业任职');
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: '记录回避' }).click(),
    ]);
    await page.waitForLoadState('load');
    expect(await page.locator('#f-uscc[aria-invalid=true]').count()).toBe(1);
    await suite.look(page, 'inspector-recusal-refused');
    await page.getByLabel('企业统一社会信用代码').fill(uscc);
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('done') === 'recusal'),
      page.getByRole('button', { name: '记录回避' }).click(),
    ]);
    await suite.look(page, 'inspector-kept');
    await suite.lookLarge(page, 'inspector-kept');

    // Act: retire, past the "are you sure" step
    await Promise.all([
      page.waitForURL((u) => u.pathname.endsWith('/retire')),
      page.getByRole('link', { name: '退出名录…' }).click(),
    ]);
    expect(await h1(page)).toBe('确认退出名录');
    await suite.look(page, 'inspector-retire-confirm');
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('done') === 'retire'),
      page.getByRole('button', { name: '确认退出：张三' }).click(),
    ]);
    await suite.look(page, 'inspector-retired');

    // Assess: the list shows who is retired and who is on leave; an officer reads the page with no forms
    await page.goto(`${suite.runtime.baseUrl}${INSPECTORS}`);
    expect(await page.locator('main table tbody tr').count()).toBe(3);
    await suite.look(page, 'inspectors-kept');
    await suite.lookLarge(page, 'inspectors-kept');
    const officer = await suite.openPage({ javaScriptEnabled: false });
    await signIn(officer, suite.runtime.baseUrl, 'officer', inspectorPath);
    expect(await officer.locator('main form').count()).toBe(0);
    expect(await officer.getByText('近亲属在该企业任职').count()).toBe(1);
    await suite.look(officer, 'inspector-officer');
  });
});
