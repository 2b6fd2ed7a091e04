/**
 * The workbench's statistics page (统计): the figures `GET /v1/stats` answers, for a period of whole ISO weeks chosen in
 * a plain GET form — applications received per week by procedure, the share of post-issuance-review applications
 * issued within the 9-working-day limit, the median working days from acceptance to issue, post-issuance reviews
 * overdue today, and parcel dispatches by state and month.
 *
 * Each chart is drawn on the server as SVG (`charts.ts`) with its data table right under it: the table is the
 * accessible source, the chart's `<title>`/`<desc>` say what it shows. A chart and its table are drawn from the same
 * numbers in the same order (a browser test reads both back and compares them).
 *
 * @example
 * statisticsBody({ stats, period: { from: '', to: '' } }, ctx).toString();
 */
import type { DispatchState } from '../../domain/dispatch';
import { DISPATCH_STATES } from '../../domain/dispatch';
import { MAX_PERIOD_WEEKS } from '../../domain/iso-week';
import { PROCEDURES, type Procedure } from '../../domain/procedure';
import { html, type SafeHtml } from '../web/escape';
import { icon } from '../web/icons';
import { barChart, legend, shareBar, stackedBarChart } from './charts';
import { type ConsoleContext, t } from './context';
import { dateText, dispatchText, errorText, procedureText } from './words';

/** The page's address (the form's action, the "last 12 weeks" link). */
export const STATISTICS_PATH = '/console/workbench/statistics';

type ByProcedure = Readonly<Record<Procedure, number>>;
type ByState = Readonly<Record<DispatchState, number>>;
interface WithinLimit {
  readonly issued: number;
  readonly withinLimit: number;
  readonly share: number | null;
}

/** What the page shows: the statistics use case's answer (the same object `GET /v1/stats` returns). */
export interface StatisticsView {
  readonly today: string;
  readonly licensedEnterprises: number;
  readonly certificates: { readonly total: number };
  readonly applications: {
    readonly issued: number;
    readonly medianWorkingDaysToIssue: number | null;
    readonly postIssuanceReview: WithinLimit;
    readonly limitWorkingDays: number;
  };
  readonly period: {
    readonly from: string;
    readonly to: string;
    readonly applicationsByWeek: readonly {
      readonly week: string;
      readonly monday: string;
      readonly byProcedure: ByProcedure;
      readonly total: number;
    }[];
    readonly issued: {
      readonly total: number;
      readonly medianWorkingDaysToIssue: number | null;
      readonly byProcedure: Readonly<
        Record<Procedure, { readonly issued: number; readonly medianWorkingDaysToIssue: number | null }>
      >;
      readonly postIssuanceReview: WithinLimit;
    };
    readonly overdueInspections: {
      readonly total: number;
      readonly byDueWeek: readonly { readonly week: string; readonly monday: string; readonly count: number }[];
      readonly dueBefore: number;
      readonly dueAfter: number;
    };
    readonly dispatches: {
      readonly total: number;
      readonly byState: ByState;
      readonly byMonth: readonly { readonly month: string; readonly byState: ByState; readonly total: number }[];
    };
  };
}

/** The period form as typed, and the reason it was refused (shown beside its field). */
export interface PeriodForm {
  readonly from: string;
  readonly to: string;
  readonly error?: { readonly code: string; readonly field: 'from' | 'to' };
}

const number = (ctx: ConsoleContext, n: number): string =>
  new Intl.NumberFormat(ctx.lang, { maximumFractionDigits: 1 }).format(n);
const percent = (ctx: ConsoleContext, share: number | null): string =>
  share === null ? '—' : new Intl.NumberFormat(ctx.lang, { style: 'percent', maximumFractionDigits: 1 }).format(share);
const days = (ctx: ConsoleContext, n: number | null): string =>
  n === null ? '—' : t(ctx, `${number(ctx, n)} 个工作日`, `${number(ctx, n)} working days`);

/** A week's short label: `第49周` / `W49`, with its year when the period spans two years. */
function weekLabel(ctx: ConsoleContext, week: string, spansYears: boolean): string {
  if (spansYears) return week;
  const n = Number(week.slice(6));
  return t(ctx, `第${n}周`, `W${n}`);
}

