/**
 * The workbench's administration pages (系统管理, admin only): the start (two cards), the working-day calendar — the
 * years in use, the form to load a year's official schedule, the preview of what it changes (days whose status
 * changes, open applications whose deadlines move from → to) with its Confirm form — and the signing keys (periods,
 * current / retired / compromised-from, the "are you sure" page before marking one compromised). Plain forms only:
 * everything works with JavaScript off. Pure functions of a model and the page context; every text is escaped.
 *
 * @example
 * const body = calendarBody({ years, values: {}, errors: {} }, ctx).toString();
 */
import type { ApplicationDeadline } from '../../domain/application';
import { isoWeekday, type LocalDate } from '../../domain/dates';
import type { KeyStatus } from '../../domain/signing/keys';
import { html, type SafeHtml } from '../web/escape';
import { type IconName, icon } from '../web/icons';
import { type ConsoleContext, t } from './context';
import { dateTimeText, roleText, timeElement } from './words';
import { type FormErrors, fieldError, fieldId, formErrorNotice } from './workbench-inspections';

const ADMIN = '/console/workbench/admin';

/**
 * The administration start: a card for each page.
 *
 * @example
 * adminHomeBody(ctx);
 */
export function adminHomeBody(ctx: ConsoleContext): SafeHtml {
  return html`<ul class="cards">
  <li class="card stack stack--tight"><h2 class="card__title"><a href="${ADMIN}/calendar">${t(ctx, '工作日日历', 'Working-day calendar')}</a></h2>
    <p class="muted">${t(ctx, '载入某年的法定节假日和调休安排；先预览变化，再确认。', 'Load a year’s holidays and adjusted working days: preview the changes, then confirm.')}</p></li>
  <li class="card stack stack--tight"><h2 class="card__title"><a href="${ADMIN}/keys">${t(ctx, '签名密钥', 'Signing keys')}</a></h2>
    <p class="muted">${t(ctx, '密钥的签名期间与状态；标记泄露的密钥。', 'Each key’s signing period and status; mark a key compromised.')}</p></li>
</ul>`;
}

/** Where a year's working days come from. */
export interface CalendarYear {
  readonly year: number;
  readonly source: 'loaded' | 'library' | 'unannounced';
  readonly loadedBy?: string;
  readonly loadedAt?: string;
  readonly holidays?: number;
  readonly workdays?: number;
}

export interface ScheduleValues {
  readonly year?: string | undefined;
  readonly holidays?: string | undefined;
  readonly workdays?: string | undefined;
}

export interface CalendarModel {
  readonly years: readonly CalendarYear[];
  readonly values: ScheduleValues;
  readonly errors: FormErrors;
  /** The reasons in detail (the schedule check's messages, English), by field. */
  readonly notes?: Readonly<Record<string, readonly string[]>>;
  /** After a load: the year and how many deadlines moved. */
  readonly loaded?: { readonly year: number; readonly moved?: number };
}

function sourceText(ctx: ConsoleContext, y: CalendarYear): SafeHtml {
  if (y.source === 'loaded') {
    return html`<span class="mark">${icon('check', 'icon')} ${t(ctx, '已载入官方安排', 'Official schedule loaded')}</span><br><span class="muted">${t(
      ctx,
      `${y.loadedBy ?? ''} 于 ${y.loadedAt ? dateTimeText(ctx, y.loadedAt) : ''} 载入；节假日 ${y.holidays ?? 0} 天，调休上班 ${y.workdays ?? 0} 天`,
      `by ${y.loadedBy ?? ''} on ${y.loadedAt ? dateTimeText(ctx, y.loadedAt) : ''}; ${y.holidays ?? 0} holidays, ${y.workdays ?? 0} adjusted working days`,
    )}</span><br><a href="${ADMIN}/calendar?year=${y.year}#f-year">${t(ctx, `修改 ${y.year} 年的安排…`, `Change the ${y.year} schedule…`)}</a>`;
  }
  if (y.source === 'library') {
    return html`<span class="mark">${icon('check', 'icon')} ${t(ctx, '程序内置数据（chinese-days）', 'Built-in data (chinese-days)')}</span>`;
  }
  return html`<span class="mark">${icon('warning', 'icon')} ${t(ctx, '尚未公布：按普通周计算，期限为暂定', 'Not announced: plain weeks, deadlines provisional')}</span>`;
}

