/**
 * The enterprise pages' presenters as pure functions: escaping, both languages, Chinese dates, status in words and
 * icon (not colour alone), error messages beside their fields with aria-describedby, table headers, heading order.
 */
import { describe, expect, test } from 'vitest';
import { ERROR_MEANINGS } from '../../../lambdas/domain/error-catalogue';
import { type ApplicationModel, applicationBody } from '../../../lambdas/presenters/console/applications';
import { type ApplyFormModel, applyFormBody } from '../../../lambdas/presenters/console/apply-form';
import type { ConsoleContext } from '../../../lambdas/presenters/console/context';
import {
  type LicenceDetailModel,
  licenceDetailBody,
  myLicencesBody,
} from '../../../lambdas/presenters/console/licences';

const zh: ConsoleContext = { lang: 'zh-CN', csrfToken: 'tok-123', largeText: false, path: '/console/licences' };
const en: ConsoleContext = { ...zh, lang: 'en' };

/** Heading levels in document order never skip a level going down. */
function headingLevels(markup: string): number[] {
  return [...markup.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
}
const noSkippedLevels = (levels: number[]) => levels.every((l, i) => i === 0 || l <= (levels[i - 1] as number) + 1);

const detail: LicenceDetailModel = {
  licenceNo: '(鄂)XK06-001-00001',
  urlSafe: '42-XK06-001-00001',
  status: 'suspended',
  currentVersion: 2,
  enterprise: {
    name: '湖北<script>alert(1)</script>线缆有限公司',
    uscc: '91420100MA4K2X1R09',
    domicile: '湖北省武汉市',
    productionAddresses: ['湖北省武汉市东西湖区'],
  },
  products: [{ key: '06-001', name: '电线电缆', categoryName: '电线电缆' }],
  procedure: 'post-issuance-review',
  firstIssueDate: '2026-11-27',
  issueDate: '2026-11-27',
  validUntil: '2031-11-26',
  issuingAuthority: '湖北省市场监督管理局',
  verificationUrl: 'https://permit.example/v/ABC"><img>',
  dispatches: [],
};

describe('my licences', () => {
  test('a table with column and row headers; status in words and icon; dates in Chinese', () => {
    // Act
    const out = myLicencesBody(
      {
        items: [
          {
            licenceNo: '(鄂)XK06-001-00001',
            urlSafe: '42-XK06-001-00001',
            status: 'expired',
            version: 3,
            validUntil: '2026-11-27',
          },
        ],
      },
      zh,
    ).toString();
    // Assess
    expect(out).toContain('<th scope="col">证书编号</th>');
    expect(out).toContain('<th scope="row"><a href="/console/licences/42-XK06-001-00001">(鄂)XK06-001-00001</a></th>');
    expect(out).toMatch(/class="badge badge--expired"><svg[^>]*aria-hidden="true"[^>]*>.*<\/svg> 已过期/);
    expect(out).toContain('<time datetime="2026-11-27">2026年11月27日</time>');
    expect(out).toContain('第 3 版');
  });

  test('in English', () => {
    const out = myLicencesBody(
      { items: [{ licenceNo: 'X', urlSafe: 'X', status: 'valid', version: 1, validUntil: '2031-11-26' }] },
      en,
    ).toString();
    expect(out).toContain('My licences');
    expect(out).toContain('26 Nov 2031');
    expect(out).toContain('Valid');
  });
});

describe('licence detail', () => {
  test('escapes every value, draws the QR as SVG, links each version’s PDF, keeps headings in order', () => {
    // Act
    const out = licenceDetailBody(detail, zh).toString();
    // Assess
    expect(out).not.toContain('<script>alert(1)</script>');
    expect(out).toContain('&lt;script&gt;');
    expect(out).not.toContain('"><img>');
    expect(out).toMatch(
      /<svg viewBox="0 0 \d+ \d+"[^>]*role="img" aria-label="许可证 \(鄂\)XK06-001-00001 的核验二维码"/,
    );
    expect(out).toContain('href="/console/licences/42-XK06-001-00001/pdf"');
    expect(out).toContain('href="/console/licences/42-XK06-001-00001/pdf?version=1"');
    expect(out).toContain('暂停');
    expect(out).not.toMatch(/style=|<script/);
    expect(noSkippedLevels(headingLevels(out))).toBe(true);
  });
});

const appModel = (over: Partial<ApplicationModel> = {}): ApplicationModel => ({
  id: 'APP-20261127-K3M9Q2ZT7A',
  kind: 'new',
  state: 'corrections-requested',
  procedure: 'post-issuance-review',
  enterpriseName: '湖北测试企业',
  subject: '电线电缆 (06-001)',
  createdAt: '2026-11-27T01:00:00.000Z',
  acceptedOn: '2026-11-27',
  deadline: { dueOn: '2026-12-10', workingDays: 9, left: 4, overdue: false, provisional: false },
  editable: true,
  documents: [
    {
      type: 'test-report',
      name: { zh: '检测报告', en: 'Test report' },
      latest: { id: 'DOC-1', fileName: 'r.pdf', state: 'rejected', failureCode: 'DOCUMENT_TRAILING_DATA' },
    },
  ],
  timeline: [
    { at: '2026-11-27T01:00:00.000Z', role: 'enterprise', action: 'file', to: 'draft' },
    {
      at: '2026-11-28T01:00:00.000Z',
      role: 'reviewer',
      action: 'request-corrections',
      to: 'corrections-requested',
      comment: '请补充<b>检测报告</b>',
    },
  ],
  dispatches: [],
  ...over,
});

describe('an application', () => {
  test('a refused document shows the Chinese meaning of its code beside its file input', () => {
    // Act
    const out = applicationBody(appModel(), zh).toString();
    // Assess
    expect(out).toContain(
      `<p id="doc-test-report-error" class="field__error" role="alert">${ERROR_MEANINGS.DOCUMENT_TRAILING_DATA.zh}</p>`,
    );
    expect(out).toMatch(
      /<input id="doc-test-report-file"[^>]*aria-describedby="doc-test-report-status doc-test-report-error doc-test-report-hint"/,
    );
    expect(out).toContain('<label for="doc-test-report-file">');
    expect(out).toContain('<progress id="doc-test-report-progress"');
    expect(out).toContain('<label for="doc-test-report-progress">');
  });

  test('working days left, the corrections asked for (escaped) and the answer form with the CSRF token', () => {
    const out = applicationBody(appModel(), zh).toString();
    expect(out).toContain('剩余 4 个工作日');
    expect(out).toContain('<time datetime="2026-12-10">2026年12月10日</time>');
    expect(out).toContain('请补充&lt;b&gt;检测报告&lt;/b&gt;');
    expect(out).toContain('<input type="hidden" name="_csrf" value="tok-123">');
    expect(out).toContain('对补正要求的答复');
    expect(noSkippedLevels(headingLevels(out))).toBe(true);
  });

  test('one form per document: without script a plain POST to storage with the policy’s fields and the file last', () => {
    // Prepare
    const plainUpload = {
      url: 'http://127.0.0.1:4569/permit-documents',
      fields: { key: 'applications/APP-1/DOC-2', success_action_redirect: 'http://127.0.0.1:3000/back?type=x&t=y' },
      expiresAt: '2026-11-27T02:05:00.000Z',
    };
    const model = appModel();
    // Act
    const out = applicationBody(
      { ...model, documents: model.documents.map((d) => ({ ...d, plainUpload })) },
      zh,
    ).toString();
    // Assess
    const form = /<form[^>]*data-upload[\s\S]*?<\/form>/.exec(out)?.[0] ?? '';
    expect(form).toMatch(
      /^<form[^>]*method="post" action="http:\/\/127\.0\.0\.1:4569\/permit-documents" enctype="multipart\/form-data"/,
    );
    expect(form).toContain('data-grant="/console/applications/APP-20261127-K3M9Q2ZT7A/documents"');
    expect(form).toContain('value="http://127.0.0.1:3000/back?type=x&amp;t=y"');
    // Nothing but the policy's fields and the file is sent (storage refuses a field the policy does not name).
    expect([...form.matchAll(/ name="([^"]+)"/g)].map((m) => m[1])).toEqual(['key', 'success_action_redirect', 'file']);
    expect(form).toContain('<noscript><p>此上传表单在 <time datetime="2026-11-27T02:05:00.000Z">');
  });

  test('codes worded for API clients read as an enterprise’s form words, in both languages', () => {
    const out = applicationBody(
      appModel({ submitError: { code: 'DOCUMENT_MISSING', documentType: 'test-report' } }),
      zh,
    ).toString();
    expect(out).toContain('可能已过期');
    expect(out).not.toContain(ERROR_MEANINGS.DOCUMENT_MISSING.zh);
    expect(
      applicationBody(
        appModel({ submitError: { code: 'DOCUMENT_MISSING', documentType: 'test-report' } }),
        en,
      ).toString(),
    ).toContain('may have expired');
  });

  test('an issued application links its licence and has no forms', () => {
    const out = applicationBody(
      appModel({
        state: 'issued',
        editable: false,
        outcome: { licenceNo: '(鄂)XK06-001-00001', urlSafe: '42-XK06-001-00001', version: 1, on: '2026-12-01' },
      }),
      en,
    ).toString();
    expect(out).toContain('href="/console/licences/42-XK06-001-00001"');
    expect(out).toContain('Issued');
    expect(out).not.toContain('<form');
  });
});

describe('the application form', () => {
  const model = (over: Partial<ApplyFormModel> = {}): ApplyFormModel => ({
    kind: 'new',
    filingKey: 'console-key-0001',
    uscc: '91420100MA4K2X1R09',
    products: [
      {
        key: '16-204',
        name: '食品用塑料包装',
        categoryName: '食品相关产品',
        procedure: 'notification-commitment',
        held: false,
      },
      { key: '14-001', name: '无机产品', categoryName: '危险化学品', procedure: 'general', held: false },
    ],
    licences: [],
    values: { 'enterprise.name': '湖北"引号"公司', products: ['16-204'] },
    errors: { 'enterprise.name': ['TEXT_NOT_PRINTABLE'], '': ['APPLICATION_FOREIGN_ENTERPRISE'] },
    ...over,
  });

  test('each product with its procedure and time limit; chosen products stay checked', () => {
    const out = applyFormBody(model(), zh).toString();
    expect(out).toContain('告知承诺');
    expect(out).toContain('形式审查通过后当场发证');
    expect(out).toContain('一般程序（先核后证）');
    expect(out).toMatch(/id="product-16-204" name="products" value="16-204" checked/);
    expect(out).not.toMatch(/id="product-14-001"[^>]*checked/);
  });

  test('a field’s error beside it, linked by aria-describedby; a general one above the form; values escaped', () => {
    const out = applyFormBody(model(), zh).toString();
    expect(out).toContain(
      `<p id="f-enterprise-name-error" class="field__error">${ERROR_MEANINGS.TEXT_NOT_PRINTABLE.zh}</p>`,
    );
    expect(out).toMatch(
      /<input id="f-enterprise-name" name="enterprise.name" type="text" value="湖北&quot;引号&quot;公司" aria-describedby="f-enterprise-name-error" aria-invalid="true"/,
    );
    expect(out).toContain(ERROR_MEANINGS.APPLICATION_FOREIGN_ENTERPRISE.zh);
    expect(out).toContain('<input type="hidden" name="_csrf" value="tok-123">');
  });

  test('a kind on a licence, for an enterprise holding none, says so instead of a form', () => {
    const out = applyFormBody(model({ kind: 'renew', errors: {} }), zh).toString();
    expect(out).toContain('您还没有许可证');
    expect(out).not.toContain('<form');
  });
});
