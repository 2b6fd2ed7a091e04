/**
 * The enterprise pages' vocabulary: dates in the reader's language (Chinese as printed on documents, 2026年11月27日),
 * the words and icons of every status and state (never colour alone: a badge carries an icon and a word), and the
 * API's error codes as the sentence of `ERROR_MEANINGS` in the reader's language.
 *
 * @example
 * dateText(ctx, '2026-11-27'); // '2026年11月27日' (zh-CN) or '27 Nov 2026' (en)
 * statusBadge(ctx, 'suspended'); // <span class="badge badge--suspended"><svg …/> 暂停</span>
 */
import type { ApplicationKind, ApplicationState } from '../../domain/application';
import type { EffectiveStatus } from '../../domain/certificate-status';
import { formatDateZh, isLocalDate, localDateOf } from '../../domain/dates';
import type { DispatchState } from '../../domain/dispatch';
import { ERROR_MEANINGS } from '../../domain/error-catalogue';
import type { Procedure } from '../../domain/procedure';
import { VERDICT_LABELS } from '../../domain/verification/verdict-text';
import { html, type SafeHtml } from '../web/escape';
import { type IconName, icon, VERDICT_ICONS } from '../web/icons';
import { type ConsoleContext, t } from './context';

type Words = { readonly zh: string; readonly en: string };
const say = (ctx: Pick<ConsoleContext, 'lang'>, w: Words): string => t(ctx, w.zh, w.en);

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A calendar date (`2026-11-27`) or an instant (its Asia/Shanghai date) in the reader's language.
 *
 * @example
 * dateText({ lang: 'en' }, '2026-11-27'); // '27 Nov 2026'
 */
