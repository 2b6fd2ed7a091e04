/**
 * The inspections pages' markup: overdue by icon and words, the filter form keeps its choice, the result form only for
 * a reviewer on an open review, and a refusal beside its field (described-by and invalid), every text escaped.
 */
import { describe, expect, test } from 'vitest';
import type { InspectionSnapshot } from '../../../../lambdas/domain/inspection';
import { LicenceNumber } from '../../../../lambdas/domain/licence-number';
import type { ConsoleContext } from '../../../../lambdas/presenters/console/context';
import {
  type InspectionRow,
  inspectionDetailBody,
  inspectionsBody,
} from '../../../../lambdas/presenters/console/workbench-inspections';

const ctx: ConsoleContext = {
  lang: 'zh-CN',
  csrfToken: 'tok',
  largeText: false,
  path: '/console/workbench/inspections',
};
const en: ConsoleContext = { ...ctx, lang: 'en' };

const row: InspectionRow = {
  id: 'INSP-APP-20261127-K3M9Q2ZT7A',
  kind: 'on-site-review',
  licenceNo: '(鄂)XK06-001-00001',
  enterpriseName: '<b>湖北</b>长江线缆',
  uscc: '91420100MA4K2X1R09',
  dueOn: '2026-12-27',
  state: 'scheduled',
  pastDue: true,
};

const inspection: InspectionSnapshot = {
  id: row.id,
  kind: 'on-site-review',
  licenceNo: LicenceNumber.parse(row.licenceNo),
  uscc: row.uscc,
  enterpriseName: '湖北长江线缆',
  applicationId: 'APP-20261127-K3M9Q2ZT7A',
  scheduledOn: '2026-11-27',
  dueOn: '2026-12-27',
  state: 'scheduled',
  revision: 1,
  history: [{ at: '2026-11-27T03:00:00.000Z', actor: { id: 'system', role: 'system' }, event: 'scheduled' }],
};

