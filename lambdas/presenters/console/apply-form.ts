/**
 * The application form: first the kind (a GET form: nothing changes), then the details for that kind — products
 * picked from the catalogue with the procedure each follows today and its time limit, the licence concerned, the
 * enterprise's particulars prefilled from its current licence — and any refusal's catalogued message beside the
 * field it concerns (`aria-describedby`), or above the form when it concerns no one field.
 *
 * @example
 * applyKindBody(ctx); applyFormBody(model, ctx);
 */
import { APPLICATION_KINDS, type ApplicationKind } from '../../domain/application';
import type { Procedure } from '../../domain/procedure';
import { html, type SafeHtml } from '../web/escape';
import { type ConsoleContext, t } from './context';
import { errorText, kindHint, kindText, procedureLimit, procedureText } from './words';

/**
 * The title (the shell's one `h1`) of the details form: the kind of application, in both languages.
 *
 * @example
 * applyFormTitle('renew'); // { zh: '新的申请：延续', en: 'New application: renewal' } (the kind's words)
 */
export function applyFormTitle(kind: ApplicationKind): { zh: string; en: string } {
  return {
    zh: `新的申请：${kindText({ lang: 'zh-CN' }, kind)}`,
    en: `New application: ${kindText({ lang: 'en' }, kind)}`,
  };
}

/**
 * The kind chooser.
 *
 * @example
 * applyKindBody(ctx).toString().includes('name="kind"'); // true
 */
export function applyKindBody(ctx: ConsoleContext): SafeHtml {
  const options = APPLICATION_KINDS.map(
    (k, i) => html`<div class="choice">
    <input type="radio" id="kind-${k}" name="kind" value="${k}"${i === 0 ? ' checked' : ''} aria-describedby="kind-${k}-hint">
    <label for="kind-${k}">${kindText(ctx, k)}</label>
    <p id="kind-${k}-hint">${kindHint(ctx, k)}</p>
  </div>`,
  );
  return html`<div class="stack">
  <form class="stack card" method="get" action="/console/applications/new">
    <fieldset class="stack">
      <legend>${t(ctx, '申请类型', 'Kind of application')}</legend>
      ${options}
    </fieldset>
    <button class="button button--primary" type="submit">${t(ctx, '下一步', 'Next')}</button>
  </form>
</div>`;
}

export interface ApplyFormModel {
  readonly kind: ApplicationKind;
  readonly filingKey: string;
  readonly uscc: string;
  readonly products: readonly {
    readonly key: string;
    readonly name: string;
    readonly categoryName: string;
    readonly procedure: Procedure;
    /** Already on the current licence (add-products: not offered again). */
    readonly held: boolean;
  }[];
  readonly licences: readonly { readonly licenceNo: string; readonly label: string }[];
  /** Current values of every field (prefilled, or what was typed). */
  readonly values: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** Catalogued codes by form field; `''` for one concerning no one field. */
  readonly errors: Readonly<Record<string, readonly string[]>>;
}

const fieldId = (name: string) => `f-${name.replace(/\./g, '-')}`;

function errorsOf(m: ApplyFormModel, name: string, ctx: ConsoleContext): { ids: string; markup: SafeHtml } {
  const codes = m.errors[name] ?? [];
  if (codes.length === 0) return { ids: '', markup: html`` };
  const id = `${fieldId(name)}-error`;
  return {
    ids: id,
    markup: html`<p id="${id}" class="field__error">${codes.map((c) => errorText(ctx, c)).join(' ')}</p>`,
  };
}

