/**
 * The workbench's certificates (许可证): the search page (one box: licence number, USCC or the start of an enterprise
 * name; the newest when empty), one licence's dossier (particulars, products, versions with their PDFs, status
 * history, audit trail, paper copies, the public verification page, and — for an officer — the status actions), the
 * status-change form (common wordings offered beside "other") and its "are you sure" step. Pure functions of a model
 * and the page context; every text is escaped by `html`. Forms work with JavaScript off (plain GET and POST forms).
 *
 * @example
 * certificatesFindBody({ q: '湖北', kind: 'name', items: [] }, ctx).toString(); // the box and "no certificate found"
 */
import type { AuditEvent } from '../../domain/audit-event';
import {
  CERTIFICATE_STATUSES,
  type CertificateStatus,
  type EffectiveStatus,
  type StatusAction,
  type StatusChange,
} from '../../domain/certificate-status';
import { html, type SafeHtml } from '../web/escape';
import { type ConsoleContext, t } from './context';
import {
  type DispatchModel,
  dispatchesSection,
  type LicenceParticularsModel,
  licenceParticulars,
  productsSection,
  versionLinks,
} from './licences';
import { OTHER, type Wording, wordingsFor } from './status-wordings';
import { errorText, roleText, statusBadge, timeElement } from './words';

/** Where the section lives. */
export const CERTIFICATES_PATH = '/console/workbench/certificates';

/**
 * A licence's workbench page (URL-safe number in the path).
 *
 * @example
 * certificateHref('42-XK06-001-00001'); // '/console/workbench/certificates/42-XK06-001-00001'
 */
export const certificateHref = (urlSafe: string): string => `${CERTIFICATES_PATH}/${encodeURIComponent(urlSafe)}`;

/** A message beside a field: the catalogued meaning of its code. */
export interface FieldError {
  readonly code: string;
}

// — Find —

export interface CertificateRow {
  readonly licenceNo: string;
  readonly urlSafe: string;
  readonly enterpriseName: string;
  readonly uscc: string;
  readonly status: EffectiveStatus;
  readonly version: number;
  readonly validUntil: string;
}

export interface FindModel {
  /** What was typed (shown in the box again). */
  readonly q: string;
  /** How it was read: the newest, an exact licence number (not found), a USCC, a name prefix. */
  readonly kind: 'newest' | 'licence' | 'uscc' | 'name';
  readonly items: readonly CertificateRow[];
  /** The next page's link. */
  readonly next?: string;
  /** The box's message (422). */
  readonly error?: FieldError;
}

const KIND_CAPTIONS: Readonly<Record<FindModel['kind'], readonly [string, string]>> = {
  newest: ['最新发放的许可证', 'Newest certificates'],
  licence: ['按证书编号查询', 'By licence number'],
  uscc: ['按统一社会信用代码查询', 'By unified social credit code'],
  name: ['按企业名称开头查询（按名称排序）', 'By the start of the enterprise name (in name order)'],
};

/**
 * The search page: the box, what it was read as, and the certificates found (50 a page).
 *
 * @example
 * certificatesFindBody({ q: '', kind: 'newest', items: rows, next: '/console/workbench/certificates?cursor=…' }, ctx);
 */
