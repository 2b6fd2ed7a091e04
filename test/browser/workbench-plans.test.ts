/**
 * The workbench's spot-check plans (双随机抽查) in Debian's Chromium, through the runtime `npm start` runs: an officer
 * creates a plan in the form (a refusal first, shown beside its fields), freezes it past the "are you sure" step,
 * enters the published value and confirms the draw; the plan's page lists the drawn checks with their teams. axe finds
 * nothing at 1280 and 360 px, in large text too; every page is screenshotted for a person to look at.
 */
import { describe, expect, it } from 'vitest';
import { localDateOf } from '../../lambdas/domain/dates';
import { issueBody, jsonRequest } from '../support/certificates';
import { consoleSuite, h1, pathOf, signIn } from './support/console';

const suite = consoleSuite({ shots: '/work/shots/i14wb', context: { locale: 'zh-CN' } });
const PLANS = '/console/workbench/plans';

/** Five cable makers in the register (district 420100) and three inspectors from other districts. */
async function seedRegisters(): Promise<void> {
  for (const seed of [1451, 1452, 1453, 1454, 1455]) {
    const res = await suite.runtime.request('/v1/certificates', { as: 'officer', ...jsonRequest(issueBody({ seed })) });
    expect(res.status).toBe(201);
  }
  for (const [id, name, district] of [
    ['4206-2020-0001', '王敏', '420600'],
    ['4210-2020-0002', '李强', '421000'],
    ['4205-2020-0003', '陈静', '420500'],
  ] as const) {
    const res = await suite.runtime.request('/v1/supervision/inspectors', {
      as: 'admin',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id,
        name,
        unit: '湖北省市场监督管理局',
        district,
        categories: ['06'],
        maxChecksPerPlan: 5,
      }),
    });
    expect(res.status).toBe(201);
  }
}

describe('spot-check plans: an officer creates, freezes and draws', () => {
  it('walks the whole plan with JavaScript off, each page looked at', async () => {
    // Prepare
    await seedRegisters();
    const today = localDateOf(suite.runtime.clock?.now() ?? new Date()) as string;
    const inDays = (n: number) =>
      localDateOf(new Date((suite.runtime.clock?.now() ?? new Date()).getTime() + n * 86_400_000)) as string;
    const page = await suite.openPage({ javaScriptEnabled: false });
    await signIn(page, suite.runtime.baseUrl, 'officer', PLANS);

    // Act: the empty list, then the form
    expect(await h1(page)).toBe('双随机抽查');
    await suite.look(page, 'plans-empty');
    await Promise.all([
      page.waitForURL((u) => u.pathname.endsWith('/new')),
      page.getByRole('link', { name: '新建抽查计划' }).click(),
    ]);
    await suite.look(page, 'plan-form');

    // Act: sent with the window backwards and no name: refused beside the fields
    await page.getByLabel('抽取家数（按数量时）').fill('2');
    await page.getByLabel('法律依据').fill('《工业产品生产许可证管理条例》第三十八条');
    await page.getByLabel('产品类别代码').fill('06');
    await page.getByLabel('开始日期').fill(today);
    await page.getByLabel('结束日期').fill(inDays(30));
    await page.getByLabel('来源').fill('中国福利彩票双色球第2026141期开奖号码');
    await page.getByLabel('公布日期').fill(today);
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: '创建计划（草稿）' }).click(),
    ]);
    await page.waitForLoadState('load');
    expect(refused.status()).toBe(422);
    expect(await page.locator('#f-name[aria-invalid=true]').count()).toBe(1);
    await suite.look(page, 'plan-form-errors');

    // Act: named, sent again
    await page.getByLabel('计划名称').fill('2026年第四季度电线电缆产品双随机抽查');
    await Promise.all([
      page.waitForURL((u) => /\/plans\/PLAN-/.test(u.pathname)),
      page.getByRole('button', { name: '创建计划（草稿）' }).click(),
    ]);
    expect(await page.getByRole('status').textContent()).toContain('已创建计划');
    await suite.look(page, 'plan-draft');
    const planPath = pathOf(page);

    // Act: freeze, past the "are you sure" step
    await Promise.all([
      page.waitForURL((u) => u.pathname.endsWith('/freeze')),
      page.getByRole('link', { name: '冻结计划…' }).click(),
    ]);
    await suite.look(page, 'plan-freeze-confirm');
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('done') === 'freeze'),
      page.getByRole('button', { name: '确认冻结并公布承诺' }).click(),
    ]);
    await suite.look(page, 'plan-frozen');

    // Act: a malformed value, then the real one, confirmed
    await page.getByLabel('公布的数值').fill('03-09-14');
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: '下一步：确认' }).click(),
    ]);
    await page.waitForLoadState('load');
    expect(await page.locator('#f-entropyValue[aria-invalid=true]').count()).toBe(1);
    await suite.look(page, 'plan-draw-refused');
    await page.getByLabel('公布的数值').fill('0309141922270611');
    await Promise.all([
      page.waitForURL((u) => u.pathname.endsWith('/draw/review')),
      page.getByRole('button', { name: '下一步：确认' }).click(),
    ]);
    expect(await h1(page)).toBe('确认抽取');
    await suite.look(page, 'plan-draw-confirm');
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('done') === 'draw'),
      page.getByRole('button', { name: '确认抽取' }).click(),
    ]);

    // Assess
    expect(pathOf(page)).toBe(planPath);
    expect(await page.locator('main table tbody tr').count()).toBe(2);
    await suite.look(page, 'plan-drawn');
    await suite.lookLarge(page, 'plan-drawn');
    await page.goto(`${suite.runtime.baseUrl}${PLANS}`);
    await suite.look(page, 'plans');

    // Act: a reviewer records a failed spot check (suspend, the default), an officer publishes it
    const checkPath =
      (await page.goto(`${suite.runtime.baseUrl}${planPath}`)) &&
      (await page.locator('main table tbody tr th a').first().getAttribute('href'));
    const reviewer = await suite.openPage({ javaScriptEnabled: false });
    await signIn(reviewer, suite.runtime.baseUrl, 'reviewer', checkPath as string);
    await suite.look(reviewer, 'spot-check');
    await reviewer.getByLabel('不合格', { exact: true }).check();
    await reviewer.getByLabel('检查日期').fill(today);
    await reviewer.getByLabel('发现的问题（整改或不合格时）').fill('抽检样品绝缘厚度不合格');
    await reviewer.getByLabel('核查人员（不合格时）').fill('王敏\n李强');
    await Promise.all([
      reviewer.waitForResponse((r) => r.request().method() === 'POST'),
      reviewer.getByRole('button', { name: '提交结果' }).click(),
    ]);
    await reviewer.waitForLoadState('load');
    expect(pathOf(reviewer)).toBe(checkPath);
    await page.goto(`${suite.runtime.baseUrl}/console/workbench/inspections/publications`);
    await suite.look(page, 'publications');
    await page.goto(`${suite.runtime.baseUrl}${checkPath}`);
    await suite.look(page, 'spot-check-officer');
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('published') === '1'),
      page.getByRole('button', { name: '公示检查结果' }).click(),
    ]);

    // Assess
    expect(await page.getByRole('status').textContent()).toContain('检查结果已公示');
    await suite.look(page, 'spot-check-published');
    await page.goto(`${suite.runtime.baseUrl}/console/workbench/inspections`);
    await suite.look(page, 'inspections-with-spot-checks');
  });
});
