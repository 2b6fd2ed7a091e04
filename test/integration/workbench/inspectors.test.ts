/**
 * The workbench's inspectors' registry (执法检查人员名录库) through the local runtime, signed in as a person would: a
 * reviewer neither sees it in the navigation nor opens it (403 pages); an officer reads the list and each inspector
 * but gets no form and a forged POST is refused; an admin registers (refusals beside their fields, an id taken as a
 * 409 beside the id), changes particulars, retires behind an "are you sure" step and reinstates, records leave and
 * recusals (a bad USCC beside its field) — each a post/redirect/get to the inspector's page. 50 a page by cursors.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { localDateOf } from '../../../lambdas/domain/dates';
import { usccFor } from '../../support/certificates';
import { consoleHttp, type Jar } from '../../support/console/http';
import { transferredSize } from '../../support/console/transferred';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;
const clock = new ManualClock(new Date());
const { get, post, signIn } = consoleHttp(() => runtime.baseUrl);
const INSPECTORS = '/console/workbench/inspectors';

let admin: Jar;
let officer: Jar;
let reviewer: Jar;

const csrfOf = async (jar: Jar): Promise<string> =>
  /name="_csrf" value="([^"]+)"/.exec(await (await get(jar, '/console/workbench')).text())?.[1] ?? '';
const today = () => localDateOf(clock.now()) as string;
const daysOn = (n: number) => localDateOf(new Date(clock.now().getTime() + n * 86_400_000)) as string;

/** Register through the API, as another admin's tool would. */
async function registerByApi(id: string, name: string): Promise<void> {
  const res = await runtime.request('/v1/supervision/inspectors', {
    as: 'admin',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id,
      name,
      unit: '湖北省市场监督管理局',
      district: '420600',
      categories: ['06'],
      maxChecksPerPlan: 5,
    }),
  });
  expect(res.status).toBe(201);
}

/** The register form's fields for a good inspector. */
const registerFields = (over: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  id: '4201-2019-0034',
  name: '张三',
  unit: '武汉市市场监督管理局',
  district: '420100',
  categories: ['06', '13'],
  maxChecksPerPlan: '5',
  ...over,
});

beforeAll(async () => {
  runtime = await startTestRuntime({ overrides: { clock } });
  [admin, officer, reviewer] = await Promise.all([
    signIn('admin', 'admin-demo'),
    signIn('officer', 'officer-demo'),
    signIn('reviewer', 'reviewer-demo'),
  ]);
  await registerByApi('4206-2020-0001', '王敏');
});
afterAll(() => runtime?.stop());

describe('who may open the registry', () => {
  test('a reviewer has no navigation entry and gets the 403 page at the list, an inspector, the form and a POST', async () => {
    // Act
    const start = await (await get(reviewer, '/console/workbench')).text();
    const list = await get(reviewer, INSPECTORS);
    const one = await get(reviewer, `${INSPECTORS}/4206-2020-0001`);
    const form = await get(reviewer, `${INSPECTORS}/new`);
    const forged = await post(reviewer, INSPECTORS, { _csrf: await csrfOf(reviewer), ...registerFields() });

    // Assess
    expect(start).not.toContain(`href="${INSPECTORS}"`);
    expect([list.status, one.status, form.status, forged.status]).toEqual([403, 403, 403, 403]);
    expect((await get(admin, `${INSPECTORS}/4201-2019-0034`)).status).toBe(404);
  });

  test('an officer reads the list and an inspector, with no register link and no forms; a forged change is a 403', async () => {
    // Act
    const list = await (await get(officer, INSPECTORS)).text();
    const one = await get(officer, `${INSPECTORS}/4206-2020-0001`);
    const page = await one.text();
    const forged = await post(officer, `${INSPECTORS}/4206-2020-0001/leave`, {
      _csrf: await csrfOf(officer),
      from: today(),
      to: daysOn(2),
    });
    const after = await (await get(officer, `${INSPECTORS}/4206-2020-0001`)).text();

    // Assess
    expect(list).toContain(`<a href="${INSPECTORS}" aria-current="page">执法检查人员</a>`);
    expect(list).toContain('王敏');
    expect(list).toMatch(/<code class="wb-nowrap">INS-[A-Z2-9]{8}<\/code>/);
    expect(list).toContain('06 电线电缆');
    expect(list).not.toContain(`href="${INSPECTORS}/new"`);
    expect(one.status).toBe(200);
    expect(page).toContain('<h1>执法检查人员：王敏</h1>');
    expect(page).not.toContain('<form id="leave-form"');
    expect(page).not.toContain('<form id="change-form"');
    expect(page).not.toContain('/retire');
    expect((await get(officer, `${INSPECTORS}/new`)).status).toBe(403);
    expect((await get(officer, `${INSPECTORS}/4206-2020-0001/retire`)).status).toBe(403);
    expect(forged.status).toBe(403);
    expect(after).toContain('没有休假记录');
  });
});

