/**
 * The workbench's inspections pages (核查): post-issuance reviews due or overdue — overdue by icon and words, never
 * colour alone — with a plain GET filter form and 50 a page; one review with its history and, for a reviewer, the
 * result form (pass, rectify by a date, or fail with findings and inspectors — a failure revokes the licence, which
 * the form says before it is sent). Also the small form helpers this area's pages share (a field with its error
 * beside it). Pure functions of a model and the page context; every text is escaped by `html`.
 *
 * @example
 * const body = inspectionsBody({ state: 'due', items: [row], today: '2026-12-04' }, ctx).toString();
 */
import type { InspectionSnapshot, InspectionState } from '../../domain/inspection';
import { html, type SafeHtml } from '../web/escape';
import { type IconName, icon } from '../web/icons';
import { type ConsoleContext, t } from './context';
import { errorText, roleText, timeElement } from './words';

type Words = { readonly zh: string; readonly en: string };

/** A form's errors: catalogued codes by field name; `''` for one concerning no one field. */
export type FormErrors = Readonly<Record<string, readonly string[]>>;

/** The id of a form control, from its field name. */
export const fieldId = (name: string): string => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/**
 * A field's error paragraph and the `aria-*` attributes that tie it to its control.
 *
 * @example
 * const e = fieldError(ctx, errors, 'findings'); // { aria: ' aria-describedby="f-findings-error" aria-invalid="true"', markup }
 */
export function fieldError(
  ctx: ConsoleContext,
  errors: FormErrors,
  name: string,
  hintId?: string,
  detail?: string,
): { aria: SafeHtml; markup: SafeHtml } {
  const codes = errors[name] ?? [];
  const errorId = codes.length > 0 ? `${fieldId(name)}-error` : '';
  const described = [errorId, hintId ?? ''].filter(Boolean).join(' ');
  return {
    aria: html`${described ? html` aria-describedby="${described}"` : ''}${errorId ? html` aria-invalid="true"` : ''}`,
    markup:
      codes.length > 0
        ? html`<p id="${errorId}" class="field__error">${[...codes.map((c) => errorText(ctx, c)), detail ?? ''].join(' ').trim()}</p>`
        : html``,
  };
}

/**
 * The errors that concern no one field, above the form (`role="alert"`).
 *
 * @example
 * formErrorNotice(ctx, { '': ['INSPECTION_TRANSITION_INVALID'] });
 */
export function formErrorNotice(ctx: ConsoleContext, errors: FormErrors): SafeHtml {
  const codes = errors[''] ?? [];
  return codes.length > 0
    ? html`<div class="notice--error" role="alert"><p>${codes.map((c) => errorText(ctx, c)).join(' ')}</p></div>`
    : html``;
}

const STATES: Readonly<Record<InspectionState, Words & { badge: string; icon: IconName }>> = {
  scheduled: { zh: '待核查', en: 'Due', badge: 'pending', icon: 'clock' },
  overdue: { zh: '已逾期', en: 'Overdue', badge: 'revoked', icon: 'warning' },
  rectifying: { zh: '整改中', en: 'Rectifying', badge: 'suspended', icon: 'pause' },
  passed: { zh: '合格', en: 'Passed', badge: 'valid', icon: 'check' },
  failed: { zh: '不合格', en: 'Failed', badge: 'revoked', icon: 'cross' },
};

/**
 * A review's state as a badge: icon and word.
 *
 * @example
 * inspectionBadge(ctx, 'overdue'); // <span class="badge badge--revoked"><svg …/> 已逾期</span>
 */
export function inspectionBadge(ctx: ConsoleContext, state: InspectionState): SafeHtml {
  const s = STATES[state];
  return html`<span class="badge badge--${s.badge}">${icon(s.icon, 'icon')} ${t(ctx, s.zh, s.en)}</span>`;
}

