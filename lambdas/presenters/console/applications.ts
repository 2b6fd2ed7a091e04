/**
 * The enterprise's applications: the list, and one application followed to its end — state, working days left, the
 * documents step (one upload form per required document, each with its check result), the corrections asked for and
 * the enterprise's answer (the submit form's comment), the timeline, the decision, the licence and its parcels.
 *
 * Each document's upload form is one form, progressively enhanced: without JavaScript a plain `multipart/form-data`
 * POST straight to storage (the undeclared grant drawn with the page: its policy fields as hidden inputs, the file
 * last, storage's redirect back to the check); with it, `upload.js` asks for a declared grant instead, shows a
 * progress bar and runs the check. The CSP allows no inline script, so the forms carry their links in `data-`
 * attributes, and its `form-action` and `connect-src` allow the storage origin.
 *
 * @example
 * applicationBody(model, ctx).toString();
 */
import type { ApplicationKind, ApplicationSnapshot, ApplicationState } from '../../domain/application';
import type { DocumentType } from '../../domain/application-documents';
import type { Procedure } from '../../domain/procedure';
import { html, type SafeHtml } from '../web/escape';
import { type ConsoleContext, t } from './context';
import { type DispatchModel, dispatchesSection } from './licences';
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

export interface ApplicationRow {
  readonly id: string;
  readonly kind: ApplicationKind;
  readonly state: ApplicationState;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * The list of the enterprise's applications.
 *
 * @example
 * applicationsListBody({ items: [] }, ctx); // an empty state with a link to apply
 */
export function applicationsListBody(
  model: { readonly items: readonly ApplicationRow[]; readonly next?: string },
  ctx: ConsoleContext,
): SafeHtml {
  const apply = html`<p><a class="button button--primary" href="/console/applications/new">${t(ctx, '新的申请', 'New application')}</a></p>`;
  if (model.items.length === 0) {
    return html`<div class="stack">
  <p class="notice--info">${t(ctx, '您还没有提交过申请。', 'You have not filed any application.')}</p>${apply}</div>`;
  }
  const rows = model.items.map(
    (a) => html`<tr>
    <th scope="row"><a href="/console/applications/${a.id}">${a.id}</a></th>
    <td data-label="${t(ctx, '类型', 'Kind')}">${kindText(ctx, a.kind)}</td>
    <td data-label="${t(ctx, '状态', 'State')}">${stateBadge(ctx, a.state)}</td>
    <td data-label="${t(ctx, '填报日期', 'Filed')}">${timeElement(ctx, a.createdAt)}</td>
    <td data-label="${t(ctx, '最近更新', 'Updated')}">${timeElement(ctx, a.updatedAt)}</td>
  </tr>`,
  );
  return html`<div class="stack">
  ${apply}
  <div class="table-wrap"><table class="table">
    <caption class="visually-hidden">${t(ctx, '我的申请：编号、类型、状态、日期', 'My applications: id, kind, state, dates')}</caption>
    <thead><tr>
      <th scope="col">${t(ctx, '申请编号', 'Application')}</th>
      <th scope="col">${t(ctx, '类型', 'Kind')}</th>
      <th scope="col">${t(ctx, '状态', 'State')}</th>
      <th scope="col">${t(ctx, '填报日期', 'Filed')}</th>
      <th scope="col">${t(ctx, '最近更新', 'Updated')}</th>
    </tr></thead>
    <tbody>${rows}</tbody>
  </table></div>
  ${model.next ? html`<p><a href="${model.next}">${t(ctx, '下一页', 'Next page')}</a></p>` : ''}
</div>`;
}

export interface DocumentSlot {
  readonly type: DocumentType;
  readonly name: { readonly zh: string; readonly en: string };
  /** The latest upload of this type, if any. */
  readonly latest?: {
    readonly id: string;
    readonly fileName: string;
    readonly state: 'awaiting-upload' | 'accepted' | 'rejected';
    readonly failureCode?: string;
  };
  /** The plain form's grant (an undeclared presigned POST made when the page was drawn): where and what to post. */
  readonly plainUpload?: {
    readonly url: string;
    readonly fields: Readonly<Record<string, string>>;
    readonly expiresAt: string;
  };
}

export interface ApplicationModel {
  readonly id: string;
  readonly kind: ApplicationKind;
  readonly state: ApplicationState;
  readonly procedure: Procedure;
  readonly enterpriseName: string;
  /** What is applied for, in words (products, or the licence number). */
  readonly subject: string;
  readonly createdAt: string;
  readonly acceptedOn?: string;
  readonly deadline?: {
    readonly dueOn: string;
    readonly workingDays: number;
    readonly left?: number;
    readonly overdue: boolean;
    readonly provisional: boolean;
  };
  readonly editable: boolean;
  readonly documents: readonly DocumentSlot[];
  readonly timeline: readonly Omit<TimelineStepModel, 'actorId'>[];
  readonly outcome?: OutcomeModel;
  readonly dispatches: readonly DispatchModel[];
  /** A refused submission: its code, and the document it concerns (shown beside that document) or none. */
  readonly submitError?: { readonly code: string; readonly documentType?: DocumentType };
  /** The comment typed into the submit form, shown again with an error. */
  readonly comment?: string;
}

const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

function documentForm(m: ApplicationModel, slot: DocumentSlot, ctx: ConsoleContext): SafeHtml {
  const id = `doc-${slot.type}`;
  const latest = slot.latest;
  const submitError = m.submitError?.documentType === slot.type ? m.submitError.code : undefined;
  const failure = submitError ?? (latest?.state === 'rejected' ? latest.failureCode : undefined);
  const status = latest
    ? latest.state === 'accepted'
      ? html`<p id="${id}-status" class="notice--success">${t(ctx, '已通过检查：', 'Passed its check: ')}${latest.fileName}</p>`
      : latest.state === 'rejected'
        ? html`<p id="${id}-status">${t(ctx, '未通过检查：', 'Refused: ')}${latest.fileName}</p>`
        : html`<p id="${id}-status">${t(ctx, '等待上传或检查：', 'Awaiting upload or check: ')}${latest.fileName}</p>`
    : html`<p id="${id}-status">${t(ctx, '尚未上传。', 'Not uploaded yet.')}</p>`;
  const describedBy = [`${id}-status`, failure ? `${id}-error` : '', `${id}-hint`].filter(Boolean).join(' ');
  const grantUrl = `/console/applications/${m.id}/documents`;
  const plain = slot.plainUpload;
  // The policy's fields first, the file last (storage ignores fields after the file); nothing else is sent.
  const policyFields = plain
    ? Object.entries(plain.fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)
    : [];
  return html`<div class="card stack">
  <h3 id="${id}-title">${t(ctx, slot.name.zh, slot.name.en)}</h3>
  ${status}
  ${failure ? html`<p id="${id}-error" class="field__error" role="alert">${errorText(ctx, failure)}</p>` : ''}
  ${
    m.editable
      ? html`<form class="stack" method="post" action="${plain?.url ?? grantUrl}" enctype="multipart/form-data"
      data-upload data-type="${slot.type}" data-grant="${grantUrl}" data-csrf="${ctx.csrfToken}" aria-labelledby="${id}-title">
    ${policyFields}
    <div class="field">
      <label for="${id}-file">${t(ctx, `选择${slot.name.zh}文件`, `Choose the ${slot.name.en} file`)}</label>
      <p id="${id}-hint">${t(ctx, 'PDF、JPG 或 PNG，不超过 5 MB。', 'PDF, JPG or PNG, at most 5 MB.')}</p>
      <input id="${id}-file" name="file" type="file" accept="${ACCEPT}" required aria-describedby="${describedBy}">
    </div>
    <div data-progress hidden>
      <label for="${id}-progress">${t(ctx, `${slot.name.zh}上传进度`, `${slot.name.en} upload progress`)}</label>
      <progress id="${id}-progress" class="progress" max="100" value="0">0%</progress>
    </div>
    ${
      plain
        ? html`<noscript><p>${t(ctx, '此上传表单在 ', 'This upload form is valid until ')}${timeElement(ctx, plain.expiresAt, true)}${t(
            ctx,
            ' 前有效；过期后请刷新本页再上传。',
            '; after that, reload this page before uploading.',
          )}</p></noscript>`
        : ''
    }
    <p data-result role="status" aria-live="polite"></p>
    <button class="button" type="submit">${t(ctx, '上传并检查', 'Upload and check')}</button>
  </form>`
      : ''
  }
</div>`;
}

function deadlineText(m: ApplicationModel, ctx: ConsoleContext): SafeHtml {
  const d = m.deadline;
  if (!d) return html`<p>${procedureLimit(ctx, m.procedure)}</p>`;
  const left =
    d.left === undefined
      ? ''
      : d.overdue
        ? t(ctx, '已超过期限。', 'The deadline has passed.')
        : t(ctx, `剩余 ${d.left} 个工作日。`, `${d.left} working days left.`);
  return html`<p>${t(
    ctx,
    `受理后 ${d.workingDays} 个工作日内办结，期限：`,
    `To be completed within ${d.workingDays} working days of acceptance, by `,
  )}${timeElement(ctx, d.dueOn)}${t(ctx, '。', '.')} <strong>${left}</strong></p>
  ${
    d.provisional
      ? html`<p class="notice--info">${t(
          ctx,
          '期限涉及尚未公布节假日安排的年份，公布后将重新计算。',
          'The deadline reaches into a year whose holidays are not yet announced; it will be recomputed.',
        )}</p>`
      : ''
  }`;
}

/** A timeline step as the pages draw it (the staff page adds who: `actorId`). */
export interface TimelineStepModel {
  readonly at: string;
  readonly role: string;
  readonly actorId: string;
  readonly action: string;
  readonly to: ApplicationState;
  readonly comment?: string;
}

/** The licence an application ended in, as the pages link it. */
export interface OutcomeModel {
  readonly licenceNo: string;
  readonly urlSafe: string;
  readonly version?: number;
  readonly on: string;
}

/**
 * An application's timeline and outcome as both consoles' pages draw them.
 *
 * @example
 * const { timeline, outcome } = applicationHistoryModel(application);
 */
export function applicationHistoryModel(a: ApplicationSnapshot): {
  timeline: TimelineStepModel[];
  outcome?: OutcomeModel;
} {
  return {
    timeline: a.timeline.map((s) => ({
      at: s.at,
      role: s.actor.role,
      actorId: s.actor.id,
      action: s.action,
      to: s.to,
      ...(s.comment ? { comment: s.comment } : {}),
    })),
    ...(a.outcome
      ? {
          outcome: {
            licenceNo: a.outcome.licenceNo.toString(),
            urlSafe: a.outcome.licenceNo.toUrlSafe(),
            ...(a.outcome.version ? { version: a.outcome.version } : {}),
            on: a.outcome.on,
          },
        }
      : {}),
  };
}

/**
 * One application: summary, deadline, documents, corrections and the answer, timeline, outcome and parcels.
 *
 * @example
 * applicationBody(model, ctx);
 */
export function applicationBody(m: ApplicationModel, ctx: ConsoleContext): SafeHtml {
  const corrections = [...m.timeline].reverse().find((s) => s.action === 'request-corrections');
  const answerId = 'submit-comment';
  const generalError = m.submitError && !m.submitError.documentType ? m.submitError.code : undefined;
  const steps = m.timeline.map(
    (s) => html`<li>
    <p>${timeElement(ctx, s.at, true)} · ${roleText(ctx, s.role)} · <strong>${actionText(ctx, s.action)}</strong>
      → ${stateText(ctx, s.to)}</p>
    ${s.comment ? html`<p>${s.comment}</p>` : ''}
  </li>`,
  );
  return html`<div class="stack">
  <p><a href="/console/applications">${t(ctx, '← 我的申请', '← My applications')}</a></p>
  <section class="card stack" aria-labelledby="app-summary">
    <h2 id="app-summary">${t(ctx, '概况', 'Summary')}</h2>
    <p>${stateBadge(ctx, m.state)}</p>
    <dl>
      <dt>${t(ctx, '类型', 'Kind')}</dt><dd>${kindText(ctx, m.kind)}</dd>
      <dt>${t(ctx, '企业', 'Enterprise')}</dt><dd>${m.enterpriseName}</dd>
      <dt>${t(ctx, '申请事项', 'Applied for')}</dt><dd>${m.subject}</dd>
      <dt>${t(ctx, '审批程序', 'Procedure')}</dt><dd>${procedureText(ctx, m.procedure)}</dd>
      <dt>${t(ctx, '填报日期', 'Filed')}</dt><dd>${timeElement(ctx, m.createdAt)}</dd>
      ${m.acceptedOn ? html`<dt>${t(ctx, '受理日期', 'Accepted')}</dt><dd>${timeElement(ctx, m.acceptedOn)}</dd>` : ''}
    </dl>
    ${deadlineText(m, ctx)}
  </section>
  ${
    m.outcome
      ? html`<section class="card stack" aria-labelledby="app-outcome">
    <h2 id="app-outcome">${t(ctx, '结果', 'Decision')}</h2>
    <p>${t(ctx, '许可证', 'Licence')} <a href="/console/licences/${encodeURIComponent(m.outcome.urlSafe)}">${m.outcome.licenceNo}</a>
      ${m.outcome.version ? t(ctx, `第 ${m.outcome.version} 版`, `version ${m.outcome.version}`) : ''}
      · ${timeElement(ctx, m.outcome.on)}</p>
  </section>`
      : m.state === 'rejected'
        ? html`<section class="card stack" aria-labelledby="app-outcome"><h2 id="app-outcome">${t(ctx, '结果', 'Decision')}</h2>
    <p>${stateBadge(ctx, m.state)}</p></section>`
        : ''
  }
  ${
    corrections && m.state === 'corrections-requested'
      ? html`<section class="card stack notice--info" aria-labelledby="app-corrections">
    <h2 id="app-corrections">${t(ctx, '需要补正', 'Corrections requested')}</h2>
    <p>${timeElement(ctx, corrections.at)} ${roleText(ctx, corrections.role)}：</p>
    <blockquote><p>${corrections.comment ?? ''}</p></blockquote>
    <p>${t(ctx, '请按要求重新上传文件，并在下方填写答复后再次提交。', 'Upload the documents again as asked, answer below and submit again.')}</p>
  </section>`
      : ''
  }
  ${
    m.documents.length > 0
      ? html`<section class="stack" aria-labelledby="app-documents">
    <h2 id="app-documents">${t(ctx, '申请材料', 'Documents')}</h2>
    ${m.documents.map((slot) => documentForm(m, slot, ctx))}
  </section>`
      : ''
  }
  ${
    m.editable
      ? html`<section class="card stack" aria-labelledby="app-submit">
    <h2 id="app-submit">${m.state === 'corrections-requested' ? t(ctx, '答复并再次提交', 'Answer and submit again') : t(ctx, '提交申请', 'Submit')}</h2>
    ${generalError ? html`<p id="submit-error" class="notice--error" role="alert">${errorText(ctx, generalError)}</p>` : ''}
    <form class="stack" method="post" action="/console/applications/${m.id}/submit">
      <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
      <div class="field">
        <label for="${answerId}">${
          m.state === 'corrections-requested'
            ? t(ctx, '对补正要求的答复', 'Your answer to the corrections requested')
            : t(ctx, '备注（可选）', 'Comment (optional)')
        }</label>
        <textarea id="${answerId}" name="comment" rows="3"${m.state === 'corrections-requested' ? ' required' : ''}${generalError ? html` aria-describedby="submit-error"` : ''}>${m.comment ?? ''}</textarea>
      </div>
      <button class="button button--primary" type="submit">${t(ctx, '提交', 'Submit')}</button>
    </form>
  </section>`
      : ''
  }
  <section class="card stack" aria-labelledby="app-timeline">
    <h2 id="app-timeline">${t(ctx, '办理进度', 'Timeline')}</h2>
    <ol class="timeline">${steps}</ol>
  </section>
  ${m.outcome ? dispatchesSection(m.dispatches, ctx) : ''}
</div>`;
}