function scheduleForm(
  ctx: ConsoleContext,
  values: ScheduleValues,
  errors: FormErrors,
  notes: Readonly<Record<string, readonly string[]>>,
  again = false,
): SafeHtml {
  const noteList = (name: string) =>
    (notes[name] ?? []).length > 0
      ? html`<ul class="field__error" lang="en">${(notes[name] ?? []).map((n) => html`<li>${n}</li>`)}</ul>`
      : '';
  const area = (name: 'holidays' | 'workdays', label: string, hint: string) => {
    const hintId = `${fieldId(name)}-hint`;
    const e = fieldError(ctx, errors, name, hintId);
    return html`<div class="field"><label for="${fieldId(name)}">${label}</label>
      <span id="${hintId}" class="field__hint">${hint}</span>${e.markup}${noteList(name)}
      <textarea id="${fieldId(name)}" name="${name}" rows="6"${e.aria}>${values[name] ?? ''}</textarea></div>`;
  };
  const yearError = fieldError(ctx, errors, 'year');
  return html`<form class="card stack" method="post" action="${ADMIN}/calendar/preview" novalidate>
  <h2 class="card__title">${again ? t(ctx, '修改后重新预览', 'Change it and preview again') : t(ctx, '载入某年的官方安排', 'Load a year’s official schedule')}</h2>
  <p class="muted">${t(ctx, '按国务院办公厅当年发布的放假安排填写。先预览，确认后才会载入。', 'As the State Council’s notice for the year has it. You preview first; nothing is loaded until you confirm.')}</p>
  ${formErrorNotice(ctx, errors)}
  <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
  <div class="field"><label for="f-year">${t(ctx, '年份', 'Year')}</label>${yearError.markup}${noteList('year')}
    <input id="f-year" name="year" type="text" inputmode="numeric" autocomplete="off" value="${values.year ?? ''}"${yearError.aria}></div>
  ${area('holidays', t(ctx, '法定节假日（放假日）', 'Public holidays (days off)'), t(ctx, '日期 YYYY-MM-DD 或区间 2027-02-05~2027-02-11，每行一个或用逗号分隔。', 'Dates YYYY-MM-DD or ranges 2027-02-05~2027-02-11, one a line or separated by commas.'))}
  ${area('workdays', t(ctx, '调休上班日（周末上班）', 'Adjusted working days (weekend days worked)'), t(ctx, '只填周六、周日；日期 YYYY-MM-DD。', 'Saturdays and Sundays only; dates YYYY-MM-DD.'))}
  <div class="actions"><button class="button button--primary" type="submit">${t(ctx, '预览变化', 'Preview the changes')}</button></div>
</form>`;
}

/**
 * The calendar page: the years in use, and the form (with its errors when drawn again).
 *
 * @example
 * calendarBody({ years: [{ year: 2027, source: 'unannounced' }], values: {}, errors: {} }, ctx);
 */
export function calendarBody(model: CalendarModel, ctx: ConsoleContext): SafeHtml {
  const rows = model.years.map(
    (y) =>
      html`<tr><th scope="row">${y.year}</th><td data-label="${t(ctx, '来源', 'Source')}">${sourceText(ctx, y)}</td></tr>`,
  );
  const loaded = model.loaded
    ? html`<div class="notice--success" role="status"><p>${t(
        ctx,
        `已载入 ${model.loaded.year} 年的工作日安排；${model.loaded.moved ?? 0} 件在办申请的办理期限已重新计算。`,
        `The ${model.loaded.year} schedule is loaded; ${model.loaded.moved ?? 0} open applications’ deadlines were recomputed.`,
      )}</p></div>`
    : '';
  return html`<div class="stack">
  <p><a href="${ADMIN}">${t(ctx, '← 系统管理', '← Administration')}</a></p>
  ${loaded}
  <section class="stack stack--tight" aria-labelledby="years-title"><h2 id="years-title">${t(ctx, '在用的年份', 'Years in use')}</h2>
  <div class="table-wrap"><table class="table">
    <caption class="visually-hidden">${t(ctx, '各年份工作日数据的来源', 'Where each year’s working days come from')}</caption>
    <thead><tr><th scope="col">${t(ctx, '年份', 'Year')}</th><th scope="col">${t(ctx, '来源', 'Source')}</th></tr></thead>
    <tbody>${rows}</tbody></table></div></section>
  ${scheduleForm(ctx, model.values, model.errors, model.notes ?? {})}
</div>`;
}