const KINDS: Readonly<Record<InspectionSnapshot['kind'], Words>> = {
  'routine-inspection': { zh: '日常检查（告知承诺）', en: 'Routine inspection (notification–commitment)' },
  'on-site-review': { zh: '发证后现场审查', en: 'Post-issuance on-site review' },
  'spot-check': { zh: '双随机抽查', en: 'Random spot check' },
};

/** One row of the list. */
export interface InspectionRow {
  readonly id: string;
  readonly kind: InspectionSnapshot['kind'];
  readonly licenceNo: string;
  readonly enterpriseName: string;
  readonly uscc: string;
  readonly dueOn: string;
  readonly state: InspectionState;
  /** Past its due date (or rectification deadline) today — marked overdue by the job or not yet. */
  readonly pastDue: boolean;
}

export interface InspectionsModel {
  readonly state: 'due' | 'overdue';
  readonly before?: string;
  readonly items: readonly InspectionRow[];
  /** The next page's link, when there is one. */
  readonly next?: string;
  /** After a result was recorded: its review and the state it reached. */
  readonly recorded?: { readonly id: string; readonly state: InspectionState };
}

/** Overdue in words beside an icon (the badge's colour only repeats them). */
const overdueMark = (ctx: ConsoleContext): SafeHtml =>
  html`<span class="overdue">${icon('warning', 'icon')} ${t(ctx, '已逾期', 'Overdue')}</span>`;

const inspectionHref = (id: string) => `/console/workbench/inspections/${encodeURIComponent(id)}`;

/**
 * The list: a GET filter form (state, due on or before), the table, the next page.
 *
 * @example
 * inspectionsBody({ state: 'overdue', items: [] }, ctx); // "no overdue reviews"
 */
export function inspectionsBody(model: InspectionsModel, ctx: ConsoleContext): SafeHtml {
  const option = (value: 'due' | 'overdue', zh: string, en: string) =>
    html`<option value="${value}"${model.state === value ? html` selected` : ''}>${t(ctx, zh, en)}</option>`;
  const filter = html`<form class="card filters" method="get" action="/console/workbench/inspections">
  <div class="field"><label for="f-state">${t(ctx, '状态', 'State')}</label>
    <select id="f-state" name="state">${option('due', '待核查（含已过期未标记的）', 'Due (incl. past due, not yet marked)')}${option('overdue', '已逾期', 'Overdue')}</select></div>
  <div class="field"><label for="f-before">${t(ctx, '截止日期不晚于', 'Due on or before')}</label>
    <input id="f-before" name="before" type="date" value="${model.before ?? ''}"></div>
  <div class="actions"><button class="button" type="submit">${t(ctx, '筛选', 'Filter')}</button></div>
</form>`;
  const links = html`<p><a href="/console/workbench/inspections/publications">${t(ctx, '抽查结果公示：待公示与逾期未公示', 'Spot-check results: to publish and overdue')}</a></p>`;
  const recorded = model.recorded
    ? html`<div class="notice--success" role="status"><p>${t(ctx, '已录入核查结果：', 'Result recorded: ')}<a href="${inspectionHref(model.recorded.id)}">${model.recorded.id}</a> ${inspectionBadge(ctx, model.recorded.state)}${
        model.recorded.state === 'failed' ? t(ctx, ' 该许可证已吊销。', ' Its licence has been revoked.') : ''
      }</p></div>`
    : '';
  if (model.items.length === 0) {
    return html`<div class="stack">${recorded}${links}${filter}<p class="notice--info">${
      model.state === 'overdue'
        ? t(ctx, '没有逾期的证后核查。', 'No overdue post-issuance reviews.')
        : t(ctx, '没有待核查的证后核查。', 'No post-issuance reviews due.')
    }</p></div>`;
  }
  const rows = model.items.map(
    (r) => html`<tr>
      <th scope="row"><a href="${inspectionHref(r.id)}">${r.licenceNo}</a><br><span class="muted">${t(ctx, KINDS[r.kind].zh, KINDS[r.kind].en)}</span></th>
      <td data-label="${t(ctx, '企业', 'Enterprise')}">${r.enterpriseName}<br><span class="muted">${r.uscc}</span></td>
      <td data-label="${t(ctx, '截止日期', 'Due on')}">${timeElement(ctx, r.dueOn)}${r.pastDue && r.state !== 'overdue' ? html`<br>${overdueMark(ctx)}` : ''}</td>
      <td data-label="${t(ctx, '状态', 'State')}">${inspectionBadge(ctx, r.state)}</td>
    </tr>`,
  );
  return html`<div class="stack">
  ${recorded}${links}${filter}
  <div class="table-wrap"><table class="table">
    <caption class="visually-hidden">${t(ctx, '证后核查：许可证、企业、截止日期、状态', 'Post-issuance reviews: licence, enterprise, due on, state')}</caption>
    <thead><tr>
      <th scope="col">${t(ctx, '许可证', 'Licence')}</th>
      <th scope="col">${t(ctx, '企业', 'Enterprise')}</th>
      <th scope="col">${t(ctx, '截止日期', 'Due on')}</th>
      <th scope="col">${t(ctx, '状态', 'State')}</th>
    </tr></thead>
    <tbody>${rows}</tbody>
  </table></div>
  ${model.next ? html`<p><a href="${model.next}">${t(ctx, '下一页', 'Next page')}</a></p>` : ''}
</div>`;
}

