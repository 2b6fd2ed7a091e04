/**
 * The application page's presenter (timeline, documents, corrections, dispatch), as pure functions: escaping, both languages, Chinese dates, status in words and icon, errors beside
 * their fields with aria-describedby, table headers, heading order.
 */
import { describe, expect, test } from 'vitest';
import { ERROR_MEANINGS } from '../../../../lambdas/domain/error-catalogue';
import { type ApplicationModel, applicationBody } from '../../../../lambdas/presenters/console/applications';
import type { ConsoleContext } from '../../../../lambdas/presenters/console/context';

const zh: ConsoleContext = { lang: 'zh-CN', csrfToken: 'tok-123', largeText: false, path: '/console/licences' };
const en: ConsoleContext = { ...zh, lang: 'en' };

/** Heading levels in document order never skip a level going down. */
function headingLevels(markup: string): number[] {
  return [...markup.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
}
const noSkippedLevels = (levels: number[]) => levels.every((l, i) => i === 0 || l <= (levels[i - 1] as number) + 1);

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
