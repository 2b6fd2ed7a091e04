/**
 * The workbench's dispatches page (寄递): paper-certificate parcels in one state requested in one month — the state
 * and month chosen in a plain GET form — each with its licence, version, recipient, waybill and latest tracking step,
 * 50 a page. Pure functions of a model and the page context; every text is escaped by `html`.
 *
 * @example
 * const body = dispatchesBody({ state: 'in-transit', month: '2026-12', items: [row] }, ctx).toString();
 */
import { DISPATCH_STATES, type DispatchReason, type DispatchState } from '../../domain/dispatch';
import { html, type SafeHtml } from '../web/escape';
import { type ConsoleContext, t } from './context';
import { dispatchBadge, timeElement } from './words';

/** One parcel as the list shows it. */
export interface DispatchRow {
  readonly id: string;
  readonly licenceNo: string;
  readonly version: number;
  readonly reason: DispatchReason;
  readonly recipient: string;
  readonly postcode: string;
  readonly state: DispatchState;
  readonly requestedAt: string;
  readonly waybillNo?: string;
  /** The newest carrier step, if any. */
  readonly latest?: { readonly at: string; readonly description: string };
}

export interface DispatchesModel {
  readonly state: DispatchState;
  readonly month: string;
  readonly items: readonly DispatchRow[];
  readonly next?: string;
}

const STATE_WORDS: Readonly<Record<DispatchState, readonly [string, string]>> = {
  pending: ['待寄出', 'Waiting to be sent'],
  'label-created': ['已下单，待揽收', 'Label created'],
  'in-transit': ['运输中', 'In transit'],
  delivered: ['已签收', 'Delivered'],
  returned: ['已退回', 'Returned'],
};

const REASONS: Readonly<Record<DispatchReason, readonly [string, string]>> = {
  issue: ['发证', 'Issue'],
  'new-version': ['新版本', 'New version'],
  reissue: ['补领', 'Reissue'],
};

/**
 * The page's body: the GET form (state, month), the parcels, the next page.
 *
 * @example
 * dispatchesBody({ state: 'returned', month: '2026-11', items: [] }, ctx); // "no parcels"
 */
export function dispatchesBody(model: DispatchesModel, ctx: ConsoleContext): SafeHtml {
  const options = DISPATCH_STATES.map(
    (s) =>
      html`<option value="${s}"${s === model.state ? html` selected` : ''}>${t(ctx, STATE_WORDS[s][0], STATE_WORDS[s][1])}</option>`,
  );
  const filter = html`<form class="card filters" method="get" action="/console/workbench/dispatches">
  <div class="field"><label for="f-state">${t(ctx, '状态', 'State')}</label><select id="f-state" name="state">${options}</select></div>
  <div class="field"><label for="f-month">${t(ctx, '申请寄递的月份', 'Month requested')}</label>
    <span id="f-month-hint" class="field__hint">${t(ctx, '格式 YYYY-MM（北京时间）', 'As YYYY-MM (Beijing time)')}</span>
    <input id="f-month" name="month" type="month" value="${model.month}" aria-describedby="f-month-hint"></div>
  <div class="actions"><button class="button" type="submit">${t(ctx, '查看', 'Show')}</button></div>
</form>`;
  if (model.items.length === 0) {
    return html`<div class="stack">${filter}<p class="notice--info">${t(
      ctx,
      `${model.month} 没有“${STATE_WORDS[model.state][0]}”的寄递。`,
      `No parcels “${STATE_WORDS[model.state][1]}” requested in ${model.month}.`,
    )}</p></div>`;
  }
  const rows = model.items.map(
    (r) => html`<tr>
      <th scope="row">${r.licenceNo}<br><span class="muted">${t(ctx, `第 ${r.version} 版`, `Version ${r.version}`)} · ${t(ctx, REASONS[r.reason][0], REASONS[r.reason][1])}</span></th>
      <td data-label="${t(ctx, '收件人', 'Recipient')}">${r.recipient}<br><span class="muted">${t(ctx, '邮编', 'Postcode')} ${r.postcode}</span></td>
      <td data-label="${t(ctx, '申请时间', 'Requested')}">${timeElement(ctx, r.requestedAt, true)}</td>
      <td data-label="${t(ctx, '运单号', 'Waybill')}">${r.waybillNo ?? t(ctx, '尚无', 'None yet')}</td>
      <td data-label="${t(ctx, '状态与跟踪', 'State and tracking')}">${dispatchBadge(ctx, r.state)}${
        r.latest
          ? html`<br><span class="muted">${timeElement(ctx, r.latest.at, true)} ${r.latest.description}</span>`
          : ''
      }</td>
    </tr>`,
  );
  return html`<div class="stack">
  ${filter}
  <div class="table-wrap"><table class="table">
    <caption class="visually-hidden">${t(ctx, '寄递：许可证、收件人、申请时间、运单号、状态', 'Dispatches: licence, recipient, requested, waybill, state')}</caption>
    <thead><tr>
      <th scope="col">${t(ctx, '许可证', 'Licence')}</th>
      <th scope="col">${t(ctx, '收件人', 'Recipient')}</th>
      <th scope="col">${t(ctx, '申请时间', 'Requested')}</th>
      <th scope="col">${t(ctx, '运单号', 'Waybill')}</th>
      <th scope="col">${t(ctx, '状态与跟踪', 'State and tracking')}</th>
    </tr></thead>
    <tbody>${rows}</tbody>
  </table></div>
  ${model.next ? html`<p><a href="${model.next}">${t(ctx, '下一页', 'Next page')}</a></p>` : ''}
</div>`;
}