function textField(
  m: ApplyFormModel,
  ctx: ConsoleContext,
  name: string,
  label: string,
  options: { multiline?: boolean; required?: boolean; hint?: string } = {},
): SafeHtml {
  const id = fieldId(name);
  const value = m.values[name];
  const text = Array.isArray(value) ? value.join('\n') : ((value as string | undefined) ?? '');
  const error = errorsOf(m, name, ctx);
  const described = [error.ids, options.hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  const aria = html`${described ? html` aria-describedby="${described}"` : ''}${error.ids ? html` aria-invalid="true"` : ''}${options.required ? html` required` : ''}`;
  return html`<div class="field">
  <label for="${id}">${label}</label>
  ${options.hint ? html`<p id="${id}-hint">${options.hint}</p>` : ''}
  ${error.markup}
  ${
    options.multiline
      ? html`<textarea id="${id}" name="${name}" rows="3"${aria}>${text}</textarea>`
      : html`<input id="${id}" name="${name}" type="text" value="${text}"${aria}>`
  }
</div>`;
}

function productPicker(m: ApplyFormModel, ctx: ConsoleContext): SafeHtml {
  const chosen = new Set((m.values.products as readonly string[] | undefined) ?? []);
  const error = errorsOf(m, 'products', ctx);
  // A list rather than a table: each product wraps as one block at 360 px, its procedure and limit under its name.
  const items = m.products.map((p) => {
    const id = `product-${p.key}`;
    return html`<li class="choice">
    <input type="checkbox" id="${id}" name="products" value="${p.key}"${chosen.has(p.key) || p.held ? ' checked' : ''}${p.held ? ' disabled' : ''} aria-describedby="${id}-procedure">
    <label for="${id}">${p.name} <span>${p.key}</span>${p.held ? html` <span>${t(ctx, '（已在证书上）', '(already licensed)')}</span>` : ''}</label>
    <p id="${id}-procedure">${p.categoryName} · ${t(ctx, '审批程序：', 'Procedure: ')}${procedureText(ctx, p.procedure)} · ${t(ctx, '时限：', 'Time limit: ')}${procedureLimit(ctx, p.procedure)}</p>
  </li>`;
  });
  return html`<fieldset class="stack"${error.ids ? html` aria-describedby="${error.ids}"` : ''}>
  <legend>${t(ctx, '申请的产品', 'Products')}</legend>
  <p>${t(
    ctx,
    '食品相关产品：形式审查通过后当场发证；危险化学品：一般程序；其他产品：受理后 9 个工作日内发证。所选产品中最严格的程序适用于整个申请。',
    'Food-related products: issued on the spot after the formal review; hazardous chemicals: the general procedure; others: within 9 working days. The strictest procedure among the products applies to the whole application.',
  )}</p>
  ${error.markup}
  <ul class="choices">${items}</ul>
</fieldset>`;
}

function licencePicker(m: ApplyFormModel, ctx: ConsoleContext): SafeHtml {
  const error = errorsOf(m, 'licenceNo', ctx);
  const current = m.values.licenceNo as string | undefined;
  return html`<div class="field">
  <label for="f-licenceNo">${t(ctx, '许可证', 'Licence')}</label>
  ${error.markup}
  <select id="f-licenceNo" name="licenceNo" required${error.ids ? html` aria-describedby="${error.ids}" aria-invalid="true"` : ''}>
    ${m.licences.map((l) => html`<option value="${l.licenceNo}"${l.licenceNo === current ? ' selected' : ''}>${l.label}</option>`)}
  </select>
</div>`;
}

/**
 * The details form of one kind.
 *
 * @example
 * applyFormBody({ kind: 'new', … }, ctx);
 */
export function applyFormBody(m: ApplyFormModel, ctx: ConsoleContext): SafeHtml {
  const general = m.errors[''] ?? [];
  const needsLicence = m.kind !== 'new' && m.kind !== 'add-products';
  const noLicence = needsLicence && m.licences.length === 0;
  let fields: SafeHtml;
  if (m.kind === 'new' || m.kind === 'add-products') {
    fields = html`<fieldset class="stack">
    <legend>${t(ctx, '企业信息', 'Enterprise')}</legend>
    <p>${t(ctx, '统一社会信用代码：', 'Unified social credit code: ')}${m.uscc}</p>
    ${textField(m, ctx, 'enterprise.name', t(ctx, '企业名称', 'Enterprise name'), { required: true })}
    ${textField(m, ctx, 'enterprise.domicile', t(ctx, '住所', 'Domicile'), { required: true })}
    ${textField(m, ctx, 'enterprise.productionAddresses', t(ctx, '生产地址', 'Production addresses'), {
      multiline: true,
      required: true,
      hint: t(ctx, '每行一个地址。', 'One address a line.'),
    })}
  </fieldset>
  ${productPicker(m, ctx)}`;
  } else if (m.kind === 'amend') {
    fields = html`${licencePicker(m, ctx)}
  <fieldset class="stack">
    <legend>${t(ctx, '变更后的内容（只修改变化的项目）', 'The new particulars (change only what changed)')}</legend>
    ${textField(m, ctx, 'changes.name', t(ctx, '企业名称', 'Enterprise name'))}
    ${textField(m, ctx, 'changes.domicile', t(ctx, '住所', 'Domicile'))}
    ${textField(m, ctx, 'changes.productionAddresses', t(ctx, '生产地址', 'Production addresses'), {
      multiline: true,
      hint: t(ctx, '每行一个地址。', 'One address a line.'),
    })}
  </fieldset>`;
  } else if (m.kind === 'renew') {
    fields = licencePicker(m, ctx);
  } else {
    fields = html`${licencePicker(m, ctx)}
  ${textField(
    m,
    ctx,
    'reason',
    m.kind === 'cancel' ? t(ctx, '注销原因', 'Why cancel') : t(ctx, '补领原因', 'Why reissue'),
    {
      required: true,
    },
  )}`;
  }
  return html`<div class="stack">
  <p><a href="/console/applications/new">${t(ctx, '← 重新选择申请类型', '← Choose another kind')}</a></p>
  ${
    general.length > 0
      ? html`<div class="notice--error" role="alert">${general.map((c) => html`<p>${errorText(ctx, c)}</p>`)}</div>`
      : ''
  }
  ${
    noLicence
      ? html`<p class="notice--info">${t(ctx, '您还没有许可证，无法办理此类申请。', 'You hold no licence, so this kind of application is not open to you.')}</p>`
      : html`<form class="stack card" method="post" action="/console/applications/new" novalidate>
    <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
    <input type="hidden" name="kind" value="${m.kind}">
    <input type="hidden" name="filingKey" value="${m.filingKey}">
    ${fields}
    <p>${t(ctx, '提交后请上传申请材料。', 'After filing, upload the documents.')}</p>
    <button class="button button--primary" type="submit">${t(ctx, '填报申请', 'File the application')}</button>
  </form>`
  }
</div>`;
}
