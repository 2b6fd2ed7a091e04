/**
 * The workbench's supervision pages (督查: 双随机抽查): the plans list, one plan — its particulars, the commitment once
 * frozen, the draw once drawn and its checks with state, team, result and publication (late publication flagged by
 * icon and words, never colour alone) — the create form with each refusal beside its field, and the "are you sure"
 * pages of the two steps that cannot be undone (freeze, draw). Pure functions of a model and the page context; every
 * text is escaped by `html`.
 *
 * @example
 * const body = plansBody({ items: [row], canCreate: true }, ctx).toString();
 */
import type { InspectionState } from '../../domain/inspection';
import { PROCEDURES } from '../../domain/procedure';
import type { PlanSnapshot, PlanState } from '../../domain/supervision/plan';
import { html, type SafeHtml, trusted } from '../web/escape';
import { type IconName, icon } from '../web/icons';
import { type ConsoleContext, t } from './context';
import { procedureText, roleText, timeElement } from './words';
import {
  dueDate,
  type FormErrors,
  fieldError,
  fieldId,
  formErrorNotice,
  inspectionBadge,
} from './workbench-inspections';

/** The section's path. */
export const PLANS_HREF = '/console/workbench/plans';

/**
 * A plan's page.
 *
 * @example
 * planHref('PLAN-20261205-K3M9Q2ZT7A'); // '/console/workbench/plans/PLAN-20261205-K3M9Q2ZT7A'
 */
export const planHref = (id: string): string => `${PLANS_HREF}/${encodeURIComponent(id)}`;

const inspectionHref = (id: string) => `/console/workbench/inspections/${encodeURIComponent(id)}`;

const STATES: Readonly<Record<PlanState, { zh: string; en: string; badge: string; icon: IconName }>> = {
  draft: { zh: '草稿', en: 'Draft', badge: 'pending', icon: 'dash' },
  frozen: { zh: '已冻结（承诺已公布）', en: 'Frozen (commitment published)', badge: 'suspended', icon: 'pause' },
  drawn: { zh: '已抽取', en: 'Drawn', badge: 'valid', icon: 'check' },
};

/**
 * A plan's state as a badge: icon and words.
 *
 * @example
 * planBadge(ctx, 'frozen'); // <span class="badge badge--suspended"><svg …/> 已冻结（承诺已公布）</span>
 */
export function planBadge(ctx: ConsoleContext, state: PlanState): SafeHtml {
  const s = STATES[state];
  return html`<span class="badge badge--${s.badge}">${icon(s.icon, 'icon')} ${t(ctx, s.zh, s.en)}</span>`;
}

/**
 * The sample as a person reads it: a count, or a ratio in per cent (with the size fixed at freezing).
 *
 * @example
 * sampleText(ctx, plan); // '30 家' or '5% （冻结时为 25 家）'
 */
export function sampleText(ctx: ConsoleContext, plan: Pick<PlanSnapshot, 'rules' | 'frozen'>): string {
  const s = plan.rules.sample;
  const base = s.kind === 'count' ? t(ctx, `${s.count} 家`, `${s.count} enterprises`) : `${s.basisPoints / 100}%`;
  return s.kind === 'ratio' && plan.frozen
    ? `${base} ${t(ctx, `（冻结时为 ${plan.frozen.sampleSize} 家）`, `(${plan.frozen.sampleSize} at freezing)`)}`
    : base;
}

const windowText = (ctx: ConsoleContext, w: PlanSnapshot['window']): SafeHtml =>
  html`${timeElement(ctx, w.from)} – ${timeElement(ctx, w.to)}`;

export interface PlansModel {
  readonly items: readonly PlanSnapshot[];
  /** The next page's link, when there is one. */
  readonly next?: string;
  /** Whether this person may create a plan (an officer). */
  readonly canCreate: boolean;
}

/**
 * The list: name, state, window and sample of each plan, newest first; the next page; the create link (officer).
 *
 * @example
 * plansBody({ items: [], canCreate: false }, ctx); // "no plans yet"
 */
export function plansBody(model: PlansModel, ctx: ConsoleContext): SafeHtml {
  const create = model.canCreate
    ? html`<p><a class="button button--primary" href="${PLANS_HREF}/new">${t(ctx, '新建抽查计划', 'New spot-check plan')}</a></p>`
    : '';
  const about = html`<p class="muted">${t(
    ctx,
    '“双随机、一公开”：随机抽取检查对象和执法检查人员，抽取可由任何人复核，结果公开。',
    '“Double random, one public”: enterprises and inspectors drawn at random, a draw anyone can re-run, results published.',
  )}</p>`;
  if (model.items.length === 0) {
    return html`<div class="stack">${about}${create}<p class="notice--info">${t(ctx, '还没有抽查计划。', 'No spot-check plans yet.')}</p></div>`;
  }
  const rows = model.items.map(
    (p) => html`<tr>
      <th scope="row"><a href="${planHref(p.id)}">${p.name}</a><br><span class="muted">${p.id}</span></th>
      <td data-label="${t(ctx, '状态', 'State')}">${planBadge(ctx, p.state)}</td>
      <td data-label="${t(ctx, '检查期间', 'Check window')}">${windowText(ctx, p.window)}</td>
      <td data-label="${t(ctx, '抽取数量', 'Sample')}">${sampleText(ctx, p)}</td>
    </tr>`,
  );
  return html`<div class="stack">
  ${about}${create}
  <div class="table-wrap"><table class="table">
    <caption class="visually-hidden">${t(ctx, '抽查计划：名称、状态、检查期间、抽取数量', 'Spot-check plans: name, state, check window, sample')}</caption>
    <thead><tr>
      <th scope="col">${t(ctx, '计划', 'Plan')}</th>
      <th scope="col">${t(ctx, '状态', 'State')}</th>
      <th scope="col">${t(ctx, '检查期间', 'Check window')}</th>
      <th scope="col">${t(ctx, '抽取数量', 'Sample')}</th>
    </tr></thead>
    <tbody>${rows}</tbody>
  </table></div>
  ${model.next ? html`<p><a href="${model.next}">${t(ctx, '下一页', 'Next page')}</a></p>` : ''}
</div>`;
}