export function certificatesFindBody(m: FindModel, ctx: ConsoleContext): SafeHtml {
  const error = m.error ? html`<p id="q-error" class="field__error">${errorText(ctx, m.error.code)}</p>` : '';
  const caption = KIND_CAPTIONS[m.kind];
  const rows = m.items.map(
    (r) => html`<tr>
      <th scope="row"><a href="${certificateHref(r.urlSafe)}">${r.licenceNo}</a></th>
      <td data-label="${t(ctx, '企业名称', 'Enterprise')}">${r.enterpriseName}</td>
      <td data-label="${t(ctx, '统一社会信用代码', 'USCC')}">${r.uscc}</td>
      <td data-label="${t(ctx, '状态', 'Status')}">${statusBadge(ctx, r.status)}</td>
      <td data-label="${t(ctx, '版本', 'Version')}" class="wb-nowrap">${t(ctx, `第 ${r.version} 版`, `Version ${r.version}`)}</td>
      <td data-label="${t(ctx, '有效期至', 'Valid until')}">${timeElement(ctx, r.validUntil)}</td>
    </tr>`,
  );
  const results =
    m.error !== undefined
      ? ''
      : m.items.length === 0
        ? html`<p class="notice--info" role="status">${t(ctx, '没有找到许可证。', 'No certificate found.')}</p>`
        : html`<div class="table-wrap"><table class="table">
    <caption>${t(ctx, caption[0], caption[1])}</caption>
    <thead><tr>
      <th scope="col">${t(ctx, '证书编号', 'Licence number')}</th>
      <th scope="col">${t(ctx, '企业名称', 'Enterprise')}</th>
      <th scope="col">${t(ctx, '统一社会信用代码', 'USCC')}</th>
      <th scope="col">${t(ctx, '状态', 'Status')}</th>
      <th scope="col">${t(ctx, '版本', 'Version')}</th>
      <th scope="col">${t(ctx, '有效期至', 'Valid until')}</th>
    </tr></thead>
    <tbody>${rows}</tbody>
  </table></div>
  ${m.next ? html`<p><a href="${m.next}">${t(ctx, '下一页', 'Next page')}</a></p>` : ''}`;
  return html`<div class="stack">
  <form class="card" method="get" action="${CERTIFICATES_PATH}" role="search">
    <div class="field">
      <label for="q">${t(ctx, '证书编号、统一社会信用代码或企业名称', 'Licence number, USCC or enterprise name')}</label>
      <p id="q-hint" class="field__hint">${t(
        ctx,
        '证书编号和信用代码须完整；企业名称输入开头几个字即可（不区分全角半角、大小写和空格）。',
        'A licence number or code in full; for a name, its first characters (full-width or half-width, case and spaces do not matter).',
      )}</p>
      ${error}
      <input type="text" id="q" name="q" value="${m.q}" autocomplete="off" spellcheck="false" aria-describedby="q-hint${m.error ? ' q-error' : ''}"${m.error ? html` aria-invalid="true"` : ''}>
    </div>
    <div class="actions"><button class="button button--primary" type="submit">${t(ctx, '查询', 'Search')}</button>${
      m.q ? html`<a href="${CERTIFICATES_PATH}">${t(ctx, '清除', 'Clear')}</a>` : ''
    }</div>
  </form>
  ${results}
</div>`;
}

// — One licence —

const ACTION_WORDS: Readonly<Record<StatusAction, readonly [string, string]>> = {
  suspend: ['暂扣', 'Suspend'],
  reinstate: ['恢复', 'Reinstate'],
  revoke: ['吊销', 'Revoke'],
  cancel: ['注销', 'Cancel the licence'],
};

/**
 * A status action in words.
 *
 * @example
 * statusActionText(ctx, 'suspend'); // '暂扣'
 */
export const statusActionText = (ctx: Pick<ConsoleContext, 'lang'>, action: StatusAction): string =>
  t(ctx, ACTION_WORDS[action][0], ACTION_WORDS[action][1]);

const AUDIT_WORDS: Readonly<Record<string, readonly [string, string]>> = {
  'certificate.issued': ['发证', 'Issued'],
  'certificate.add-products': ['增加产品（新版本）', 'Products added (new version)'],
  'certificate.amend': ['变更（新版本）', 'Amended (new version)'],
  'certificate.renew': ['延续（新版本）', 'Renewed (new version)'],
  'certificate.reissue-paper': ['补发纸质证书', 'Paper copy reissued'],
  'certificate.pdf-timestamped': ['证书 PDF 补加时间戳', 'PDF timestamp added'],
  'certificate.downloaded': ['下载 PDF', 'PDF downloaded'],
  'certificate.suspend': ['暂扣', 'Suspended'],
  'certificate.reinstate': ['恢复', 'Reinstated'],
  'certificate.revoke': ['吊销', 'Revoked'],
  'certificate.cancel': ['注销', 'Cancelled'],
};

/** An audit action in words (an unknown one as it is). */
const auditText = (ctx: ConsoleContext, action: string): string => {
  const w = AUDIT_WORDS[action];
  return w ? t(ctx, w[0], w[1]) : action;
};

export interface DossierModel extends LicenceParticularsModel {
  readonly licenceNo: string;
  readonly urlSafe: string;
  readonly status: EffectiveStatus;
  readonly history: readonly StatusChange[];
  /** Status changes older than `history` (the audit trail keeps them). */
  readonly earlierChanges: number;
  readonly audit: readonly AuditEvent[];
  /** The audit trail's next page. */
  readonly auditNext?: string;
  /** Whether this is a later page of the audit trail. */
  readonly auditLater: boolean;
  readonly dispatches: readonly DispatchModel[];
  /** The public verification page of this licence. */
  readonly verifyHref: string;
  /** The status actions this person may take now (an officer's; empty for others or a final status). */
  readonly actions: readonly StatusAction[];
  /** A status change just made (after the confirm's redirect). */
  readonly changed?: StatusAction;
}