describe('inspectionsBody', () => {
  test('a past-due review is marked overdue by an icon and the word, beside its due date; names are escaped', () => {
    // Act
    const page = inspectionsBody({ state: 'due', items: [row] }, ctx).toString();

    // Assess
    expect(page).toMatch(
      /<time datetime="2026-12-27">2026年12月27日<\/time><br><span class="overdue"><svg[^>]*>.*<\/svg> 已逾期<\/span>/s,
    );
    expect(page).toContain('&lt;b&gt;湖北&lt;/b&gt;长江线缆');
    expect(page).toContain(`href="/console/workbench/inspections/${row.id}"`);
    expect(page).toContain('<option value="due" selected>');
    expect(page).toContain('data-label="截止日期"');
  });

  test('a review already marked overdue carries its state badge, not a second mark; the next page is a link', () => {
    // Act
    const page = inspectionsBody(
      { state: 'overdue', items: [{ ...row, state: 'overdue' }], next: '/console/workbench/inspections?cursor=abc' },
      en,
    ).toString();

    // Assess
    expect(page).not.toContain('class="overdue"');
    expect(page).toMatch(/badge--revoked"><svg[^>]*>.*<\/svg> Overdue/s);
    expect(page).toContain('<a href="/console/workbench/inspections?cursor=abc">Next page</a>');
  });

  test('no reviews: says so for the state chosen', () => {
    expect(inspectionsBody({ state: 'overdue', items: [] }, ctx).toString()).toContain('没有逾期的证后核查。');
  });
});

describe('inspectionDetailBody', () => {
  test('a reviewer gets the result form with the session’s CSRF token and the warning that a failure revokes', () => {
    // Act
    const page = inspectionDetailBody(
      { inspection, pastDue: false, canRecord: true, values: {}, errors: {} },
      ctx,
    ).toString();

    // Assess
    expect(page).toContain(`action="/console/workbench/inspections/${row.id}/result"`);
    expect(page).toContain('<input type="hidden" name="_csrf" value="tok">');
    expect(page).toContain('value="fail"');
    expect(page).toContain('该许可证将立即被吊销');
    expect(page).toContain('安排核查');
    expect(page).not.toContain('系统 system'); // a system step shows its role only
  });

  test('someone else, or a closed review, gets no form', () => {
    const officer = inspectionDetailBody({ inspection, pastDue: false, canRecord: false, values: {}, errors: {} }, ctx);
    const closed = inspectionDetailBody(
      { inspection: { ...inspection, state: 'passed' }, pastDue: false, canRecord: true, values: {}, errors: {} },
      ctx,
    );
    expect(officer.toString()).not.toContain('name="outcome"');
    expect(officer.toString()).toContain('核查结果由审查员录入');
    expect(closed.toString()).not.toContain('name="outcome"');
  });

  test('a refusal is drawn beside its field, the typed values kept, an empty field told it is needed', () => {
    // Act
    const page = inspectionDetailBody(
      {
        inspection,
        pastDue: true,
        canRecord: true,
        values: { outcome: 'fail', findings: '', inspectors: '张三' },
        errors: { findings: ['INVALID_REQUEST'] },
      },
      ctx,
    ).toString();

    // Assess
    expect(page).toMatch(/<p id="f-findings-error" class="field__error">[^<]+所选结论必须填写此项。<\/p>/);
    expect(page).toContain('aria-describedby="f-findings-error f-findings-hint" aria-invalid="true"');
    expect(page).toContain('value="fail" checked');
    expect(page).toContain('>张三</textarea>');
    expect(page).toContain('class="overdue"');
  });

  test('while rectifying, “rectify” is not offered again', () => {
    const page = inspectionDetailBody(
      {
        inspection: { ...inspection, state: 'rectifying', rectifyBy: '2027-01-31' },
        pastDue: false,
        canRecord: true,
        values: {},
        errors: {},
      },
      ctx,
    ).toString();
    expect(page).not.toContain('value="rectify"');
    expect(page).toContain('<time datetime="2027-01-31">');
  });
});

describe('inspectionDetailBody of a spot check', () => {
  const spotCheck: InspectionSnapshot = {
    id: 'INSP-PLAN-20261205-K3M9Q2ZT7A-00001',
    kind: 'spot-check',
    licenceNo: LicenceNumber.parse(row.licenceNo),
    uscc: row.uscc,
    enterpriseName: '湖北长江线缆',
    plan: { id: 'PLAN-20261205-K3M9Q2ZT7A', name: '<i>电线电缆</i>抽查' },
    team: ['INS-7K2M9QXA', 'INS-Q4W8E2RT'],
    scheduledOn: '2026-12-10',
    dueOn: '2026-12-31',
    state: 'scheduled',
    revision: 1,
    history: [{ at: '2026-12-08T03:00:00.000Z', actor: { id: 'system', role: 'system' }, event: 'scheduled' }],
  };

  test('names the plan (escaped) and team instead of an application; the form asks for the day and the action', () => {
    // Act
    const page = inspectionDetailBody(
      { inspection: spotCheck, pastDue: false, canRecord: true, values: { action: 'revoke' }, errors: {} },
      ctx,
    ).toString();

    // Assess
    expect(page).toContain('&lt;i&gt;电线电缆&lt;/i&gt;抽查（PLAN-20261205-K3M9Q2ZT7A）');
    expect(page).toContain('INS-7K2M9QXA、INS-Q4W8E2RT');
    expect(page).not.toContain('申请</dt>');
    expect(page).toContain('name="checkedOn" type="date"');
    expect(page).toMatch(/<input type="radio" id="f-action-revoke" name="action" value="revoke" checked/);
    expect(page).toContain('双随机抽查');
  });

  test('a publication pending shows its due date; a published one when', () => {
    // Act
    const pending = inspectionDetailBody(
      {
        inspection: { ...spotCheck, state: 'passed', publication: { dueBy: '2027-01-13' } },
        pastDue: false,
        canRecord: false,
        values: {},
        errors: {},
      },
      en,
    ).toString();

    // Assess
    expect(pending).toContain('To publish by');
    expect(pending).toContain('<time datetime="2027-01-13">');
  });
});
