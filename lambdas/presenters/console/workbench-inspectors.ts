/**
 * The workbench's inspectors' registry pages (执法检查人员名录库): the list (in service or retired, on leave today — by
 * icon and words, never colour alone), the register form, one inspector — particulars, the pseudonymous code the
 * public record uses, leave, recusals with their reasons (staff only), history — with the admin's forms beside what
 * they change, and the "are you sure" page before retiring. Pure functions of a model and the page context; every
 * text is escaped by `html`.
 *
 * @example
 * const body = inspectorsBody({ items: [row], today: '2026-12-04', categories, canRegister: true }, ctx).toString();
 */
import type { InspectorStep } from '../../contracts/console-workbench-inspectors';
import type { InspectorSnapshot, LeavePeriod } from '../../domain/supervision/inspector';
import { html, type SafeHtml, trusted } from '../web/escape';
import { icon } from '../web/icons';
import { type ConsoleContext, t } from './context';
import { roleText, timeElement } from './words';
import { type FormErrors, fieldError, fieldId, formErrorNotice } from './workbench-inspections';

/** The section's path. */
export const INSPECTORS_HREF = '/console/workbench/inspectors';

/**
 * An inspector's page.
 *
 * @example
 * inspectorHref('4201-2019-0034'); // '/console/workbench/inspectors/4201-2019-0034'
 */
export const inspectorHref = (id: string): string => `${INSPECTORS_HREF}/${encodeURIComponent(id)}`;

/** A product category as the forms offer it: its two-digit code and its name. */
export interface CategoryChoice {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
}

/** A form's values as typed (the categories may be several). */
export type InspectorFormValues = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * The period of leave that covers `today`, if any.
 *
 * @example
 * leaveOn(inspector.leave, '2027-01-05'); // { from: '2027-01-04', to: '2027-01-08' }
 */
export const leaveOn = (leave: readonly LeavePeriod[], today: string): LeavePeriod | undefined =>
  leave.find((l) => l.from <= today && today <= l.to);

/**
 * In service or retired, as a badge: icon and words.
 *
 * @example
 * serviceBadge(ctx, false); // <span class="badge badge--cancelled"><svg …/> 已退出</span>
 */
export function serviceBadge(ctx: ConsoleContext, active: boolean): SafeHtml {
  return active
    ? html`<span class="badge badge--valid">${icon('check', 'icon')} ${t(ctx, '在岗', 'In service')}</span>`
    : html`<span class="badge badge--cancelled">${icon('ban', 'icon')} ${t(ctx, '已退出', 'Retired')}</span>`;
}

/** On leave today (until when), by icon and words; else a dash for "no". */
function leaveToday(ctx: ConsoleContext, leave: readonly LeavePeriod[], today: string): SafeHtml {
  const now = leaveOn(leave, today);
  return now
    ? html`<span class="mark">${icon('pause', 'icon')} <span>${t(ctx, '休假中，至', 'On leave until')} ${timeElement(ctx, now.to)}</span></span>`
    : html`<span class="muted">${t(ctx, '否', 'No')}</span>`;
}

const categoryNames = (ctx: ConsoleContext, codes: readonly string[], choices: readonly CategoryChoice[]) =>
  codes.map((code) => {
    const c = choices.find((x) => x.code === code);
    return c ? `${code} ${t(ctx, c.zh, c.en)}` : code;
  });

export interface InspectorsModel {
  readonly items: readonly InspectorSnapshot[];
  /** The next page's link, when there is one. */
  readonly next?: string;
  /** Today (Asia/Shanghai), for "on leave now". */
  readonly today: string;
  readonly categories: readonly CategoryChoice[];
  /** Whether this person may register inspectors (an admin). */
  readonly canRegister: boolean;
}

/**
 * The registry: id, name, code, unit, district, categories, per-plan maximum, in service, on leave today; the next
 * page; the register link (admin).
 *
 * @example
 * inspectorsBody({ items: [], today: '2026-12-04', categories: [], canRegister: false }, ctx); // "none registered yet"
 */