function historyList(m: DossierModel, ctx: ConsoleContext): SafeHtml {
  const steps = [...m.history].reverse().map(
    (h) => html`<li>
      <span class="timeline__when">${timeElement(ctx, h.at, true)} · ${roleText(ctx, h.actor.role ?? h.actor.type)} ${h.actor.id}</span>
      <span class="timeline__what">${h.from ? html`${statusBadge(ctx, h.from)} → ` : ''}${statusBadge(ctx, h.to)}</span>
      <span>${t(ctx, '公开理由：', 'Public reason: ')}${h.publicReason}</span><br>
      <span>${t(ctx, '法律依据：', 'Legal basis: ')}${h.legalBasis}</span>
      ${h.internalNotes ? html`<br><span class="muted">${t(ctx, '内部备注：', 'Internal notes: ')}${h.internalNotes}</span>` : ''}
    </li>`,
  );
  return html`<ol class="timeline" aria-label="${t(ctx, '状态历史，最新在前', 'Status history, newest first')}">${steps}</ol>
  ${
    m.earlierChanges > 0
      ? html`<p class="muted">${t(
          ctx,
          `更早的 ${m.earlierChanges} 次变更见审计记录。`,
          `${m.earlierChanges} earlier change(s) are in the audit trail.`,
        )}</p>`
      : ''
  }`;
}

const isStatus = (v: unknown): v is CertificateStatus =>
  typeof v === 'string' && (CERTIFICATE_STATUSES as readonly string[]).includes(v);

/** What an audit event's details say, briefly (version, status change, reasons). */
function auditDetails(e: AuditEvent, ctx: ConsoleContext): SafeHtml {
  const d = (e.details ?? {}) as Record<string, unknown>;
  const parts: SafeHtml[] = [];
  if (typeof d.version === 'number')
    parts.push(html`<span>${t(ctx, `第 ${d.version} 版`, `Version ${d.version}`)}</span>`);
  if (isStatus(d.from) && isStatus(d.to))
    parts.push(html`<span>${statusBadge(ctx, d.from)} → ${statusBadge(ctx, d.to)}</span>`);
  if (typeof d.publicReason === 'string') parts.push(html`<span>${d.publicReason}</span>`);
  if (typeof d.legalBasis === 'string') parts.push(html`<span>${d.legalBasis}</span>`);
  return html`${parts.map((p, i) => html`${i > 0 ? html`<br>` : ''}${p}`)}`;
}

function auditTable(m: DossierModel, ctx: ConsoleContext): SafeHtml {
  if (m.audit.length === 0) return html`<p>${t(ctx, '没有审计记录。', 'No audit events.')}</p>`;
  const rows = m.audit.map(
    (e) => html`<tr>
      <td data-label="${t(ctx, '时间', 'When')}">${timeElement(ctx, e.at, true)}</td>
      <th scope="row" class="wb-nowrap">${auditText(ctx, e.action)}</th>
      <td data-label="${t(ctx, '操作人', 'By')}">${roleText(ctx, e.actor.role ?? e.actor.type)} ${e.actor.id}</td>
      <td data-label="${t(ctx, '详情', 'Details')}">${auditDetails(e, ctx)}</td>
    </tr>`,
  );
  return html`<div class="table-wrap"><table class="table">
    <caption class="visually-hidden">${t(ctx, '审计记录，最新在前', 'Audit trail, newest first')}</caption>
    <thead><tr>
      <th scope="col">${t(ctx, '时间', 'When')}</th>
      <th scope="col">${t(ctx, '操作', 'Action')}</th>
      <th scope="col">${t(ctx, '操作人', 'By')}</th>
      <th scope="col">${t(ctx, '详情', 'Details')}</th>
    </tr></thead>
    <tbody>${rows}</tbody>
  </table></div>
  <p class="actions">${m.auditLater ? html`<a href="${certificateHref(m.urlSafe)}#audit">${t(ctx, '回到最新记录', 'Back to the newest')}</a>` : ''}${
    m.auditNext ? html`<a href="${m.auditNext}">${t(ctx, '更早的记录', 'Older events')}</a>` : ''
  }</p>`;
}

