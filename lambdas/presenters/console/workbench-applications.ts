/**
 * The workbench's worklist and application pages (待办申请): the worklist — a plain GET filter form (state,
 * procedure, overdue only, order) over a table of 50 rows with the working days left, an overdue row marked by an
 * icon and the word 已逾期 (never colour alone), and a link to the next page — and one application as staff review it:
 * summary with deadline, the documents (each opened in the page through the API's audited read, or in a tab of its
 * own), the reviewer's steps and the officer's decision as plain POST forms (the actions its state allows, to the
 * roles that may take them), the document reads (who read what) and the timeline.
 *
 * A document opened in the page: an image in `<img>` (it cannot run anything), a PDF in an `<iframe>` from the
 * storage origin (the CSP's `frame-src` is exactly that origin). Chromium refuses its PDF viewer inside any
 * `<iframe sandbox>`, whatever the allow-list (its viewer is a plugin, and sandboxed frames may run none): the PDF
 * frame is left unsandboxed; it is cross-origin (storage, never the console's origin), so the document cannot reach
 * the page. A plain link opens every document in a new tab as well.
 *
 * @example
 * worklistBody({ rows, filters: {}, next }, ctx).toString();
 * reviewBody(model, ctx).toString();
 */
import type { ApplicationKind, ApplicationState, ReviewAction, WorklistSort } from '../../domain/application';
import { APPLICATION_STATES } from '../../domain/application';
import { PROCEDURES, type Procedure } from '../../domain/procedure';
import { html, type SafeHtml } from '../web/escape';
import { icon } from '../web/icons';
import type { OutcomeModel, TimelineStepModel } from './applications';
import { type ConsoleContext, t } from './context';
import {
  actionText,
  errorText,
  kindText,
  procedureLimit,
  procedureText,
  roleText,
  stateBadge,
  stateText,
  timeElement,
} from './words';

/** Working days left before a running deadline. */
export interface DaysLeft {
  readonly count: number;
  readonly provisional: boolean;
  readonly overdue: boolean;
}

/** One worklist row. */
export interface WorklistRowModel {
  readonly id: string;
  readonly enterpriseName: string;
  readonly kind: ApplicationKind;
  readonly procedure: Procedure;
  readonly state: ApplicationState;
  readonly receivedAt: string;
  readonly dueOn?: string;
  readonly left?: DaysLeft;
}

/** The worklist's filters as the page was asked for them. */
export interface WorklistFilters {
  readonly state?: ApplicationState;
  readonly procedure?: Procedure;
  readonly overdue?: boolean;
  readonly sort?: WorklistSort;
}

const WORKLIST = '/console/workbench/applications';

/** The working days left in words, overdue with its icon and word. */
function leftCell(ctx: ConsoleContext, left: DaysLeft | undefined): SafeHtml | string {
  if (!left) return t(ctx, '—', '—');
  const provisional = left.provisional ? t(ctx, '（暂定）', ' (provisional)') : '';
  if (left.overdue) {
    return html`<span class="badge badge--revoked">${icon('warning', 'icon')} ${t(ctx, '已逾期', 'Overdue')}</span>${provisional}`;
  }
  return html`<strong>${left.count}</strong> ${t(ctx, '个工作日', left.count === 1 ? 'working day' : 'working days')}${provisional}`;
}

function option(value: string, label: string, selected: boolean): SafeHtml {
  return html`<option value="${value}"${selected ? ' selected' : ''}>${label}</option>`;
}