export function dateText(ctx: Pick<ConsoleContext, 'lang'>, value: string): string {
  const day = isLocalDate(value) ? value : localDateOf(new Date(value));
  if (ctx.lang !== 'en') return formatDateZh(day);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${d} ${EN_MONTHS[m - 1]} ${y}`;
}

/**
 * An instant with its Beijing time of day: `2026年11月27日 09:05`.
 *
 * @example
 * dateTimeText(ctx, '2026-11-27T01:05:00.000Z'); // '2026年11月27日 09:05'
 */
export function dateTimeText(ctx: Pick<ConsoleContext, 'lang'>, instant: string): string {
  const at = new Date(instant);
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(at);
  return `${dateText(ctx, instant)} ${time}`;
}

/** A `<time>` element: machine-readable value, the reader's text. */
export const timeElement = (ctx: Pick<ConsoleContext, 'lang'>, value: string, withTime = false): SafeHtml =>
  html`<time datetime="${value}">${withTime ? dateTimeText(ctx, value) : dateText(ctx, value)}</time>`;

/** English in sentence case beside the verification page's Chinese words (its banner shouts them in capitals). */
const STATUS_EN: Readonly<Record<EffectiveStatus, string>> = {
  valid: 'Valid',
  suspended: 'Suspended',
  revoked: 'Revoked',
  cancelled: 'Cancelled',
  expired: 'Expired',
};

/**
 * A certificate's status as a badge: icon and word (the colour of `badge--{status}` only repeats them).
 *
 * @example
 * statusBadge(ctx, 'valid'); // <span class="badge badge--valid"><svg …/> 有效</span>
 */
export function statusBadge(ctx: Pick<ConsoleContext, 'lang'>, status: EffectiveStatus): SafeHtml {
  // The same words and icon the public verification page uses for this status.
  const words = { zh: VERDICT_LABELS[status].zh, en: STATUS_EN[status] };
  return html`<span class="badge badge--${status}">${icon(VERDICT_ICONS[status], 'icon')} ${say(ctx, words)}</span>`;
}

const STATES: Readonly<Record<ApplicationState, Words & { badge: string; icon: IconName }>> = {
  draft: { zh: '草稿（未提交）', en: 'Draft (not submitted)', badge: 'pending', icon: 'dash' },
  submitted: { zh: '已提交，待受理', en: 'Submitted, awaiting acceptance', badge: 'pending', icon: 'clock' },
  accepted: { zh: '已受理，审查中', en: 'Accepted, under review', badge: 'pending', icon: 'clock' },
  'corrections-requested': { zh: '需要补正', en: 'Corrections requested', badge: 'suspended', icon: 'warning' },
  'formal-review-passed': { zh: '形式审查通过', en: 'Formal review passed', badge: 'pending', icon: 'clock' },
  'on-site-review-passed': { zh: '现场审查通过', en: 'On-site review passed', badge: 'pending', icon: 'clock' },
  issued: { zh: '已发证', en: 'Issued', badge: 'valid', icon: 'check' },
  rejected: { zh: '不予许可', en: 'Refused', badge: 'revoked', icon: 'cross' },
  closed: { zh: '已办结', en: 'Closed', badge: 'cancelled', icon: 'ban' },
};

/**
 * An application's state as a badge with icon and words.
 *
 * @example
 * stateBadge(ctx, 'corrections-requested'); // … 需要补正
 */
export function stateBadge(ctx: Pick<ConsoleContext, 'lang'>, state: ApplicationState): SafeHtml {
  const s = STATES[state];
  return html`<span class="badge badge--${s.badge}">${icon(s.icon, 'icon')} ${say(ctx, s)}</span>`;
}

/** The state in words only (for a timeline step). */
export const stateText = (ctx: Pick<ConsoleContext, 'lang'>, state: ApplicationState): string =>
  say(ctx, STATES[state]);

const KINDS: Readonly<Record<ApplicationKind, Words & { hint: Words }>> = {
  new: {
    zh: '新申请（首次取证）',
    en: 'New licence',
    hint: { zh: '企业首次申请生产许可证。', en: 'A first production licence for the enterprise.' },
  },
  'add-products': {
    zh: '增加产品（增项）',
    en: 'Add products',
    hint: { zh: '在现有许可证上增加产品单元。', en: 'Add products to the current licence.' },
  },
  amend: {
    zh: '变更（名称、住所、生产地址）',
    en: 'Amend (name, domicile, production addresses)',
    hint: { zh: '企业名称、住所或生产地址发生变化。', en: 'The name, domicile or production addresses changed.' },
  },
  renew: {
    zh: '延续（有效期届满前）',
    en: 'Renew (before expiry)',
    hint: { zh: '有效期届满前申请延续五年。', en: 'Extend the licence by five years before it expires.' },
  },
  cancel: {
    zh: '注销',
    en: 'Cancel',
    hint: { zh: '不再生产，申请注销许可证。', en: 'Production stopped: cancel the licence.' },
  },
  reissue: {
    zh: '补领（纸质证书遗失或损毁）',
    en: 'Reissue (paper copy lost or damaged)',
    hint: { zh: '纸质证书遗失或损毁，补发一份。', en: 'The paper certificate was lost or damaged.' },
  },
};

/**
 * An application kind's name and one-line hint.
 *
 * @example
 * kindText(ctx, 'renew'); // '延续（有效期届满前）'
 */
export const kindText = (ctx: Pick<ConsoleContext, 'lang'>, kind: ApplicationKind): string => say(ctx, KINDS[kind]);
export const kindHint = (ctx: Pick<ConsoleContext, 'lang'>, kind: ApplicationKind): string =>
  say(ctx, KINDS[kind].hint);

const PROCEDURES: Readonly<Record<Procedure, Words & { limit: Words }>> = {
  'notification-commitment': {
    zh: '告知承诺',
    en: 'Notification and commitment',
    limit: { zh: '形式审查通过后当场发证', en: 'Issued on the spot after the formal review' },
  },
  'post-issuance-review': {
    zh: '后置现场审查',
    en: 'Post-issuance review',
    limit: { zh: '受理后 9 个工作日内发证', en: 'Issued within 9 working days of acceptance' },
  },
  general: {
    zh: '一般程序（先核后证）',
    en: 'General procedure (review first)',
    limit: {
      zh: '现场审查合格后作出决定',
      en: 'Decided after the on-site review passes',
    },
  },
};

/**
 * A procedure's name, and its time limit in one sentence.
 *
 * @example
 * procedureText(ctx, 'general'); // '一般程序（先核后证）'
 * procedureLimit(ctx, 'post-issuance-review'); // '受理后 9 个工作日内发证'
 */
export const procedureText = (ctx: Pick<ConsoleContext, 'lang'>, p: Procedure): string => say(ctx, PROCEDURES[p]);
export const procedureLimit = (ctx: Pick<ConsoleContext, 'lang'>, p: Procedure): string =>
  say(ctx, PROCEDURES[p].limit);

const ACTIONS: Readonly<Record<string, Words>> = {
  file: { zh: '填报申请', en: 'Filed' },
  submit: { zh: '提交申请', en: 'Submitted' },
  accept: { zh: '受理', en: 'Accepted' },
  'request-corrections': { zh: '要求补正', en: 'Corrections requested' },
  reject: { zh: '不予受理', en: 'Rejected' },
  'pass-formal-review': { zh: '形式审查通过', en: 'Formal review passed' },
  'pass-on-site-review': { zh: '现场审查通过', en: 'On-site review passed' },
  'fail-on-site-review': { zh: '现场审查不合格', en: 'On-site review failed' },
  approve: { zh: '批准', en: 'Approved' },
  refuse: { zh: '不予许可', en: 'Refused' },
  issue: { zh: '发证', en: 'Issued' },
  close: { zh: '办结', en: 'Closed' },
};

/**
 * A timeline step's action in words (an unknown action is shown as it is).
 *
 * @example
 * actionText(ctx, 'accept'); // '受理'
 */
export const actionText = (ctx: Pick<ConsoleContext, 'lang'>, action: string): string => {
  const w = ACTIONS[action];
  return w ? say(ctx, w) : action;
};

const ROLES: Readonly<Record<string, Words>> = {
  enterprise: { zh: '企业', en: 'Enterprise' },
  reviewer: { zh: '审查员', en: 'Reviewer' },
  officer: { zh: '审批人员', en: 'Officer' },
  admin: { zh: '管理员', en: 'Administrator' },
  system: { zh: '系统', en: 'System' },
};

/** Who did a step, by role (staff are not named to the enterprise). */
export const roleText = (ctx: Pick<ConsoleContext, 'lang'>, role: string): string => {
  const w = ROLES[role];
  return w ? say(ctx, w) : role;
};

const DISPATCH: Readonly<Record<DispatchState, Words & { badge: string; icon: IconName }>> = {
  pending: { zh: '待寄出', en: 'Waiting to be sent', badge: 'pending', icon: 'clock' },
  'label-created': { zh: '已下单，待揽收', en: 'Label created', badge: 'pending', icon: 'clock' },
  'in-transit': { zh: '运输中', en: 'In transit', badge: 'pending', icon: 'clock' },
  delivered: { zh: '已签收', en: 'Delivered', badge: 'valid', icon: 'check' },
  returned: { zh: '已退回', en: 'Returned', badge: 'revoked', icon: 'warning' },
};

/**
 * A parcel's state as a badge.
 *
 * @example
 * dispatchBadge(ctx, 'in-transit'); // … 运输中
 */
export function dispatchBadge(ctx: Pick<ConsoleContext, 'lang'>, state: DispatchState): SafeHtml {
  const s = DISPATCH[state];
  return html`<span class="badge badge--${s.badge}">${icon(s.icon, 'icon')} ${say(ctx, s)}</span>`;
}

/** A parcel's state in words only (a chart's label, a table's row). */
export const dispatchText = (ctx: Pick<ConsoleContext, 'lang'>, state: DispatchState): string =>
  say(ctx, DISPATCH[state]);

/**
 * The catalogued meaning of an error code in the reader's language (the code itself for one not catalogued, which
 * the static scan rules out for codes the use cases throw).
 *
 * @example
 * errorText(ctx, 'DOCUMENT_TRAILING_DATA'); // '文件结束标记之后还有数据：文件被追加了内容。'
 */
export function errorText(ctx: Pick<ConsoleContext, 'lang'>, code: string): string {
  const meaning =
    CONSOLE_MEANINGS[code] ??
    (ERROR_MEANINGS as Readonly<Record<string, { zh: string; en: string } | undefined>>)[code];
  return meaning ? say(ctx, meaning) : code;
}

/**
 * Where the catalogue's meaning is worded for an API client (bearer tokens, Content-Type, declarations, request
 * bodies), what an enterprise reads on its page instead: the same code and rule, in the words of the form it used.
 * The catalogue itself (and the API's problem documents) keep their texts.
 *
 * @example
 * errorText({ lang: 'zh-CN' }, 'DOCUMENT_MISSING'); // '没有收到文件。…'
 */
export const CONSOLE_MEANINGS: Readonly<Record<string, { readonly zh: string; readonly en: string } | undefined>> = {
  INVALID_REQUEST: { zh: '表单填写有误，请检查后重试。', en: 'The form has errors; check it and try again.' },
  PAYLOAD_TOO_LARGE: { zh: '填写的内容过长。', en: 'What was entered is too long.' },
  UNSUPPORTED_MEDIA_TYPE: {
    zh: '此表单无法以这种方式提交，请刷新页面后重试。',
    en: 'This form cannot be sent that way; reload the page and try again.',
  },
  FORBIDDEN: { zh: '您的账号无权使用此页面。', en: 'Your account may not use this page.' },
  ENTERPRISE_USCC_MISSING: {
    zh: '您的登录账号没有关联统一社会信用代码，请联系管理员。',
    en: 'Your sign-in carries no unified social credit code; contact the administrator.',
  },
  DOCUMENT_MISSING: {
    zh: '没有收到文件。上传表单有效期为 5 分钟，可能已过期：请重新选择文件上传。',
    en: 'No file arrived. An upload form is valid for 5 minutes and may have expired: choose the file again and upload it.',
  },
  DOCUMENT_DECLARED_TOO_LARGE: {
    zh: '文件超过大小上限（5 MB），请压缩或拆分后再上传。',
    en: 'The file is larger than the limit (5 MB); make it smaller and upload it again.',
  },
  DOCUMENT_TOO_LARGE: {
    zh: '文件超过大小上限（5 MB），请压缩或拆分后再上传。',
    en: 'The file is larger than the limit (5 MB); make it smaller and upload it again.',
  },
  DOCUMENT_SIZE_MISMATCH: {
    zh: '上传过程中文件大小发生了变化，请重新上传。',
    en: 'The file’s size changed during the upload; upload it again.',
  },
  DOCUMENT_STORED_TYPE_MISMATCH: {
    zh: '文件上传时的类型与所选文件不符，请重新上传。',
    en: 'The file was stored with another type than the one chosen; upload it again.',
  },
  DOCUMENT_TYPE_NOT_ALLOWED: {
    zh: '按文件内容判断，它不是 PDF、JPG 或 PNG 文件，请上传这三种格式之一。',
    en: 'By its content, the file is not a PDF, JPG or PNG; upload one of these.',
  },
  DOCUMENT_TYPE_MISMATCH: {
    zh: '文件内容与其扩展名或类型不符（例如改了扩展名的文件），请上传原始的 PDF、JPG 或 PNG 文件。',
    en: 'The file’s content does not match its name or type (e.g. a renamed file); upload the original PDF, JPG or PNG.',
  },
  DOCUMENT_NOT_REQUIRED: { zh: '此类申请不需要该材料。', en: 'This kind of application takes no such document.' },
  // Shown beside each field a refusal names: the catalogue's "`errors` names each field" is for API clients.
  INVALID_FIELDS: { zh: '此项未填写或填写有误，请填写或改正。', en: 'Missing or invalid: fill it in or correct it.' },
  TEXT_NOT_PRINTABLE: {
    zh: '含有证书无法打印的字符（控制字符、不可见字符或字体缺少的字），请改正。',
    en: 'Contains characters the certificate cannot print (control or invisible characters, or ones the font lacks); correct it.',
  },
};
