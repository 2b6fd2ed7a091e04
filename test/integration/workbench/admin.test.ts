/**
 * The workbench's administration pages through the local runtime (admin only: an officer and a reviewer get the 403
 * page at every one). The working-day calendar: the preview lists exactly the days that change and the deadlines
 * that move, and writes nothing; Confirm loads through the API's use case and the open application's deadline moves.
 * The signing keys: marking a key compromised (the "are you sure" page names it) is audited, and the public JWKS and
 * verification then refuse what it signed from that time on.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { applicationDeps } from '../../../lambdas/composition/applications';
import { signingKeyDeps } from '../../../lambdas/composition/signing-keys';
import { statusChangeDeps } from '../../../lambdas/composition/storage';
import { Application } from '../../../lambdas/domain/application';
import { decodeQrPayload } from '../../../lambdas/domain/signing/qr-claims';
import { beijingLocal } from '../../../lambdas/presenters/console/workbench-admin';
import type { DecisionDeps } from '../../../lambdas/use-cases/applications/complete-application';
import { newApplicationId } from '../../../lambdas/use-cases/applications/file-application';
import { reviewApplication } from '../../../lambdas/use-cases/applications/review-application';
import { type AppJson, storeCheckedDocuments } from '../../support/applications';
import { usccFor } from '../../support/certificates';
import { consoleHttp, type Jar } from '../../support/console/http';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';
import { checksOf, issueCertificate, payloadOf, verifyPath } from '../verification/support';

let runtime: TestRuntime;
const { get, post, signIn } = consoleHttp(() => runtime.baseUrl);
const ADMIN = '/console/workbench/admin';
let admin: Jar;

const csrfOf = async (jar: Jar): Promise<string> =>
  /name="_csrf" value="([^"]+)"/.exec(await (await get(jar, '/console/workbench')).text())?.[1] ?? '';

/** An application accepted on 2026-12-28 (through the use cases, on a manual clock): its deadline reaches into 2027. */
async function acceptedBeforeNewYear(seed: number): Promise<string> {
  const clock = new ManualClock('2026-12-28T10:00:00+08:00');
  const deps: DecisionDeps = {
    ...applicationDeps(),
    clock,
    issuance: () => Promise.reject(new Error('not in this test')),
    reprints: {
      findReprint: () => Promise.reject(new Error('not in this test')),
      getPrint: () => Promise.reject(new Error('not in this test')),
      commitReprint: () => Promise.reject(new Error('not in this test')),
    },
    statusChange: { ...statusChangeDeps(), clock },
  };
  const uscc = usccFor(seed);
  const at = clock.now();
  const app = Application.file({
    id: newApplicationId(at),
    kind: 'new',
    uscc,
    enterpriseName: `日历测试企业${seed}`,
    procedure: 'post-issuance-review',
    request: {
      kind: 'new',
      enterprise: { name: `日历测试企业${seed}`, uscc, domicile: '武汉', productionAddresses: ['武汉'] },
      products: ['06-001'],
    },
    actor: { id: 'ent', role: 'enterprise' },
    at,
  }).submit({ actor: { id: 'ent', role: 'enterprise' }, at });
  await applicationDeps().applications.create(app.toSnapshot());
  await storeCheckedDocuments(applicationDeps(), app.id, at);
  await reviewApplication(deps, {
    viewer: { kind: 'staff', id: 'reviewer-1', role: 'reviewer' },
    applicationId: app.id,
    action: 'accept',
  });
  return app.id;
}

const deadlineOf = async (id: string): Promise<AppJson['deadline']> =>
  ((await (await runtime.request(`/v1/applications/${id}`, { as: 'reviewer' })).json()) as AppJson).deadline;

/** The `datetime` of each row's first cell in a table, in order. */
const rowDates = (section: string): string[] =>
  [...section.matchAll(/<tr><th scope="row"><time datetime="([^"]+)"/g)].map((m) => m[1] as string);

/** The part of the page under one heading id. */
const sectionOf = (page: string, id: string): string => {
  const start = page.indexOf(`id="${id}"`);
  return page.slice(start, page.indexOf('</section>', start));
};

beforeAll(async () => {
  runtime = await startTestRuntime();
  admin = await signIn('admin', 'admin-demo');
});
afterAll(() => runtime?.stop());

describe('who may open the administration', () => {
  test.each([
    ['officer', 'officer-demo'],
    ['reviewer', 'reviewer-demo'],
  ])('%s: the 403 page at every admin page, GET or POST', async (user, password) => {
    // Prepare
    const jar = await signIn(user, password);
    const csrf = await csrfOf(jar);
    const start = await (await get(jar, '/console/workbench')).text();

    // Act
    const pages = await Promise.all(
      [ADMIN, `${ADMIN}/calendar`, `${ADMIN}/keys`].map(async (p) => (await get(jar, p)).status),
    );
    const forms = await Promise.all(
      [`${ADMIN}/calendar/preview`, `${ADMIN}/calendar`].map(
        async (p) => (await post(jar, p, { _csrf: csrf, year: '2027', holidays: '2027-01-01' })).status,
      ),
    );

    // Assess
    expect(pages).toEqual([403, 403, 403]);
    expect(forms).toEqual([403, 403]);
    expect(start).not.toContain(`href="${ADMIN}"`);
  });
});

