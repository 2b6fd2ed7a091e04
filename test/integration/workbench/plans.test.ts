/**
 * The workbench's spot-check plans (双随机抽查) through the local runtime, signed in as a person would: the list, the
 * create form with its refusals beside the fields, freeze and draw each behind an "are you sure" step (the officer's
 * only; a reviewer's forged POST gets the 403 page), refusals shown in the page with the code's meaning (409, 422),
 * and the drawn checks with their team, result and publication — late publication flagged by icon and words.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { supervisionDeps } from '../../../lambdas/composition/supervision';
import { localDateOf } from '../../../lambdas/domain/dates';
import { issueBody, jsonRequest } from '../../support/certificates';
import { consoleHttp, type Jar } from '../../support/console/http';
import { transferredSize } from '../../support/console/transferred';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;
const clock = new ManualClock(new Date());
const { get, post, signIn } = consoleHttp(() => runtime.baseUrl);
const PLANS = '/console/workbench/plans';

let officer: Jar;
let reviewer: Jar;

const csrfOf = async (jar: Jar): Promise<string> =>
  /name="_csrf" value="([^"]+)"/.exec(await (await get(jar, '/console/workbench')).text())?.[1] ?? '';
const today = () => localDateOf(clock.now()) as string;
const daysOn = (n: number) => localDateOf(new Date(clock.now().getTime() + n * 86_400_000)) as string;

/** The create form's fields for a plan that can be frozen and drawn today (cables, any district). */
const planFields = (over: Record<string, string> = {}): Record<string, string> => ({
  name: '2026年第四季度电线电缆产品双随机抽查',
  legalBasis: '《工业产品生产许可证管理条例》第三十八条',
  categories: '06',
  districts: '',
  sampleKind: 'count',
  sampleCount: '2',
  inspectorsPerCheck: '2',
  excludeOwnDistrict: 'on',
  windowFrom: today(),
  windowTo: daysOn(30),
  entropySource: '中国福利彩票双色球开奖号码',
  entropyDate: today(),
  entropyFormat: 'decimal',
  ...over,
});

/** Create a plan through the form; its id from the redirect. */
async function createThroughForm(over: Record<string, string> = {}): Promise<string> {
  const res = await post(officer, PLANS, { _csrf: await csrfOf(officer), ...planFields(over) });
  expect(res.status).toBe(303);
  return /PLAN-\d{8}-[A-Z0-9]{10}/.exec(res.headers.get('location') ?? '')?.[0] as string;
}

const freeze = async (planId: string) => post(officer, `${PLANS}/${planId}/freeze`, { _csrf: await csrfOf(officer) });

beforeAll(async () => {
  runtime = await startTestRuntime({ overrides: { clock } });
  officer = await signIn('officer', 'officer-demo');
  reviewer = await signIn('reviewer', 'reviewer-demo');
  // Four cable makers in the register (all in district 420100), three inspectors from elsewhere.
  for (const seed of [1401, 1402, 1403, 1404]) {
    const res = await runtime.request('/v1/certificates', { as: 'officer', ...jsonRequest(issueBody({ seed })) });
    expect(res.status).toBe(201);
  }
  for (const [id, district] of [
    ['4206-2020-0001', '420600'],
    ['4210-2020-0002', '421000'],
    ['4205-2020-0003', '420500'],
  ] as const) {
    const res = await runtime.request('/v1/supervision/inspectors', {
      as: 'admin',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id,
        name: `检查员${id.slice(-1)}`,
        unit: '湖北省市场监督管理局',
        district,
        categories: ['06'],
        maxChecksPerPlan: 5,
      }),
    });
    expect(res.status).toBe(201);
  }
});
afterAll(() => runtime?.stop());