function periodForm(ctx: ConsoleContext, form: PeriodForm): SafeHtml {
  const field = (name: 'from' | 'to', zh: string, en: string) => {
    const error = form.error?.field === name ? form.error : undefined;
    const hintId = `period-${name}-hint`;
    const errorId = `period-${name}-error`;
    return html`<div class="field">
    <label for="period-${name}">${t(ctx, zh, en)}</label>
    <span class="field__hint" id="${hintId}">${t(ctx, '日期 YYYY-MM-DD；按所在 ISO 周（周一至周日）整周统计', 'A date YYYY-MM-DD; counted in whole ISO weeks (Monday to Sunday)')}</span>
    <input type="date" id="period-${name}" name="${name}" value="${form[name]}" aria-describedby="${hintId}${error ? ` ${errorId}` : ''}"${error ? html` aria-invalid="true"` : ''}>
    ${error ? html`<span class="field__error" id="${errorId}">${errorText(ctx, error.code)}</span>` : ''}
  </div>`;
  };
  return html`<form class="card stats-period" method="get" action="${STATISTICS_PATH}">
  <h2 class="card__title">${t(ctx, '统计期间', 'Period')}</h2>
  <p class="muted">${t(ctx, `默认为截至本周的最近 12 周；最长 ${MAX_PERIOD_WEEKS} 周。`, `By default the last 12 weeks up to this one; at most ${MAX_PERIOD_WEEKS} weeks.`)}</p>
  <div class="stats-period__fields">${field('from', '开始日期', 'From')}${field('to', '结束日期', 'To')}</div>
  <div class="actions"><button class="button button--primary" type="submit">${t(ctx, '查看', 'Show')}</button>
  <a href="${STATISTICS_PATH}">${t(ctx, '最近 12 周', 'Last 12 weeks')}</a></div>
</form>`;
}

function summary(ctx: ConsoleContext, s: StatisticsView): SafeHtml {
  const p = s.period;
  const received = p.applicationsByWeek.reduce((n, w) => n + w.total, 0);
  const item = (zh: string, en: string, value: string | SafeHtml) =>
    html`<div class="stats-figure"><dt>${t(ctx, zh, en)}</dt><dd>${value}</dd></div>`;
  return html`<dl class="stats-figures">
  ${item('本期收到申请', 'Applications received', number(ctx, received))}
  ${item('本期发证', 'Issued in the period', number(ctx, p.issued.total))}
  ${item('9个工作日内发证', 'Issued within 9 working days', percent(ctx, p.issued.postIssuanceReview.share))}
  ${item('受理至发证（中位数）', 'Acceptance to issue (median)', days(ctx, p.issued.medianWorkingDaysToIssue))}
  ${item(
    '逾期核查（今日）',
    'Overdue reviews (today)',
    html`<span class="stats-overdue">${p.overdueInspections.total > 0 ? icon('warning', 'icon') : ''}${number(ctx, p.overdueInspections.total)}${p.overdueInspections.total > 0 ? html` <span>${t(ctx, '逾期', 'overdue')}</span>` : ''}</span>`,
  )}
  ${item('本期寄递', 'Dispatches in the period', number(ctx, p.dispatches.total))}
  ${item('持证企业', 'Licensed enterprises', number(ctx, s.licensedEnterprises))}
  ${item('证书总数', 'Certificates', number(ctx, s.certificates.total))}
</dl>`;
}

/** A section: its heading, the chart (and legend), then its table. */
function section(id: string, heading: string, about: string, chart: SafeHtml, table: SafeHtml): SafeHtml {
  return html`<section class="stack stats-section" aria-labelledby="${id}-heading">
  <h2 id="${id}-heading">${heading}</h2>
  <p class="muted">${about}</p>
  <figure class="chart" id="${id}-chart">${chart}</figure>
  <div class="table-wrap">${table}</div>
</section>`;
}

