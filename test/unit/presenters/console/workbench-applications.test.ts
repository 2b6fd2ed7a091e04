/**
 * The worklist and review pages' bodies: overdue in words with an icon (never colour alone), working days left, the
 * filter form keeping what was asked, the next page's link, every value escaped and no inline style; the review page
 * offering exactly the steps it is given, a refused step's reason beside the comment (the control marked invalid),
 * a PDF opened in an unsandboxed frame and a scan in an image, each with a new-tab link, the licence linked to the
 * workbench's certificate page.
 */
import { describe, expect, test } from 'vitest';
import type { ConsoleContext } from '../../../../lambdas/presenters/console/context';
import {
  type ReviewModel,
  reviewBody,
  type WorklistRowModel,
  worklistBody,
} from '../../../../lambdas/presenters/console/workbench-applications';

const ctx: ConsoleContext = {
  lang: 'zh-CN',
  csrfToken: 'tok',
  largeText: false,
  path: '/console/workbench/applications',
};
const en: ConsoleContext = { ...ctx, lang: 'en' };

const row = (over: Partial<WorklistRowModel> = {}): WorklistRowModel => ({
  id: 'APP-20261127-AAAAAAAAAA',
  enterpriseName: '武汉<长江>线缆有限公司',
  kind: 'new',
  procedure: 'post-issuance-review',
  state: 'accepted',
  receivedAt: '2026-11-27T02:00:00.000Z',
  dueOn: '2026-12-10',
  left: { count: 4, provisional: false, overdue: false },
  ...over,
});

describe('worklistBody', () => {
  test('rows with working days left; overdue said with an icon and a word; values escaped; no inline style', () => {
    const page = worklistBody(
      {
        rows: [row(), row({ id: 'APP-20261127-BBBBBBBBBB', left: { count: 0, provisional: false, overdue: true } })],
        filters: {},
      },
      ctx,
    ).toString();
    expect(page).toContain('<strong>4</strong> 个工作日');
    expect(page).toMatch(/<tr class="row--overdue">[\s\S]*<svg[^>]*aria-hidden="true"[\s\S]*已逾期/);
    expect(page.match(/row--overdue/g)).toHaveLength(1);
    expect(page).toContain('武汉&lt;长江&gt;线缆有限公司');
    expect(page).not.toMatch(/style=/);
    expect(page).toContain('data-label="剩余工作日"');
    expect(page).toContain('按办理期限排列');
  });

  test('the filter form keeps what was asked; the next page’s link; an empty list says why', () => {
    const page = worklistBody(
      {
        rows: [row()],
        filters: { state: 'accepted', procedure: 'general', sort: 'received' },
        next: '/n?a=1&cursor=x',
      },
      en,
    ).toString();
    expect(page).toContain('<option value="accepted" selected>');
    expect(page).toContain('<option value="general" selected>');
    expect(page).toContain('<option value="received" selected>');
    expect(page).not.toContain('value="draft"');
    expect(page).toContain('href="/n?a=1&amp;cursor=x" rel="next"');
    expect(page).toContain('By date received, the earliest first.');
    const none = worklistBody({ rows: [], filters: { overdue: true } }, ctx).toString();
    expect(none).toContain('没有已逾期的申请。');
    expect(none).toContain('name="overdue" value="true" checked');
  });
});

const model = (over: Partial<ReviewModel> = {}): ReviewModel => ({
  id: 'APP-20261127-AAAAAAAAAA',
  kind: 'new',
  state: 'submitted',
  procedure: 'post-issuance-review',
  enterpriseName: '武汉长江线缆有限公司',
  uscc: '91420100MA4K0A0A1E',
  subject: '电线电缆 (06-001)',
  receivedAt: '2026-11-27T02:00:00.000Z',
  documents: [
    {
      id: 'DOC-1',
      name: { zh: '申请单', en: 'Application form' },
      fileName: 'a.pdf',
      state: 'accepted',
      contentType: 'application/pdf',
    },
    {
      id: 'DOC-2',
      name: { zh: '承诺书', en: 'Commitment letter' },
      fileName: 'b.png',
      state: 'accepted',
      contentType: 'image/png',
    },
  ],
  reads: [],
  moreReads: false,
  timeline: [],
  reviewActions: ['accept', 'request-corrections', 'reject'],
  decisions: [],
  ...over,
});