export function inspectorsBody(model: InspectorsModel, ctx: ConsoleContext): SafeHtml {
  const register = model.canRegister
    ? html`<p><a class="button button--primary" href="${INSPECTORS_HREF}/new">${t(ctx, '登记执法检查人员', 'Register an inspector')}</a></p>`
    : '';
  const about = html`<p class="muted">${t(
    ctx,
    '双随机抽查从这里抽取执法检查人员。公开记录只显示每人的代码及抽取所用的属性（单位、区划、类别），不显示姓名。',
    'Spot-check draws pick inspectors from this registry. The public record shows each one by code with the attributes the draw uses (unit, district, categories), never by name.',
  )}${model.canRegister ? '' : html` ${t(ctx, '名录由系统管理员维护。', 'An administrator keeps the registry.')}`}</p>`;
  if (model.items.length === 0) {
    return html`<div class="stack">${about}${register}<p class="notice--info">${t(ctx, '还没有登记执法检查人员。', 'No inspectors registered yet.')}</p></div>`;
  }
  const rows = model.items.map(
    (i) => html`<tr>
      <th scope="row"><a href="${inspectorHref(i.id)}">${i.name}</a><br><span class="muted wb-nowrap">${i.id}</span></th>
      <td data-label="${t(ctx, '代码', 'Code')}"><code class="wb-nowrap">${i.code}</code></td>
      <td data-label="${t(ctx, '单位', 'Unit')}">${i.unit}</td>
      <td data-label="${t(ctx, '区划', 'District')}" class="wb-nowrap">${i.district}</td>
      <td data-label="${t(ctx, '类别', 'Categories')}">${categoryNames(ctx, i.categories, model.categories).join('、')}</td>
      <td data-label="${t(ctx, '每计划上限', 'Per-plan max')}">${i.maxChecksPerPlan}</td>
      <td data-label="${t(ctx, '状态', 'State')}">${serviceBadge(ctx, i.active)}${
        leaveOn(i.leave, model.today) ? html`<br>${leaveToday(ctx, i.leave, model.today)}` : ''
      }</td>
    </tr>`,
  );
  return html`<div class="stack">
  ${about}${register}
  <div class="table-wrap"><table class="table">
    <caption class="visually-hidden">${t(
      ctx,
      '执法检查人员：姓名与编号、代码、单位、区划、类别、每计划上限、状态（在岗或已退出，今日是否休假）',
      'Inspectors: name and id, code, unit, district, categories, per-plan maximum, state (in service or retired, on leave today)',
    )}</caption>
    <thead><tr>
      <th scope="col">${t(ctx, '姓名 / 编号', 'Name / id')}</th>
      <th scope="col">${t(ctx, '代码', 'Code')}</th>
      <th scope="col">${t(ctx, '单位', 'Unit')}</th>
      <th scope="col">${t(ctx, '区划', 'District')}</th>
      <th scope="col">${t(ctx, '类别', 'Categories')}</th>
      <th scope="col" class="wb-nowrap">${t(ctx, '每计划上限', 'Per-plan max')}</th>
      <th scope="col">${t(ctx, '状态', 'State')}</th>
    </tr></thead>
    <tbody>${rows}</tbody>
  </table></div>
  ${model.next ? html`<p><a href="${model.next}">${t(ctx, '下一页', 'Next page')}</a></p>` : ''}
</div>`;
}

// — Form parts —