function weeklySection(ctx: ConsoleContext, s: StatisticsView): SafeHtml {
  const weeks = s.period.applicationsByWeek;
  const spansYears = (weeks[0]?.week.slice(0, 4) ?? '') !== (weeks.at(-1)?.week.slice(0, 4) ?? '');
  const series = PROCEDURES.map((p) => ({ key: p, label: procedureText(ctx, p) }));
  const title = t(ctx, '每周收到的申请（按程序）', 'Applications received per week, by procedure');
  const chart = stackedBarChart({
    id: 'weekly',
    title,
    description: t(
      ctx,
      `${weeks.length} 周中每周提交的申请数，按告知承诺、后置现场审查、一般程序分段堆叠；每行末尾为该周合计。数据见下表。`,
      `For each of ${weeks.length} weeks, the applications submitted, stacked by procedure; each row ends with the week’s total. The table below has the figures.`,
    ),
    series,
    rows: weeks.map((w) => ({ label: weekLabel(ctx, w.week, spansYears), values: w.byProcedure })),
    lang: ctx.lang,
    large: ctx.largeText,
  });
  const rows = weeks.map(
    (w) => html`<tr>
    <th scope="row">${w.week}</th>
    <td data-label="${t(ctx, '周一', 'Monday')}">${dateText(ctx, w.monday)}</td>
    ${PROCEDURES.map((p) => html`<td data-label="${procedureText(ctx, p)}" data-series="${p}">${number(ctx, w.byProcedure[p])}</td>`)}
    <td data-label="${t(ctx, '合计', 'Total')}" data-total>${number(ctx, w.total)}</td>
  </tr>`,
  );
  const table = html`<table class="table" id="weekly-table">
  <caption>${title}</caption>
  <thead><tr><th scope="col">${t(ctx, 'ISO 周', 'ISO week')}</th><th scope="col">${t(ctx, '周一', 'Monday')}</th>
  ${PROCEDURES.map((p) => html`<th scope="col">${procedureText(ctx, p)}</th>`)}<th scope="col">${t(ctx, '合计', 'Total')}</th></tr></thead>
  <tbody>${rows}</tbody>
</table>`;
  return section(
    'weekly',
    title,
    t(
      ctx,
      '按填报日期所在周统计已提交的申请（未提交的草稿不计）。',
      'Submitted applications by the week they were filed (drafts never submitted are not counted).',
    ),
    html`${chart}${legend('weekly', series)}`,
    table,
  );
}

function withinLimitSection(ctx: ConsoleContext, s: StatisticsView): SafeHtml {
  const period = s.period.issued.postIssuanceReview;
  const overall = s.applications.postIssuanceReview;
  const title = t(ctx, '9个工作日内发证的比例', 'Share issued within 9 working days');
  const label = t(ctx, '本期后置现场审查发证中按时发证', 'Post-issuance review, issued in the period on time');
  const chart = shareBar({
    id: 'within-limit',
    title,
    description:
      period.share === null
        ? t(
            ctx,
            '本期没有有时限的发证，无比例可示。',
            'No application with a deadline was issued in the period: no share to show.',
          )
        : t(
            ctx,
            `本期发证的 ${period.issued} 件后置现场审查申请中，${period.withinLimit} 件在受理后 9 个工作日内发证，占 ${percent(ctx, period.share)}。`,
            `Of ${period.issued} post-issuance-review applications issued in the period, ${period.withinLimit} were issued within 9 working days of acceptance: ${percent(ctx, period.share)}.`,
          ),
    label,
    share: period.share,
    emptyText: t(ctx, '本期无数据', 'No data'),
    lang: ctx.lang,
    large: ctx.largeText,
  });
  const row = (zh: string, en: string, f: WithinLimit, id: string) =>
    html`<tr data-row="${id}"><th scope="row">${t(ctx, zh, en)}</th>
    <td data-label="${t(ctx, '发证（有时限）', 'Issued (with a deadline)')}">${number(ctx, f.issued)}</td>
    <td data-label="${t(ctx, '按时', 'On time')}">${number(ctx, f.withinLimit)}</td>
    <td data-label="${t(ctx, '比例', 'Share')}" data-share="${f.share ?? ''}">${percent(ctx, f.share)}</td></tr>`;
  const table = html`<table class="table" id="within-limit-table">
  <caption>${title}</caption>
  <thead><tr><th scope="col">${t(ctx, '范围', 'Scope')}</th><th scope="col">${t(ctx, '发证（有时限）', 'Issued (with a deadline)')}</th><th scope="col">${t(ctx, '按时', 'On time')}</th><th scope="col">${t(ctx, '比例', 'Share')}</th></tr></thead>
  <tbody>${row('本期', 'This period', period, 'period')}${row('全部', 'All time', overall, 'all')}</tbody>
</table>`;
  return section(
    'within-limit',
    title,
    t(
      ctx,
      `后置现场审查程序：受理后 ${s.applications.limitWorkingDays} 个工作日内发证（按工作日日历，含调休）。`,
      `Post-issuance review: issue within ${s.applications.limitWorkingDays} working days of acceptance (on the working-day calendar, adjusted days included).`,
    ),
    chart,
    table,
  );
}