const EVENTS: Readonly<Record<string, Words>> = {
  scheduled: { zh: '安排核查', en: 'Scheduled' },
  pass: { zh: '核查合格', en: 'Passed' },
  rectify: { zh: '责令限期整改', en: 'Rectification ordered' },
  fail: { zh: '不合格', en: 'Failed' },
  overdue: { zh: '标记为逾期', en: 'Marked overdue' },
  published: { zh: '结果已公开', en: 'Result published' },
};

/**
 * A publication's due date, marked provisional (暂定) while the count passes through a year whose holidays are not
 * announced yet (an admin's loading that year recomputes it).
 *
 * @example
 * dueDate(ctx, '2027-01-05', true); // <time …>2027年1月5日</time>（暂定）
 */
export function dueDate(ctx: ConsoleContext, dueBy: string, provisional?: boolean): SafeHtml {
  return html`${timeElement(ctx, dueBy)}${provisional ? t(ctx, '（暂定，待公布节假日安排）', ' (provisional: the year’s holidays are not announced)') : ''}`;
}

/**
 * A spot check's publication: published (when), due by a date, or overdue — 逾期未公示, by icon and words.
 *
 * @example
 * publicationState(ctx, { dueBy: '2027-01-13' }, '2027-01-14'); // 逾期未公示 …
 */
export function publicationState(
  ctx: ConsoleContext,
  p: NonNullable<InspectionSnapshot['publication']>,
  today?: string,
): SafeHtml {
  if (p.publishedAt)
    return html`${icon('check', 'icon')} ${t(ctx, '已公示', 'Published')} ${timeElement(ctx, p.publishedAt, true)}`;
  return today !== undefined && p.dueBy < today
    ? html`<span class="overdue">${icon('warning', 'icon')} ${t(ctx, '逾期未公示', 'Publication overdue')}</span> ${t(ctx, '期限', 'due by')} ${dueDate(ctx, p.dueBy, p.provisional)}`
    : html`${t(ctx, '待公示，期限', 'To publish by')} ${dueDate(ctx, p.dueBy, p.provisional)}`;
}