/** What each field expects, said beside its refusal (the catalogue's sentence alone would not say which rule). */
const EXPECT: Readonly<Record<string, { zh: string; en: string }>> = {
  id: {
    zh: '2–32 个字母、数字或连字符，以字母或数字开头，例如执法证号。',
    en: '2–32 letters, digits or hyphens, starting with a letter or digit — e.g. the law-enforcement certificate number.',
  },
  name: { zh: '请填写姓名（40 字以内）。', en: 'Give the name (at most 40 characters).' },
  unit: { zh: '请填写所在单位（80 字以内）。', en: 'Give the unit (at most 80 characters).' },
  district: { zh: '6 位行政区划代码，例如 420100。', en: 'A six-digit division code, e.g. 420100.' },
  categories: { zh: '请至少选择一个类别。', en: 'Tick at least one category.' },
  maxChecksPerPlan: { zh: '1 到 1000 之间的整数。', en: 'A whole number from 1 to 1000.' },
  from: { zh: '请填写日期。', en: 'Give a date.' },
  to: { zh: '请填写日期，不早于开始日期。', en: 'Give a date, not before the start.' },
  note: { zh: '200 字以内。', en: 'At most 200 characters.' },
  uscc: {
    zh: '18 位统一社会信用代码，例如 91420100MA4K2X1R09。',
    en: 'The 18-character unified social credit code, e.g. 91420100MA4K2X1R09.',
  },
  reason: { zh: '请填写回避理由（200 字以内）。', en: 'Give the reason (at most 200 characters).' },
};

/** Codes that only say "this field is wrong": beside a field that says what it expects, the expectation suffices. */
const GENERIC = new Set(['INVALID_REQUEST', 'INVALID_FIELDS']);

/**
 * A field's error, said once: a specific code's meaning and the expectation, or the expectation alone when the code
 * only says the field is wrong.
 */
function errorFor(ctx: ConsoleContext, errors: FormErrors, name: string, hintId?: string) {
  const expected = EXPECT[name];
  const codes = errors[name] ?? [];
  const specific = codes.filter((c) => !GENERIC.has(c));
  const shown = expected && codes.length > 0 ? { [name]: specific.length > 0 ? specific : [''] } : errors;
  return fieldError(ctx, shown, name, hintId, expected ? t(ctx, expected.zh, expected.en) : undefined);
}

const typedValue = (values: InspectorFormValues, name: string): string => {
  const v = values[name];
  return typeof v === 'string' ? v : '';
};

interface FormModel {
  readonly values: InspectorFormValues;
  readonly errors: FormErrors;
}

function textField(
  ctx: ConsoleContext,
  model: FormModel,
  name: string,
  label: string,
  hint: string,
  /** `extra`: attributes written in this file (trusted markup, never data). */
  options: { readonly type?: 'text' | 'date' | 'number'; readonly extra?: string } = {},
): SafeHtml {
  const id = fieldId(name);
  const hintId = `${id}-hint`;
  const e = errorFor(ctx, model.errors, name, hintId);
  return html`<div class="field"><label for="${id}">${label}</label>
    <span id="${hintId}" class="field__hint">${hint}</span>${e.markup}
    <input id="${id}" name="${name}" type="${options.type ?? 'text'}" value="${typedValue(model.values, name)}"${
      options.extra ? trusted(` ${options.extra}`) : ''
    }${e.aria}></div>`;
}

function categoryBoxes(
  ctx: ConsoleContext,
  model: FormModel,
  choices: readonly CategoryChoice[],
  legend: string,
): SafeHtml {
  const v = model.values.categories;
  const ticked = typeof v === 'string' ? [v] : [...(v ?? [])];
  const e = errorFor(ctx, model.errors, 'categories');
  return html`<fieldset class="field"><legend>${legend}</legend>${e.markup}
    <ul class="choices choices--columns">${choices.map(
      (
        c,
      ) => html`<li class="choice"><input type="checkbox" id="f-categories-${c.code}" name="categories" value="${c.code}"${
        ticked.includes(c.code) ? html` checked` : ''
      }${e.aria}>
        <label for="f-categories-${c.code}">${c.code} ${t(ctx, c.zh, c.en)}</label></li>`,
    )}</ul></fieldset>`;
}

