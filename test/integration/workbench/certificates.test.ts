/**
 * The workbench's certificates through the local runtime, signed in as staff: the one search box (exact licence
 * number → its page, exact USCC, name prefix normalised — full-width and spaces — 50 a page through sealed cursors),
 * the licence's dossier (versions, history, audit, an audited PDF download), and the status change an officer makes
 * through its "are you sure" step — refused to a reviewer, a missing reason told beside its field, safe against a
 * double submit, audited, and shown at once by the public verification JSON and page. Also the name-index backfill.
 */
import { brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { DynamoCertificateRepository, nameEntry } from '../../../lambdas/adapters/dynamo/certificate-repository';
import { backfillCertificateNames } from '../../../lambdas/composition/register-backfills';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import { dynamoClient } from '../../../lambdas/shared/clients';
import { type CertificateJson, issueBody, jsonRequest, readJson, usccFor } from '../../support/certificates';
import { consoleHttp, type Jar } from '../../support/console/http';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;
const clock = new ManualClock(new Date());

beforeAll(async () => {
  runtime = await startTestRuntime({ overrides: { clock } });
});
afterAll(() => runtime?.stop());

const { get, post, signIn } = consoleHttp(() => runtime.baseUrl);
const FIND = '/console/workbench/certificates';
const page = (urlSafe: string) => `${FIND}/${urlSafe}`;

let seed = 7000;
async function issue(name: string): Promise<CertificateJson> {
  seed += 1;
  const res = await runtime.request('/v1/certificates', { as: 'officer', ...jsonRequest(issueBody({ seed, name })) });
  expect(res.status).toBe(201);
  return readJson(res);
}

const csrfIn = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const licencesIn = (html: string): string[] =>
  [...html.matchAll(/<th scope="row"><a href="\/console\/workbench\/certificates\/([^"]+)">/g)].map((m) => m[1] ?? '');
/** The page's size as a browser would get it (the console compresses with Brotli when asked). */
const brotliBytes = (html: string): number => brotliCompressSync(Buffer.from(html)).length;

let officer: Jar;
let reviewer: Jar;
beforeAll(async () => {
  officer = await signIn('officer', 'officer-demo');
  reviewer = await signIn('reviewer', 'reviewer-demo');
});

describe('finding certificates', () => {
  test('an exact licence number goes straight to its page, in any written form; an unknown one finds nothing', async () => {
    // Prepare
    const cert = await issue('查找编号测试线缆有限公司');

    // Act
    const printed = await get(reviewer, `${FIND}?q=${encodeURIComponent(cert.licenceNo)}`);
    const urlSafe = await get(reviewer, `${FIND}?q=${cert.licenceNoUrlSafe}`);
    const unknown = await get(reviewer, `${FIND}?q=${encodeURIComponent('(鄂)XK06-001-99999')}`);

    // Assess
    for (const res of [printed, urlSafe]) {
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(page(cert.licenceNoUrlSafe));
    }
    expect(unknown.status).toBe(200);
    expect(await unknown.text()).toContain('没有找到许可证');
  });

  test('a malformed licence number or USCC is the box again (422) with the reason beside it', async () => {
    const badNumber = await get(reviewer, `${FIND}?q=${encodeURIComponent('(鄂)XK06-001-123')}`);
    const badCode = await get(reviewer, `${FIND}?q=${usccFor(1).slice(0, 17)}${usccFor(1).endsWith('0') ? '1' : '0'}`);
    for (const res of [badNumber, badCode]) {
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toMatch(/<p id="q-error" class="field__error">[^<]+<\/p>/);
      expect(html).toContain('aria-invalid="true"');
      expect(html).toContain('aria-describedby="q-hint q-error"');
    }
  });

  test('an exact USCC lists that enterprise’s licences', async () => {
    const cert = await issue('信用代码查询测试有限公司');
    const res = await get(reviewer, `${FIND}?q=${cert.enterprise.uscc.toLowerCase()}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(licencesIn(html)).toEqual([cert.licenceNoUrlSafe]);
    expect(html).toContain('按统一社会信用代码查询');
  });

  test('a name prefix finds names however it is typed: full-width letters, spaces, letter case', async () => {
    // Prepare
    const a = await issue('前缀测试ABC线缆有限公司');
    const b = await issue('前缀测试ABD电缆有限公司');
    await issue('别的前缀测试有限公司');

    // Act
    const found = async (q: string) =>
      licencesIn(await (await get(reviewer, `${FIND}?q=${encodeURIComponent(q)}`)).text());

    // Assess: name order (ABC before ABD), whatever the typing
    expect(await found('前缀测试')).toEqual([a.licenceNoUrlSafe, b.licenceNoUrlSafe]);
    expect(await found('前缀 测试 ａｂ')).toEqual([a.licenceNoUrlSafe, b.licenceNoUrlSafe]);
    expect(await found('　前缀测试abd ')).toEqual([b.licenceNoUrlSafe]);
    expect(await found('前缀测试X')).toEqual([]);
  });

  test('50 a page through sealed cursors bound to the query and the person; the page stays under 60 KB', async () => {
    // Prepare: 51 licences under one prefix
    const names = Array.from({ length: 51 }, (_, i) => `分页测试${String(i).padStart(2, '0')}号有限公司`);
    for (let i = 0; i < names.length; i += 6) await Promise.all(names.slice(i, i + 6).map((n) => issue(n)));

    // Act
    const first = await (await get(reviewer, `${FIND}?q=${encodeURIComponent('分页测试')}`)).text();
    const next = /<a href="(\/console\/workbench\/certificates\?q=[^"]+&amp;cursor=[^"]+)">下一页<\/a>/.exec(
      first,
    )?.[1];
    const nextPath = (next ?? '').replaceAll('&amp;', '&');
    const second = await (await get(reviewer, nextPath)).text();
    const cursor = new URL(nextPath, runtime.baseUrl).searchParams.get('cursor') ?? '';
    const otherQuery = await get(
      reviewer,
      `${FIND}?q=${encodeURIComponent('前缀')}&cursor=${encodeURIComponent(cursor)}`,
    );
    const otherPerson = await get(officer, nextPath);

    // Assess
    expect(licencesIn(first)).toHaveLength(50);
    expect(next).toBeDefined();
    expect(cursor).not.toMatch(/^eyJ/); // sealed, not a readable storage position
    expect(licencesIn(second)).toHaveLength(1);
    expect(new Set([...licencesIn(first), ...licencesIn(second)]).size).toBe(51);
    expect(otherQuery.status).toBe(400);
    expect(otherPerson.status).toBe(400);
    expect(await otherQuery.text()).toContain('INVALID_CURSOR');
    expect(brotliBytes(first)).toBeLessThan(60 * 1024);
  });

  test('an empty box lists the newest certificates, and the API finds by name prefix through the same use case', async () => {
    const cert = await issue('接口前缀测试有限公司');
    const newest = await (await get(reviewer, FIND)).text();
    expect(newest).toContain('最新发放的许可证');
    expect(licencesIn(newest)).toContain(cert.licenceNoUrlSafe);
    const api = await runtime.request(`/v1/certificates?namePrefix=${encodeURIComponent('接口 前缀')}`, {
      as: 'reviewer',
    });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { items: { licenceNoUrlSafe: string }[] };
    expect(body.items.map((i) => i.licenceNoUrlSafe)).toEqual([cert.licenceNoUrlSafe]);
    const both = await runtime.request(`/v1/certificates?namePrefix=x&status=valid`, { as: 'reviewer' });
    expect(both.status).toBe(400);
  });
});

describe('a licence’s dossier', () => {
  test('particulars, versions, history and audit; a staff PDF download is audited as the API’s', async () => {
    // Prepare
    const cert = await issue('档案测试线缆有限公司');
    // The download a minute after the issue: the audit trail lists it first (newest first, by time).
    clock.advance({ minutes: 1 });

    // Act
    const html = await (await get(reviewer, page(cert.licenceNoUrlSafe))).text();
    const pdf = await get(reviewer, `${page(cert.licenceNoUrlSafe)}/pdf?version=1`);
    const after = await (await get(reviewer, page(cert.licenceNoUrlSafe))).text();

    // Assess
    expect(html).toContain(`<h1>许可证 ${cert.licenceNo}</h1>`);
    expect(html).toContain('档案测试线缆有限公司');
    expect(html).toContain(`href="${page(cert.licenceNoUrlSafe)}/pdf" download`);
    expect(html).toContain('状态历史');
    expect(html).toContain('审计记录');
    expect(html).toContain(`href="/v1/verify/${cert.licenceNoUrlSafe}"`);
    expect(html).not.toContain('/status?action='); // a reviewer is offered no status change
    expect(pdf.status).toBe(302);
    expect(after).toContain('下载 PDF');
    const audit = await runtime.request(`/v1/certificates/${cert.licenceNoUrlSafe}/audit`, { as: 'officer' });
    const events = ((await audit.json()) as { items: { action: string; actor: { id: string; role: string } }[] }).items;
    expect(events[0]).toMatchObject({ action: 'certificate.downloaded', actor: { role: 'reviewer' } });
    expect(brotliBytes(html)).toBeLessThan(60 * 1024);
    const typed = await (await get(reviewer, `${page(cert.licenceNoUrlSafe)}?changed=revoke`)).text();
    expect(typed).not.toContain('许可证已吊销'); // a hand-typed confirmation says nothing
  });

  test('a licence that does not exist is the 404 page', async () => {
    const res = await get(reviewer, page('42-XK06-001-99999'));
    expect(res.status).toBe(404);
  });
});

describe('status changes', () => {
  const suspendForm = (csrf: string, revision: number) => ({
    _csrf: csrf,
    action: 'suspend',
    revision: String(revision),
    reason: 'stop-production',
    basis: 'penalty-law-9',
  });

  test('a reviewer is offered none and is refused every step (403)', async () => {
    const cert = await issue('审查员拒绝测试有限公司');
    const csrf = csrfIn(await (await get(reviewer, page(cert.licenceNoUrlSafe))).text());
    const form = await get(reviewer, `${page(cert.licenceNoUrlSafe)}/status?action=suspend`);
    const review = await post(reviewer, `${page(cert.licenceNoUrlSafe)}/status`, suspendForm(csrf, cert.revision));
    const confirm = await post(reviewer, `${page(cert.licenceNoUrlSafe)}/status/confirm`, {
      _csrf: csrf,
      action: 'suspend',
      revision: String(cert.revision),
      publicReason: '伪造',
      legalBasis: '伪造',
    });
    expect([form.status, review.status, confirm.status]).toEqual([403, 403, 403]);
    const now = await readJson(await runtime.request(`/v1/certificates/${cert.licenceNoUrlSafe}`, { as: 'officer' }));
    expect(now.status).toBe('valid');
  });

  test('a missing reason or basis is the form again (422), each message beside its field, the choices kept', async () => {
    const cert = await issue('缺少理由测试有限公司');
    const formPage = await (await get(officer, `${page(cert.licenceNoUrlSafe)}/status?action=suspend`)).text();
    const res = await post(officer, `${page(cert.licenceNoUrlSafe)}/status`, {
      _csrf: csrfIn(formPage),
      action: 'suspend',
      revision: String(cert.revision),
      reason: 'other',
      reasonOther: '  ',
      basis: 'penalty-law-9',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/<p id="reason-error" class="field__error">[^<]+<\/p>/);
    expect(html).not.toContain('id="basis-error"');
    expect(html).toMatch(/value="penalty-law-9" checked/);
    expect(html).toMatch(/value="other" checked/);
  });

  test('suspend through the confirm step, once despite a double submit; audited; the public page says so; reinstate', async () => {
    // Prepare
    const cert = await issue('暂扣流程测试线缆有限公司');
    const href = page(cert.licenceNoUrlSafe);
    const dossier = await (await get(officer, href)).text();
    expect(dossier).toContain(`href="${href}/status?action=suspend"`);
    const formPage = await (await get(officer, `${href}/status?action=suspend`)).text();
    expect(formPage).toContain('产品质量监督抽查不合格');

    // Act 1: the "are you sure" step — nothing changes yet
    const review = await post(officer, `${href}/status`, suspendForm(csrfIn(formPage), cert.revision));
    const confirmPage = await review.text();
    const unchanged = await readJson(
      await runtime.request(`/v1/certificates/${cert.licenceNoUrlSafe}`, { as: 'officer' }),
    );

    // Assess 1
    expect(review.status).toBe(200);
    expect(confirmPage).toContain(cert.licenceNo);
    expect(confirmPage).toContain('暂扣流程测试线缆有限公司');
    expect(confirmPage).toContain('责令停产整改 / Ordered to stop production and rectify');
    expect(confirmPage).toContain('《中华人民共和国行政处罚法》第九条');
    expect(confirmPage).toMatch(/badge--valid[\s\S]*→[\s\S]*badge--suspended/);
    expect(confirmPage).toContain(`action="${href}/status/confirm"`);
    expect(confirmPage).toContain(`<a class="button" href="${href}">取消</a>`);
    expect(unchanged.status).toBe('valid');

    // Act 2: confirm, twice (a double submit)
    const fields = Object.fromEntries(
      [...confirmPage.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
        m[1] as string,
        (m[2] as string).replaceAll('&amp;', '&').replaceAll('&#39;', "'").replaceAll('&quot;', '"'),
      ]),
    );
    const first = await post(officer, `${href}/status/confirm`, fields);
    const second = await post(officer, `${href}/status/confirm`, fields);

    // Assess 2
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`${href}?changed=suspend`);
    expect(second.status).toBe(303);
    const shown = await (await get(officer, `${href}?changed=suspend`)).text();
    expect(shown).toContain('许可证已暂扣');
    expect(shown).toContain('badge--suspended');
    const record = await readJson(
      await runtime.request(`/v1/certificates/${cert.licenceNoUrlSafe}`, { as: 'officer' }),
    );
    expect(record.status).toBe('suspended');
    expect(record.history.filter((h) => h.to === 'suspended')).toHaveLength(1);
    const audit = await runtime.request(`/v1/certificates/${cert.licenceNoUrlSafe}/audit`, { as: 'officer' });
    const events = ((await audit.json()) as { items: { action: string; actor: { id: string } }[] }).items;
    expect(events.filter((e) => e.action === 'certificate.suspend')).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ role: 'officer' }) }),
    ]);
    const verifyJson = (await (await runtime.request(`/v1/verify/${cert.licenceNoUrlSafe}`)).json()) as {
      verdict: string;
      certificate: { status: string; publicReason: string };
    };
    expect(verifyJson.verdict).toBe('suspended');
    expect(verifyJson.certificate.publicReason).toBe('责令停产整改 / Ordered to stop production and rectify');
    const verifyPage = await (
      await runtime.request(`/v1/verify/${cert.licenceNoUrlSafe}`, { headers: { accept: 'text/html' } })
    ).text();
    expect(verifyPage).toContain('责令停产整改');
    expect(verifyPage).toContain('暂扣');

    // Act 3: reinstate the same way
    const reinstateForm = await (await get(officer, `${href}/status?action=reinstate`)).text();
    const reinstateReview = await (
      await post(officer, `${href}/status`, {
        _csrf: csrfIn(reinstateForm),
        action: 'reinstate',
        revision: String(record.revision),
        reason: 'rectified',
        basis: 'regulations',
      })
    ).text();
    const reinstateFields = Object.fromEntries(
      [...reinstateReview.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
        m[1] as string,
        m[2] as string,
      ]),
    );
    const reinstated = await post(officer, `${href}/status/confirm`, reinstateFields);

    // Assess 3: past the verification cache's freshness promise (4 s on the injected clock), the page says so too
    expect(reinstated.status).toBe(303);
    clock.advance({ seconds: 5 });
    const back = (await (await runtime.request(`/v1/verify/${cert.licenceNoUrlSafe}`)).json()) as { verdict: string };
    expect(back.verdict).toBe('valid');
  });

  test('a confirm at a revision since changed by another change is refused (409), nothing changed twice', async () => {
    const cert = await issue('并发变更测试有限公司');
    const href = page(cert.licenceNoUrlSafe);
    const csrf = csrfIn(await (await get(officer, href)).text());
    const confirm = (action: string, publicReason: string) =>
      post(officer, `${href}/status/confirm`, {
        _csrf: csrf,
        action,
        revision: String(cert.revision),
        publicReason,
        legalBasis: '《中华人民共和国行政处罚法》第九条',
      });
    expect((await confirm('suspend', '第一次')).status).toBe(303);
    const stale = await confirm('revoke', '第二次');
    expect(stale.status).toBe(409);
    const record = await readJson(
      await runtime.request(`/v1/certificates/${cert.licenceNoUrlSafe}`, { as: 'officer' }),
    );
    expect(record.status).toBe('suspended');
  });
});

describe('the name-index backfill', () => {
  test('a certificate without its entry is not found by name until the backfill; a second run adds nothing', async () => {
    // Prepare: a certificate "from before the index" (its entry removed)
    const cert = await issue('回填测试旧证有限公司');
    const repository = new DynamoCertificateRepository(dynamoClient(), runtime.names.tableName);
    const head = await repository.get(LicenceNumber.parse(cert.licenceNo));
    const { pk, sk } = nameEntry(head?.certificate as never) as { pk: string; sk: string };
    const { DeleteCommand } = await import('@aws-sdk/lib-dynamodb');
    await dynamoClient().send(new DeleteCommand({ TableName: runtime.names.tableName, Key: { pk, sk } }));
    const before = licencesIn(await (await get(reviewer, `${FIND}?q=${encodeURIComponent('回填测试')}`)).text());

    // Act
    const first = await backfillCertificateNames();
    const second = await backfillCertificateNames();

    // Assess
    expect(before).toEqual([]);
    expect(first.added).toBe(1);
    expect(second.added).toBe(0);
    const after = licencesIn(await (await get(reviewer, `${FIND}?q=${encodeURIComponent('回填测试')}`)).text());
    expect(after).toEqual([cert.licenceNoUrlSafe]);
  });
});