describe('the list and the create form', () => {
  test('the list says there are none yet; an officer gets the create link, a reviewer does not', async () => {
    // Act
    const forOfficer = await (await get(officer, PLANS)).text();
    const forReviewer = await get(reviewer, PLANS);

    // Assess
    expect(forOfficer).toContain('还没有抽查计划');
    expect(forOfficer).toContain(`href="${PLANS}/new"`);
    expect(forReviewer.status).toBe(200);
    expect(await forReviewer.text()).not.toContain(`href="${PLANS}/new"`);
    expect((await get(reviewer, `${PLANS}/new`)).status).toBe(403);
  });

  test('a form with a blank name and a malformed count is drawn again (422) with each reason beside its field', async () => {
    // Act
    const res = await post(officer, PLANS, {
      _csrf: await csrfOf(officer),
      ...planFields({ name: '', sampleCount: 'abc' }),
    });
    const page = await res.text();

    // Assess
    expect(res.status).toBe(422);
    expect(page).toMatch(/id="f-name-error" class="field__error">[^<]*请填写计划名称/);
    expect(page).toMatch(
      /<input id="f-name" name="name" type="text" value="" aria-describedby="f-name-error f-name-hint" aria-invalid="true">/,
    );
    expect(page).toContain('id="f-sampleCount-error"');
    expect(page).toContain('value="abc"');
    expect(page).toMatch(
      /<input id="f-sampleCount" name="sampleCount" type="number" value="abc" min="1" inputmode="numeric"/,
    );
    expect(page).toContain('中国福利彩票双色球开奖号码');
  });

  test('the use case’s own refusals land beside their fields too: a window ending before it starts, one inspector a check', async () => {
    // Act
    const window = await post(officer, PLANS, {
      _csrf: await csrfOf(officer),
      ...planFields({ windowFrom: daysOn(10), windowTo: daysOn(5) }),
    });
    const perCheck = await post(officer, PLANS, {
      _csrf: await csrfOf(officer),
      ...planFields({ inspectorsPerCheck: '1' }),
    });

    // Assess
    expect(window.status).toBe(422);
    expect(await window.text()).toMatch(/id="f-windowTo-error" class="field__error">[^<]*不早于开始日期/);
    expect(perCheck.status).toBe(422);
    expect(await perCheck.text()).toMatch(/id="f-inspectorsPerCheck-error" class="field__error">[^<]*至少 2 名/);
  });

  test('an officer creates a draft: post/redirect/get to its page, listed with state, window and sample', async () => {
    // Act
    const planId = await createThroughForm();
    const page = await (await get(officer, `${PLANS}/${planId}?done=create`)).text();
    const list = await (await get(reviewer, PLANS)).text();

    // Assess
    expect(page).toContain('已创建计划（草稿）');
    expect(page).toContain('草稿');
    expect(page).toContain(`href="${PLANS}/${planId}/freeze"`);
    expect(list).toContain(`href="${PLANS}/${planId}"`);
    expect(list).toContain('2 家');
    expect((await supervisionDeps().plans.get(planId))?.state).toBe('draft');
  });
});