/** The GET filter form: works without JavaScript, its fields keep what was asked. */
function filterForm(ctx: ConsoleContext, f: WorklistFilters): SafeHtml {
  const sort = f.sort ?? 'deadline';
  return html`<form class="card filters" method="get" action="${WORKLIST}" aria-labelledby="filters-title">
  <h2 id="filters-title" class="filters__title">${t(ctx, '筛选与排序', 'Filter and order')}</h2>
  <div class="field"><label for="f-state">${t(ctx, '状态', 'State')}</label>
    <select id="f-state" name="state">${option('', t(ctx, '全部', 'All'), !f.state)}${APPLICATION_STATES.filter((s) => s !== 'draft').map((s) => option(s, stateText(ctx, s), f.state === s))}</select></div>
  <div class="field"><label for="f-procedure">${t(ctx, '审批程序', 'Procedure')}</label>
    <select id="f-procedure" name="procedure">${option('', t(ctx, '全部', 'All'), !f.procedure)}${PROCEDURES.map((p) => option(p, procedureText(ctx, p), f.procedure === p))}</select></div>
  <div class="field"><label for="f-sort">${t(ctx, '排序', 'Order')}</label>
    <select id="f-sort" name="sort">${option('deadline', t(ctx, '按办理期限', 'By deadline'), sort === 'deadline')}${option('received', t(ctx, '按收到日期', 'By date received'), sort === 'received')}</select></div>
  <div class="choice filters__overdue"><input id="f-overdue" type="checkbox" name="overdue" value="true"${f.overdue ? ' checked' : ''}>
    <label for="f-overdue">${t(ctx, '只看已逾期', 'Overdue only')}</label></div>
  <div class="actions"><button class="button button--primary" type="submit">${t(ctx, '应用', 'Apply')}</button>
    <a href="${WORKLIST}">${t(ctx, '清除筛选', 'Clear')}</a></div>
</form>`;
}

/**
 * The worklist page's body.
 *
 * @example
 * worklistBody({ rows: [], filters: { overdue: true } }, ctx); // the form, and "nothing overdue"
 */