// — The create form —

/** The create form's values as typed (a ticked box is `'on'`; procedures may be several). */
export type PlanFormValues = Readonly<Record<string, string | readonly string[] | undefined>>;

/** What each field expects, said beside its refusal (the catalogue's sentence alone would not say which rule). */
const EXPECT: Readonly<Record<string, { zh: string; en: string }>> = {
  name: { zh: '请填写计划名称（100 字以内）。', en: 'Give the plan’s name (at most 100 characters).' },
  legalBasis: { zh: '请填写法律依据（500 字以内）。', en: 'Give the legal basis (at most 500 characters).' },
  categories: {
    zh: '两位数字的产品类别代码，用逗号或空格分隔。',
    en: 'Two-digit category codes, separated by commas or spaces.',
  },
  districts: {
    zh: '2、4 或 6 位行政区划代码前缀，用逗号或空格分隔。',
    en: 'Division-code prefixes of 2, 4 or 6 digits, separated by commas or spaces.',
  },
  procedures: { zh: '请从列出的程序中选择。', en: 'Choose among the procedures listed.' },
  sampleCount: { zh: '1 以上的整数。', en: 'A whole number, 1 or more.' },
  samplePercent: {
    zh: '0.01 到 100 之间的百分比，最多两位小数。',
    en: 'A percentage from 0.01 to 100, at most two decimals.',
  },
  inspectorsPerCheck: { zh: '每个检查对象至少 2 名执法检查人员。', en: 'At least 2 inspectors per check.' },
  windowFrom: { zh: '请填写日期。', en: 'Give a date.' },
  windowTo: { zh: '请填写日期，不早于开始日期。', en: 'Give a date, not before the start.' },
  entropySource: {
    zh: '请写明公开随机数的来源（200 字以内）。',
    en: 'Name the public source of the random value (at most 200 characters).',
  },
  entropyDate: {
    zh: '今天或以后的日期：已公布的数值可能被用来操纵抽取。',
    en: 'Today or later: a value already published could steer the draw.',
  },
  entropyFormat: { zh: '请选择十进制或十六进制。', en: 'Choose decimal or hex.' },
};

const typedValue = (values: PlanFormValues, name: string): string => {
  const v = values[name];
  return typeof v === 'string' ? v : '';
};

function textField(
  ctx: ConsoleContext,
  model: PlanFormModel,
  name: string,
  label: string,
  hint: string,
  type: 'text' | 'date' | 'number' | 'textarea' = 'text',
  extra = '',
): SafeHtml {
  const hintId = `${fieldId(name)}-hint`;
  const expected = EXPECT[name];
  const e = fieldError(ctx, model.errors, name, hintId, expected ? t(ctx, expected.zh, expected.en) : undefined);
  const value = typedValue(model.values, name);
  const control =
    type === 'textarea'
      ? html`<textarea id="${fieldId(name)}" name="${name}" rows="3"${e.aria}>${value}</textarea>`
      : // `extra`: fixed attributes written in this module (never user input), so they are markup as they are.
        html`<input id="${fieldId(name)}" name="${name}" type="${type}" value="${value}"${extra ? html` ${trusted(extra)}` : ''}${e.aria}>`;
  return html`<div class="field"><label for="${fieldId(name)}">${label}</label>
    <span id="${hintId}" class="field__hint">${hint}</span>${e.markup}
    ${control}</div>`;
}

export interface PlanFormModel {
  readonly values: PlanFormValues;
  readonly errors: FormErrors;
}

/**
 * Default values of a fresh form: count sample, 2 inspectors per check, own district excluded, decimal entropy.
 *
 * @example
 * planFormBody({ values: PLAN_FORM_DEFAULTS, errors: {} }, ctx);
 */
export const PLAN_FORM_DEFAULTS: PlanFormValues = {
  sampleKind: 'count',
  inspectorsPerCheck: '2',
  excludeOwnDistrict: 'on',
  entropyFormat: 'decimal',
};

/**
 * The create form (officer): the API's fields in a clerk's words, each refusal beside its field.
 *
 * @example
 * planFormBody({ values: { name: '2026年第四季度电线电缆产品双随机抽查' }, errors: { windowTo: ['INVALID_FIELDS'] } }, ctx);
 */