const WEEKDAYS_ZH = ['一', '二', '三', '四', '五', '六', '日'];
const WEEKDAYS_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const dayKind = (ctx: ConsoleContext, working: boolean): SafeHtml =>
  working
    ? html`<span class="mark">${icon('check', 'icon')} ${t(ctx, '工作日', 'Working day')}</span>`
    : html`<span class="mark">${icon('dash', 'icon')} ${t(ctx, '休息日', 'Day off')}</span>`;

const deadlineText = (ctx: ConsoleContext, d: ApplicationDeadline): SafeHtml =>
  html`${timeElement(ctx, d.dueOn)}${d.provisional ? html` <span class="muted">${t(ctx, '（暂定）', '(provisional)')}</span>` : ''}`;

/** Moved deadlines listed on the preview (the count covers them all): the page stays small with 1,000+ open. */
export const PREVIEW_ROWS = 50;

/** A hidden field's text on one line (the schedule reads spaces as it reads line breaks). */
const oneLine = (text: string | undefined): string => (text ?? '').split(/\r?\n/).join(' ');

export interface CalendarPreviewModel {
  readonly year: number;
  /** The form's values, normalised (ranges folded): the Confirm form's hidden fields and the edit form's text. */
  readonly values: ScheduleValues;
  readonly days: readonly { readonly date: string; readonly workingBefore: boolean; readonly workingAfter: boolean }[];
  readonly moves: readonly {
    readonly applicationId: string;
    readonly enterpriseName: string;
    readonly acceptedOn: string;
    readonly from: ApplicationDeadline;
    readonly to: ApplicationDeadline;
  }[];
  /** The schedule this one replaces, when the year was loaded before. */
  readonly replaces?: { readonly loadedBy: string; readonly loadedAt: string };
}

/**
 * The preview: what changes (days, deadlines), the Confirm form, and the form again to change the schedule.
 *
 * @example
 * calendarPreviewBody({ year: 2027, values, days: [], moves: [] }, ctx);
 */