export function worklistBody(
  model: { readonly rows: readonly WorklistRowModel[]; readonly filters: WorklistFilters; readonly next?: string },
  ctx: ConsoleContext,
): SafeHtml {
  const f = model.filters;
  const order =
    f.overdue || (f.sort ?? 'deadline') === 'deadline'
      ? t(ctx, '按办理期限排列，最近的在前。', 'By deadline, the nearest first.')
      : t(ctx, '按收到日期排列，最早的在前。', 'By date received, the earliest first.');
  const labels = {
    app: t(ctx, '申请', 'Application'),
    enterprise: t(ctx, '企业', 'Enterprise'),
    procedure: t(ctx, '程序', 'Procedure'),
    state: t(ctx, '状态', 'State'),
    received: t(ctx, '收到日期', 'Received'),
    due: t(ctx, '期限', 'Deadline'),
    left: t(ctx, '剩余工作日', 'Working days left'),
  };
  const rows = model.rows.map(
    (r) => html`<tr${r.left?.overdue ? html` class="row--overdue"` : ''}>
<th scope="row"><a href="${WORKLIST}/${r.id}">${r.id}</a><span class="muted worklist__kind">${kindText(ctx, r.kind)}</span></th>
<td data-label="${labels.enterprise}">${r.enterpriseName}</td>
<td data-label="${labels.procedure}">${procedureText(ctx, r.procedure)}</td>
<td data-label="${labels.state}">${stateBadge(ctx, r.state)}</td>
<td data-label="${labels.received}">${timeElement(ctx, r.receivedAt)}</td>
<td data-label="${labels.due}">${r.dueOn ? timeElement(ctx, r.dueOn) : '—'}</td>
<td data-label="${labels.left}">${leftCell(ctx, r.left)}</td>
</tr>`,
  );
  const table =
    model.rows.length === 0
      ? html`<p class="notice--info" role="status">${
          f.overdue
            ? t(ctx, '没有已逾期的申请。', 'No application is overdue.')
            : t(ctx, '没有符合条件的申请。', 'No application matches.')
        }</p>`
      : html`<div class="table-wrap"><table class="table">
<caption>${t(ctx, '申请列表', 'Applications')} <span class="muted">${order}</span></caption>
<thead><tr><th scope="col">${labels.app}</th><th scope="col">${labels.enterprise}</th><th scope="col">${labels.procedure}</th><th scope="col">${labels.state}</th><th scope="col">${labels.received}</th><th scope="col">${labels.due}</th><th scope="col">${labels.left}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
  return html`<div class="stack">
${filterForm(ctx, f)}
${table}
${model.next ? html`<p><a class="button" href="${model.next}" rel="next">${t(ctx, '下一页', 'Next page')}</a></p>` : ''}
</div>`;
}

/** A document of the application as staff see it. */
export interface ReviewDocument {
  readonly id: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly fileName: string;
  readonly state: 'awaiting-upload' | 'accepted' | 'rejected';
  readonly contentType?: string;
  readonly size?: number;
  readonly sha256?: string;
}

/** The application as the review page shows it. */
export interface ReviewModel {
  readonly id: string;
  readonly kind: ApplicationKind;
  readonly state: ApplicationState;
  readonly procedure: Procedure;
  readonly enterpriseName: string;
  readonly uscc: string;
  /** What is applied for, in words (products with their codes, or the licence number). */
  readonly subject: string;
  readonly receivedAt: string;
  readonly acceptedOn?: string;
  readonly deadline?: { readonly dueOn: string; readonly workingDays: number; readonly provisional: boolean };
  readonly left?: DaysLeft;
  readonly documents: readonly ReviewDocument[];
  /** The document opened in the page: where its short URL points and how to draw it. */
  readonly opened?: { readonly documentId: string; readonly url: string; readonly contentType: string };
  readonly reads: readonly {
    readonly at: string;
    readonly actorId: string;
    readonly role: string;
    readonly documentName: string;
  }[];
  readonly moreReads: boolean;
  readonly timeline: readonly TimelineStepModel[];
  readonly outcome?: OutcomeModel;
  /** The reviewer's steps offered (only to a reviewer, only those the state allows). */
  readonly reviewActions: readonly ReviewAction[];
  /** The officer's decisions offered (only to an officer, only after a passed on-site review). */
  readonly decisions: readonly ('approve' | 'refuse')[];
  /** The step just taken (post/redirect/get). */
  readonly done?: string;
  /** A refused step, drawn again beside its field: the form, the code, the comment typed. */
  readonly refused?: { readonly form: 'review' | 'decision'; readonly code: string; readonly comment?: string };
}

const DONE: Readonly<Record<string, { readonly zh: string; readonly en: string }>> = {
  accept: { zh: '已受理。', en: 'Accepted.' },
  'request-corrections': {
    zh: '已要求补正，企业将看到您的说明。',
    en: 'Corrections requested; the enterprise sees your comment.',
  },
  reject: { zh: '已不予受理。', en: 'Rejected.' },
  'pass-formal-review': { zh: '形式审查已通过。', en: 'Formal review passed.' },
  'pass-on-site-review': {
    zh: '现场审查已通过，待审批人员决定。',
    en: 'On-site review passed; an officer decides next.',
  },
  'fail-on-site-review': {
    zh: '现场审查不合格，申请已驳回。',
    en: 'On-site review failed; the application is rejected.',
  },
  approve: { zh: '已批准。', en: 'Approved.' },
  refuse: { zh: '已决定不予许可。', en: 'Refused.' },
};

/** Labels of the step buttons (what the button does, not what the timeline records). */
const STEP_BUTTONS: Readonly<Record<string, { readonly zh: string; readonly en: string }>> = {
  accept: { zh: '受理', en: 'Accept' },
  'request-corrections': { zh: '要求补正', en: 'Request corrections' },
  reject: { zh: '不予受理', en: 'Reject' },
  'pass-formal-review': { zh: '形式审查通过', en: 'Pass the formal review' },
  'pass-on-site-review': { zh: '现场审查通过', en: 'Pass the on-site review' },
  'fail-on-site-review': { zh: '现场审查不合格', en: 'Fail the on-site review' },
  approve: { zh: '批准（发证）', en: 'Approve (issue)' },
  refuse: { zh: '不予许可', en: 'Refuse' },
};

const PRIMARY = new Set(['accept', 'pass-formal-review', 'pass-on-site-review', 'approve']);

function deadlineBlock(m: ReviewModel, ctx: ConsoleContext): SafeHtml {
  const d = m.deadline;
  if (!d) return html`<p>${procedureLimit(ctx, m.procedure)}</p>`;
  const left = m.left;
  const status = !left
    ? ''
    : left.overdue
      ? html`<span class="badge badge--revoked">${icon('warning', 'icon')} ${t(ctx, '已逾期', 'Overdue')}</span>`
      : html`<strong>${t(ctx, `剩余 ${left.count} 个工作日`, `${left.count} working days left`)}</strong>`;
  return html`<p>${t(ctx, `受理后 ${d.workingDays} 个工作日内办结，期限：`, `Due within ${d.workingDays} working days of acceptance: `)}${timeElement(ctx, d.dueOn)}${t(ctx, '。', '.')} ${status}</p>
${
  d.provisional || left?.provisional
    ? html`<p class="notice--info">${t(ctx, '期限涉及尚未公布节假日安排的年份，公布后将重新计算。', 'The deadline reaches into a year whose holidays are not yet announced; it will be recomputed.')}</p>`
    : ''
}`;
}

function documentsSection(m: ReviewModel, ctx: ConsoleContext): SafeHtml {
  const base = `${WORKLIST}/${m.id}`;
  const items = m.documents.map((d) => {
    const name = t(ctx, d.name.zh, d.name.en);
    const opened = m.opened?.documentId === d.id;
    const state =
      d.state === 'accepted'
        ? t(ctx, '已通过检查', 'Passed its check')
        : d.state === 'rejected'
          ? t(ctx, '未通过检查', 'Refused by the check')
          : t(ctx, '尚未上传', 'Not uploaded');
    const links =
      d.state === 'awaiting-upload'
        ? ''
        : html`<p class="actions">${
            d.state === 'accepted'
              ? html`<a href="${base}?document=${d.id}#document-view"${opened ? html` aria-current="true"` : ''}>${t(ctx, `在本页查看${d.name.zh}`, `View the ${d.name.en} here`)}</a>`
              : ''
          }<a href="${base}/documents/${d.id}" target="_blank" rel="noopener">${t(ctx, `在新标签页打开${d.name.zh}`, `Open the ${d.name.en} in a new tab`)}<span class="visually-hidden">${t(ctx, '（新窗口）', ' (new tab)')}</span></a></p>`;
    return html`<li class="card stack stack--tight"><h3>${name}</h3>
<p>${d.fileName} · ${state}${d.contentType ? html` · ${d.contentType}` : ''}${d.size ? html` · ${Math.ceil(d.size / 1024)} KB` : ''}</p>
${d.sha256 ? html`<p class="muted doc__digest">SHA-256 ${d.sha256}</p>` : ''}${links}</li>`;
  });
  const o = m.opened;
  const doc = o ? m.documents.find((d) => d.id === o.documentId) : undefined;
  const viewer =
    o && doc
      ? html`<section id="document-view" class="card stack" aria-labelledby="document-view-title">
<h3 id="document-view-title">${t(ctx, `正在查看：${doc.name.zh}`, `Viewing: ${doc.name.en}`)}</h3>
${
  o.contentType === 'application/pdf'
    ? html`<iframe class="doc-frame" src="${o.url}" title="${t(ctx, doc.name.zh, doc.name.en)} — ${doc.fileName}" referrerpolicy="no-referrer"></iframe>`
    : html`<img class="doc-image" src="${o.url}" alt="${t(ctx, `${doc.name.zh}（扫描件）：${doc.fileName}`, `${doc.name.en} (scan): ${doc.fileName}`)}" referrerpolicy="no-referrer">`
}
<p class="muted">${t(ctx, '查看链接 60 秒内有效，每次查看都会记录。若未显示，请', 'The view link is valid for 60 seconds and every view is recorded. If nothing shows, ')}<a href="${base}/documents/${doc.id}" target="_blank" rel="noopener">${t(ctx, '在新标签页打开', 'open it in a new tab')}<span class="visually-hidden">${t(ctx, '（新窗口）', ' (new tab)')}</span></a>${t(ctx, '。', '.')}</p>
</section>`
      : '';
  return html`<section class="stack" aria-labelledby="app-documents">
<h2 id="app-documents">${t(ctx, '申请材料', 'Documents')}</h2>
${m.documents.length === 0 ? html`<p>${t(ctx, '没有材料。', 'No documents.')}</p>` : html`<ul class="cards">${items}</ul>`}
${viewer}
</section>`;
}

/** The comment field and its reason (a refused step: beside the field, the control marked invalid). */
function commentField(
  ctx: ConsoleContext,
  id: string,
  hint: string,
  refused: ReviewModel['refused'] | undefined,
): SafeHtml {
  const error = refused ? errorText(ctx, refused.code) : undefined;
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field"><label for="${id}">${t(ctx, '审查意见', 'Comment')}</label>
<span id="${id}-hint" class="field__hint">${hint}</span>
<textarea id="${id}" name="comment" rows="3" aria-describedby="${describedBy}"${error ? html` aria-invalid="true"` : ''}>${refused?.comment ?? ''}</textarea>
${error ? html`<span id="${id}-error" class="field__error" role="alert" data-code="${refused?.code}">${error}</span>` : ''}</div>`;
}