describe('an admin registers', () => {
  test('the form offers the catalogue’s categories by code and name', async () => {
    // Act
    const page = await (await get(admin, `${INSPECTORS}/new`)).text();

    // Assess
    expect(page).toContain('<h1>登记执法检查人员</h1>');
    expect(page).toMatch(/<input type="checkbox" id="f-categories-06" name="categories" value="06">/);
    expect(page).toContain('<label for="f-categories-06">06 电线电缆</label>');
  });

  test('a blank name, a five-digit district and no category are drawn again (422) each beside its field, the rest kept', async () => {
    // Act
    const res = await post(admin, INSPECTORS, {
      _csrf: await csrfOf(admin),
      ...registerFields({ name: '', district: '42010', categories: [] }),
    });
    const page = await res.text();

    // Assess
    expect(res.status).toBe(422);
    expect(page).toMatch(/id="f-name-error" class="field__error">[^<]*请填写姓名/);
    expect(page).toMatch(/id="f-district-error" class="field__error">[^<]*6 位行政区划代码/);
    expect(page).toMatch(/id="f-categories-error" class="field__error">[^<]*请至少选择一个类别/);
    expect(page).toContain('<input id="f-district" name="district" type="text" value="42010"');
    expect(page).toContain('value="武汉市市场监督管理局"');
    expect(page).not.toContain('id="f-unit-error"');
  });

  test('a good form: post/redirect/get to the page with its code and the notice; listed', async () => {
    // Act
    const res = await post(admin, INSPECTORS, { _csrf: await csrfOf(admin), ...registerFields() });
    const page = await (await get(admin, res.headers.get('location') ?? '')).text();
    const list = await (await get(admin, INSPECTORS)).text();

    // Assess
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${INSPECTORS}/4201-2019-0034?done=register`);
    expect(page).toContain('role="status"><p>已登记。</p>');
    expect(page).toMatch(/<dt>公开代码<\/dt><dd><code>INS-[A-Z2-9]{8}<\/code>/);
    expect(page).toContain('06 电线电缆、13');
    expect(page).toContain('<form id="change-form"');
    expect(list).toContain(`href="${INSPECTORS}/new"`);
    expect(list).toContain(`<a href="${INSPECTORS}/4201-2019-0034">张三</a>`);
  });

  test('an id registered already is a 409 with the meaning beside the id, the form kept', async () => {
    // Act
    const res = await post(admin, INSPECTORS, {
      _csrf: await csrfOf(admin),
      ...registerFields({ name: '李四' }),
    });
    const page = await res.text();

    // Assess
    expect(res.status).toBe(409);
    expect(page).toMatch(/id="f-id-error" class="field__error">该编号的执法检查人员已登记/);
    expect(page).toContain('value="李四"');
  });
});

describe('an admin keeps an inspector’s record', () => {
  const ONE = `${INSPECTORS}/4201-2019-0034`;

  test('particulars: only what differs is changed (one line of history); the same form again changes nothing', async () => {
    // Act
    const fields = { ...registerFields({ maxChecksPerPlan: '3', categories: ['13', '06'] }) };
    const { id: _id, ...particulars } = fields;
    const changed = await post(admin, ONE, { _csrf: await csrfOf(admin), ...particulars });
    const page = await (await get(admin, `${ONE}?done=change`)).text();
    const again = await post(admin, ONE, { _csrf: await csrfOf(admin), ...particulars });

    // Assess
    expect(changed.status).toBe(303);
    expect(changed.headers.get('location')).toBe(`${ONE}?done=change`);
    expect(page).toContain('<dt>每个计划最多检查数</dt><dd>3</dd>');
    expect(page).toContain('修改：每个计划最多检查数');
    expect(again.headers.get('location')).toBe(`${ONE}?done=unchanged`);
  });

  test('a malformed district: the page again (422), the form with the reason and a notice at the top linking to it', async () => {
    // Act
    const { id: _id, ...particulars } = registerFields({ district: 'Wuhan' });
    const res = await post(admin, ONE, { _csrf: await csrfOf(admin), ...particulars });
    const page = await res.text();

    // Assess
    expect(res.status).toBe(422);
    expect(page).toContain('<a href="#change-form">修改基本信息</a>');
    expect(page).toMatch(/id="f-district-error" class="field__error">/);
    expect(page).toContain('value="Wuhan"');
  });

  test('retiring asks first, naming the inspector; confirmed, the list says 已退出; reinstating puts them back', async () => {
    // Act
    const confirm = await (await get(admin, `${ONE}/retire`)).text();
    const retired = await post(admin, `${ONE}/retire`, { _csrf: await csrfOf(admin) });
    const list = await (await get(admin, INSPECTORS)).text();
    const page = await (await get(admin, `${ONE}?done=retire`)).text();
    const reinstated = await post(admin, `${ONE}/reinstate`, { _csrf: await csrfOf(admin) });
    const after = await (await get(admin, ONE)).text();

    // Assess
    expect(confirm).toContain('<h1>确认退出名录</h1>');
    expect(confirm).toContain('确认退出：张三');
    expect(retired.headers.get('location')).toBe(`${ONE}?done=retire`);
    expect(list).toMatch(/张三<\/a>[\s\S]*?已退出/);
    expect(page).toContain('恢复在岗');
    expect(page).not.toContain(`href="${ONE}/retire"`);
    expect(reinstated.headers.get('location')).toBe(`${ONE}?done=reinstate`);
    expect(after).toContain(`href="${ONE}/retire"`);
  });

  test('leave ending before it starts is refused beside “to”; a good period shows as on leave today in the list', async () => {
    // Act
    const backwards = await post(admin, `${ONE}/leave`, {
      _csrf: await csrfOf(admin),
      from: daysOn(3),
      to: today(),
      note: '',
    });
    const backwardsPage = await backwards.text();
    const good = await post(admin, `${ONE}/leave`, {
      _csrf: await csrfOf(admin),
      from: today(),
      to: daysOn(4),
      note: '年休假',
    });
    const list = await (await get(officer, INSPECTORS)).text();
    const page = await (await get(officer, ONE)).text();

    // Assess
    expect(backwards.status).toBe(422);
    expect(backwardsPage).toMatch(/id="f-to-error" class="field__error">[^<]*不早于开始日期/);
    expect(backwardsPage).toContain('<a href="#leave-form">记录休假</a>');
    expect(good.headers.get('location')).toBe(`${ONE}?done=leave`);
    expect(list).toMatch(/张三<\/a>[\s\S]*?休假中，至/);
    expect(page).toContain('年休假');
    expect(page).toContain('进行中');
  });

  test('a recusal with a bad USCC is refused beside it with the code’s meaning; a good one lists its reason for staff', async () => {
    // Act
    const bad = usccFor(77).slice(0, 17) + (usccFor(77).endsWith('0') ? '1' : '0');
    const refused = await post(admin, `${ONE}/recusals`, {
      _csrf: await csrfOf(admin),
      uscc: bad,
      reason: '近亲属任职',
    });
    const refusedPage = await refused.text();
    const good = await post(admin, `${ONE}/recusals`, {
      _csrf: await csrfOf(admin),
      uscc: usccFor(77),
      reason: '近亲属在该企业任职',
    });
    const forOfficer = await (await get(officer, ONE)).text();

    // Assess
    expect(refused.status).toBe(422);
    expect(refusedPage).toMatch(/id="f-uscc-error" class="field__error">统一社会信用代码校验码不符/);
    expect(refusedPage).toContain('value="近亲属任职"');
    expect(good.headers.get('location')).toBe(`${ONE}?done=recusal`);
    expect(forOfficer).toContain(usccFor(77));
    expect(forOfficer).toContain('近亲属在该企业任职');
  });
});

describe('the list by pages', () => {
  test('50 a page, the next through a sealed cursor; the page is at most 60 KB as a browser gets it', async () => {
    // Prepare: 55 in all
    for (let n = 10; n < 63; n++) await registerByApi(`4299-2021-00${n}`, `检查员${n}`);

    // Act
    const first = await (await get(officer, INSPECTORS)).text();
    const next = /href="([^"]+cursor=[^"]+)">下一页/.exec(first)?.[1]?.replaceAll('&amp;', '&') ?? '';
    const second = await (await get(officer, next)).text();
    const sent = await transferredSize(runtime.baseUrl, INSPECTORS, officer.header());

    // Assess
    expect(first.match(/<tr>\s*<th scope="row">/g)).toHaveLength(50);
    expect(second.match(/<tr>\s*<th scope="row">/g)).toHaveLength(5);
    expect(second).not.toContain('下一页');
    expect(sent.bytes).toBeLessThanOrEqual(60 * 1024);
  });
});
