/**
 * The statistics page's body from a fixed set of figures: each table holds the figures and each chart the same
 * numbers in the same order; week labels short within one year and in full across two; overdue shown by an icon and
 * words; the period form shows the period drawn, and a refused period is the form alone with the reason beside its
 * field; English throughout when asked.
 */
import { describe, expect, test } from 'vitest';
import type { ConsoleContext } from '../../../../lambdas/presenters/console/context';
import { type StatisticsView, statisticsBody } from '../../../../lambdas/presenters/console/workbench-statistics';

const zh: ConsoleContext = { lang: 'zh-CN', csrfToken: 't', largeText: false, path: '/console/workbench/statistics' };
const en: ConsoleContext = { ...zh, lang: 'en' };
const states = { pending: 1, 'label-created': 0, 'in-transit': 2, delivered: 3, returned: 0 };

function view(overrides: Partial<StatisticsView['period']> = {}): StatisticsView {
  return {
    today: '2026-12-09',
    licensedEnterprises: 7,
    certificates: { total: 9 },
    applications: {
      issued: 4,
      medianWorkingDaysToIssue: 2,
      postIssuanceReview: { issued: 3, withinLimit: 2, share: 2 / 3 },
      limitWorkingDays: 9,
    },
    period: {
      from: '2026-11-30',
      to: '2026-12-13',
      applicationsByWeek: [
        {
          week: '2026-W49',
          monday: '2026-11-30',
          byProcedure: { 'notification-commitment': 1, 'post-issuance-review': 2, general: 0 },
          total: 3,
        },
        {
          week: '2026-W50',
          monday: '2026-12-07',
          byProcedure: { 'notification-commitment': 0, 'post-issuance-review': 0, general: 4 },
          total: 4,
        },
      ],
      issued: {
        total: 2,
        medianWorkingDaysToIssue: 1.5,
        byProcedure: {
          'notification-commitment': { issued: 1, medianWorkingDaysToIssue: 0 },
          'post-issuance-review': { issued: 1, medianWorkingDaysToIssue: 3 },
          general: { issued: 0, medianWorkingDaysToIssue: null },
        },
        postIssuanceReview: { issued: 1, withinLimit: 1, share: 1 },
      },
      overdueInspections: {
        total: 3,
        byDueWeek: [
          { week: '2026-W49', monday: '2026-11-30', count: 1 },
          { week: '2026-W50', monday: '2026-12-07', count: 0 },
        ],
        dueBefore: 2,
        dueAfter: 0,
      },
      dispatches: {
        total: 6,
        byState: states,
        byMonth: [
          { month: '2026-11', byState: { ...states, delivered: 1, 'in-transit': 0 }, total: 2 },
          { month: '2026-12', byState: { ...states, pending: 0, delivered: 2 }, total: 4 },
        ],
      },
      ...overrides,
    },
  };
}

const values = (page: string, id: string): string[] =>
  [
    ...(new RegExp(`id="${id}-chart">([\\s\\S]*?)</figure>`).exec(page)?.[1] ?? '').matchAll(/data-value="([^"]*)"/g),
  ].map((m) => m[1] ?? '');

describe('statisticsBody', () => {
  test('each chart holds its table’s numbers, in the table’s order', () => {
    // Act
    const page = statisticsBody({ stats: view(), period: { from: '', to: '' } }, zh).toString();

    // Assess
    expect(values(page, 'weekly')).toEqual(['1', '2', '0', '0', '0', '4']);
    expect(page).toContain('data-label="第49周"');
    expect(values(page, 'within-limit')).toEqual(['1']);
    expect(values(page, 'median')).toEqual(['0', '3', '']);
    // Overdue: those due before the period first, then each week of it
    expect(values(page, 'overdue')).toEqual(['2', '1', '0']);
    expect(page).toContain('<th scope="row">本期之前</th><td data-label="逾期数">2</td>');
    expect(values(page, 'dispatches')).toEqual(['1', '0', '2', '3', '0']);
    expect(page).toContain('<th scope="col">2026-11</th><th scope="col">2026-12</th>');
  });

  test('headline figures; overdue marked by an icon and words, not colour alone', () => {
    // Act
    const page = statisticsBody({ stats: view(), period: { from: '', to: '' } }, zh).toString();
    const none = statisticsBody(
      {
        stats: view({ overdueInspections: { total: 0, byDueWeek: [], dueBefore: 0, dueAfter: 0 } }),
        period: { from: '', to: '' },
      },
      zh,
    ).toString();

    // Assess
    expect(page).toContain('<dt>本期收到申请</dt><dd>7</dd>');
    expect(page).toContain('<dt>9个工作日内发证</dt><dd>100%</dd>');
    expect(page).toContain('<dt>受理至发证（中位数）</dt><dd>1.5 个工作日</dd>');
    expect(page).toMatch(
      /<p class="notice--error stats-overdue"><svg[^>]*aria-hidden="true"[\s\S]*?今日有 3 项核查逾期。/,
    );
    expect(none).toContain('今日没有逾期的核查。');
  });

  test('the form shows the period drawn; weeks of two years are labelled in full', () => {
    // Act
    const page = statisticsBody(
      {
        stats: view({
          applicationsByWeek: [
            { ...view().period.applicationsByWeek[0], week: '2026-W53', monday: '2026-12-28' } as never,
            { ...view().period.applicationsByWeek[1], week: '2027-W01', monday: '2027-01-04' } as never,
          ],
        }),
        period: { from: '', to: '2027-01-05' },
      },
      zh,
    ).toString();

    // Assess
    expect(page).toContain('name="from" value="2026-11-30"');
    expect(page).toContain('name="to" value="2027-01-05"');
    expect(page).toContain('data-label="2026-W53"');
    expect(page).toContain('data-label="2027-W01"');
  });

  test('a refused period: the form alone, the reason beside its field, the field marked invalid', () => {
    // Act
    const page = statisticsBody(
      { period: { from: '2026-12-01', to: '2026-11-01', error: { code: 'STATS_PERIOD_INVALID', field: 'to' } } },
      zh,
    ).toString();

    // Assess
    expect(page).toContain('aria-describedby="period-to-hint period-to-error" aria-invalid="true"');
    expect(page).toContain('<span class="field__error" id="period-to-error">统计期间的结束日期不得早于开始日期');
    expect(page).not.toContain('aria-describedby="period-from-hint period-from-error"');
    expect(page).not.toContain('<svg class="chart__svg"');
  });

  test('in English', () => {
    // Act
    const page = statisticsBody({ stats: view(), period: { from: '', to: '' } }, en).toString();

    // Assess
    expect(page).toContain('<title id="weekly-title">Applications received per week, by procedure</title>');
    expect(page).toContain('data-label="W49"');
    expect(page).toContain('3 reviews are overdue today.');
    expect(page).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