export function calendarPreviewBody(model: CalendarPreviewModel, ctx: ConsoleContext): SafeHtml {
  const days =
    model.days.length === 0
      ? html`<p class="notice--info">${t(ctx, '没有哪一天的状态会改变。', 'No day changes status.')}</p>`
      : html`<div class="table-wrap"><table class="table">
    <caption class="visually-hidden">${t(ctx, '状态改变的日期', 'Days that change status')}</caption>
    <thead><tr><th scope="col">${t(ctx, '日期', 'Date')}</th><th scope="col">${t(ctx, '现在', 'Now')}</th><th scope="col">${t(ctx, '载入后', 'After loading')}</th></tr></thead>
    <tbody>${model.days.map((d) => {
      const wd = isoWeekday(d.date as LocalDate) - 1;
      return html`<tr><th scope="row">${timeElement(ctx, d.date)} <span class="muted">${t(ctx, `星期${WEEKDAYS_ZH[wd]}`, WEEKDAYS_EN[wd] ?? '')}</span></th>
        <td data-label="${t(ctx, '现在', 'Now')}">${dayKind(ctx, d.workingBefore)}</td>
        <td data-label="${t(ctx, '载入后', 'After loading')}">${dayKind(ctx, d.workingAfter)}</td></tr>`;
    })}</tbody></table></div>`;
  const moves =
    model.moves.length === 0
      ? html`<p class="notice--info">${t(ctx, '没有在办申请的办理期限会改变。', 'No open application’s deadline moves.')}</p>`
      : html`<div class="table-wrap"><table class="table">
    <caption class="visually-hidden">${t(ctx, '办理期限改变的在办申请', 'Open applications whose deadlines move')}</caption>
    <thead><tr><th scope="col">${t(ctx, '申请', 'Application')}</th><th scope="col">${t(ctx, '受理日期', 'Accepted on')}</th><th scope="col">${t(ctx, '期限：现在', 'Deadline now')}</th><th scope="col">${t(ctx, '期限：载入后', 'Deadline after')}</th></tr></thead>
    <tbody>${model.moves.slice(0, PREVIEW_ROWS).map(
      (m) => html`<tr><th scope="row">${m.applicationId}<br><span class="muted">${m.enterpriseName}</span></th>
        <td data-label="${t(ctx, '受理日期', 'Accepted on')}">${timeElement(ctx, m.acceptedOn)}</td>
        <td data-label="${t(ctx, '期限：现在', 'Deadline now')}">${deadlineText(ctx, m.from)}</td>
        <td data-label="${t(ctx, '期限：载入后', 'Deadline after')}">${deadlineText(ctx, m.to)}</td></tr>`,
    )}</tbody></table></div>${
      model.moves.length > PREVIEW_ROWS
        ? html`<p class="muted">${t(ctx, `仅列出前 ${PREVIEW_ROWS} 件；另有 ${model.moves.length - PREVIEW_ROWS} 件的期限也将改变。`, `The first ${PREVIEW_ROWS} are listed; ${model.moves.length - PREVIEW_ROWS} more deadlines move too.`)}</p>`
        : ''
    }`;
  return html`<div class="stack">
  <p><a href="${ADMIN}/calendar">${t(ctx, '← 工作日日历', '← Working-day calendar')}</a></p>
  <p class="notice--info" role="status">${t(
    ctx,
    `这是预览，尚未载入任何内容。${model.replaces ? `将替换 ${model.replaces.loadedBy} 于 ${dateTimeText(ctx, model.replaces.loadedAt)} 载入的 ${model.year} 年安排。` : ''}`,
    `This is a preview: nothing is loaded yet.${model.replaces ? ` It replaces the ${model.year} schedule ${model.replaces.loadedBy} loaded on ${dateTimeText(ctx, model.replaces.loadedAt)}.` : ''}`,
  )}</p>
  <section class="stack stack--tight" aria-labelledby="days-title"><h2 id="days-title">${t(ctx, `状态改变的日期（${model.days.length} 天）`, `Days that change status (${model.days.length})`)}</h2>${days}</section>
  <section class="stack stack--tight" aria-labelledby="moves-title"><h2 id="moves-title">${t(ctx, `办理期限改变的在办申请（${model.moves.length} 件）`, `Open applications whose deadline moves (${model.moves.length})`)}</h2>${moves}</section>
  <form class="card stack stack--tight" method="post" action="${ADMIN}/calendar">
    <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
    <input type="hidden" name="year" value="${model.values.year ?? ''}">
    <input type="hidden" name="holidays" value="${oneLine(model.values.holidays)}">
    <input type="hidden" name="workdays" value="${oneLine(model.values.workdays)}">
    <p>${t(ctx, `确认后，${model.year} 年的安排立即生效，上表中的办理期限随之改变。`, `On confirming, the ${model.year} schedule applies at once and the deadlines above move.`)}</p>
    <div class="actions"><button class="button button--primary" type="submit">${t(ctx, `确认载入 ${model.year} 年`, `Confirm: load ${model.year}`)}</button></div>
  </form>
  ${scheduleForm(ctx, model.values, {}, {}, true)}
</div>`;
}

const KEY_STATUS: Readonly<Record<KeyStatus, { zh: string; en: string; badge: string; icon: IconName }>> = {
  current: { zh: '当前', en: 'Current', badge: 'valid', icon: 'check' },
  retired: { zh: '已停用', en: 'Retired', badge: 'cancelled', icon: 'dash' },
  compromised: { zh: '已泄露', en: 'Compromised', badge: 'revoked', icon: 'warning' },
};

/**
 * A key's status as a badge: icon and word.
 *
 * @example
 * keyBadge(ctx, 'compromised'); // <span class="badge badge--revoked"><svg …/> 已泄露</span>
 */
export function keyBadge(ctx: ConsoleContext, status: KeyStatus): SafeHtml {
  const s = KEY_STATUS[status];
  return html`<span class="badge badge--${s.badge}">${icon(s.icon, 'icon')} ${t(ctx, s.zh, s.en)}</span>`;
}

export interface KeyRow {
  readonly kid: string;
  readonly status: KeyStatus;
  readonly signedFrom: string;
  readonly signedUntil?: string;
  readonly compromisedFrom?: string;
}

export interface KeysModel {
  readonly keys: readonly KeyRow[];
  readonly newKeysFrom: 'ring' | 'infrastructure';
  readonly recent: readonly {
    readonly at: string;
    readonly actor: { readonly id: string; readonly role: string };
    readonly subject: string;
    readonly details?: Readonly<Record<string, unknown>>;
  }[];
  /** After a mark: the key marked. */
  readonly compromised?: string;
}