describe('freeze and draw', () => {
  let planId: string;
  beforeAll(async () => {
    planId = await createThroughForm();
  });

  test('the freeze step says what it does; a reviewer’s forged POST gets the 403 page and nothing is frozen', async () => {
    // Act
    const confirm = await (await get(officer, `${PLANS}/${planId}/freeze`)).text();
    const forged = await post(reviewer, `${PLANS}/${planId}/freeze`, { _csrf: await csrfOf(reviewer) });

    // Assess
    expect(confirm).toContain('将按规范顺序固定');
    expect(confirm).toContain('承诺 H(secret) 随即公开');
    expect(confirm).toContain('确认冻结并公布承诺');
    expect(forged.status).toBe(403);
    expect((await supervisionDeps().plans.get(planId))?.state).toBe('draft');
  });

  test('an officer freezes: the commitment is on the page; freezing again is a 409 with the code’s meaning', async () => {
    // Act
    const res = await freeze(planId);
    const page = await (await get(officer, res.headers.get('location') as string)).text();
    const again = await freeze(planId);

    // Assess
    const stored = await supervisionDeps().plans.get(planId);
    expect(res.status).toBe(303);
    expect(page).toContain('已冻结：名单已固定，承诺已公布');
    expect(page).toContain(stored?.frozen?.commitment as string);
    expect(page).toContain(stored?.frozen?.enterpriseDigest as string);
    expect(page).toContain('4 家，抽取 2 家');
    expect(page).toContain('name="entropyValue"');
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('计划只能冻结一次');
  });

  test('a plan whose sample is larger than the candidates is refused at freezing (422), still a draft', async () => {
    // Prepare
    const tooBig = await createThroughForm({ sampleCount: '50' });

    // Act
    const res = await freeze(tooBig);

    // Assess
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('抽取数量超过了候选企业数量');
    expect((await supervisionDeps().plans.get(tooBig))?.state).toBe('draft');
  });

  test('a malformed value is refused beside the draw field (422); nothing is drawn', async () => {
    // Act
    const res = await post(officer, `${PLANS}/${planId}/draw/review`, {
      _csrf: await csrfOf(officer),
      entropyValue: '12ab',
    });
    const page = await res.text();

    // Assess
    expect(res.status).toBe(422);
    expect(page).toMatch(/id="f-entropyValue-error" class="field__error">[^<]*十进制或十六进制/);
    expect(page).toContain('value="12ab"');
    expect((await supervisionDeps().plans.get(planId))?.state).toBe('frozen');
  });

  test('before the entropy’s date the draw is refused (409) with the meaning in the page', async () => {
    // Prepare
    const later = await createThroughForm({ entropyDate: daysOn(3) });
    expect((await freeze(later)).status).toBe(303);

    // Act
    const form = await (await get(officer, `${PLANS}/${later}`)).text();
    const res = await post(officer, `${PLANS}/${later}/draw/review`, {
      _csrf: await csrfOf(officer),
      entropyValue: '0309141922270611',
    });

    // Assess
    expect(form).toContain('在公布日期当天或之后才能输入抽取');
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('公开随机源尚未公布');
  });

  test('the draw: the "are you sure" page shows the value with its source; confirming draws and lists the checks', async () => {
    // Act
    const review = await post(officer, `${PLANS}/${planId}/draw/review`, {
      _csrf: await csrfOf(officer),
      entropyValue: ' 0309141922270611 ',
    });
    const reviewPage = await review.text();
    const drawn = await post(officer, `${PLANS}/${planId}/draw`, {
      _csrf: await csrfOf(officer),
      entropyValue: '0309141922270611',
    });
    const page = await (await get(reviewer, drawn.headers.get('location') as string)).text();
    const again = await post(officer, `${PLANS}/${planId}/draw`, {
      _csrf: await csrfOf(officer),
      entropyValue: '1111111111111111',
    });

    // Assess
    expect(review.status).toBe(200);
    expect(reviewPage).toContain('<code class="kid">0309141922270611</code>');
    expect(reviewPage).toContain('中国福利彩票双色球开奖号码');
    expect(reviewPage).toContain('不能撤销');
    expect(drawn.status).toBe(303);
    expect(page).toContain('已抽取：检查已安排');
    const stored = await supervisionDeps().plans.get(planId);
    expect(page).toContain(stored?.secret as string);
    const links = [...page.matchAll(/href="\/console\/workbench\/inspections\/(INSP-PLAN-[^"]+)"/g)].map((m) => m[1]);
    expect(links).toHaveLength(2);
    expect(page).toContain('结果未录入');
    expect(page).toMatch(/INS-[A-Z0-9]{8}、INS-[A-Z0-9]{8}/);
    expect(again.status).toBe(409);
    expect((await get(reviewer, `/console/workbench/inspections/${links[0]}`)).status).toBe(200);
  });

  test('a recorded result awaits publication by its date; past it, the check is flagged 逾期未公示 by icon and words', async () => {
    // Prepare: a reviewer records a pass through the API
    const first = (await supervisionDeps().inspections.listByPlan(planId, { limit: 1 })).items[0];
    const res = await runtime.request(`/v1/inspections/${first?.id}/result`, {
      as: 'reviewer',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'pass', checkedOn: today() }),
    });
    expect(res.status).toBe(200);
    const pending = await (await get(officer, `${PLANS}/${planId}`)).text();

    // Act: 40 days on (more than 20 working days), nothing published
    clock.advance({ days: 40 });
    officer = await signIn('officer', 'officer-demo'); // the session ended on the moved clock
    const late = await (await get(officer, `${PLANS}/${planId}`)).text();

    // Assess
    expect(pending).toContain('待公示，期限');
    expect(pending).toContain('结论：合格');
    expect(late).toMatch(/<span class="overdue"><svg[^>]*>.*?<\/svg> 逾期未公示<\/span>/s);
  });

  test('the plan page is at most 60 KB compressed, as a browser gets it', async () => {
    // Act
    const sent = await transferredSize(runtime.baseUrl, `${PLANS}/${planId}`, officer.header());

    // Assess
    expect(sent.status).toBe(200);
    expect(sent.bytes).toBeLessThanOrEqual(60 * 1024);
  });
});