function medianSection(ctx: ConsoleContext, s: StatisticsView): SafeHtml {
  const issued = s.period.issued;
  const title = t(ctx, '受理至发证的工作日（中位数）', 'Working days from acceptance to issue (median)');
  const chart = barChart({
    id: 'median',
    title,
    description: t(
      ctx,
      `本期发证申请从受理到发证所用工作日的中位数，按程序：${PROCEDURES.map((p) => `${procedureText(ctx, p)} ${days(ctx, issued.byProcedure[p].medianWorkingDaysToIssue)}`).join('，')}。`,
      `Median working days from acceptance to issue of the applications issued in the period, by procedure: ${PROCEDURES.map((p) => `${procedureText(ctx, p)} ${days(ctx, issued.byProcedure[p].medianWorkingDaysToIssue)}`).join('; ')}.`,
    ),
    bars: PROCEDURES.map((p) => ({
      label: procedureText(ctx, p),
      value: issued.byProcedure[p].medianWorkingDaysToIssue,
    })),
    lang: ctx.lang,
    large: ctx.largeText,
    fill: '#3d4f7a',
  });
  const rows = PROCEDURES.map(
    (p) => html`<tr><th scope="row">${procedureText(ctx, p)}</th>
    <td data-label="${t(ctx, '本期发证', 'Issued')}">${number(ctx, issued.byProcedure[p].issued)}</td>
    <td data-label="${t(ctx, '中位数', 'Median')}" data-value="${issued.byProcedure[p].medianWorkingDaysToIssue ?? ''}">${days(ctx, issued.byProcedure[p].medianWorkingDaysToIssue)}</td></tr>`,
  );
  const table = html`<table class="table" id="median-table">
  <caption>${title}</caption>
  <thead><tr><th scope="col">${t(ctx, '程序', 'Procedure')}</th><th scope="col">${t(ctx, '本期发证', 'Issued')}</th><th scope="col">${t(ctx, '中位数', 'Median')}</th></tr></thead>
  <tbody>${rows}</tbody>
  <tfoot><tr><th scope="row">${t(ctx, '全部程序', 'All procedures')}</th>
    <td data-label="${t(ctx, '本期发证', 'Issued')}">${number(ctx, issued.total)}</td>
    <td data-label="${t(ctx, '中位数', 'Median')}">${days(ctx, issued.medianWorkingDaysToIssue)}</td></tr></tfoot>
</table>`;
  return section(
    'median',
    title,
    t(
      ctx,
      '本期发证的申请；没有发证的程序不画条形（—）。',
      'Applications issued in the period; a procedure with none issued has no bar (—).',
    ),
    chart,
    table,
  );
}

function overdueSection(ctx: ConsoleContext, s: StatisticsView): SafeHtml {
  const overdue = s.period.overdueInspections;
  const spansYears =
    (overdue.byDueWeek[0]?.week.slice(0, 4) ?? '') !== (overdue.byDueWeek.at(-1)?.week.slice(0, 4) ?? '');
  const rows = [
    ...(overdue.dueBefore > 0
      ? [{ label: t(ctx, '本期之前', 'Before the period'), week: '', count: overdue.dueBefore }]
      : []),
    ...overdue.byDueWeek.map((w) => ({ label: weekLabel(ctx, w.week, spansYears), week: w.week, count: w.count })),
    ...(overdue.dueAfter > 0
      ? [{ label: t(ctx, '本期之后', 'After the period'), week: '', count: overdue.dueAfter }]
      : []),
  ];
  const title = t(ctx, '逾期的证后核查（按到期周）', 'Overdue post-issuance reviews, by the week they fell due');
  const chart = barChart({
    id: 'overdue',
    title,
    description: t(
      ctx,
      `今日共有 ${overdue.total} 项证后核查逾期，按其到期日所在的周统计。数据见下表。`,
      `${overdue.total} post-issuance reviews are overdue today, counted by the week they fell due. The table below has the figures.`,
    ),
    bars: rows.map((r) => ({ label: r.label, value: r.count })),
    lang: ctx.lang,
    large: ctx.largeText,
    fill: '#8e1b1b',
  });
  const table = html`<table class="table" id="overdue-table">
  <caption>${title}</caption>
  <thead><tr><th scope="col">${t(ctx, '到期周', 'Due in')}</th><th scope="col">${t(ctx, '逾期数', 'Overdue')}</th></tr></thead>
  <tbody>${rows.map((r) => html`<tr><th scope="row">${r.week || r.label}</th><td data-label="${t(ctx, '逾期数', 'Overdue')}">${number(ctx, r.count)}</td></tr>`)}</tbody>
  <tfoot><tr><th scope="row">${t(ctx, '合计', 'Total')}</th><td data-label="${t(ctx, '逾期数', 'Overdue')}">${number(ctx, overdue.total)}</td></tr></tfoot>
</table>`;
  const status =
    overdue.total > 0
      ? html`<p class="notice--error stats-overdue">${icon('warning', 'icon')} ${t(ctx, `今日有 ${overdue.total} 项核查逾期。`, `${overdue.total} reviews are overdue today.`)} <a href="/console/workbench/inspections">${t(ctx, '查看核查', 'See the reviews')}</a></p>`
      : html`<p class="notice--success">${icon('check', 'icon')} ${t(ctx, '今日没有逾期的核查。', 'No review is overdue today.')}</p>`;
  return html`${section(
    'overdue',
    title,
    t(
      ctx,
      `统计日 ${dateText(ctx, s.today)}：已标记逾期的，以及已过期限、尚待夜间任务标记的。`,
      `As of ${dateText(ctx, s.today)}: those marked overdue, and those past their date not yet marked by the nightly job.`,
    ),
    html`${status}${chart}`,
    table,
  )}`;
}