const CHANGED_WORDS: Readonly<Record<StatusAction, readonly [string, string]>> = {
  suspend: [
    '许可证已暂扣。公开核验页面已显示新的状态。',
    'The licence is suspended. The public verification page shows it.',
  ],
  reinstate: [
    '许可证已恢复有效。公开核验页面已显示新的状态。',
    'The licence is valid again. The public verification page shows it.',
  ],
  revoke: [
    '许可证已吊销。公开核验页面已显示新的状态。',
    'The licence is revoked. The public verification page shows it.',
  ],
  cancel: [
    '许可证已注销。公开核验页面已显示新的状态。',
    'The licence is cancelled. The public verification page shows it.',
  ],
};

/**
 * One licence's dossier (staff): see the module doc.
 *
 * @example
 * certificateDossierBody(model, ctx).toString().includes('审计记录'); // true
 */
export function certificateDossierBody(m: DossierModel, ctx: ConsoleContext): SafeHtml {
  const href = certificateHref(m.urlSafe);
  const versions = versionLinks(ctx, m.currentVersion, `${href}/pdf`);
  const actions =
    m.actions.length > 0
      ? html`<div class="actions" role="group" aria-label="${t(ctx, '状态变更', 'Status changes')}">${m.actions.map(
          (a) => html`<a class="button" href="${href}/status?action=${a}">${statusActionText(ctx, a)}</a>`,
        )}</div>`
      : '';
  const changed = m.changed
    ? html`<p class="notice--success" role="status">${t(ctx, CHANGED_WORDS[m.changed][0], CHANGED_WORDS[m.changed][1])}</p>`
    : '';
  return html`<div class="stack">
  <p><a href="${CERTIFICATES_PATH}">${t(ctx, '← 许可证查询', '← Find certificates')}</a></p>
  ${changed}
  <section class="card stack" aria-labelledby="cert-status">
    <h2 id="cert-status">${t(ctx, '状态', 'Status')}</h2>
    <p>${statusBadge(ctx, m.status)}</p>
    ${actions}
    <p><a href="${m.verifyHref}">${t(ctx, '公开核验页面', 'Public verification page')}</a></p>
  </section>
  <section class="card stack" aria-labelledby="cert-enterprise">
    <h2 id="cert-enterprise">${t(ctx, '企业与证书', 'Enterprise and licence')}</h2>
    ${licenceParticulars(ctx, m)}
  </section>
  ${productsSection(ctx, m.products, 'cert-products')}
  <section class="card stack" aria-labelledby="cert-versions">
    <h2 id="cert-versions">${t(ctx, '版本与下载', 'Versions and downloads')}</h2>
    <p class="muted">${t(ctx, '每次下载都记入审计记录。', 'Every download is recorded in the audit trail.')}</p>
    <ul>${versions}</ul>
  </section>
  <section class="card stack" aria-labelledby="cert-history">
    <h2 id="cert-history">${t(ctx, '状态历史', 'Status history')}</h2>
    ${historyList(m, ctx)}
  </section>
  <section class="card stack" aria-labelledby="audit">
    <h2 id="audit">${t(ctx, '审计记录', 'Audit trail')}</h2>
    ${auditTable(m, ctx)}
  </section>
  ${dispatchesSection(m.dispatches, ctx)}
</div>`;
}

// — Status change —

export interface StatusFormModel {
  readonly licenceNo: string;
  readonly urlSafe: string;
  readonly enterpriseName: string;
  readonly status: EffectiveStatus;
  /** The revision the form is drawn at (sent back, checked at the confirm). */
  readonly revision: number;
  /** The actions allowed from the current status. */
  readonly allowed: readonly StatusAction[];
  /** The chosen action (a form), or none yet (the choice of action). */
  readonly action?: StatusAction;
  /** What was sent, when the form is drawn again. */
  readonly values?: {
    readonly reason?: string;
    readonly reasonOther?: string;
    readonly basis?: string;
    readonly basisOther?: string;
    readonly internalNotes?: string;
  };
  /** Messages by field: `reason`, `basis`, `internalNotes`, or `form` (the whole change). */
  readonly errors?: Readonly<Record<string, FieldError>>;
}