export function planFormBody(model: PlanFormModel, ctx: ConsoleContext): SafeHtml {
  const { values, errors } = model;
  const field = (
    name: string,
    label: string,
    hint: string,
    type?: 'text' | 'date' | 'number' | 'textarea',
    extra?: string,
  ) => textField(ctx, model, name, label, hint, type, extra);
  const chosen = (name: string) => {
    const v = values[name];
    return typeof v === 'string' ? [v] : [...(v ?? [])];
  };
  const procedures = chosen('procedures');
  const procErr = fieldError(
    ctx,
    errors,
    'procedures',
    undefined,
    t(ctx, EXPECT.procedures?.zh ?? '', EXPECT.procedures?.en ?? ''),
  );
  const sampleKind = typedValue(values, 'sampleKind') || 'count';
  const kindErr = fieldError(ctx, errors, 'sampleKind');
  const exclErr = fieldError(ctx, errors, 'excludeOwnDistrict');
  const fmtErr = fieldError(
    ctx,
    errors,
    'entropyFormat',
    undefined,
    t(ctx, EXPECT.entropyFormat?.zh ?? '', EXPECT.entropyFormat?.en ?? ''),
  );
  const format = typedValue(values, 'entropyFormat') || 'decimal';
  return html`<div class="stack">
  <p><a href="${PLANS_HREF}">${t(ctx, '← 抽查计划', '← Spot-check plans')}</a></p>
  <form class="card stack" method="post" action="${PLANS_HREF}" novalidate>
  ${formErrorNotice(ctx, errors)}
  <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
  <h2 class="card__title">${t(ctx, '计划', 'The plan')}</h2>
  ${field('name', t(ctx, '计划名称', 'Name'), t(ctx, '例如：2026年第四季度电线电缆产品双随机抽查', 'e.g. Q4 2026 random spot checks of wires and cables'))}
  ${field('legalBasis', t(ctx, '法律依据', 'Legal basis'), t(ctx, '公开页面上显示。', 'Shown on the public page.'), 'textarea')}
  <h2 class="card__title">${t(ctx, '检查对象范围', 'Scope')}</h2>
  ${field('categories', t(ctx, '产品类别代码', 'Product categories'), t(ctx, '例如 06, 13；不填则不限。', 'e.g. 06, 13; empty: any.'))}
  ${field('districts', t(ctx, '行政区划', 'Districts'), t(ctx, '统一社会信用代码中的区划代码前缀，例如 4201；不填则不限。', 'Prefixes of the division code in the USCC, e.g. 4201; empty: any.'))}
  <fieldset class="field"><legend>${t(ctx, '许可程序（不选则不限）', 'Procedures (none ticked: any)')}</legend>${procErr.markup}
    <ul class="choices">${PROCEDURES.map(
      (
        p,
      ) => html`<li class="choice"><input type="checkbox" id="f-procedures-${p}" name="procedures" value="${p}"${procedures.includes(p) ? html` checked` : ''}${procErr.aria}>
        <label for="f-procedures-${p}">${procedureText(ctx, p)}</label></li>`,
    )}</ul></fieldset>
  <h2 class="card__title">${t(ctx, '抽取规则', 'Draw rules')}</h2>
  <fieldset class="field"><legend>${t(ctx, '抽取数量', 'Sample')}</legend>${kindErr.markup}
    <ul class="choices">
      <li class="choice"><input type="radio" id="f-sampleKind-count" name="sampleKind" value="count"${sampleKind === 'count' ? html` checked` : ''}${kindErr.aria}>
        <label for="f-sampleKind-count">${t(ctx, '按数量', 'A count')}</label></li>
      <li class="choice"><input type="radio" id="f-sampleKind-ratio" name="sampleKind" value="ratio"${sampleKind === 'ratio' ? html` checked` : ''}${kindErr.aria}>
        <label for="f-sampleKind-ratio">${t(ctx, '按比例（向上取整）', 'A ratio (rounded up)')}</label></li>
    </ul></fieldset>
  ${field('sampleCount', t(ctx, '抽取家数（按数量时）', 'Enterprises (if a count)'), t(ctx, '不得超过冻结时的检查对象数。', 'Not more than the candidates at freezing.'), 'number', 'min="1" inputmode="numeric"')}
  ${field('samplePercent', t(ctx, '抽取比例 %（按比例时）', 'Ratio in % (if a ratio)'), t(ctx, '例如 5 或 0.5。', 'e.g. 5 or 0.5.'), 'text', 'inputmode="decimal"')}
  ${field('inspectorsPerCheck', t(ctx, '每个检查对象的执法检查人员数', 'Inspectors per check'), t(ctx, '至少 2 名。', 'At least 2.'), 'number', 'min="2" inputmode="numeric"')}
  <div class="field"><div class="choice"><input type="checkbox" id="f-excludeOwnDistrict" name="excludeOwnDistrict" value="on"${typedValue(values, 'excludeOwnDistrict') ? html` checked` : ''}${exclErr.aria}>
    <label for="f-excludeOwnDistrict">${t(ctx, '不派执法检查人员检查本辖区的企业', 'Never send an inspector into their own district')}</label>${exclErr.markup}</div></div>
  <h2 class="card__title">${t(ctx, '检查期间', 'Check window')}</h2>
  ${field('windowFrom', t(ctx, '开始日期', 'From'), t(ctx, '执法检查人员在此期间请假的不参加抽取。', 'Inspectors on leave in the window are not drawn.'), 'date')}
  ${field('windowTo', t(ctx, '结束日期', 'To'), t(ctx, '各项检查的截止日期。', 'Every check is due by this date.'), 'date')}
  <h2 class="card__title">${t(ctx, '公开随机数', 'Public random value')}</h2>
  <p class="muted">${t(
    ctx,
    '抽取时输入一个尚未公布、将由公共机构在指定日期公布的数值（如彩票开奖号码）。冻结计划时即公布其来源和日期，任何人都可以据此复核抽取。',
    'The draw uses a value not yet known that a public body publishes on a stated date (e.g. a lottery result). Its source and date are published when the plan is frozen, so anyone can re-run the draw.',
  )}</p>
  ${field('entropySource', t(ctx, '来源', 'Source'), t(ctx, '例如：中国福利彩票双色球第2026141期开奖号码', 'e.g. China Welfare Lottery Double Colour Ball draw 2026141'))}
  ${field('entropyDate', t(ctx, '公布日期', 'Published on'), t(ctx, '今天或以后；抽取只能在该日或之后进行。', 'Today or later; the draw can only happen on or after it.'), 'date')}
  <div class="field"><label for="f-entropyFormat">${t(ctx, '数值格式', 'Format')}</label>${fmtErr.markup}
    <select id="f-entropyFormat" name="entropyFormat"${fmtErr.aria}>
      <option value="decimal"${format === 'decimal' ? html` selected` : ''}>${t(ctx, '十进制数字（8–128 位）', 'Decimal digits (8–128)')}</option>
      <option value="hex"${format === 'hex' ? html` selected` : ''}>${t(ctx, '十六进制（8–128 位）', 'Hex digits (8–128)')}</option>
    </select></div>
  <div class="actions"><button class="button button--primary" type="submit">${t(ctx, '创建计划（草稿）', 'Create the plan (a draft)')}</button>
    <a class="button" href="${PLANS_HREF}">${t(ctx, '取消', 'Cancel')}</a></div>
  </form>
</div>`;
}