describe('the working-day calendar', () => {
  let appId: string;
  const schedule = { year: '2027', holidays: '2027-01-01\n2027-02-10~2027-02-12', workdays: '2027-02-07' };

  beforeAll(async () => {
    appId = await acceptedBeforeNewYear(1321);
  });

  test('the page shows where each year comes from: 2027 not announced yet', async () => {
    // Act
    const page = await (await get(admin, `${ADMIN}/calendar`)).text();

    // Assess
    expect(page).toMatch(
      /<th scope="row">2027<\/th><td data-label="来源"><span class="mark"><svg[^>]*>.*?<\/svg> 尚未公布/s,
    );
    expect(page).toMatch(
      /<th scope="row">2026<\/th><td data-label="来源"><span class="mark"><svg[^>]*>.*?<\/svg> 程序内置数据/s,
    );
    expect(page).toContain(`action="${ADMIN}/calendar/preview"`);
  });

  test('the preview lists exactly the days that change and the deadline that moves, and writes nothing', async () => {
    // Prepare
    const before = await deadlineOf(appId);

    // Act
    const res = await post(admin, `${ADMIN}/calendar/preview`, { _csrf: await csrfOf(admin), ...schedule });
    const page = await res.text();

    // Assess
    expect(res.status).toBe(200);
    expect(rowDates(sectionOf(page, 'days-title'))).toEqual([
      '2027-01-01',
      '2027-02-07',
      '2027-02-10',
      '2027-02-11',
      '2027-02-12',
    ]);
    const moves = sectionOf(page, 'moves-title');
    expect([...moves.matchAll(/<tr><th scope="row">(APP-[^<]+)</g)].map((m) => m[1])).toEqual([appId]);
    expect(moves).toContain('<time datetime="2027-01-08">2027年1月8日</time> <span class="muted">（暂定）</span>');
    expect(moves).toContain('<time datetime="2027-01-11">2027年1月11日</time></td>');
    // The Confirm form carries the schedule as read (ranges folded), the edit form the same text.
    expect(page).toContain('<input type="hidden" name="holidays" value="2027-01-01 2027-02-10~2027-02-12">');
    // Nothing written: no schedule stored, the deadline as it was.
    expect(await applicationDeps().calendars.list()).toEqual([]);
    expect(await deadlineOf(appId)).toEqual(before);
    expect(before).toMatchObject({ dueOn: '2027-01-08', provisional: true });
  });

  test('a schedule that does not read, or breaks the calendar’s rules, is drawn again with the reason beside its field', async () => {
    // Act
    const csrf = await csrfOf(admin);
    const notRead = await post(admin, `${ADMIN}/calendar/preview`, { _csrf: csrf, year: '2027', holidays: 'banana' });
    const wrongYear = await post(admin, `${ADMIN}/calendar/preview`, {
      _csrf: csrf,
      year: '2027',
      holidays: '2026-01-01',
      workdays: '2027-01-04',
    });
    const page = await wrongYear.text();
    const tooMany = await post(admin, `${ADMIN}/calendar/preview`, {
      _csrf: csrf,
      year: '2027',
      holidays: '2027-01-01~2027-01-31 2027-02-01~2027-02-28 2027-03-01~2027-03-02',
    });

    // Assess
    expect(notRead.status).toBe(422);
    expect(await notRead.text()).toMatch(/id="f-holidays-error" class="field__error">某年的工作日安排/);
    expect(wrongYear.status).toBe(422);
    expect(page).toContain('2026-01-01 is not in 2027');
    expect(page).toContain('2027-01-04 is a weekday already');
    expect(page).toMatch(
      /<textarea id="f-workdays" name="workdays" rows="6" aria-describedby="f-workdays-error f-workdays-hint" aria-invalid="true">2027-01-04<\/textarea>/,
    );
    // The API's own limits (at most 60 holidays), beside the field
    expect(tooMany.status).toBe(422);
    expect(await tooMany.text()).toMatch(/id="f-holidays-error" class="field__error"/);
    expect(await applicationDeps().calendars.list()).toEqual([]);
  });

  test('Confirm loads the year (recorded with who and when) and the open application’s deadline moves', async () => {
    // Act
    const res = await post(admin, `${ADMIN}/calendar`, {
      _csrf: await csrfOf(admin),
      year: '2027',
      holidays: '2027-01-01 2027-02-10~2027-02-12',
      workdays: '2027-02-07',
    });
    const back = await (await get(admin, res.headers.get('location') as string)).text();
    const stored = await applicationDeps().calendars.list();

    // Assess
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${ADMIN}/calendar?loaded=2027&moved=1`);
    expect(back).toContain('已载入 2027 年的工作日安排；1 件在办申请的办理期限已重新计算。');
    expect(back).toMatch(
      /<th scope="row">2027<\/th><td data-label="来源"><span class="mark"><svg[^>]*>.*?<\/svg> 已载入官方安排/s,
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      year: 2027,
      schedule: {
        holidays: ['2027-01-01', '2027-02-10', '2027-02-11', '2027-02-12'],
        workdays: ['2027-02-07'],
      },
      loadedBy: expect.stringMatching(/^[0-9a-f-]{36}$/), // the admin's subject, from the session
    });
    expect(await deadlineOf(appId)).toMatchObject({ dueOn: '2027-01-11', provisional: false });
  });

  test('a loaded year can be opened again in the form, its schedule written back with ranges folded', async () => {
    // Act
    const page = await (await get(admin, `${ADMIN}/calendar?year=2027`)).text();

    // Assess
    expect(page).toContain('id="f-year" name="year" type="text" inputmode="numeric" autocomplete="off" value="2027"');
    expect(page).toMatch(
      /<textarea id="f-holidays" name="holidays" rows="6"[^>]*>2027-01-01\n2027-02-10~2027-02-12<\/textarea>/,
    );
  });

  test('previewing the loaded year again changes nothing', async () => {
    // Act
    const page = await (
      await post(admin, `${ADMIN}/calendar/preview`, { _csrf: await csrfOf(admin), ...schedule })
    ).text();

    // Assess
    expect(page).toContain('没有哪一天的状态会改变。');
    expect(page).toContain('没有在办申请的办理期限会改变。');
    expect(page).toContain('将替换');
  });
});

describe('the signing keys', () => {
  test('an admin marks the current key compromised: audited, rotated, and its signatures from then on fail', async () => {
    // Prepare: a certificate signed by the current key
    const cert = await issueCertificate(runtime, 1331);
    const signedAt = decodeQrPayload(payloadOf(cert.qr.text)).claims.signedAt;
    const kid = (await signingKeyDeps().ring.keyRecords()).find((r) => r.status === 'current')?.kid as string;
    const keysPage = await (await get(admin, `${ADMIN}/keys`)).text();

    // Act: the "are you sure" page, then the mark from the second the certificate was signed
    const confirm = await (await get(admin, `${ADMIN}/keys/${kid}/compromise`)).text();
    const res = await post(admin, `${ADMIN}/keys/${kid}/compromise`, {
      _csrf: await csrfOf(admin),
      at: beijingLocal(new Date(signedAt * 1000)),
    });
    const after = await (await get(admin, res.headers.get('location') as string)).text();
    const jwks = (await (await runtime.request('/.well-known/jwks.json')).json()) as {
      keys: Record<string, unknown>[];
    };
    const verdict = await verifyPath(runtime, `/v/${payloadOf(cert.qr.text)}`);
    const audit = await signingKeyDeps().audit.recent(5);

    // Assess
    expect(keysPage).toContain(`<code class="kid">${kid}</code>`);
    expect(keysPage).toContain('本页不创建密钥');
    expect(confirm).toContain(`标记后，密钥 ${kid} 自所选时间起签署的一切`);
    expect(confirm).toContain('这是当前密钥：本地密钥库会先轮换到新密钥');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${ADMIN}/keys?compromised=${kid}`);
    expect(after).toMatch(
      new RegExp(`<code class="kid">${kid}</code></th>\\s*<td data-label="状态"><span class="badge badge--revoked">`),
    );
    expect((after.match(/badge--valid/g) ?? []).length).toBe(1); // a new current key
    expect(jwks.keys.find((k) => k.kid === kid)).toMatchObject({
      'permit:status': 'compromised',
      'permit:compromisedAt': signedAt,
    });
    expect(verdict.verdict).toBe('invalid');
    expect(checksOf(verdict).signature).toBe('fail:KEY_COMPROMISED');
    expect(audit[0]).toMatchObject({
      action: 'signing-key-compromised',
      subject: kid,
      actor: { role: 'admin' },
      details: { compromisedFrom: new Date(signedAt * 1000).toISOString() },
    });
    expect(after).toContain('最近的操作（审计）');
  });

  test('a time in the future is refused beside the field (422); an unknown key is the 404 page', async () => {
    // Prepare
    const kid = (await signingKeyDeps().ring.keyRecords()).find((r) => r.status === 'current')?.kid as string;
    const csrf = await csrfOf(admin);

    // Act
    const future = await post(admin, `${ADMIN}/keys/${kid}/compromise`, {
      _csrf: csrf,
      at: beijingLocal(new Date(Date.now() + 3_600_000)),
    });
    const unknown = await get(admin, `${ADMIN}/keys/${'A'.repeat(43)}/compromise`);

    // Assess
    expect(future.status).toBe(422);
    expect(await future.text()).toMatch(/id="f-at-error" class="field__error">泄露时间不是有效日期，或晚于当前时间。/);
    expect((await signingKeyDeps().ring.keyRecords()).find((r) => r.kid === kid)?.status).toBe('current');
    expect(unknown.status).toBe(404);
  });
});