describe('spot checks: result entry, publication', () => {
  let checks: string[];
  beforeAll(async () => {
    // A fresh plan drawn today (the clock moved on above: new sessions too).
    officer = await signIn('officer', 'officer-demo');
    reviewer = await signIn('reviewer', 'reviewer-demo');
    const planId = await createThroughForm({ excludeOwnDistrict: '' });
    expect((await freeze(planId)).status).toBe(303);
    const drawn = await post(officer, `${PLANS}/${planId}/draw`, {
      _csrf: await csrfOf(officer),
      entropyValue: '2718281828459045',
    });
    expect(drawn.status).toBe(303);
    checks = (await supervisionDeps().inspections.listByPlan(planId, { limit: 10 })).items.map((i) => i.id);
  });
  const LIST = '/console/workbench/inspections';
  const statusOf = async (id: string) => {
    const licenceNo = (await supervisionDeps().inspections.get(id))?.licenceNo.toString() as string;
    const res = await runtime.request(`/v1/certificates/${encodeURIComponent(licenceNo)}`, { as: 'officer' });
    return ((await res.json()) as { status: string }).status;
  };

  test('the list shows spot checks; a reviewer’s form asks the day of the check and suspend or revoke', async () => {
    // Act
    const list = await (await get(reviewer, LIST)).text();
    const page = await (await get(reviewer, `${LIST}/${checks[0]}`)).text();

    // Assess
    expect(list).toContain(`href="${LIST}/${checks[0]}"`);
    expect(list).toContain('双随机抽查');
    expect(page).toContain('name="checkedOn"');
    expect(page).toMatch(/id="f-action-suspend" name="action" value="suspend" checked/);
    expect(page).toContain('id="f-action-revoke"');
  });

  test('a failure without the day of the check is drawn again beside that field; with it, the licence is suspended', async () => {
    // Act
    const fields = { outcome: 'fail', findings: '抽检样品不合格', inspectors: '王敏\n李强', action: 'suspend' };
    const refused = await post(reviewer, `${LIST}/${checks[0]}/result`, { _csrf: await csrfOf(reviewer), ...fields });
    const refusedPage = await refused.text();
    const res = await post(reviewer, `${LIST}/${checks[0]}/result`, {
      _csrf: await csrfOf(reviewer),
      ...fields,
      checkedOn: today(),
    });

    // Assess
    expect(refused.status).toBe(422);
    expect(refusedPage).toContain('id="f-checkedOn-error"');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${LIST}/${checks[0]}`);
    expect(await statusOf(checks[0] as string)).toBe('suspended');
  });

  test('an officer publishes the result from the pending list; publishing again is refused (409) in the page', async () => {
    // Prepare
    const pending = await (await get(officer, `${LIST}/publications`)).text();
    const forReviewer = await (await get(reviewer, `${LIST}/${checks[0]}`)).text();
    const forOfficer = await (await get(officer, `${LIST}/${checks[0]}`)).text();

    // Act
    const res = await post(officer, `${LIST}/${checks[0]}/publish`, { _csrf: await csrfOf(officer) });
    const after = await (await get(officer, res.headers.get('location') as string)).text();
    const again = await post(officer, `${LIST}/${checks[0]}/publish`, { _csrf: await csrfOf(officer) });
    const forged = await post(reviewer, `${LIST}/${checks[0]}/publish`, { _csrf: await csrfOf(reviewer) });
    const pendingAfter = await (await get(officer, `${LIST}/publications`)).text();

    // Assess
    expect(pending).toContain(`href="${LIST}/${checks[0]}"`);
    expect(pending).toContain('待公示，期限');
    expect(forReviewer).not.toContain('公示检查结果');
    expect(forOfficer).toContain('公示检查结果');
    expect(res.status).toBe(303);
    expect(after).toContain('检查结果已公示');
    expect(after).toContain('已公示');
    expect(again.status).toBe(409);
    expect(forged.status).toBe(403);
    expect(pendingAfter).not.toContain(`href="${LIST}/${checks[0]}"`);
  });

  test('a result left unpublished past 20 working days is listed as overdue and flagged 逾期未公示', async () => {
    // Prepare
    const res = await post(reviewer, `${LIST}/${checks[1]}/result`, {
      _csrf: await csrfOf(reviewer),
      outcome: 'pass',
      checkedOn: today(),
    });
    expect(res.status).toBe(303);
    clock.advance({ days: 40 });
    officer = await signIn('officer', 'officer-demo');

    // Act
    const overdue = await (await get(officer, `${LIST}/publications?state=overdue`)).text();
    const page = await (await get(officer, `${LIST}/${checks[1]}`)).text();

    // Assess
    expect(overdue).toContain(`href="${LIST}/${checks[1]}"`);
    expect(overdue).toMatch(/<span class="overdue"><svg[^>]*>.*?<\/svg> 逾期未公示<\/span>/s);
    expect(page).toContain('逾期未公示');
    expect(overdue).not.toContain(`href="${LIST}/${checks[0]}"`);
  });
});
