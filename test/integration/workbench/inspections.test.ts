/**
 * The workbench's inspections pages through the local runtime, signed in as a person would: reviews due and overdue
 * (50 a page through sealed cursors), one review, and result entry — a reviewer's only (an officer's forged POST gets
 * the 403 page); a failure revokes the licence through the API's use case, and the API then says so.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { inspectionItem } from '../../../lambdas/adapters/dynamo/inspection-repository';
import { inspectionDeps } from '../../../lambdas/composition/applications';
import { statusChangeDeps } from '../../../lambdas/composition/storage';
import { localDateOf, parseLocalDate } from '../../../lambdas/domain/dates';
import { Inspection } from '../../../lambdas/domain/inspection';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import { dynamoClient } from '../../../lambdas/shared/clients';
import { config } from '../../../lambdas/shared/config';
import { markOverdueInspections } from '../../../lambdas/use-cases/applications/inspections';
import { type AppJson, Applicant, reviewSteps } from '../../support/applications';
import { type CertificateJson, issueBody, jsonRequest, readJson } from '../../support/certificates';
import { consoleHttp, type Jar } from '../../support/console/http';
import { transferredSize } from '../../support/console/transferred';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;
const clock = new ManualClock(new Date());
const { get, post, signIn } = consoleHttp(() => runtime.baseUrl);
const LIST = '/console/workbench/inspections';

let reviewer: Jar;
let officer: Jar;
/** A wires-and-cables licence issued through the API (post-issuance review: its review is scheduled on issue). */
let issued: { appId: string; licenceNo: string; inspectionId: string };

const csrfOf = async (jar: Jar): Promise<string> =>
  /name="_csrf" value="([^"]+)"/.exec(await (await get(jar, '/console/workbench')).text())?.[1] ?? '';

/** Every page of a list, following its next links. */
async function allPages(jar: Jar, first: string): Promise<string> {
  let text = '';
  for (let url: string | undefined = first; url; ) {
    const page = await (await get(jar, url)).text();
    text += page;
    url = /<a href="([^"]+)">下一页<\/a>/.exec(page)?.[1]?.replace(/&amp;/g, '&');
  }
  return text;
}

async function issueReviewed(seed: number): Promise<typeof issued> {
  const applicant = await Applicant.create(runtime, seed);
  const app = await applicant.fileNew(['06-001']);
  await applicant.uploadAll(app.id);
  await applicant.submit(app.id);
  const done: AppJson = await reviewSteps(runtime, app.id, ['accept', 'pass-formal-review']);
  return { appId: app.id, licenceNo: done.outcome?.licenceNo as string, inspectionId: `INSP-${app.id}` };
}

beforeAll(async () => {
  runtime = await startTestRuntime({ overrides: { clock } });
  reviewer = await signIn('reviewer', 'reviewer-demo');
  officer = await signIn('officer', 'officer-demo');
  issued = await issueReviewed(1301);
});
afterAll(() => runtime?.stop());