/** The particulars' fields, shared by the register and change forms. */
function particularFields(ctx: ConsoleContext, model: FormModel, choices: readonly CategoryChoice[]): SafeHtml {
  const field = (name: string, label: string, hint: string, options?: Parameters<typeof textField>[5]) =>
    textField(ctx, model, name, label, hint, options);
  return html`${field('name', t(ctx, '姓名', 'Name'), t(ctx, '仅工作人员可见，不公开。', 'Seen by staff only, never published.'), { extra: 'autocomplete="off"' })}
  ${field('unit', t(ctx, '所在单位', 'Unit'), t(ctx, '例如：武汉市市场监督管理局', 'e.g. Wuhan Administration for Market Regulation'))}
  ${field('district', t(ctx, '行政区划代码', 'District'), t(ctx, '工作所在地的 6 位代码；不派往本辖区企业的规则据此判断。', 'Six digits, where the inspector is posted: the own-district rule uses it.'), { extra: 'inputmode="numeric" maxlength="6"' })}
  ${categoryBoxes(ctx, model, choices, t(ctx, '具备检查资格的产品类别', 'Categories qualified for'))}
  ${field('maxChecksPerPlan', t(ctx, '每个计划最多检查数', 'Most checks in one plan'), t(ctx, '一个抽查计划中最多派往的检查对象数。', 'The most checks this inspector may take in one plan.'), { type: 'number', extra: 'min="1" max="1000" inputmode="numeric"' })}`;
}

// — The register form —

export interface InspectorFormModel extends FormModel {
  readonly categories: readonly CategoryChoice[];
}

/**
 * The register form (admin): the API's fields in a clerk's words, each refusal beside its field.
 *
 * @example
 * inspectorFormBody({ values: {}, errors: { id: ['SUPERVISION_INSPECTOR_EXISTS'] }, categories }, ctx);
 */
export function inspectorFormBody(model: InspectorFormModel, ctx: ConsoleContext): SafeHtml {
  return html`<div class="stack">
  <p><a href="${INSPECTORS_HREF}">${t(ctx, '← 执法检查人员', '← Inspectors')}</a></p>
  <form class="card stack" method="post" action="${INSPECTORS_HREF}" novalidate>
  ${formErrorNotice(ctx, model.errors)}
  <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
  ${textField(ctx, model, 'id', t(ctx, '编号', 'Id'), t(ctx, '例如执法证号 4201-2019-0034；登记后不能修改。', 'e.g. the law-enforcement certificate number 4201-2019-0034; it cannot change later.'), { extra: 'autocomplete="off" spellcheck="false"' })}
  ${particularFields(ctx, model, model.categories)}
  <p class="muted">${t(ctx, '登记后系统分配一个随机代码，公开记录只用此代码。', 'A random code is assigned on registering; the public record uses only that code.')}</p>
  <div class="actions"><button class="button button--primary" type="submit">${t(ctx, '登记', 'Register')}</button>
    <a class="button" href="${INSPECTORS_HREF}">${t(ctx, '取消', 'Cancel')}</a></div>
  </form>
</div>`;
}

// — One inspector —

/** Which of the page's forms is drawn again with what was typed and its refusal. */
export type InspectorFormKind = 'change' | 'leave' | 'recusal';

export interface InspectorDetailModel {
  readonly inspector: InspectorSnapshot;
  readonly today: string;
  readonly categories: readonly CategoryChoice[];
  /** Whether this person may change the record (an admin). */
  readonly canChange: boolean;
  readonly done?: InspectorStep;
  /** A form drawn again: which, what was typed, its refusal. */
  readonly again?: {
    readonly form: InspectorFormKind;
    readonly values: InspectorFormValues;
    readonly errors: FormErrors;
  };
}

