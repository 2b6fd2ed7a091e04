/**
 * The application form's presenter (kinds, products with their procedure and time limit, errors beside fields), as pure functions: escaping, both languages, Chinese dates, status in words and icon, errors beside
 * their fields with aria-describedby, table headers, heading order.
 */
import { describe, expect, test } from 'vitest';
import { ERROR_MEANINGS } from '../../../../lambdas/domain/error-catalogue';
import { type ApplyFormModel, applyFormBody } from '../../../../lambdas/presenters/console/apply-form';
import type { ConsoleContext } from '../../../../lambdas/presenters/console/context';
import { CONSOLE_MEANINGS } from '../../../../lambdas/presenters/console/words';

const zh: ConsoleContext = { lang: 'zh-CN', csrfToken: 'tok-123', largeText: false, path: '/console/licences' };

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
      `<p id="f-enterprise-name-error" class="field__error">${CONSOLE_MEANINGS.TEXT_NOT_PRINTABLE?.zh}</p>`,
    );
    expect(out).toMatch(
      /<input id="f-enterprise-name" name="enterprise.name" type="text" value="湖北&quot;引号&quot;公司" aria-describedby="f-enterprise-name-error" aria-invalid="true"/,
    );
    expect(out).toContain(ERROR_MEANINGS.APPLICATION_FOREIGN_ENTERPRISE.zh);
    expect(out).toContain('<input type="hidden" name="_csrf" value="tok-123">');
  });

  test('beside a field, the page’s words for a field refusal — not the API’s ("errors lists each field")', () => {
    const out = applyFormBody(model({ errors: { 'enterprise.domicile': ['INVALID_FIELDS'] } }), zh).toString();
    expect(out).toContain(
      '<p id="f-enterprise-domicile-error" class="field__error">此项未填写或填写有误，请填写或改正。</p>',
    );
    expect(out).not.toContain(ERROR_MEANINGS.INVALID_FIELDS.zh);
    expect(out).not.toMatch(/errors|`/);
  });

  test('a kind on a licence, for an enterprise holding none, says so instead of a form', () => {
    const out = applyFormBody(model({ kind: 'renew', errors: {} }), zh).toString();
    expect(out).toContain('您还没有许可证');
    expect(out).not.toContain('<form');
  });
});