const keyHref = (kid: string) => `${ADMIN}/keys/${encodeURIComponent(kid)}/compromise`;

/** Whether the page offers to mark this key (a current one only where the ring can rotate it out). */
const markable = (k: KeyRow, newKeysFrom: KeysModel['newKeysFrom']): boolean =>
  k.status === 'retired' || (k.status === 'current' && newKeysFrom === 'ring');

/**
 * The signing keys: where new keys come from, the ring (newest first), the latest marks.
 *
 * @example
 * keysBody({ keys, newKeysFrom: 'infrastructure', recent: [] }, ctx);
 */
export function keysBody(model: KeysModel, ctx: ConsoleContext): SafeHtml {
  const rows = model.keys.map(
    (k) => html`<tr>
      <th scope="row"><code class="kid">${k.kid}</code></th>
      <td data-label="${t(ctx, '状态', 'Status')}">${keyBadge(ctx, k.status)}</td>
      <td data-label="${t(ctx, '签名期间', 'Signing period')}">${timeElement(ctx, k.signedFrom, true)} – ${
        k.signedUntil ? timeElement(ctx, k.signedUntil, true) : t(ctx, '至今', 'now')
      }</td>
      <td data-label="${t(ctx, '泄露起始', 'Compromised from')}">${k.compromisedFrom ? timeElement(ctx, k.compromisedFrom, true) : '—'}</td>
      <td data-label="${t(ctx, '操作', 'Action')}">${
        markable(k, model.newKeysFrom)
          ? html`<a href="${keyHref(k.kid)}">${t(ctx, '标记为已泄露…', 'Mark compromised…')}<span class="visually-hidden"> ${k.kid}</span></a>`
          : k.status === 'current'
            ? html`<span class="muted">${t(ctx, '先配置新密钥', 'Configure a new key first')}</span>`
            : '—'
      }</td>
    </tr>`,
  );
  const source =
    model.newKeysFrom === 'infrastructure'
      ? t(
          ctx,
          '新的签名密钥由基础设施（AWS KMS，部署配置）提供，本页不创建密钥。当前密钥须先由新密钥取代，才能标记为已泄露。',
          'New signing keys come from the infrastructure (AWS KMS, set by the deployment): this page creates none. The current key can be marked compromised only once a new key has replaced it.',
        )
      : t(
          ctx,
          '本地运行时：密钥由本地密钥库生成（npm run keys）。标记当前密钥为已泄露时，会先轮换到新密钥。云端的新密钥由基础设施（AWS KMS）提供，本页不创建密钥。',
          'Local runtime: keys come from the local key store (npm run keys). Marking the current key compromised rotates to a new key first. In the cloud, new keys come from the infrastructure (AWS KMS): this page creates none.',
        );
  const recent =
    model.recent.length === 0
      ? ''
      : html`<section class="stack stack--tight" aria-labelledby="audit-title"><h2 id="audit-title">${t(ctx, '最近的操作（审计）', 'Latest actions (audit)')}</h2>
    <ul class="stack stack--tight">${model.recent.map(
      (e) =>
        html`<li>${timeElement(ctx, e.at, true)} · ${roleText(ctx, e.actor.role)} ${e.actor.id} · ${t(ctx, '标记泄露', 'marked compromised')} <code class="kid">${e.subject}</code>${
          typeof e.details?.compromisedFrom === 'string'
            ? html` ${t(ctx, '自', 'from')} ${dateTimeText(ctx, e.details.compromisedFrom)}`
            : ''
        }</li>`,
    )}</ul></section>`;
  return html`<div class="stack">
  <p><a href="${ADMIN}">${t(ctx, '← 系统管理', '← Administration')}</a></p>
  ${
    model.compromised
      ? html`<div class="notice--success" role="status"><p>${t(ctx, '已标记为已泄露：', 'Marked compromised: ')}<code class="kid">${model.compromised}</code></p></div>`
      : ''
  }
  <p class="notice--info">${source}</p>
  <div class="table-wrap"><table class="table">
    <caption class="visually-hidden">${t(ctx, '签名密钥：密钥 ID、状态、签名期间、泄露起始', 'Signing keys: key id, status, signing period, compromised from')}</caption>
    <thead><tr>
      <th scope="col">${t(ctx, '密钥 ID', 'Key id')}</th>
      <th scope="col">${t(ctx, '状态', 'Status')}</th>
      <th scope="col">${t(ctx, '签名期间', 'Signing period')}</th>
      <th scope="col">${t(ctx, '泄露起始', 'Compromised from')}</th>
      <th scope="col">${t(ctx, '操作', 'Action')}</th>
    </tr></thead>
    <tbody>${rows}</tbody>
  </table></div>
  ${recent}
</div>`;
}