const DONE: Readonly<Record<InspectorStep, { zh: string; en: string }>> = {
  register: { zh: '已登记。', en: 'Registered.' },
  change: { zh: '已保存修改。', en: 'Changes saved.' },
  unchanged: { zh: '没有修改任何内容。', en: 'Nothing was changed.' },
  retire: { zh: '已退出：今后的抽取不再抽取此人。', en: 'Retired: no future draw will pick this inspector.' },
  reinstate: { zh: '已恢复在岗。', en: 'Back in service.' },
  leave: { zh: '已记录休假。', en: 'Leave recorded.' },
  recusal: { zh: '已记录回避。', en: 'Recusal recorded.' },
};

const EVENTS: Readonly<Record<string, { zh: string; en: string }>> = {
  registered: { zh: '登记', en: 'Registered' },
  changed: { zh: '修改', en: 'Changed' },
  leave: { zh: '休假', en: 'Leave' },
  recusal: { zh: '回避', en: 'Recusal' },
};

/** The particulars' names, for a "changed: …" line of history. */
const FIELD_WORDS: Readonly<Record<string, { zh: string; en: string }>> = {
  name: { zh: '姓名', en: 'name' },
  unit: { zh: '单位', en: 'unit' },
  district: { zh: '行政区划', en: 'district' },
  categories: { zh: '资格类别', en: 'categories' },
  maxChecksPerPlan: { zh: '每个计划最多检查数', en: 'per-plan maximum' },
  active: { zh: '在岗状态', en: 'in service' },
};

/** A history line's words: its kind translated (before a colon or space), its particulars kept (fields named). */
function eventText(ctx: ConsoleContext, event: string): SafeHtml {
  const match = /^([a-z]+):?\s*(.*)$/.exec(event);
  const kind = match?.[1] ?? '';
  const words = EVENTS[kind];
  const detail = match?.[2] ?? '';
  if (!words) return html`<code class="kid">${event}</code>`;
  if (kind === 'changed') {
    const fields = detail.split(/,\s*/).map((f) => {
      const w = FIELD_WORDS[f];
      return w ? t(ctx, w.zh, w.en) : f;
    });
    return html`${t(ctx, words.zh, words.en)}${t(ctx, '：', ': ')}${fields.join(t(ctx, '、', ', '))}`;
  }
  return html`${t(ctx, words.zh, words.en)}${detail ? html` <code class="kid">${detail}</code>` : ''}`;
}

function particulars(model: InspectorDetailModel, ctx: ConsoleContext): SafeHtml {
  const i = model.inspector;
  return html`<section class="card stack stack--tight" aria-labelledby="particulars-title">
    <h2 id="particulars-title" class="card__title">${t(ctx, '基本信息', 'Particulars')}</h2>
    <dl class="facts">
      <dt>${t(ctx, '编号', 'Id')}</dt><dd>${i.id}</dd>
      <dt>${t(ctx, '公开代码', 'Public code')}</dt><dd><code>${i.code}</code><br><span class="muted">${t(ctx, '公开的抽取记录只用此代码指代此人。', 'The only name the public draw record uses.')}</span></dd>
      <dt>${t(ctx, '单位', 'Unit')}</dt><dd>${i.unit}</dd>
      <dt>${t(ctx, '行政区划', 'District')}</dt><dd>${i.district}</dd>
      <dt>${t(ctx, '检查资格类别', 'Categories')}</dt><dd>${categoryNames(ctx, i.categories, model.categories).join('、')}</dd>
      <dt>${t(ctx, '每个计划最多检查数', 'Most checks in one plan')}</dt><dd>${i.maxChecksPerPlan}</dd>
      <dt>${t(ctx, '状态', 'State')}</dt><dd>${serviceBadge(ctx, i.active)}</dd>
      <dt>${t(ctx, '今日休假', 'On leave today')}</dt><dd>${leaveToday(ctx, i.leave, model.today)}</dd>
    </dl>
  </section>`;
}

const formModel = (model: InspectorDetailModel, form: InspectorFormKind, fresh: InspectorFormValues): FormModel =>
  model.again?.form === form ? model.again : { values: fresh, errors: {} };