export interface InspectionDetailModel {
  readonly inspection: InspectionSnapshot;
  readonly pastDue: boolean;
  /** Whether this person may record a result (a reviewer, and the review still open). */
  readonly canRecord: boolean;
  /** Whether this person may publish the latest result (an officer; a spot check whose result awaits publication). */
  readonly canPublish?: boolean;
  /** Today (Asia/Shanghai): a pending publication past its due date is flagged. */
  readonly today?: string;
  /** After publishing (post/redirect/get): its notice. */
  readonly published?: boolean;
  /** What was typed, when the form is drawn again. */
  readonly values: Readonly<Record<string, string | undefined>>;
  readonly errors: FormErrors;
}

const OPEN: readonly InspectionState[] = ['scheduled', 'overdue', 'rectifying'];

function resultForm(model: InspectionDetailModel, ctx: ConsoleContext): SafeHtml {
  const { inspection, values, errors } = model;
  const outcome = values.outcome ?? '';
  const radio = (value: string, zh: string, en: string, hintZh: string, hintEn: string) =>
    html`<li class="choice"><input type="radio" id="f-outcome-${value}" name="outcome" value="${value}"${outcome === value ? html` checked` : ''}${fieldError(ctx, errors, 'outcome').aria}>
      <label for="f-outcome-${value}">${t(ctx, zh, en)}</label><p class="muted">${t(ctx, hintZh, hintEn)}</p></li>`;
  const text = (name: string, label: string, hint: string, multiline: boolean, type = 'text') => {
    const hintId = `${fieldId(name)}-hint`;
    // An empty field refused: the chosen outcome needs it (the catalogued sentence alone would not say which).
    const empty = (errors[name] ?? []).length > 0 && !(values[name] ?? '').trim();
    const e = fieldError(
      ctx,
      errors,
      name,
      hintId,
      empty ? t(ctx, '所选结论必须填写此项。', 'The chosen outcome needs this.') : undefined,
    );
    return html`<div class="field"><label for="${fieldId(name)}">${label}</label>
      <span id="${hintId}" class="field__hint">${hint}</span>${e.markup}
      ${
        multiline
          ? html`<textarea id="${fieldId(name)}" name="${name}" rows="3"${e.aria}>${values[name] ?? ''}</textarea>`
          : html`<input id="${fieldId(name)}" name="${name}" type="${type}" value="${values[name] ?? ''}"${e.aria}>`
      }</div>`;
  };
  const outcomeError = fieldError(ctx, errors, 'outcome');
  const spot = inspection.kind === 'spot-check';
  const action = values.action === 'revoke' ? 'revoke' : 'suspend';
  const actionError = fieldError(ctx, errors, 'action');
  const actionRadio = (value: 'suspend' | 'revoke', zh: string, en: string) =>
    html`<li class="choice"><input type="radio" id="f-action-${value}" name="action" value="${value}"${action === value ? html` checked` : ''}${actionError.aria}>
      <label for="f-action-${value}">${t(ctx, zh, en)}</label></li>`;
  const spotFields = spot
    ? html`${text('checkedOn', t(ctx, '检查日期', 'Checked on'), t(ctx, '实施检查的日期，不晚于今天；结果须在其后 20 个工作日内公示。', 'The day of the check, not after today; the result must be public within 20 working days of it.'), false, 'date')}
  <fieldset class="field"><legend>${t(ctx, '不合格时对许可证的处理', 'If failed: the action on the licence')}</legend>${actionError.markup}
    <ul class="choices">
      ${actionRadio('suspend', '暂停（默认）', 'Suspend (the default)')}
      ${actionRadio('revoke', '吊销', 'Revoke')}
    </ul></fieldset>`
    : '';
  return html`<form class="card stack" method="post" action="${inspectionHref(inspection.id)}/result" novalidate>
  <h2 class="card__title">${t(ctx, '录入核查结果', 'Record the result')}</h2>
  ${formErrorNotice(ctx, errors)}
  <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
  <fieldset class="field"><legend>${t(ctx, '结论', 'Outcome')}</legend>${outcomeError.markup}
    <ul class="choices">
      ${radio('pass', '合格', 'Passed', '许可证继续有效。', 'The licence stays valid.')}
      ${inspection.state === 'rectifying' ? '' : radio('rectify', '限期整改', 'Rectify by a date', '填写整改期限和发现的问题。', 'Give the deadline and the findings.')}
      ${
        spot
          ? radio(
              'fail',
              '不合格',
              'Failed',
              '许可证将按下面所选被暂停或吊销（系统操作，引用本次检查）。',
              'The licence will be suspended or revoked as chosen below (a system action citing this check).',
            )
          : radio(
              'fail',
              '不合格',
              'Failed',
              '许可证将被吊销（系统操作，引用本次核查）。',
              'The licence will be revoked (a system action citing this review).',
            )
      }
    </ul></fieldset>
  ${spotFields}
  ${text('comment', t(ctx, '备注（合格时）', 'Comment (if passed)'), t(ctx, '可不填。', 'Optional.'), true)}
  ${inspection.state === 'rectifying' ? '' : text('rectifyBy', t(ctx, '整改期限（限期整改时）', 'Rectify by (if rectifying)'), t(ctx, '今天之后的日期。', 'A date after today.'), false, 'date')}
  ${text(
    'findings',
    t(ctx, '发现的问题（整改或不合格时）', 'Findings (if rectifying or failed)'),
    spot
      ? t(
          ctx,
          '将写入暂停或吊销的公开理由，并随结果公示。',
          'Goes into the public reason of the suspension or revocation, and is published with the result.',
        )
      : t(ctx, '将写入吊销的公开理由。', 'Goes into the public reason of a revocation.'),
    true,
  )}
  ${text('inspectors', t(ctx, '核查人员（不合格时）', 'Inspectors (if failed)'), t(ctx, '每行一人，至少一人。', 'One a line, at least one.'), true)}
  <p class="notice--error">${icon('warning', 'icon')} ${
    spot
      ? t(
          ctx,
          '选择“不合格”并提交后，该许可证将立即按所选被暂停或吊销，公开核验页面随之显示。',
          'Submitting “Failed” suspends or revokes the licence at once, as chosen; the public verification page shows it.',
        )
      : t(
          ctx,
          '选择“不合格”并提交后，该许可证将立即被吊销，公开核验页面随之显示。',
          'Submitting “Failed” revokes the licence at once; the public verification page shows it.',
        )
  }</p>
  <div class="actions"><button class="button button--primary" type="submit">${t(ctx, '提交结果', 'Submit the result')}</button></div>
</form>`;
}