function wordingChoices(
  ctx: ConsoleContext,
  name: 'reason' | 'basis',
  legend: string,
  hint: string,
  offered: readonly Wording[],
  chosen: string | undefined,
  other: string | undefined,
  error: FieldError | undefined,
): SafeHtml {
  const errorId = `${name}-error`;
  const items = offered.map(
    (w) => html`<li class="choice">
      <input type="radio" id="${name}-${w.id}" name="${name}" value="${w.id}"${chosen === w.id ? ' checked' : ''}>
      <label for="${name}-${w.id}">${t(ctx, w.zh, w.en)}</label>
      <p class="muted" lang="${ctx.lang === 'en' ? 'zh-CN' : 'en'}">${ctx.lang === 'en' ? w.zh : w.en}</p>
    </li>`,
  );
  const otherId = `${name}-${OTHER}`;
  // The free text is marked invalid only when it is the choice that was refused.
  const otherInvalid = error !== undefined && chosen === OTHER;
  return html`<div><fieldset class="field"${error ? html` aria-describedby="${errorId}"` : ''}>
    <legend>${legend}</legend>
    <p class="field__hint">${hint}</p>
    ${error ? html`<p id="${errorId}" class="field__error">${errorText(ctx, error.code)}</p>` : ''}
    <ul class="choices">${items}
      <li class="choice">
        <input type="radio" id="${otherId}" name="${name}" value="${OTHER}"${chosen === OTHER ? ' checked' : ''}>
        <label for="${otherId}">${t(ctx, '其他（在下面填写）', 'Other (write it below)')}</label>
      </li>
    </ul>
    <div class="field">
      <label for="${name}Other">${t(ctx, `其他${legend}（选择“其他”时填写）`, `Other ${legend.toLowerCase()} (when you choose “Other”)`)}</label>
      <textarea id="${name}Other" name="${name}Other" rows="2"${otherInvalid ? html` aria-describedby="${errorId}" aria-invalid="true"` : ''}>${other ?? ''}</textarea>
    </div>
  </fieldset></div>`;
}

/**
 * The status-change form (officer): without an action, the choice of the actions allowed now; with one, the public
 * reason and the legal basis (common wordings and "other"), internal notes, and Continue to the confirm step.
 *
 * @example
 * statusFormBody({ …, action: 'suspend', allowed: ['suspend', 'revoke', 'cancel'] }, ctx);
 */
export function statusFormBody(m: StatusFormModel, ctx: ConsoleContext): SafeHtml {
  const href = certificateHref(m.urlSafe);
  const head = html`<p><a href="${href}">${t(ctx, `← 许可证 ${m.licenceNo}`, `← Licence ${m.licenceNo}`)}</a></p>
  <dl class="card">
    <dt>${t(ctx, '证书编号', 'Licence number')}</dt><dd>${m.licenceNo}</dd>
    <dt>${t(ctx, '企业名称', 'Enterprise')}</dt><dd>${m.enterpriseName}</dd>
    <dt>${t(ctx, '当前状态', 'Current status')}</dt><dd>${statusBadge(ctx, m.status)}</dd>
  </dl>`;
  if (m.allowed.length === 0) {
    return html`<div class="stack">${head}
  <p class="notice--info">${t(ctx, '这张许可证的状态不能再变更。', 'This licence’s status cannot change any more.')}</p></div>`;
  }
  if (!m.action) {
    return html`<div class="stack">${head}
  <h2>${t(ctx, '选择要进行的变更', 'Choose the change')}</h2>
  <div class="actions">${m.allowed.map(
    (a) => html`<a class="button" href="${href}/status?action=${a}">${statusActionText(ctx, a)}</a>`,
  )}</div></div>`;
  }
  const words = wordingsFor(m.action);
  const v = m.values ?? {};
  const errors = m.errors ?? {};
  const notesError = errors.internalNotes;
  return html`<div class="stack">${head}
  ${errors.form ? html`<p class="notice--error" role="alert">${errorText(ctx, errors.form.code)}</p>` : ''}
  <form class="card stack" method="post" action="${href}/status" novalidate>
    <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
    <input type="hidden" name="action" value="${m.action}">
    <input type="hidden" name="revision" value="${String(m.revision)}">
    <h2>${t(ctx, `变更：${statusActionText(ctx, m.action)}`, `Change: ${statusActionText(ctx, m.action)}`)}</h2>
    ${wordingChoices(
      ctx,
      'reason',
      t(ctx, '公开理由', 'Public reason'),
      t(ctx, '任何人核验这张许可证时都会看到。', 'Anyone who verifies this licence will read it.'),
      words.reasons,
      v.reason,
      v.reasonOther,
      errors.reason,
    )}
    ${wordingChoices(
      ctx,
      'basis',
      t(ctx, '法律依据', 'Legal basis'),
      t(ctx, '需要引用具体条款时，选择“其他”填写。', 'To cite a specific article, choose “Other” and write it.'),
      words.bases,
      v.basis,
      v.basisOther,
      errors.basis,
    )}
    <div class="field">
      <label for="internalNotes">${t(ctx, '内部备注（可选，仅工作人员可见）', 'Internal notes (optional, staff only)')}</label>
      ${notesError ? html`<p id="internalNotes-error" class="field__error">${errorText(ctx, notesError.code)}</p>` : ''}
      <textarea id="internalNotes" name="internalNotes" rows="3"${notesError ? html` aria-describedby="internalNotes-error" aria-invalid="true"` : ''}>${v.internalNotes ?? ''}</textarea>
    </div>
    <div class="actions">
      <button class="button button--primary" type="submit">${t(ctx, '下一步：确认', 'Next: confirm')}</button>
      <a href="${href}">${t(ctx, '取消', 'Cancel')}</a>
    </div>
  </form>
</div>`;
}