function leaveSection(model: InspectorDetailModel, ctx: ConsoleContext): SafeHtml {
  const { inspector, today } = model;
  const whenText = (l: LeavePeriod) =>
    l.to < today
      ? html`<span class="muted">${t(ctx, '已结束', 'Past')}</span>`
      : l.from > today
        ? t(ctx, '将来', 'Coming')
        : html`<span class="mark">${icon('pause', 'icon')} ${t(ctx, '进行中', 'Now')}</span>`;
  const table =
    inspector.leave.length === 0
      ? html`<p class="muted">${t(ctx, '没有休假记录。', 'No leave recorded.')}</p>`
      : html`<div class="table-wrap"><table class="table">
      <caption class="visually-hidden">${t(ctx, '休假：开始、结束、说明', 'Leave: from, to, note')}</caption>
      <thead><tr><th scope="col">${t(ctx, '期间', 'Period')}</th><th scope="col">${t(ctx, '说明', 'Note')}</th><th scope="col">${t(ctx, '状态', 'When')}</th></tr></thead>
      <tbody>${inspector.leave.map(
        (l) => html`<tr><th scope="row">${timeElement(ctx, l.from)} – ${timeElement(ctx, l.to)}</th>
        <td data-label="${t(ctx, '说明', 'Note')}">${l.note ?? '—'}</td><td data-label="${t(ctx, '状态', 'When')}">${whenText(l)}</td></tr>`,
      )}</tbody></table></div>`;
  const form = formModel(model, 'leave', {});
  const field = (name: string, label: string, hint: string, options?: Parameters<typeof textField>[5]) =>
    textField(ctx, form, name, label, hint, options);
  const add = model.canChange
    ? html`<form id="leave-form" class="card stack" method="post" action="${inspectorHref(inspector.id)}/leave" novalidate>
      <h3 class="card__title">${t(ctx, '记录休假', 'Record leave')}</h3>
      ${formErrorNotice(ctx, form.errors)}
      <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
      ${field('from', t(ctx, '开始日期', 'From'), t(ctx, '含当日。', 'Inclusive.'), { type: 'date' })}
      ${field('to', t(ctx, '结束日期', 'To'), t(ctx, '含当日；检查期间与休假重叠的计划不抽取此人。', 'Inclusive; a plan whose check window meets the leave does not draw this inspector.'), { type: 'date' })}
      ${field('note', t(ctx, '说明（可不填）', 'Note (optional)'), t(ctx, '例如：年休假、培训。', 'e.g. annual leave, training.'))}
      <div class="actions"><button class="button button--primary" type="submit">${t(ctx, '记录休假', 'Record leave')}</button></div>
    </form>`
    : '';
  return html`<section class="stack stack--tight" aria-labelledby="leave-title">
    <h2 id="leave-title">${t(ctx, '休假', 'Leave')}</h2>${table}${add}</section>`;
}