/**
 * One review: what and whose, its dates, its history, and the result form where this person may record one.
 *
 * @example
 * inspectionDetailBody({ inspection, pastDue: false, canRecord: true, values: {}, errors: {} }, ctx);
 */
export function inspectionDetailBody(model: InspectionDetailModel, ctx: ConsoleContext): SafeHtml {
  const i = model.inspection;
  const history = i.history.map(
    (h) => html`<li><span class="timeline__when">${timeElement(ctx, h.at, true)}</span>
      <span class="timeline__what">${EVENTS[h.event] ? t(ctx, EVENTS[h.event]?.zh ?? '', EVENTS[h.event]?.en ?? '') : h.event}${
        h.event === 'fail'
          ? (h.result?.outcome === 'fail' ? h.result.action : undefined) === 'suspend' ||
            (i.kind === 'spot-check' && !(h.result?.outcome === 'fail' && h.result.action))
            ? t(ctx, '（许可证暂停）', ' (licence suspended)')
            : t(ctx, '（许可证吊销）', ' (licence revoked)')
          : ''
      }${h.result && 'checkedOn' in h.result && h.result.checkedOn ? html` · ${t(ctx, '检查日期', 'checked on')} ${timeElement(ctx, h.result.checkedOn)}` : ''}</span>
      <span class="muted">${roleText(ctx, h.actor.role)}${h.actor.role === 'system' ? '' : ` ${h.actor.id}`}</span>
      ${h.result && 'findings' in h.result ? html`<span class="timeline__note">${h.result.findings}</span>` : ''}
      ${h.result?.outcome === 'pass' && h.result.comment ? html`<span class="timeline__note">${h.result.comment}</span>` : ''}</li>`,
  );
  const open = OPEN.includes(i.state);
  return html`<div class="stack">
  <p><a href="/console/workbench/inspections">${t(ctx, '← 返回核查列表', '← Back to the reviews')}</a>${
    i.plan
      ? html` · <a href="/console/workbench/plans/${encodeURIComponent(i.plan.id)}">${t(ctx, '抽查计划', 'The plan')}</a>`
      : ''
  }</p>
  ${model.published ? html`<div class="notice--success" role="status"><p>${t(ctx, '检查结果已公示。', 'The result is published.')}</p></div>` : ''}
  ${formErrorNotice(ctx, model.canRecord && OPEN.includes(i.state) ? {} : model.errors)}
  <div class="card stack stack--tight">
    <p>${inspectionBadge(ctx, i.state)}${model.pastDue && i.state !== 'overdue' ? html` ${overdueMark(ctx)}` : ''}</p>
    <dl class="facts">
      <dt>${t(ctx, '许可证', 'Licence')}</dt><dd>${i.licenceNo.toString()}</dd>
      <dt>${t(ctx, '企业', 'Enterprise')}</dt><dd>${i.enterpriseName}（${i.uscc}）</dd>
      <dt>${t(ctx, '类型', 'Kind')}</dt><dd>${t(ctx, KINDS[i.kind].zh, KINDS[i.kind].en)}</dd>
      ${i.applicationId ? html`<dt>${t(ctx, '申请', 'Application')}</dt><dd>${i.applicationId}</dd>` : ''}
      ${i.plan ? html`<dt>${t(ctx, '抽查计划', 'Plan')}</dt><dd>${i.plan.name}（${i.plan.id}）</dd>` : ''}
      ${i.team ? html`<dt>${t(ctx, '检查组', 'Team')}</dt><dd>${i.team.join('、')}</dd>` : ''}
      ${i.publication ? html`<dt>${t(ctx, '结果公示', 'Publication')}</dt><dd>${publicationState(ctx, i.publication, model.today)}</dd>` : ''}
      <dt>${t(ctx, '安排日期', 'Scheduled on')}</dt><dd>${timeElement(ctx, i.scheduledOn)}</dd>
      <dt>${t(ctx, '截止日期', 'Due on')}</dt><dd>${timeElement(ctx, i.dueOn)}</dd>
      ${i.rectifyBy ? html`<dt>${t(ctx, '整改期限', 'Rectify by')}</dt><dd>${timeElement(ctx, i.rectifyBy)}</dd>` : ''}
    </dl>
  </div>
  <section class="stack stack--tight" aria-labelledby="history-title"><h2 id="history-title">${t(ctx, '记录', 'History')}</h2>
    <ol class="timeline">${history}</ol></section>
  ${
    model.canPublish
      ? html`<form class="card stack stack--tight" method="post" action="${inspectionHref(i.id)}/publish">
    <h2 class="card__title">${t(ctx, '公示结果', 'Publish the result')}</h2>
    <p>${t(ctx, '公示后，检查结果（结论、检查日期、发现的问题、处理）将出现在公开的抽查计划页面上。', 'Once published, the result (outcome, date, findings, action) appears on the public plan page.')}</p>
    <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
    <div class="actions"><button class="button button--primary" type="submit">${t(ctx, '公示检查结果', 'Publish the result')}</button></div>
  </form>`
      : ''
  }
  ${
    model.canRecord && open
      ? resultForm(model, ctx)
      : open
        ? html`<p class="notice--info">${t(ctx, '核查结果由审查员录入。', 'A reviewer records the result.')}</p>`
        : ''
  }
</div>`;
}