function dispatchSection(ctx: ConsoleContext, s: StatisticsView): SafeHtml {
  const d = s.period.dispatches;
  const title = t(ctx, '纸质证书寄递状态', 'Paper certificate dispatches by state');
  const chart = barChart({
    id: 'dispatches',
    title,
    description: t(
      ctx,
      `本期申请寄递的 ${d.total} 件纸质证书按当前状态：${DISPATCH_STATES.map((st) => `${dispatchText(ctx, st)} ${d.byState[st]}`).join('，')}。`,
      `The ${d.total} paper certificates requested for dispatch in the period, by current state: ${DISPATCH_STATES.map((st) => `${dispatchText(ctx, st)} ${d.byState[st]}`).join('; ')}.`,
    ),
    bars: DISPATCH_STATES.map((st) => ({ label: dispatchText(ctx, st), value: d.byState[st] })),
    lang: ctx.lang,
    large: ctx.largeText,
    fill: '#0b4f8a',
  });
  const rows = DISPATCH_STATES.map(
    (st) => html`<tr><th scope="row">${dispatchText(ctx, st)}</th>
    ${d.byMonth.map((m) => html`<td data-label="${m.month}">${number(ctx, m.byState[st])}</td>`)}
    <td data-label="${t(ctx, '本期合计', 'Period total')}" data-total>${number(ctx, d.byState[st])}</td></tr>`,
  );
  const table = html`<table class="table" id="dispatches-table">
  <caption>${t(ctx, '寄递状态：按申请寄递的月份', 'Dispatch states by month of request')}</caption>
  <thead><tr><th scope="col">${t(ctx, '状态', 'State')}</th>${d.byMonth.map((m) => html`<th scope="col">${m.month}</th>`)}<th scope="col">${t(ctx, '本期合计', 'Period total')}</th></tr></thead>
  <tbody>${rows}</tbody>
</table>`;
  return section(
    'dispatches',
    title,
    t(
      ctx,
      '本期内申请寄递的纸质证书，按当前状态与申请寄递的月份（北京时间）。',
      'Paper certificates requested for dispatch in the period, by current state and month of request (Beijing time).',
    ),
    chart,
    table,
  );
}

/**
 * The statistics page's body: the period form, the headline figures, then each chart with its table.
 *
 * @example
 * statisticsBody({ stats, period: { from: '2026-09-14', to: '' } }, ctx);
 */
export function statisticsBody(
  model: { readonly stats?: StatisticsView; readonly period: PeriodForm },
  ctx: ConsoleContext,
): SafeHtml {
  const s = model.stats;
  if (!s) return html`<div class="stack">${periodForm(ctx, model.period)}</div>`;
  return html`<div class="stack stats">
  <p>${t(ctx, `统计期间 ${dateText(ctx, s.period.from)} 至 ${dateText(ctx, s.period.to)}（${s.period.applicationsByWeek.length} 个 ISO 周，北京时间），统计日 ${dateText(ctx, s.today)}。`, `Period ${dateText(ctx, s.period.from)} to ${dateText(ctx, s.period.to)} (${s.period.applicationsByWeek.length} ISO weeks, Beijing time), as of ${dateText(ctx, s.today)}.`)}</p>
  ${periodForm(ctx, { from: model.period.from || s.period.from, to: model.period.to || s.period.to })}
  ${summary(ctx, s)}
  ${weeklySection(ctx, s)}
  ${withinLimitSection(ctx, s)}
  ${medianSection(ctx, s)}
  ${overdueSection(ctx, s)}
  ${dispatchSection(ctx, s)}
</div>`;
}