function recusalSection(model: InspectorDetailModel, ctx: ConsoleContext): SafeHtml {
  const { inspector } = model;
  const table =
    inspector.recusals.length === 0
      ? html`<p class="muted">${t(ctx, '没有回避记录。', 'No recusals recorded.')}</p>`
      : html`<div class="table-wrap"><table class="table">
      <caption class="visually-hidden">${t(ctx, '回避：企业统一社会信用代码、理由、记录时间', 'Recusals: enterprise USCC, reason, recorded at')}</caption>
      <thead><tr><th scope="col">${t(ctx, '统一社会信用代码', 'USCC')}</th><th scope="col">${t(ctx, '理由', 'Reason')}</th><th scope="col">${t(ctx, '记录时间', 'Recorded')}</th></tr></thead>
      <tbody>${inspector.recusals.map(
        (r) => html`<tr><th scope="row"><code class="wb-nowrap">${r.uscc}</code></th>
        <td data-label="${t(ctx, '理由', 'Reason')}">${r.reason}</td><td data-label="${t(ctx, '记录时间', 'Recorded')}">${timeElement(ctx, r.recordedAt, true)}</td></tr>`,
      )}</tbody></table></div>`;
  const form = formModel(model, 'recusal', {});
  const field = (name: string, label: string, hint: string, options?: Parameters<typeof textField>[5]) =>
    textField(ctx, form, name, label, hint, options);
  const add = model.canChange
    ? html`<form id="recusal-form" class="card stack" method="post" action="${inspectorHref(inspector.id)}/recusals" novalidate>
      <h3 class="card__title">${t(ctx, '记录回避', 'Record a recusal')}</h3>
      ${formErrorNotice(ctx, form.errors)}
      <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
      ${field('uscc', t(ctx, '企业统一社会信用代码', 'Enterprise’s USCC'), t(ctx, '今后的抽取不再派此人检查该企业。', 'No future draw sends this inspector to that enterprise.'), { extra: 'autocomplete="off" spellcheck="false" maxlength="18"' })}
      ${field('reason', t(ctx, '理由', 'Reason'), t(ctx, '仅工作人员可见。', 'Seen by staff only.'))}
      <div class="actions"><button class="button button--primary" type="submit">${t(ctx, '记录回避', 'Record the recusal')}</button></div>
    </form>`
    : '';
  return html`<section class="stack stack--tight" aria-labelledby="recusals-title">
    <h2 id="recusals-title">${t(ctx, '回避', 'Recusals')}</h2>
    <p class="muted">${t(ctx, '回避理由仅工作人员可见；公开记录只列出回避的企业代码。', 'Reasons are for staff only; the public record lists only the enterprises’ codes.')}</p>
    ${table}${add}</section>`;
}

function changeSection(model: InspectorDetailModel, ctx: ConsoleContext): SafeHtml {
  if (!model.canChange) return html``;
  const i = model.inspector;
  const form = formModel(model, 'change', {
    name: i.name,
    unit: i.unit,
    district: i.district,
    categories: i.categories,
    maxChecksPerPlan: String(i.maxChecksPerPlan),
  });
  const service = i.active
    ? html`<p><a class="button" href="${inspectorHref(i.id)}/retire">${t(ctx, '退出名录…', 'Retire…')}</a></p>`
    : html`<form method="post" action="${inspectorHref(i.id)}/reinstate"><input type="hidden" name="_csrf" value="${ctx.csrfToken}">
      <button class="button" type="submit">${t(ctx, '恢复在岗', 'Return to service')}</button></form>`;
  return html`<section class="stack stack--tight" aria-labelledby="change-title">
    <h2 id="change-title">${t(ctx, '修改基本信息', 'Change particulars')}</h2>
    <details class="card wb-details"${model.again?.form === 'change' ? html` open` : ''}>
      <summary>${t(ctx, '修改姓名、单位、区划、资格类别或每个计划最多检查数', 'Change the name, unit, district, categories or per-plan maximum')}</summary>
      <form id="change-form" class="stack" method="post" action="${inspectorHref(i.id)}" novalidate>
      ${formErrorNotice(ctx, form.errors)}
      <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
      ${particularFields(ctx, form, model.categories)}
      <div class="actions"><button class="button button--primary" type="submit">${t(ctx, '保存修改', 'Save changes')}</button></div>
      </form>
    </details>
    <div class="card stack stack--tight"><h3 class="card__title">${t(ctx, '在岗状态', 'In service')}</h3>
      <p>${
        i.active
          ? t(
              ctx,
              '退出后，今后的抽取不再抽取此人；记录保留。',
              'Once retired, no future draw picks this inspector; the record stays.',
            )
          : t(ctx, '此人已退出，不参加抽取。', 'Retired: not drawn.')
      }</p>${service}</div>
  </section>`;
}

const FORM_TITLES: Readonly<Record<InspectorFormKind, { zh: string; en: string }>> = {
  change: { zh: '修改基本信息', en: 'Change particulars' },
  leave: { zh: '记录休假', en: 'Record leave' },
  recusal: { zh: '记录回避', en: 'Record a recusal' },
};