// — One plan —

/** Where a drawn check's result stands with the public. */
export type PublicationRow =
  | { readonly kind: 'none' }
  | { readonly kind: 'published'; readonly at: string }
  | { readonly kind: 'pending'; readonly dueBy: string; readonly overdue: boolean; readonly provisional?: boolean };

/** One drawn check, as the plan's page lists it. */
export interface CheckRow {
  readonly id: string;
  readonly position: number;
  readonly enterpriseName: string;
  readonly uscc: string;
  readonly licenceNo: string;
  readonly team: readonly string[];
  readonly state: InspectionState;
  readonly outcome?: 'pass' | 'rectify' | 'fail';
  readonly publication: PublicationRow;
}

export interface PlanDetailModel {
  readonly plan: PlanSnapshot;
  readonly checks: readonly CheckRow[];
  /** The next page of checks. */
  readonly next?: string;
  /** Whether this person may freeze and draw (an officer). */
  readonly canAct: boolean;
  /** The step just taken (post/redirect/get). */
  readonly done?: 'create' | 'freeze' | 'draw';
  /** Whether the draw may be made today (on or after the entropy's date). */
  readonly drawableToday: boolean;
  /** The draw form drawn again: the value typed and its refusal. */
  readonly entropyValue?: string;
  readonly errors: FormErrors;
}

const OUTCOMES: Readonly<Record<'pass' | 'rectify' | 'fail', { zh: string; en: string }>> = {
  pass: { zh: '合格', en: 'Passed' },
  rectify: { zh: '责令整改', en: 'Rectify' },
  fail: { zh: '不合格', en: 'Failed' },
};

/**
 * A check's publication: published (when), due by a date, or overdue — 逾期未公示, by icon and words.
 *
 * @example
 * publicationText(ctx, { kind: 'pending', dueBy: '2027-01-13', overdue: true });
 */
export function publicationText(ctx: ConsoleContext, p: PublicationRow): SafeHtml {
  if (p.kind === 'none') return html`<span class="muted">${t(ctx, '结果未录入', 'No result yet')}</span>`;
  if (p.kind === 'published')
    return html`${icon('check', 'icon')} ${t(ctx, '已公示', 'Published')} ${timeElement(ctx, p.at, true)}`;
  return p.overdue
    ? html`<span class="overdue">${icon('warning', 'icon')} ${t(ctx, '逾期未公示', 'Publication overdue')}</span><br>${t(ctx, '期限', 'Due by')} ${dueDate(ctx, p.dueBy, p.provisional)}`
    : html`${t(ctx, '待公示，期限', 'To publish by')} ${dueDate(ctx, p.dueBy, p.provisional)}`;
}

const EVENTS: Readonly<Record<string, { zh: string; en: string }>> = {
  created: { zh: '创建', en: 'Created' },
  frozen: { zh: '冻结并公布承诺', en: 'Frozen, commitment published' },
  drawn: { zh: '抽取', en: 'Drawn' },
  'checks scheduled': { zh: '检查已全部安排', en: 'Checks all scheduled' },
};

