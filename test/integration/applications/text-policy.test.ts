/**
 * One text policy from filing to issuance: text the issuance would refuse — invisible or control characters,
 * characters the certificate font cannot draw, more text than the certificate page holds — is refused when it first
 * enters (filing, amendments, reasons, comments, file names) with a 400 naming the field and the characters, and an
 * application at the limits, with rare characters the font has, goes all the way to an issued certificate.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type AppJson, Applicant, review, reviewSteps } from '../../support/applications';
import { readJson } from '../../support/certificates';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(() => runtime?.stop());

interface ProblemJson {
  status: number;
  code: string;
  errors?: { field: string; message: string }[];
}

/** `text` repeated to exactly `n` characters (code points). */
const repeatTo = (text: string, n: number): string => {
  const chars = [...text];
  return Array.from({ length: n }, (_, i) => chars[i % chars.length]).join('');
};

async function problemOf(res: Response): Promise<ProblemJson> {
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  return (await res.json()) as ProblemJson;
}

/** The field names of a problem, without the `body.` prefix the request parser adds. */
const fieldsOf = (problem: ProblemJson): string[] => (problem.errors ?? []).map((e) => e.field.replace(/^body\./, ''));

async function licensed(seed: number): Promise<{ applicant: Applicant; licenceNo: string }> {
  const applicant = await Applicant.create(runtime, seed);
  const app = await applicant.fileNew(['16-204']);
  await applicant.uploadAll(app.id);
  expect((await applicant.submit(app.id)).status).toBe(200);
  const issued = await reviewSteps(runtime, app.id, ['accept', 'pass-formal-review']);
  return { applicant, licenceNo: issued.outcome?.licenceNo as string };
}