/**
 * One inspector: particulars and code, leave, recusals, history, and (admin) the forms; a form drawn again with its
 * refusal is announced at the top with a link to it.
 *
 * @example
 * inspectorDetailBody({ inspector, today: '2026-12-04', categories, canChange: true, done: 'register' }, ctx);
 */
export function inspectorDetailBody(model: InspectorDetailModel, ctx: ConsoleContext): SafeHtml {
  const done = model.done ? DONE[model.done] : undefined;
  const again = model.again ? FORM_TITLES[model.again.form] : undefined;
  const history = [...model.inspector.history].reverse().map(
    (h) => html`<li><span class="timeline__when">${timeElement(ctx, h.at, true)}</span>
      <span class="timeline__what">${eventText(ctx, h.event)}</span>
      <span class="muted">${roleText(ctx, h.actor.role)} ${h.actor.id}</span></li>`,
  );
  return html`<div class="stack">
  <p><a href="${INSPECTORS_HREF}">${t(ctx, '← 执法检查人员', '← Inspectors')}</a></p>
  ${done ? html`<div class="notice--success" role="status"><p>${t(ctx, done.zh, done.en)}</p></div>` : ''}
  ${
    again && model.again
      ? html`<div class="notice--error" role="alert"><p>${icon('warning', 'icon')} ${t(ctx, '未保存：', 'Not saved: ')}<a href="#${model.again.form}-form">${t(ctx, again.zh, again.en)}</a>${t(ctx, '表单中有需要更正的内容。', ' has something to correct.')}</p></div>`
      : ''
  }
  ${particulars(model, ctx)}
  ${leaveSection(model, ctx)}
  ${recusalSection(model, ctx)}
  ${changeSection(model, ctx)}
  <section class="stack stack--tight" aria-labelledby="history-title"><h2 id="history-title">${t(ctx, '记录（最近的在前）', 'History (latest first)')}</h2>
    <ol class="timeline">${history}</ol></section>
</div>`;
}

/**
 * Before retiring: names the inspector and says what retiring does.
 *
 * @example
 * retireConfirmBody({ inspector }, ctx);
 */
export function retireConfirmBody(model: { readonly inspector: InspectorSnapshot }, ctx: ConsoleContext): SafeHtml {
  const i = model.inspector;
  return html`<div class="stack">
  <p><a href="${inspectorHref(i.id)}">${t(ctx, '← 返回', '← Back')}</a></p>
  <div class="card stack stack--tight"><h2 class="card__title">${i.name}</h2>
    <dl class="facts">
      <dt>${t(ctx, '编号', 'Id')}</dt><dd>${i.id}</dd>
      <dt>${t(ctx, '公开代码', 'Public code')}</dt><dd><code>${i.code}</code></dd>
      <dt>${t(ctx, '单位', 'Unit')}</dt><dd>${i.unit}</dd>
    </dl></div>
  <div class="notice--error" role="note"><p>${icon('warning', 'icon')} ${t(
    ctx,
    `退出后，${i.name}（${i.code}）不再被今后的抽查计划抽取；已冻结计划的名单不变，已安排的检查不受影响。记录保留，之后可以恢复在岗。`,
    `Once retired, ${i.name} (${i.code}) is not drawn by any future plan; lists already frozen stay as they are and checks already scheduled are not affected. The record stays; the inspector can return to service later.`,
  )}</p></div>
  <form class="card stack" method="post" action="${inspectorHref(i.id)}/retire">
    <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
    <div class="actions"><button class="button button--primary" type="submit">${t(ctx, `确认退出：${i.name}`, `Confirm: retire ${i.name}`)}</button>
      <a class="button" href="${inspectorHref(i.id)}">${t(ctx, '取消', 'Cancel')}</a></div>
  </form>
</div>`;
}