/** A history line's words: the event's kind (before its colon) translated, its particulars kept. */
function eventText(ctx: ConsoleContext, event: string): SafeHtml {
  const [kind = '', ...rest] = event.split(':');
  const words = EVENTS[kind];
  const detail = rest.join(':').trim();
  return words
    ? html`${t(ctx, words.zh, words.en)}${detail ? html` <code class="kid">${detail}</code>` : ''}`
    : html`<code class="kid">${event}</code>`;
}

function particulars(plan: PlanSnapshot, ctx: ConsoleContext): SafeHtml {
  const list = (items: readonly string[]) => (items.length > 0 ? items.join('、') : t(ctx, '不限', 'Any'));
  return html`<div class="card stack stack--tight">
    <p>${planBadge(ctx, plan.state)}</p>
    <dl class="facts">
      <dt>${t(ctx, '计划编号', 'Plan id')}</dt><dd>${plan.id}</dd>
      <dt>${t(ctx, '法律依据', 'Legal basis')}</dt><dd>${plan.legalBasis}</dd>
      <dt>${t(ctx, '产品类别', 'Categories')}</dt><dd>${list(plan.scope.categories)}</dd>
      <dt>${t(ctx, '行政区划', 'Districts')}</dt><dd>${list(plan.scope.districts)}</dd>
      <dt>${t(ctx, '许可程序', 'Procedures')}</dt><dd>${list(plan.scope.procedures.map((p) => procedureText(ctx, p)))}</dd>
      <dt>${t(ctx, '抽取数量', 'Sample')}</dt><dd>${sampleText(ctx, plan)}</dd>
      <dt>${t(ctx, '每个检查对象', 'Per check')}</dt><dd>${t(ctx, `${plan.rules.inspectorsPerCheck} 名执法检查人员`, `${plan.rules.inspectorsPerCheck} inspectors`)}${
        plan.rules.excludeOwnDistrict ? t(ctx, '，不检查本辖区企业', ', never in their own district') : ''
      }</dd>
      <dt>${t(ctx, '检查期间', 'Check window')}</dt><dd>${windowText(ctx, plan.window)}</dd>
      <dt>${t(ctx, '公开随机数', 'Public random value')}</dt><dd>${plan.entropy.source}<br>${t(ctx, '公布日期', 'Published on')} ${timeElement(ctx, plan.entropy.date)} · ${
        plan.entropy.format === 'hex' ? t(ctx, '十六进制', 'hex') : t(ctx, '十进制', 'decimal')
      }</dd>
      <dt>${t(ctx, '创建', 'Created')}</dt><dd>${timeElement(ctx, plan.createdAt, true)} · ${plan.createdBy}</dd>
    </dl>
  </div>`;
}

function commitment(plan: PlanSnapshot, ctx: ConsoleContext): SafeHtml {
  const f = plan.frozen;
  if (!f) return html``;
  return html`<section class="card stack stack--tight" aria-labelledby="commitment-title">
    <h2 id="commitment-title" class="card__title">${t(ctx, '承诺（冻结时公布）', 'Commitment (published at freezing)')}</h2>
    <dl class="facts">
      <dt>${t(ctx, '冻结时间', 'Frozen at')}</dt><dd>${timeElement(ctx, f.at, true)} · ${f.by}</dd>
      <dt>${t(ctx, '检查对象', 'Enterprises')}</dt><dd>${t(ctx, `${f.enterpriseCount} 家，抽取 ${f.sampleSize} 家`, `${f.enterpriseCount}, drawing ${f.sampleSize}`)}</dd>
      <dt>${t(ctx, '对象名单摘要', 'Enterprise list digest')}</dt><dd><code class="kid">${f.enterpriseDigest}</code></dd>
      <dt>${t(ctx, '执法检查人员', 'Inspectors')}</dt><dd>${t(ctx, `${f.inspectorCount} 名`, `${f.inspectorCount}`)}</dd>
      <dt>${t(ctx, '人员名单摘要', 'Inspector list digest')}</dt><dd><code class="kid">${f.inspectorDigest}</code></dd>
      <dt>${t(ctx, '承诺 H(secret)', 'Commitment H(secret)')}</dt><dd><code class="kid">${f.commitment}</code></dd>
    </dl>
    <p><a href="/supervision/plans/${encodeURIComponent(plan.id)}">${t(ctx, '公开页面（一公开）', 'The public page')}</a> · <a href="/v1/public/supervision/plans/${encodeURIComponent(plan.id)}">${t(ctx, '公开记录（JSON）', 'Public record (JSON)')}</a></p>
  </section>`;
}

