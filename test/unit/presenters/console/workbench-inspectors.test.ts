/**
 * The inspectors' registry pages as pure functions: on leave today by icon and words, English beside Chinese, every
 * name escaped, a generic refusal said once as what the field expects, a specific one with its meaning, the admin's
 * forms only for an admin, and the history's changed fields in words.
 */
import { describe, expect, test } from 'vitest';
import type { InspectorSnapshot } from '../../../../lambdas/domain/supervision/inspector';
import type { ConsoleContext } from '../../../../lambdas/presenters/console/context';
import {
  inspectorDetailBody,
  inspectorFormBody,
  inspectorsBody,
  leaveOn,
} from '../../../../lambdas/presenters/console/workbench-inspectors';

const ctx: ConsoleContext = {
  lang: 'zh-CN',
  csrfToken: 'tok',
  largeText: false,
  path: '/console/workbench/inspectors',
};
const categories = [{ code: '06', zh: '电线电缆', en: 'Wires and cables' }];
const inspector: InspectorSnapshot = {
  id: '4201-2019-0034',
  code: 'INS-7K2M9QXA',
  name: '张<三>',
  unit: '武汉市市场监督管理局',
  district: '420100',
  categories: ['06'],
  maxChecksPerPlan: 5,
  active: true,
  leave: [{ from: '2026-12-01', to: '2026-12-05', note: '年休假' }],
  recusals: [{ uscc: '91420100MA4K2X1R09', reason: '近亲属任职', recordedAt: '2026-11-30T02:00:00.000Z' }],
  revision: 3,
  history: [
    { at: '2026-11-29T02:00:00.000Z', actor: { id: 'a-1', role: 'admin' }, event: 'registered' },
    { at: '2026-11-30T02:00:00.000Z', actor: { id: 'a-1', role: 'admin' }, event: 'changed: categories, unit' },
  ],
};

describe('the inspectors’ registry pages', () => {
  test('the list: on leave today by icon and words, names escaped, no register link for an officer', () => {
    // Act
    const zh = inspectorsBody({ items: [inspector], today: '2026-12-03', categories, canRegister: false }, ctx);
    const en = inspectorsBody(
      { items: [inspector], today: '2026-12-06', categories, canRegister: true },
      { ...ctx, lang: 'en' },
    );

    // Assess
    expect(zh.toString()).toContain('张&lt;三&gt;');
    expect(zh.toString()).toContain('休假中，至');
    expect(zh.toString()).toContain('06 电线电缆');
    expect(zh.toString()).not.toContain('/inspectors/new');
    expect(en.toString()).toContain('06 Wires and cables');
    expect(en.toString()).not.toContain('On leave until');
    expect(en.toString()).toContain('href="/console/workbench/inspectors/new"');
    expect(leaveOn(inspector.leave, '2026-12-05')?.note).toBe('年休假');
    expect(leaveOn(inspector.leave, '2026-12-06')).toBeUndefined();
  });

  test('a generic refusal is said once as what the field expects; a specific code keeps its meaning', () => {
    // Act
    const body = inspectorFormBody(
      {
        values: { id: '4201-2019-0034', district: '42' },
        errors: { district: ['INVALID_REQUEST'], id: ['SUPERVISION_INSPECTOR_EXISTS'] },
        categories,
      },
      ctx,
    ).toString();

    // Assess
    expect(body).toContain('<p id="f-district-error" class="field__error">6 位行政区划代码，例如 420100。</p>');
    expect(body).toMatch(/<p id="f-id-error" class="field__error">该编号的执法检查人员已登记。 2–32/);
    expect(body).toContain('aria-describedby="f-district-error f-district-hint" aria-invalid="true"');
    expect(body).toContain('inputmode="numeric" maxlength="6"');
  });

  test('one inspector: recusal reasons for staff, forms only for an admin, changed fields named in words', () => {
    // Act
    const officer = inspectorDetailBody(
      { inspector, today: '2026-12-03', categories, canChange: false },
      ctx,
    ).toString();
    const admin = inspectorDetailBody(
      {
        inspector,
        today: '2026-12-03',
        categories,
        canChange: true,
        again: { form: 'change', values: { name: '' }, errors: { name: ['INVALID_REQUEST'] } },
      },
      { ...ctx, lang: 'en' },
    ).toString();

    // Assess
    expect(officer).toContain('近亲属任职');
    expect(officer).toContain('修改：资格类别、单位');
    expect(officer).not.toContain('<form');
    expect(admin).toContain('<details class="card wb-details" open>');
    expect(admin).toContain('<a href="#change-form">Change particulars</a>');
    expect(admin).toContain('Changed: categories, unit');
    expect(admin).toContain('href="/console/workbench/inspectors/4201-2019-0034/retire"');
  });
});