describe('the list', () => {
  test('staff see the reviews due with their licence and due date; the overdue view does not list a review not yet due', async () => {
    // Act
    const due = await get(officer, LIST);
    const overdue = await allPages(reviewer, `${LIST}?state=overdue`);

    // Assess
    expect(due.status).toBe(200);
    const page = await due.text();
    expect(page).toContain(`href="${LIST}/${issued.inspectionId}"`);
    expect(page).toContain(issued.licenceNo);
    expect(page).toContain('待核查');
    expect(overdue).not.toContain(issued.inspectionId);
  });

  test('50 a page: the next link carries a sealed cursor bound to the filters and to the person', async () => {
    // Prepare: 51 reviews due long ago, apart from every other test's (the `before` filter isolates them)
    // (Reviews are created inside the issuance transaction: written here as that transaction writes them.)
    for (let i = 0; i < 51; i++) {
      const id = `INSP-APP-20010101-P${String(i).padStart(9, '0')}`;
      const review = Inspection.schedule({
        id,
        kind: 'on-site-review',
        licenceNo: LicenceNumber.parse(`(鄂)XK06-001-9${String(i).padStart(4, '0')}`),
        uscc: '91420100MA4K2X1R09',
        enterpriseName: `分页测试企业${i}`,
        applicationId: id.slice(5),
        issuedOn: parseLocalDate(`2001-01-${String(1 + (i % 28)).padStart(2, '0')}`),
        at: new Date('2001-01-01T00:00:00Z'),
      });
      await dynamoClient().send(
        new PutCommand({ TableName: config().tableName, Item: inspectionItem(review.toSnapshot()) }),
      );
    }
    const first = await (await get(reviewer, `${LIST}?state=due&before=2001-12-31`)).text();
    const next = /href="(\/console\/workbench\/inspections\?[^"]*cursor=[^"]+)"/
      .exec(first)?.[1]
      ?.replace(/&amp;/g, '&');

    // Act
    const second = await (await get(reviewer, next as string)).text();
    const otherPerson = await get(officer, next as string);
    const otherFilter = await get(reviewer, (next as string).replace('before=2001-12-31', 'before=2001-12-30'));

    // Assess
    expect((first.match(/分页测试企业/g) ?? []).length).toBe(50);
    expect(next).toBeDefined();
    expect((second.match(/分页测试企业/g) ?? []).length).toBe(1);
    expect(second).not.toContain('下一页');
    expect(otherPerson.status).toBe(400);
    expect(otherFilter.status).toBe(400);
    // Every review due in 2001 is past due today: marked by icon and words, not colour alone.
    expect(first).toContain('class="overdue"');
    expect(first).toMatch(/<span class="overdue"><svg[^>]*>.*?<\/svg> 已逾期<\/span>/s);
  });

  test('the page is at most 60 KB compressed, as a browser gets it', async () => {
    // Act: the fullest page of this file (50 rows)
    const sent = await transferredSize(runtime.baseUrl, `${LIST}?state=due&before=2001-12-31`, reviewer.header());

    // Assess
    expect(sent.status).toBe(200);
    expect(sent.encoding).toBe('br');
    expect(sent.bytes).toBeLessThanOrEqual(60 * 1024);
  });

  test('a review past due is listed as overdue once the job marks it', async () => {
    // Prepare: 40 days on, the job marks it
    const later = new ManualClock(new Date(clock.now().getTime() + 40 * 86_400_000));
    await markOverdueInspections(
      { ...inspectionDeps(), clock: later, statusChange: { ...statusChangeDeps(), clock: later } },
      { suspendLicence: false },
    );

    // Act
    const overdue = await allPages(reviewer, `${LIST}?state=overdue`);
    const detail = await (await get(reviewer, `${LIST}/${issued.inspectionId}`)).text();

    // Assess
    expect(overdue).toContain(issued.inspectionId);
    expect(detail).toContain('已逾期');
    expect(detail).toContain('标记为逾期');
  });
});