function drawSection(plan: PlanSnapshot, ctx: ConsoleContext): SafeHtml {
  const d = plan.drawn;
  if (!d) return html``;
  return html`<section class="card stack stack--tight" aria-labelledby="draw-title">
    <h2 id="draw-title" class="card__title">${t(ctx, '抽取', 'The draw')}</h2>
    <dl class="facts">
      <dt>${t(ctx, '抽取时间', 'Drawn at')}</dt><dd>${timeElement(ctx, d.at, true)} · ${d.by}</dd>
      <dt>${t(ctx, '公开随机数', 'Public random value')}</dt><dd><code class="kid">${d.entropyValue}</code></dd>
      ${plan.secret ? html`<dt>${t(ctx, '揭示的 secret', 'Secret revealed')}</dt><dd><code class="kid">${plan.secret}</code></dd>` : ''}
      <dt>${t(ctx, '种子', 'Seed')}</dt><dd><code class="kid">${d.seed}</code></dd>
      <dt>${t(ctx, '结果', 'Outcome')}</dt><dd>${t(
        ctx,
        `抽中 ${d.drawn} 家，跳过 ${d.skipped} 家（无法按规则配备人员），不足 ${d.shortfall} 家`,
        `${d.drawn} drawn, ${d.skipped} skipped (could not be staffed under the rules), ${d.shortfall} short`,
      )}${
        d.complete
          ? ''
          : html`<br><span class="overdue">${icon('warning', 'icon')} ${t(ctx, '检查尚未全部安排：请用同一数值再次抽取以完成。', 'Not all checks are scheduled: draw again with the same value to complete.')}</span>`
      }</dd>
    </dl>
    <p><a href="/v1/public/supervision/plans/${encodeURIComponent(plan.id)}/record">${t(ctx, '抽取记录与证明（JSON，可用 npm run verify-draw 复核）', 'The draw’s record and proof (JSON, for npm run verify-draw)')}</a></p>
  </section>`;
}

function checksTable(model: PlanDetailModel, ctx: ConsoleContext): SafeHtml {
  if (model.plan.state !== 'drawn') return html``;
  const rows = model.checks.map(
    (c) => html`<tr>
      <th scope="row"><a href="${inspectionHref(c.id)}">${c.position}. ${c.enterpriseName}</a><br><span class="muted">${c.uscc}</span></th>
      <td data-label="${t(ctx, '许可证', 'Licence')}">${c.licenceNo}</td>
      <td data-label="${t(ctx, '检查组', 'Team')}">${c.team.join('、')}</td>
      <td data-label="${t(ctx, '状态', 'State')}">${inspectionBadge(ctx, c.state)}${c.outcome ? html`<br>${t(ctx, '结论：', 'Result: ')}${t(ctx, OUTCOMES[c.outcome].zh, OUTCOMES[c.outcome].en)}` : ''}</td>
      <td data-label="${t(ctx, '结果公示', 'Publication')}">${publicationText(ctx, c.publication)}</td>
    </tr>`,
  );
  return html`<section class="stack stack--tight" aria-labelledby="checks-title">
    <h2 id="checks-title">${t(ctx, '检查对象', 'Checks')}</h2>
    ${
      model.checks.length === 0
        ? html`<p class="notice--info">${t(ctx, '没有安排检查。', 'No checks scheduled.')}</p>`
        : html`<div class="table-wrap"><table class="table">
      <caption class="visually-hidden">${t(ctx, '抽中的检查对象：企业、许可证、检查组、状态、结果公示', 'Drawn checks: enterprise, licence, team, state, publication')}</caption>
      <thead><tr>
        <th scope="col">${t(ctx, '企业', 'Enterprise')}</th>
        <th scope="col">${t(ctx, '许可证', 'Licence')}</th>
        <th scope="col">${t(ctx, '检查组（代码）', 'Team (codes)')}</th>
        <th scope="col">${t(ctx, '状态', 'State')}</th>
        <th scope="col">${t(ctx, '结果公示', 'Publication')}</th>
      </tr></thead>
      <tbody>${rows}</tbody>
    </table></div>`
    }
    ${model.next ? html`<p><a href="${model.next}">${t(ctx, '下一页', 'Next page')}</a></p>` : ''}
  </section>`;
}

function steps(model: PlanDetailModel, ctx: ConsoleContext): SafeHtml {
  const { plan } = model;
  if (plan.state === 'draft') {
    return model.canAct
      ? html`<div class="card stack stack--tight"><h2 class="card__title">${t(ctx, '冻结', 'Freeze')}</h2>
        <p>${t(ctx, '冻结后，检查对象名单和执法检查人员名单即固定，承诺随即公布，计划不能再修改。', 'Freezing fixes both lists and publishes the commitment; the plan cannot change afterwards.')}</p>
        <p><a class="button button--primary" href="${planHref(plan.id)}/freeze">${t(ctx, '冻结计划…', 'Freeze the plan…')}</a></p></div>`
      : html`<p class="notice--info">${t(ctx, '草稿由执法人员（officer）冻结。', 'An officer freezes the draft.')}</p>`;
  }
  if (plan.state !== 'frozen') return html``;
  if (!model.canAct)
    return html`<p class="notice--info">${t(ctx, '由执法人员（officer）抽取。', 'An officer makes the draw.')}</p>`;
  const hintId = 'f-entropyValue-hint';
  const e = fieldError(ctx, model.errors, 'entropyValue', hintId);
  return html`<form class="card stack" method="post" action="${planHref(plan.id)}/draw/review" novalidate>
    <h2 class="card__title">${t(ctx, '抽取', 'Draw')}</h2>
    ${formErrorNotice(ctx, model.errors)}
    <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
    ${
      model.drawableToday
        ? ''
        : html`<p class="notice--info">${icon('clock', 'icon')} ${t(ctx, '该数值在公布日期当天或之后才能输入抽取。', 'The draw can be made on or after the publication date.')}</p>`
    }
    <div class="field"><label for="f-entropyValue">${t(ctx, '公布的数值', 'The published value')}</label>
      <span id="${hintId}" class="field__hint">${t(
        ctx,
        `来源：${plan.entropy.source}；公布日期：`,
        `Source: ${plan.entropy.source}; published on `,
      )}${timeElement(ctx, plan.entropy.date)}${t(
        ctx,
        `；格式：${plan.entropy.format === 'hex' ? '十六进制' : '十进制数字'}，8–128 位。`,
        `; format: ${plan.entropy.format === 'hex' ? 'hex' : 'decimal'} digits, 8–128.`,
      )}</span>${e.markup}
      <input id="f-entropyValue" name="entropyValue" type="text" autocomplete="off" spellcheck="false" value="${model.entropyValue ?? ''}"${e.aria}></div>
    <div class="actions"><button class="button button--primary" type="submit">${t(ctx, '下一步：确认', 'Next: confirm')}</button></div>
  </form>`;
}