const BEIJING_MS = 8 * 3600_000;

/**
 * An instant as a `datetime-local` value in Beijing time, to the second.
 *
 * @example
 * beijingLocal(new Date('2026-12-04T01:02:03Z')); // '2026-12-04T09:02:03'
 */
export const beijingLocal = (at: Date): string => new Date(at.getTime() + BEIJING_MS).toISOString().slice(0, 19);

export interface CompromiseModel {
  readonly key: KeyRow;
  readonly newKeysFrom: 'ring' | 'infrastructure';
  /** The time field's value (`YYYY-MM-DDTHH:mm`, Beijing time). */
  readonly at: string;
  readonly errors: FormErrors;
}

/**
 * The "are you sure" page: names the key and says what marking it means, with the time it applies from.
 *
 * @example
 * compromiseBody({ key, newKeysFrom: 'ring', at: '2026-12-04T09:00', errors: {} }, ctx);
 */
export function compromiseBody(model: CompromiseModel, ctx: ConsoleContext): SafeHtml {
  const k = model.key;
  const hintId = 'f-at-hint';
  const e = fieldError(ctx, model.errors, 'at', hintId);
  return html`<div class="stack">
  <p><a href="${ADMIN}/keys">${t(ctx, '← 签名密钥', '← Signing keys')}</a></p>
  <div class="card stack stack--tight">
    <h2 class="card__title">${t(ctx, '要标记的密钥', 'The key to mark')}</h2>
    <p><code class="kid">${k.kid}</code> ${keyBadge(ctx, k.status)}</p>
    <p>${t(ctx, '签名期间：', 'Signing period: ')}${timeElement(ctx, k.signedFrom, true)} – ${k.signedUntil ? timeElement(ctx, k.signedUntil, true) : t(ctx, '至今', 'now')}</p>
  </div>
  <div class="notice--error" role="note"><p>${icon('warning', 'icon')} ${t(
    ctx,
    `标记后，密钥 ${k.kid} 自所选时间起签署的一切（证书二维码、电子证书）在核验时都将失败；在此之前签署的仍然有效。此操作不可撤销；再次标记只能把时间提前。`,
    `Once marked, everything key ${k.kid} signed from the chosen time on (certificate QR codes, electronic certificates) fails verification; what it signed before stays valid. This cannot be undone; marking again can only move the time earlier.`,
  )}</p>${
    k.status === 'current' && model.newKeysFrom === 'ring'
      ? html`<p>${t(ctx, '这是当前密钥：本地密钥库会先轮换到新密钥，之后的证书用新密钥签署。', 'This is the current key: the local key store rotates to a new key first, and later certificates are signed with it.')}</p>`
      : ''
  }</div>
  <form class="card stack" method="post" action="${keyHref(k.kid)}" novalidate>
    ${formErrorNotice(ctx, model.errors)}
    <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
    <div class="field"><label for="f-at">${t(ctx, '自何时起视为泄露（北京时间）', 'Compromised from (Beijing time)')}</label>
      <span id="${hintId}" class="field__hint">${t(ctx, '不得晚于现在；不确定时请选更早的时间。', 'Not later than now; if unsure, choose an earlier time.')}</span>${e.markup}
      <input id="f-at" name="at" type="datetime-local" step="1" value="${model.at}"${e.aria}></div>
    <div class="actions">
      <button class="button button--primary" type="submit">${t(ctx, `确认：标记 ${k.kid.slice(0, 8)}… 为已泄露`, `Confirm: mark ${k.kid.slice(0, 8)}… compromised`)}</button>
      <a class="button" href="${ADMIN}/keys">${t(ctx, '取消', 'Cancel')}</a>
    </div>
  </form>
</div>`;
}