describe('result entry', () => {
  test('an officer sees the review but no form, and a forged POST gets the 403 page', async () => {
    // Act
    const page = await (await get(officer, `${LIST}/${issued.inspectionId}`)).text();
    const forged = await post(officer, `${LIST}/${issued.inspectionId}/result`, {
      _csrf: await csrfOf(officer),
      outcome: 'pass',
    });

    // Assess
    expect(page).toContain('核查结果由审查员录入');
    expect(page).not.toContain('name="outcome"');
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('调用者的角色无权执行此操作');
  });

  test('a failure without findings is drawn again (422) with the reason beside the field; nothing changes', async () => {
    // Act
    const res = await post(reviewer, `${LIST}/${issued.inspectionId}/result`, {
      _csrf: await csrfOf(reviewer),
      outcome: 'fail',
      findings: '',
      inspectors: '张三',
    });
    const page = await res.text();
    const stored = await inspectionDeps().inspections.get(issued.inspectionId);

    // Assess
    expect(res.status).toBe(422);
    expect(page).toMatch(/id="f-findings-error" class="field__error"/);
    expect(page).toMatch(
      /<textarea id="f-findings" name="findings" rows="3" aria-describedby="f-findings-error f-findings-hint" aria-invalid="true">/,
    );
    expect(page).toContain('value="fail" checked');
    expect(stored?.state).toBe('overdue');
  });

  test('a reviewer records a failure: post/redirect/get, the review failed, the licence revoked', async () => {
    // Act
    const res = await post(reviewer, `${LIST}/${issued.inspectionId}/result`, {
      _csrf: await csrfOf(reviewer),
      outcome: 'fail',
      findings: '生产设备与申报不符',
      inspectors: '张三\n李四',
    });
    const back = await (await get(reviewer, res.headers.get('location') as string)).text();
    const certificate = (await (
      await runtime.request(`/v1/certificates/${encodeURIComponent(issued.licenceNo)}`, { as: 'officer' })
    ).json()) as { status: string };
    const stored = await inspectionDeps().inspections.get(issued.inspectionId);

    // Assess
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${LIST}?recorded=${issued.inspectionId}`);
    expect(back).toContain('已录入核查结果');
    expect(stored?.state).toBe('failed');
    expect(stored?.history.at(-1)).toMatchObject({
      event: 'fail',
      actor: { role: 'reviewer' },
      result: { outcome: 'fail', findings: '生产设备与申报不符', inspectors: ['张三', '李四'] },
    });
    expect(certificate.status).toBe('revoked');
  });

  test('a second result on a closed review is refused beside the form (409), not a 500', async () => {
    // Act
    const res = await post(reviewer, `${LIST}/${issued.inspectionId}/result`, {
      _csrf: await csrfOf(reviewer),
      outcome: 'pass',
    });

    // Assess
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('不合格');
  });

  test('a reviewer passes another review', async () => {
    // Prepare
    const other = await issueReviewed(1302);

    // Act
    const res = await post(reviewer, `${LIST}/${other.inspectionId}/result`, {
      _csrf: await csrfOf(reviewer),
      outcome: 'pass',
      comment: '现场核查符合要求',
    });
    const certificate = (await (
      await runtime.request(`/v1/certificates/${encodeURIComponent(other.licenceNo)}`, { as: 'officer' })
    ).json()) as { status: string };

    // Assess
    expect(res.status).toBe(303);
    expect((await inspectionDeps().inspections.get(other.inspectionId))?.state).toBe('passed');
    expect(certificate.status).toBe('valid');
  });
});

describe('a spot check', () => {
  test('shows its plan and team; a result needs the day of the check (422 beside it); a failure suspends the licence', async () => {
    // Prepare: a licence issued through the API, drawn in a plan
    const res = await runtime.request('/v1/certificates', { as: 'officer', ...jsonRequest(issueBody({ seed: 1303 })) });
    const cert = await readJson<CertificateJson>(res);
    const check = Inspection.scheduleSpotCheck({
      id: 'INSP-PLAN-20261205-WORKBENCH1-00001',
      plan: { id: 'PLAN-20261205-WORKBENCH1', name: '工作台抽查计划' },
      licenceNo: LicenceNumber.parse(cert.licenceNo),
      uscc: cert.enterprise.uscc,
      enterpriseName: cert.enterprise.name,
      team: ['INS-7K2M9QXA', 'INS-Q4W8E2RT'],
      scheduledOn: localDateOf(clock.now()),
      dueOn: localDateOf(clock.now()),
      at: clock.now(),
    }).toSnapshot();
    await inspectionDeps().inspections.create(check);
    const fail = { outcome: 'fail', findings: '抽检不合格', inspectors: 'INS-7K2M9QXA', action: 'suspend' };

    // Act
    const detail = await (await get(reviewer, `${LIST}/${check.id}`)).text();
    const withoutDay = await post(reviewer, `${LIST}/${check.id}/result`, { _csrf: await csrfOf(reviewer), ...fail });
    const recorded = await post(reviewer, `${LIST}/${check.id}/result`, {
      _csrf: await csrfOf(reviewer),
      ...fail,
      checkedOn: localDateOf(clock.now()),
    });
    const certificate = await readJson(
      await runtime.request(`/v1/certificates/${cert.licenceNoUrlSafe}`, { as: 'officer' }),
    );

    // Assess
    expect(detail).toContain('工作台抽查计划（PLAN-20261205-WORKBENCH1）');
    expect(detail).toContain('INS-7K2M9QXA、INS-Q4W8E2RT');
    expect(detail).toContain('name="checkedOn" type="date"');
    expect(withoutDay.status).toBe(422);
    expect(await withoutDay.text()).toMatch(
      /<input id="f-checkedOn" name="checkedOn" type="date" value="" aria-describedby="f-checkedOn-error/,
    );
    expect(recorded.status).toBe(303);
    expect((await inspectionDeps().inspections.get(check.id))?.state).toBe('failed');
    expect(certificate.status).toBe('suspended');
  });
});