const DONE: Readonly<Record<'create' | 'freeze' | 'draw', { zh: string; en: string }>> = {
  create: { zh: '已创建计划（草稿）。', en: 'Plan created (a draft).' },
  freeze: {
    zh: '已冻结：名单已固定，承诺已公布。',
    en: 'Frozen: the lists are fixed and the commitment is published.',
  },
  draw: { zh: '已抽取：检查已安排，抽取记录已公开。', en: 'Drawn: the checks are scheduled and the record is public.' },
};

/**
 * One plan: particulars, commitment, draw, checks, history, and the next step this person may take.
 *
 * @example
 * planDetailBody({ plan, checks: [], canAct: true, drawableToday: true, errors: {} }, ctx);
 */
export function planDetailBody(model: PlanDetailModel, ctx: ConsoleContext): SafeHtml {
  const { plan } = model;
  const done = model.done ? DONE[model.done] : undefined;
  const history = plan.history.map(
    (h) => html`<li><span class="timeline__when">${timeElement(ctx, h.at, true)}</span>
      <span class="timeline__what">${eventText(ctx, h.event)}</span>
      <span class="muted">${roleText(ctx, h.actor.role)} ${h.actor.id}</span></li>`,
  );
  return html`<div class="stack">
  <p><a href="${PLANS_HREF}">${t(ctx, '← 抽查计划', '← Spot-check plans')}</a></p>
  ${done ? html`<div class="notice--success" role="status"><p>${t(ctx, done.zh, done.en)}</p></div>` : ''}
  ${particulars(plan, ctx)}
  ${steps(model, ctx)}
  ${commitment(plan, ctx)}
  ${drawSection(plan, ctx)}
  ${checksTable(model, ctx)}
  <section class="stack stack--tight" aria-labelledby="history-title"><h2 id="history-title">${t(ctx, '记录', 'History')}</h2>
    <ol class="timeline">${history}</ol></section>
</div>`;
}

// — The "are you sure" steps —

/**
 * Before freezing: names the plan and says what freezing does; a refusal (state 409, lists 422) above the button.
 *
 * @example
 * freezeConfirmBody({ plan, errors: {} }, ctx);
 */
export function freezeConfirmBody(model: { plan: PlanSnapshot; errors: FormErrors }, ctx: ConsoleContext): SafeHtml {
  const { plan } = model;
  return html`<div class="stack">
  <p><a href="${planHref(plan.id)}">${t(ctx, '← 返回计划', '← Back to the plan')}</a></p>
  <div class="card stack stack--tight"><h2 class="card__title">${plan.name}</h2>
    <p>${plan.id} ${planBadge(ctx, plan.state)}</p>
    <p>${t(ctx, '抽取数量：', 'Sample: ')}${sampleText(ctx, plan)}${t(ctx, '；检查期间：', '; check window: ')}${windowText(ctx, plan.window)}</p></div>
  <div class="notice--error" role="note"><p>${icon('warning', 'icon')} ${t(
    ctx,
    '冻结后：检查对象名单（当前有效许可证中符合范围的企业）和执法检查人员名单（检查期间可派的人员）将按规范顺序固定；两份名单的 SHA-256 摘要和承诺 H(secret) 随即公开。此后计划不能修改、不能重新冻结，只能在公开随机数公布后抽取一次。',
    'Once frozen, the enterprise list (valid licences in scope) and the inspector list (those free in the window) are fixed in canonical order; both lists’ SHA-256 digests and the commitment H(secret) are published at once. The plan can then not be changed or frozen again, and can be drawn once, after the public value is out.',
  )}</p></div>
  <form class="card stack" method="post" action="${planHref(plan.id)}/freeze">
    ${formErrorNotice(ctx, model.errors)}
    <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
    <div class="actions"><button class="button button--primary" type="submit">${t(ctx, '确认冻结并公布承诺', 'Confirm: freeze and publish the commitment')}</button>
      <a class="button" href="${planHref(plan.id)}">${t(ctx, '取消', 'Cancel')}</a></div>
  </form>
</div>`;
}

/**
 * Before the draw: the value as it will be used, its source and date, and what drawing does.
 *
 * @example
 * drawConfirmBody({ plan, entropyValue: '0309141922270611' }, ctx);
 */
