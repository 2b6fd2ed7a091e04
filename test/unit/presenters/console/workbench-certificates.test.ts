/**
 * The workbench's certificate presenters as pure functions: escaping, both languages, the box's error beside it,
 * tables with data-label, status actions offered only when given, the wordings and "other" in the form with the
 * choices kept and each error beside its field, and a confirm step that names the licence with Confirm and Cancel.
 */
import { describe, expect, test } from 'vitest';
import type { ConsoleContext } from '../../../../lambdas/presenters/console/context';
import {
  type ConfirmModel,
  certificateDossierBody,
  certificatesFindBody,
  type DossierModel,
  type StatusFormModel,
  statusConfirmBody,
  statusFormBody,
} from '../../../../lambdas/presenters/console/workbench-certificates';

const zh: ConsoleContext = {
  lang: 'zh-CN',
  csrfToken: 'tok-123',
  largeText: false,
  path: '/console/workbench/certificates',
};
const en: ConsoleContext = { ...zh, lang: 'en' };
const EVIL = '湖北<script>alert(1)</script>线缆有限公司';

const row = {
  licenceNo: '(鄂)XK06-001-00001',
  urlSafe: '42-XK06-001-00001',
  enterpriseName: EVIL,
  uscc: '91420100MA4K2X1R09',
  status: 'suspended' as const,
  version: 2,
  validUntil: '2031-11-26',
};

const dossier: DossierModel = {
  licenceNo: row.licenceNo,
  urlSafe: row.urlSafe,
  status: 'valid',
  currentVersion: 2,
  enterprise: { name: EVIL, uscc: row.uscc, domicile: '湖北省武汉市', productionAddresses: ['湖北省武汉市东西湖区'] },
  products: [{ key: '06-001', name: '电线电缆', categoryName: '电线电缆' }],
  procedure: 'post-issuance-review',
  firstIssueDate: '2026-11-27',
  issueDate: '2026-11-27',
  validFrom: '2026-11-27',
  validUntil: '2031-11-26',
  issuingAuthority: '湖北省市场监督管理局',
  history: [
    {
      from: null,
      to: 'valid',
      at: '2026-11-27T02:00:00.000Z',
      actor: { type: 'user', id: 'officer-1', role: 'officer' },
      publicReason: '准予许可',
      legalBasis: '《条例》',
    },
  ],
  earlierChanges: 0,
  audit: [
    {
      id: 'e1',
      at: '2026-11-28T02:00:00.000Z',
      licenceNo: { toString: () => row.licenceNo } as never,
      action: 'certificate.downloaded',
      actor: { type: 'user', id: 'reviewer-1', role: 'reviewer' },
      details: { version: 1 },
    },
  ],
  auditLater: false,
  dispatches: [],
  verifyHref: '/v1/verify/42-XK06-001-00001',
  actions: [],
};