export interface ConfirmModel {
  readonly licenceNo: string;
  readonly urlSafe: string;
  readonly enterpriseName: string;
  readonly action: StatusAction;
  readonly from: EffectiveStatus;
  readonly to: EffectiveStatus;
  readonly revision: number;
  readonly publicReason: string;
  readonly legalBasis: string;
  readonly internalNotes?: string;
}

/**
 * The "are you sure" step: the licence named (number, enterprise, from → to, the reasons), Confirm (the only POST
 * that changes anything) and Cancel (back to the licence, nothing changed).
 *
 * @example
 * statusConfirmBody({ licenceNo: '(鄂)XK06-001-00001', action: 'suspend', from: 'valid', to: 'suspended', … }, ctx);
 */
export function statusConfirmBody(m: ConfirmModel, ctx: ConsoleContext): SafeHtml {
  const href = certificateHref(m.urlSafe);
  const verb = statusActionText(ctx, m.action);
  return html`<div class="stack">
  <p class="notice--info" role="status">${t(
    ctx,
    `请确认：您将${verb}下面这张许可证。确认之前不会有任何变更。`,
    `Please confirm: you are about to ${verb.toLowerCase()} this licence. Nothing changes until you confirm.`,
  )}</p>
  <section class="card stack" aria-labelledby="confirm-what">
    <h2 id="confirm-what">${t(ctx, `${verb}许可证 ${m.licenceNo}？`, `${verb} licence ${m.licenceNo}?`)}</h2>
    <dl>
      <dt>${t(ctx, '证书编号', 'Licence number')}</dt><dd>${m.licenceNo}</dd>
      <dt>${t(ctx, '企业名称', 'Enterprise')}</dt><dd>${m.enterpriseName}</dd>
      <dt>${t(ctx, '状态变更', 'Status')}</dt><dd>${statusBadge(ctx, m.from)} → ${statusBadge(ctx, m.to)}</dd>
      <dt>${t(ctx, '公开理由', 'Public reason')}</dt><dd>${m.publicReason}</dd>
      <dt>${t(ctx, '法律依据', 'Legal basis')}</dt><dd>${m.legalBasis}</dd>
      ${m.internalNotes ? html`<dt>${t(ctx, '内部备注', 'Internal notes')}</dt><dd>${m.internalNotes}</dd>` : ''}
    </dl>
    <form method="post" action="${href}/status/confirm" class="actions">
      <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
      <input type="hidden" name="action" value="${m.action}">
      <input type="hidden" name="revision" value="${String(m.revision)}">
      <input type="hidden" name="publicReason" value="${m.publicReason}">
      <input type="hidden" name="legalBasis" value="${m.legalBasis}">
      ${m.internalNotes ? html`<input type="hidden" name="internalNotes" value="${m.internalNotes}">` : ''}
      <button class="button button--primary" type="submit">${t(ctx, `确认${verb}`, `Confirm: ${verb.toLowerCase()}`)}</button>
      <a class="button" href="${href}">${t(ctx, '取消', 'Cancel')}</a>
    </form>
  </section>
</div>`;
}