export function drawConfirmBody(model: { plan: PlanSnapshot; entropyValue: string }, ctx: ConsoleContext): SafeHtml {
  const { plan } = model;
  return html`<div class="stack">
  <p><a href="${planHref(plan.id)}">${t(ctx, '← 返回计划', '← Back to the plan')}</a></p>
  <div class="card stack stack--tight"><h2 class="card__title">${plan.name}</h2>
    <dl class="facts">
      <dt>${t(ctx, '来源', 'Source')}</dt><dd>${plan.entropy.source}</dd>
      <dt>${t(ctx, '公布日期', 'Published on')}</dt><dd>${timeElement(ctx, plan.entropy.date)}</dd>
      <dt>${t(ctx, '将使用的数值', 'The value to use')}</dt><dd><code class="kid">${model.entropyValue}</code></dd>
    </dl></div>
  <div class="notice--error" role="note"><p>${icon('warning', 'icon')} ${t(
    ctx,
    `请核对该数值与“${plan.entropy.source}”公布的完全一致。抽取后 secret 即公开，检查对象和检查组随之确定并安排检查；抽取不能撤销，也不能重新进行。`,
    `Check that this is exactly the value “${plan.entropy.source}” published. The draw reveals the secret, fixes the enterprises and teams and schedules the checks; it cannot be undone or made again.`,
  )}</p></div>
  <form class="card stack" method="post" action="${planHref(plan.id)}/draw">
    <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
    <input type="hidden" name="entropyValue" value="${model.entropyValue}">
    <div class="actions"><button class="button button--primary" type="submit">${t(ctx, '确认抽取', 'Confirm the draw')}</button>
      <a class="button" href="${planHref(plan.id)}">${t(ctx, '取消', 'Cancel')}</a></div>
  </form>
</div>`;
}

// — Results to publish (一公开) —

export interface PublicationsModel {
  readonly state: 'pending' | 'overdue';
  readonly items: readonly (CheckRow & { readonly plan?: { readonly id: string; readonly name: string } })[];
  readonly next?: string;
}

/**
 * Spot-check results not yet public, by due date: a GET filter (pending, overdue), the table, the next page.
 *
 * @example
 * publicationsBody({ state: 'overdue', items: [] }, ctx); // "none overdue"
 */
export function publicationsBody(model: PublicationsModel, ctx: ConsoleContext): SafeHtml {
  const option = (value: 'pending' | 'overdue', zh: string, en: string) =>
    html`<option value="${value}"${model.state === value ? html` selected` : ''}>${t(ctx, zh, en)}</option>`;
  const filter = html`<form class="card filters" method="get" action="/console/workbench/inspections/publications">
  <div class="field"><label for="f-state">${t(ctx, '状态', 'State')}</label>
    <select id="f-state" name="state">${option('pending', '待公示（全部）', 'Pending (all)')}${option('overdue', '逾期未公示', 'Publication overdue')}</select></div>
  <div class="actions"><button class="button" type="submit">${t(ctx, '筛选', 'Filter')}</button></div>
</form>`;
  const about = html`<p class="muted">${t(
    ctx,
    '抽查结果须在检查之日起 20 个工作日内公示。由执法人员（officer）在检查页面公示。',
    'Spot-check results must be public within 20 working days of the check. An officer publishes them on the check’s page.',
  )}</p>`;
  if (model.items.length === 0) {
    return html`<div class="stack">${about}${filter}<p class="notice--info">${
      model.state === 'overdue'
        ? t(ctx, '没有逾期未公示的检查结果。', 'No publication is overdue.')
        : t(ctx, '没有待公示的检查结果。', 'No results await publication.')
    }</p></div>`;
  }
  const rows = model.items.map(
    (c) => html`<tr>
      <th scope="row"><a href="${inspectionHref(c.id)}">${c.enterpriseName}</a><br><span class="muted">${c.uscc}</span></th>
      <td data-label="${t(ctx, '抽查计划', 'Plan')}">${c.plan ? html`<a href="${planHref(c.plan.id)}">${c.plan.name}</a>` : '—'}</td>
      <td data-label="${t(ctx, '结论', 'Result')}">${c.outcome ? t(ctx, OUTCOMES[c.outcome].zh, OUTCOMES[c.outcome].en) : '—'}</td>
      <td data-label="${t(ctx, '结果公示', 'Publication')}">${publicationText(ctx, c.publication)}</td>
    </tr>`,
  );
  return html`<div class="stack">
  ${about}${filter}
  <div class="table-wrap"><table class="table">
    <caption class="visually-hidden">${t(ctx, '待公示的抽查结果：企业、计划、结论、公示期限', 'Spot-check results to publish: enterprise, plan, result, due by')}</caption>
    <thead><tr>
      <th scope="col">${t(ctx, '企业', 'Enterprise')}</th>
      <th scope="col">${t(ctx, '抽查计划', 'Plan')}</th>
      <th scope="col">${t(ctx, '结论', 'Result')}</th>
      <th scope="col">${t(ctx, '结果公示', 'Publication')}</th>
    </tr></thead>
    <tbody>${rows}</tbody>
  </table></div>
  ${model.next ? html`<p><a href="${model.next}">${t(ctx, '下一页', 'Next page')}</a></p>` : ''}
</div>`;
}