describe('filing refuses what issuance would refuse', () => {
  test.each([
    ['a zero-width space in the name', { name: '湖北\u200B楚天食品包装有限公司' }, 'enterprise.name', 'U+200B'],
    ['a soft hyphen in the domicile', { domicile: '湖北省武汉市\u00AD东西湖区' }, 'enterprise.domicile', 'U+00AD'],
    ['an emoji the font lacks', { domicile: '湖北省武汉市😀路1号' }, 'enterprise.domicile', 'U+1F600 😀'],
    ['a bidi override', { name: '湖北\u202E司公限有' }, 'enterprise.name', 'U+202E'],
    ['a variation selector', { name: '湖北楚天\uFE0F有限公司' }, 'enterprise.name', 'U+FE0F'],
  ])('%s: 400 TEXT_NOT_PRINTABLE naming the field and the character', async (_, change, field, character) => {
    // Prepare
    const applicant = await Applicant.create(runtime, 3101);

    // Act
    const res = await applicant.file({
      kind: 'new',
      enterprise: { ...applicant.enterprise(), ...change },
      products: ['16-204'],
    });

    // Assess
    expect(res.status).toBe(400);
    const problem = await problemOf(res);
    expect(problem.code).toBe('TEXT_NOT_PRINTABLE');
    expect(fieldsOf(problem)).toEqual([field]);
    expect(problem.errors?.[0]?.message).toContain(character);
  });

  test('a paper copy mailed to an address with a zero-width joiner: 400 TEXT_NOT_PRINTABLE naming the address', async () => {
    // Prepare
    const applicant = await Applicant.create(runtime, 3108);
    const address = {
      recipient: '张三',
      phone: '13812345678',
      address: '湖北省武汉市\u200D洪山区珞喻路1号',
      postcode: '430074',
    };

    // Act
    const res = await applicant.file({
      kind: 'new',
      enterprise: applicant.enterprise(),
      products: ['16-204'],
      paperCopy: { address },
    });

    // Assess
    const problem = await problemOf(res);
    expect([res.status, problem.code]).toEqual([400, 'TEXT_NOT_PRINTABLE']);
    expect(fieldsOf(problem)).toEqual(['paperCopy.address.address']);
    expect(problem.errors?.[0]?.message).toContain('U+200D');
  });

  test('a line break in a production address (CR/LF): 400 TEXT_NOT_PRINTABLE naming the address', async () => {
    // Prepare
    const applicant = await Applicant.create(runtime, 3102);
    const enterprise = { ...applicant.enterprise(), productionAddresses: ['湖北省武汉市\r\n东西湖区1号'] };

    // Act
    const res = await applicant.file({ kind: 'new', enterprise, products: ['16-204'] });

    // Assess
    const problem = await problemOf(res);
    expect([res.status, problem.code]).toEqual([400, 'TEXT_NOT_PRINTABLE']);
    expect(fieldsOf(problem)).toEqual(['enterprise.productionAddresses.0']);
    expect(problem.errors?.[0]?.message).toContain('U+000D, U+000A');
  });

  test('more text than the certificate page holds: 400 CERTIFICATE_TEXT_TOO_LONG naming the fields, nothing filed', async () => {
    // Prepare: every field within its own limit, but two 200-character addresses do not fit beside the rest
    const applicant = await Applicant.create(runtime, 3103);
    const address = (n: number) => `${n}${repeatTo('湖北省武汉市东湖新技术开发区光谷大道堃猇路𣲗号', 199)}`;
    const enterprise = {
      ...applicant.enterprise(repeatTo('湖北堃猇𣲗科技有限公司', 100)),
      domicile: repeatTo('湖北省武汉市东湖新技术开发区光谷大道堃猇路𣲗号', 200),
      productionAddresses: [address(1), address(2)],
    };

    // Act
    const res = await applicant.file({ kind: 'new', enterprise, products: ['16-204'] });
    const mine = await applicant.request('/v1/me/applications');

    // Assess
    const problem = await problemOf(res);
    expect([res.status, problem.code]).toEqual([400, 'CERTIFICATE_TEXT_TOO_LONG']);
    expect(fieldsOf(problem)).toEqual([
      'enterprise.name',
      'enterprise.domicile',
      'enterprise.productionAddresses',
      'products',
    ]);
    expect(((await mine.json()) as { items: unknown[] }).items).toEqual([]);
  });

  test('amendments and reasons: the changed text and the reason are checked at filing', async () => {
    // Prepare
    const { applicant, licenceNo } = await licensed(3104);

    // Act
    const amend = await applicant.file({ kind: 'amend', licenceNo, changes: { name: '湖北新名称\n有限公司' } });
    const cancel = await applicant.file({ kind: 'cancel', licenceNo, reason: '企业\u202E注销' });
    const reissue = await applicant.file({ kind: 'reissue', licenceNo, reason: '证书遗失\u0000' });
    const noChange = await applicant.file({
      kind: 'amend',
      licenceNo,
      changes: { domicile: applicant.enterprise().domicile },
    });

    // Assess
    const problems = [await problemOf(amend), await problemOf(cancel), await problemOf(reissue)];
    expect(problems.map((p) => [p.status, p.code, fieldsOf(p)])).toEqual([
      [400, 'TEXT_NOT_PRINTABLE', ['changes.name']],
      [400, 'TEXT_NOT_PRINTABLE', ['reason']],
      [400, 'TEXT_NOT_PRINTABLE', ['reason']],
    ]);
    // An amendment that changes nothing could never be issued: refused at filing too, not after the review.
    expect(noChange.status).toBe(409);
    expect(await noChange.json()).toMatchObject({ code: 'NO_CHANGE' });
  });

  test('comments and file names: 400 naming the field', async () => {
    // Prepare
    const applicant = await Applicant.create(runtime, 3105);
    const app = await applicant.fileNew(['16-204']);

    // Act
    const slash = await applicant.requestUpload(app.id, 'test-report', 100, 'application/pdf', '../报告.pdf');
    const control = await applicant.requestUpload(app.id, 'test-report', 100, 'application/pdf', '报告\u0007.pdf');
    const submit = await applicant.request(`/v1/applications/${app.id}/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ comment: '请审核\u200B' }),
    });
    const reviewed = await review(runtime, app.id, 'reject', '材料不全\u2066');

    // Assess
    const problems = [slash, control, submit, reviewed];
    const summary = await Promise.all(problems.map(async (r) => [r.status, (await problemOf(r)).code]));
    expect(summary).toEqual([
      [400, 'FILE_NAME_INVALID'],
      [400, 'TEXT_NOT_PRINTABLE'],
      [400, 'TEXT_NOT_PRINTABLE'],
      [400, 'TEXT_NOT_PRINTABLE'],
    ]);
  });

  test('a multi-line review comment is kept with its line break', async () => {
    // Prepare
    const applicant = await Applicant.create(runtime, 3106);
    const app = await applicant.fileNew(['16-204']);
    await applicant.uploadAll(app.id);
    expect((await applicant.submit(app.id)).status).toBe(200);

    // Act
    const res = await review(runtime, app.id, 'request-corrections', '检测报告不清晰。\r\n请重新上传。');

    // Assess
    expect(res.status).toBe(200);
    const after = (await res.json()) as AppJson;
    expect(after.timeline.at(-1)?.comment).toBe('检测报告不清晰。\n请重新上传。');
  });
});

describe('an application at the limits, with rare characters, is issued', () => {
  test('a 100-character name, a 200-character domicile and address with 堃, 猇 and 𣲗 (U+23C97): filed, submitted, reviewed, issued', async () => {
    // Prepare
    const applicant = await Applicant.create(runtime, 3107);
    const enterprise = {
      ...applicant.enterprise(repeatTo('湖北堃猇𣲗科技有限公司', 100)),
      domicile: repeatTo('湖北省武汉市东湖新技术开发区光谷大道堃猇路𣲗号', 200),
      productionAddresses: [repeatTo('湖北省鄂州市葛店经济技术开发区创业大道堃猇路𣲗号', 200)],
    };

    // Act
    const res = await applicant.file({ kind: 'new', enterprise, products: ['16-204'] });
    expect(res.status, await res.clone().text()).toBe(201);
    const app = (await res.json()) as AppJson;
    await applicant.uploadAll(app.id);
    expect((await applicant.submit(app.id)).status).toBe(200);
    const issued = await reviewSteps(runtime, app.id, ['accept', 'pass-formal-review']);

    // Assess
    expect(issued.state).toBe('issued');
    const certificate = await readJson(await applicant.request(issued.links.certificate as string));
    expect(certificate.enterprise).toMatchObject({
      name: enterprise.name,
      domicile: enterprise.domicile,
      productionAddresses: enterprise.productionAddresses,
    });
    expect([...certificate.enterprise.name].length).toBe(100);
  });
});