describe('certificatesFindBody', () => {
  test('rows escaped, with data-labels and links to each licence; the next page when there is one', () => {
    const html = certificatesFindBody({ q: '湖北', kind: 'name', items: [row], next: '/x?cursor=abc' }, zh).toString();
    expect(html).not.toContain('<script>');
    expect(html).toContain('湖北&lt;script&gt;');
    expect(html).toContain('href="/console/workbench/certificates/42-XK06-001-00001"');
    expect(html).toContain('data-label="企业名称"');
    expect(html).toContain('按企业名称开头查询');
    expect(html).toContain('href="/x?cursor=abc"');
    expect(html).toContain('value="湖北"');
  });

  test('the box’s error is beside it, described and invalid; no results drawn', () => {
    const html = certificatesFindBody(
      { q: '"><b>', kind: 'name', items: [], error: { code: 'USCC_CHECK_CHARACTER' } },
      zh,
    ).toString();
    expect(html).toMatch(/<p id="q-error" class="field__error">[^<]+<\/p>/);
    expect(html).toContain('aria-describedby="q-hint q-error"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('value="&quot;&gt;&lt;b&gt;"');
    expect(html).not.toContain('<table');
  });

  test('English, and an empty result said in words', () => {
    const html = certificatesFindBody({ q: '', kind: 'newest', items: [] }, en).toString();
    expect(html).toContain('No certificate found.');
    expect(html).toContain('Licence number, USCC or enterprise name');
  });
});

describe('certificateDossierBody', () => {
  test('particulars escaped, versions with their PDFs, history, audit in words, verification link', () => {
    const html = certificateDossierBody(dossier, zh).toString();
    expect(html).not.toContain('<script>');
    // The current version (2) at the plain address, an earlier one by its number.
    expect(html).toContain('href="/console/workbench/certificates/42-XK06-001-00001/pdf" download');
    expect(html).toContain('href="/console/workbench/certificates/42-XK06-001-00001/pdf?version=1"');
    expect(html).toContain('准予许可');
    expect(html).toContain('下载 PDF');
    expect(html).toContain('href="/v1/verify/42-XK06-001-00001"');
    expect(html).not.toContain('/status?action=');
  });

  test('the status actions offered are exactly those given (an officer’s); a change just made is confirmed', () => {
    const html = certificateDossierBody(
      { ...dossier, actions: ['suspend', 'revoke'], changed: 'suspend' },
      zh,
    ).toString();
    expect(html).toContain('href="/console/workbench/certificates/42-XK06-001-00001/status?action=suspend"');
    expect(html).toContain('href="/console/workbench/certificates/42-XK06-001-00001/status?action=revoke"');
    expect(html).not.toContain('action=cancel');
    expect(html).toContain('许可证已暂扣');
  });
});

describe('statusFormBody', () => {
  const base: StatusFormModel = {
    licenceNo: row.licenceNo,
    urlSafe: row.urlSafe,
    enterpriseName: EVIL,
    status: 'valid',
    revision: 3,
    allowed: ['suspend', 'revoke', 'cancel'],
  };

  test('without an action: the allowed actions as links', () => {
    const html = statusFormBody(base, zh).toString();
    expect(html.match(/status\?action=/g)).toHaveLength(3);
    expect(html).not.toContain('<form');
  });

  test('with an action: the wordings and "other", the revision and CSRF token, choices kept, errors beside fields', () => {
    const html = statusFormBody(
      {
        ...base,
        action: 'suspend',
        values: { reason: 'other', reasonOther: '<b>自定义</b>', basis: 'penalty-law-9' },
        errors: { reason: { code: 'INVALID_FIELDS' } },
      },
      zh,
    ).toString();
    expect(html).toContain('name="_csrf" value="tok-123"');
    expect(html).toContain('name="revision" value="3"');
    expect(html).toContain('产品质量监督抽查不合格');
    expect(html).toMatch(/value="other" checked/);
    expect(html).toMatch(/value="penalty-law-9" checked/);
    expect(html).toContain('&lt;b&gt;自定义&lt;/b&gt;');
    expect(html).toMatch(/<fieldset class="field" aria-describedby="reason-error">/);
    expect(html).toMatch(/<p id="reason-error" class="field__error">[^<]+<\/p>/);
    expect(html).not.toContain('id="basis-error"');
  });

  test('a final status: no change offered', () => {
    expect(statusFormBody({ ...base, status: 'revoked', allowed: [] }, en).toString()).toContain(
      'cannot change any more',
    );
  });
});

describe('statusConfirmBody', () => {
  const model: ConfirmModel = {
    licenceNo: row.licenceNo,
    urlSafe: row.urlSafe,
    enterpriseName: EVIL,
    action: 'suspend',
    from: 'valid',
    to: 'suspended',
    revision: 3,
    publicReason: '责令停产整改 / Ordered "to" stop',
    legalBasis: '《中华人民共和国行政处罚法》第九条',
  };

  test('names the licence (number, enterprise, from → to, the reasons) with Confirm and Cancel', () => {
    const html = statusConfirmBody(model, zh).toString();
    expect(html).toContain('暂扣许可证 (鄂)XK06-001-00001？');
    expect(html).toContain('湖北&lt;script&gt;');
    expect(html).toMatch(/badge--valid[\s\S]*→[\s\S]*badge--suspended/);
    expect(html).toContain('action="/console/workbench/certificates/42-XK06-001-00001/status/confirm"');
    expect(html).toContain('name="publicReason" value="责令停产整改 / Ordered &quot;to&quot; stop"');
    expect(html).toContain('>确认暂扣</button>');
    expect(html).toContain('<a class="button" href="/console/workbench/certificates/42-XK06-001-00001">取消</a>');
  });

  test('in English', () => {
    expect(statusConfirmBody(model, en).toString()).toContain('Suspend licence (鄂)XK06-001-00001?');
  });
});