function stepButtons(ctx: ConsoleContext, name: string, values: readonly string[]): SafeHtml {
  return html`<div class="actions">${values.map((v) => {
    const label = STEP_BUTTONS[v] ?? { zh: v, en: v };
    return html`<button class="button${PRIMARY.has(v) ? ' button--primary' : ''}" type="submit" name="${name}" value="${v}">${t(ctx, label.zh, label.en)}</button>`;
  })}</div>`;
}

function stepsSection(m: ReviewModel, ctx: ConsoleContext): SafeHtml | string {
  const forms: SafeHtml[] = [];
  const refusedHere = (form: 'review' | 'decision') => (m.refused?.form === form ? m.refused : undefined);
  if (m.reviewActions.length > 0) {
    forms.push(html`<form class="stack" method="post" action="${WORKLIST}/${m.id}/review" aria-labelledby="review-title">
<h2 id="review-title">${t(ctx, '审查', 'Review')}</h2>
<input type="hidden" name="_csrf" value="${ctx.csrfToken}">
${commentField(ctx, 'review-comment', t(ctx, '要求补正、不予受理或现场审查不合格时必须填写，企业会看到。', 'Required to request corrections, reject or fail the on-site review; the enterprise reads it.'), refusedHere('review'))}
${stepButtons(ctx, 'action', m.reviewActions)}
</form>`);
  }
  if (m.decisions.length > 0) {
    forms.push(html`<form class="stack" method="post" action="${WORKLIST}/${m.id}/decision" aria-labelledby="decision-title">
<h2 id="decision-title">${t(ctx, '审批决定', 'Decision')}</h2>
<input type="hidden" name="_csrf" value="${ctx.csrfToken}">
${commentField(ctx, 'decision-comment', t(ctx, '不予许可时必须填写理由，企业会看到。', 'Required to refuse; the enterprise reads it.'), refusedHere('decision'))}
${stepButtons(ctx, 'decision', m.decisions)}
</form>`);
  }
  return forms.length > 0 ? html`<section class="card stack">${forms}</section>` : '';
}