describe('reviewBody', () => {
  test('offers exactly the steps it is given, each a button of one plain form with the CSRF token', () => {
    const page = reviewBody(model(), ctx).toString();
    expect(page).toContain('action="/console/workbench/applications/APP-20261127-AAAAAAAAAA/review"');
    expect(page).toContain('name="_csrf" value="tok"');
    expect([...page.matchAll(/name="action" value="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'accept',
      'request-corrections',
      'reject',
    ]);
    expect(page).not.toContain('/decision"');
    const officer = reviewBody(model({ reviewActions: [], decisions: ['approve', 'refuse'] }), ctx).toString();
    expect(officer).not.toContain('/review"');
    expect([...officer.matchAll(/name="decision" value="([^"]+)"/g)].map((m) => m[1])).toEqual(['approve', 'refuse']);
    expect(reviewBody(model({ reviewActions: [] }), ctx).toString()).not.toContain('<form');
  });

  test('a refused step: the reason beside the comment, the control invalid, the comment kept', () => {
    const page = reviewBody(
      model({ refused: { form: 'review', code: 'APPLICATION_COMMENT_REQUIRED', comment: '<b>补正</b>' } }),
      ctx,
    ).toString();
    expect(page).toContain(
      'aria-describedby="review-comment-hint review-comment-error" aria-invalid="true">&lt;b&gt;补正&lt;/b&gt;</textarea>',
    );
    expect(page).toMatch(
      /<span id="review-comment-error" class="field__error" role="alert" data-code="APPLICATION_COMMENT_REQUIRED">[^<]+<\/span>/,
    );
  });

  test('a PDF opened in an unsandboxed frame, a scan in an image with its alternative text; new-tab links', () => {
    const pdf = reviewBody(
      model({ opened: { documentId: 'DOC-1', url: 'https://s3.example/k?a=1&b=2', contentType: 'application/pdf' } }),
      ctx,
    ).toString();
    expect(pdf).toContain('<iframe class="doc-frame" src="https://s3.example/k?a=1&amp;b=2" title="申请单 — a.pdf"');
    expect(pdf).not.toContain('sandbox');
    expect(pdf).toContain('aria-current="true"');
    const png = reviewBody(
      model({ opened: { documentId: 'DOC-2', url: 'https://s3.example/p', contentType: 'image/png' } }),
      ctx,
    ).toString();
    expect(png).toContain('<img class="doc-image" src="https://s3.example/p" alt="承诺书（扫描件）：b.png"');
    expect(png).toContain(
      'href="/console/workbench/applications/APP-20261127-AAAAAAAAAA/documents/DOC-2" target="_blank" rel="noopener"',
    );
  });

  test('overdue with an icon and a word; the licence linked to the certificate page; the step’s notice', () => {
    const page = reviewBody(
      model({
        state: 'issued',
        deadline: { dueOn: '2026-12-10', workingDays: 9, provisional: false },
        left: { count: 0, provisional: false, overdue: true },
        outcome: { licenceNo: '(鄂)XK06-001-00001', urlSafe: '42-XK06-001-00001', version: 1, on: '2026-11-27' },
        done: 'pass-formal-review',
        reviewActions: [],
      }),
      ctx,
    ).toString();
    expect(page).toMatch(/<svg[^>]*aria-hidden="true"[\s\S]*?<\/svg> 已逾期/);
    expect(page).toContain('href="/console/workbench/certificates/42-XK06-001-00001">(鄂)XK06-001-00001</a>');
    expect(page).toContain('role="status"');
    expect(page).toContain('形式审查已通过。');
    expect(page).not.toMatch(/style=/);
  });
});