/**
 * One application as staff review it.
 *
 * @example
 * reviewBody({ ...model, reviewActions: ['accept', 'request-corrections', 'reject'] }, ctx);
 */
export function reviewBody(m: ReviewModel, ctx: ConsoleContext): SafeHtml {
  const done = m.done ? DONE[m.done] : undefined;
  const steps = m.timeline.map(
    (
      s,
    ) => html`<li><span class="timeline__when">${timeElement(ctx, s.at, true)} · ${roleText(ctx, s.role)} ${s.actorId}</span>
<span class="timeline__what">${actionText(ctx, s.action)} → ${stateText(ctx, s.to)}</span>${s.comment ? html`<p>${s.comment}</p>` : ''}</li>`,
  );
  const reads = m.reads.map(
    (r) => html`<li>${timeElement(ctx, r.at, true)} · ${roleText(ctx, r.role)} ${r.actorId} · ${r.documentName}</li>`,
  );
  return html`<div class="stack">
<p><a href="${WORKLIST}">${t(ctx, '← 待办申请', '← Worklist')}</a></p>
${done ? html`<p class="notice--success" role="status">${icon('check', 'icon')} ${t(ctx, done.zh, done.en)}</p>` : ''}
<section class="card stack" aria-labelledby="app-summary">
<h2 id="app-summary">${t(ctx, '概况', 'Summary')}</h2>
<p>${stateBadge(ctx, m.state)}</p>
<dl>
<dt>${t(ctx, '企业', 'Enterprise')}</dt><dd>${m.enterpriseName}</dd>
<dt>${t(ctx, '统一社会信用代码', 'Unified social credit code')}</dt><dd>${m.uscc}</dd>
<dt>${t(ctx, '类型', 'Kind')}</dt><dd>${kindText(ctx, m.kind)}</dd>
<dt>${t(ctx, '申请事项', 'Applied for')}</dt><dd>${m.subject}</dd>
<dt>${t(ctx, '审批程序', 'Procedure')}</dt><dd>${procedureText(ctx, m.procedure)}</dd>
<dt>${t(ctx, '收到日期', 'Received')}</dt><dd>${timeElement(ctx, m.receivedAt)}</dd>
${m.acceptedOn ? html`<dt>${t(ctx, '受理日期', 'Accepted')}</dt><dd>${timeElement(ctx, m.acceptedOn)}</dd>` : ''}
</dl>
${deadlineBlock(m, ctx)}
</section>
${
  m.outcome
    ? html`<section class="card stack" aria-labelledby="app-outcome"><h2 id="app-outcome">${t(ctx, '结果', 'Outcome')}</h2>
<p>${t(ctx, '已发证：许可证编号 ', 'Issued: licence ')}<a href="/console/workbench/certificates/${encodeURIComponent(m.outcome.urlSafe)}">${m.outcome.licenceNo}</a>${m.outcome.version ? t(ctx, `（第 ${m.outcome.version} 版）`, ` (version ${m.outcome.version})`) : ''} · ${timeElement(ctx, m.outcome.on)}</p></section>`
    : ''
}
${stepsSection(m, ctx)}
${documentsSection(m, ctx)}
<section class="card stack" aria-labelledby="app-timeline"><h2 id="app-timeline">${t(ctx, '办理进度', 'Timeline')}</h2>
<ol class="timeline">${steps}</ol></section>
<section class="card stack" aria-labelledby="app-reads"><h2 id="app-reads">${t(ctx, '材料查阅记录', 'Document reads')}</h2>
${reads.length > 0 ? html`<ul>${reads}</ul>` : html`<p>${t(ctx, '尚无查阅记录。', 'Nobody has read a document yet.')}</p>`}
${m.moreReads ? html`<p class="muted">${t(ctx, '仅显示最近 50 条。', 'Only the latest 50 are shown.')}</p>` : ''}</section>
</div>`;
}
