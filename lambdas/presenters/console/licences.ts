/**
 * The enterprise's licences: the list (status in words and icon, version, valid until, a link to each) and one
 * licence (status, products, versions with their PDFs, the public verification link and its QR, and the paper copies'
 * dispatch and tracking). Pure functions of a model and the page context; every text is escaped by `html`.
 *
 * @example
 * const body = myLicencesBody({ items: [{ licenceNo: '(鄂)XK06-001-00001', urlSafe: '42-XK06-001-00001',
 *   status: 'valid', version: 2, validUntil: '2031-11-26' }] }, ctx).toString();
 */
import type { CertificateSnapshot } from '../../domain/certificate-snapshot';
import type { EffectiveStatus } from '../../domain/certificate-status';
import type { Dispatch, DispatchReason, DispatchState } from '../../domain/dispatch';
import type { Procedure } from '../../domain/procedure';
import { html, type SafeHtml } from '../web/escape';
import { type ConsoleContext, t } from './context';
import { qrSvg } from './qr-svg';
import { dispatchBadge, procedureText, statusBadge, timeElement } from './words';

export interface LicenceRow {
  /** Printed form, `(鄂)XK06-001-00001`. */
  readonly licenceNo: string;
  /** URL-safe form for links, `42-XK06-001-00001`. */
  readonly urlSafe: string;
  readonly status: EffectiveStatus;
  readonly version: number;
  readonly validUntil: string;
}

export interface MyLicencesModel {
  readonly items: readonly LicenceRow[];
  /** The next page's console link, when there is one. */
  readonly next?: string;
}

const licenceHref = (urlSafe: string) => `/console/licences/${encodeURIComponent(urlSafe)}`;

/**
 * The list of the enterprise's licences: a table on wide screens that the shell's `.table` lets wrap on phones.
 *
 * @example
 * myLicencesBody({ items: [] }, ctx); // an empty state with a link to apply
 */
export function myLicencesBody(model: MyLicencesModel, ctx: ConsoleContext): SafeHtml {
  if (model.items.length === 0) {
    return html`<div class="stack">
  <p class="notice--info">${t(ctx, '您还没有生产许可证。', 'You hold no production licence yet.')}</p>
  <p><a class="button button--primary" href="/console/applications/new">${t(ctx, '申请许可证', 'Apply for a licence')}</a></p>
</div>`;
  }
  const rows = model.items.map(
    (r) => html`<tr>
      <th scope="row"><a href="${licenceHref(r.urlSafe)}">${r.licenceNo}</a></th>
      <td data-label="${t(ctx, '状态', 'Status')}">${statusBadge(ctx, r.status)}</td>
      <td data-label="${t(ctx, '版本', 'Version')}">${t(ctx, `第 ${r.version} 版`, `Version ${r.version}`)}</td>
      <td data-label="${t(ctx, '有效期至', 'Valid until')}">${timeElement(ctx, r.validUntil)}</td>
    </tr>`,
  );
  return html`<div class="stack">
  <div class="table-wrap"><table class="table">
    <caption class="visually-hidden">${t(ctx, '我的许可证：编号、状态、版本、有效期至', 'My licences: number, status, version, valid until')}</caption>
    <thead><tr>
      <th scope="col">${t(ctx, '证书编号', 'Licence number')}</th>
      <th scope="col">${t(ctx, '状态', 'Status')}</th>
      <th scope="col">${t(ctx, '版本', 'Version')}</th>
      <th scope="col">${t(ctx, '有效期至', 'Valid until')}</th>
    </tr></thead>
    <tbody>${rows}</tbody>
  </table></div>
  ${model.next ? html`<p><a href="${model.next}">${t(ctx, '下一页', 'Next page')}</a></p>` : ''}
</div>`;
}

export interface DispatchModel {
  readonly id: string;
  readonly version: number;
  readonly reason: DispatchReason;
  readonly state: DispatchState;
  readonly requestedAt: string;
  readonly waybillNo?: string;
  readonly tracking: readonly { readonly at: string; readonly state: DispatchState; readonly description: string }[];
}

/**
 * What the pages show of a parcel (the licence and the application pages alike).
 *
 * @example
 * dispatches.map(dispatchModel);
 */
export const dispatchModel = (d: Dispatch): DispatchModel => ({
  id: d.id,
  version: d.version,
  reason: d.reason,
  state: d.state,
  requestedAt: d.requestedAt,
  ...(d.waybillNo ? { waybillNo: d.waybillNo } : {}),
  tracking: d.tracking,
});

export interface LicenceDetailModel extends LicenceParticularsModel {
  readonly licenceNo: string;
  readonly urlSafe: string;
  readonly status: EffectiveStatus;
  /** The signed verification URL the printed QR carries. */
  readonly verificationUrl: string;
  readonly dispatches: readonly DispatchModel[];
}

const REASONS: Readonly<Record<DispatchReason, readonly [string, string]>> = {
  issue: ['发证', 'Issue'],
  'new-version': ['新版本', 'New version'],
  reissue: ['补领', 'Reissue'],
};

/**
 * The paper copies of a licence (or of an application's outcome): each parcel's state, waybill and tracking steps.
 *
 * @example
 * dispatchesSection([], ctx); // '尚无纸质证书寄送记录'
 */
export function dispatchesSection(dispatches: readonly DispatchModel[], ctx: ConsoleContext): SafeHtml {
  const title = html`<h2 id="paper-copy">${t(ctx, '纸质证书寄送', 'Paper copy: dispatch and tracking')}</h2>`;
  if (dispatches.length === 0) {
    return html`<section class="card stack" aria-labelledby="paper-copy">${title}
  <p>${t(ctx, '尚无纸质证书寄送记录。', 'No paper copy has been sent.')}</p></section>`;
  }
  const parcels = dispatches.map((d) => {
    const reason = REASONS[d.reason];
    const steps = d.tracking.map(
      (e) => html`<li>${timeElement(ctx, e.at, true)} ${dispatchBadge(ctx, e.state)} ${e.description}</li>`,
    );
    return html`<article class="stack">
    <h3>${t(ctx, `第 ${d.version} 版（${reason[0]}）`, `Version ${d.version} (${reason[1]})`)}</h3>
    <dl>
      <dt>${t(ctx, '状态', 'State')}</dt><dd>${dispatchBadge(ctx, d.state)}</dd>
      <dt>${t(ctx, '申请寄送', 'Requested')}</dt><dd>${timeElement(ctx, d.requestedAt, true)}</dd>
      <dt>${t(ctx, '运单号', 'Waybill number')}</dt><dd>${d.waybillNo ?? t(ctx, '尚未生成', 'Not yet created')}</dd>
    </dl>
    ${steps.length > 0 ? html`<ol class="timeline" aria-label="${t(ctx, '物流轨迹', 'Tracking')}">${steps}</ol>` : ''}
  </article>`;
  });
  return html`<section class="card stack" aria-labelledby="paper-copy">${title}${parcels}</section>`;
}

/** What a licence's particulars, products and versions are drawn from (the enterprise's page and the staff dossier). */
export interface LicenceParticularsModel {
  readonly currentVersion: number;
  readonly enterprise: {
    readonly name: string;
    readonly uscc: string;
    readonly domicile: string;
    readonly productionAddresses: readonly string[];
  };
  readonly products: readonly { readonly key: string; readonly name: string; readonly categoryName: string }[];
  readonly procedure: Procedure;
  readonly firstIssueDate: string;
  readonly issueDate: string;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly issuingAuthority: string;
}

/**
 * A stored certificate's particulars as the pages draw them (product names in the reader's language).
 *
 * @example
 * licenceParticularsOf(head.certificate, head.currentVersion, ctx).products[0]; // { key: '06-001', name: '电线电缆', … }
 */
export function licenceParticularsOf(
  c: CertificateSnapshot,
  currentVersion: number,
  ctx: ConsoleContext,
): LicenceParticularsModel {
  return {
    currentVersion,
    enterprise: c.enterprise,
    products: c.products.map((p) => ({
      key: `${p.categoryCode}-${p.productCode}`,
      name: t(ctx, p.name.zh, p.name.en),
      categoryName: t(ctx, p.categoryName.zh, p.categoryName.en),
    })),
    procedure: c.procedure,
    firstIssueDate: c.firstIssueDate,
    issueDate: c.issueDate,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    issuingAuthority: c.issuingAuthority,
  };
}

/**
 * A licence's particulars as a description list: enterprise, USCC, addresses, procedure, dates, authority.
 *
 * @example
 * licenceParticulars(ctx, model); // <dl><dt>企业名称</dt>…</dl>
 */
export function licenceParticulars(ctx: ConsoleContext, m: LicenceParticularsModel): SafeHtml {
  return html`<dl>
      <dt>${t(ctx, '企业名称', 'Enterprise')}</dt><dd>${m.enterprise.name}</dd>
      <dt>${t(ctx, '统一社会信用代码', 'Unified social credit code')}</dt><dd>${m.enterprise.uscc}</dd>
      <dt>${t(ctx, '住所', 'Domicile')}</dt><dd>${m.enterprise.domicile}</dd>
      <dt>${t(ctx, '生产地址', 'Production addresses')}</dt><dd>${m.enterprise.productionAddresses.map((a) => html`<span>${a}</span><br>`)}</dd>
      <dt>${t(ctx, '审批程序', 'Procedure')}</dt><dd>${procedureText(ctx, m.procedure)}</dd>
      <dt>${t(ctx, '首次发证日期', 'First issued')}</dt><dd>${timeElement(ctx, m.firstIssueDate)}</dd>
      <dt>${t(ctx, '发证日期', 'Issued')}</dt><dd>${timeElement(ctx, m.issueDate)}</dd>
      <dt>${t(ctx, '有效期', 'Valid')}</dt><dd>${timeElement(ctx, m.validFrom)} – ${timeElement(ctx, m.validUntil)}</dd>
      <dt>${t(ctx, '发证机关', 'Issuing authority')}</dt><dd>${m.issuingAuthority}</dd>
    </dl>`;
}

/**
 * A licence's products as a section with a table (`id` names its heading).
 *
 * @example
 * productsSection(ctx, model.products, 'licence-products');
 */
export function productsSection(
  ctx: ConsoleContext,
  products: LicenceParticularsModel['products'],
  id: string,
): SafeHtml {
  const rows = products.map(
    (p) =>
      html`<tr><th scope="row">${p.key}</th><td data-label="${t(ctx, '产品名称', 'Product')}">${p.name}</td><td data-label="${t(ctx, '产品类别', 'Category')}">${p.categoryName}</td></tr>`,
  );
  return html`<section class="card stack" aria-labelledby="${id}">
    <h2 id="${id}">${t(ctx, '产品', 'Products')}</h2>
    <div class="table-wrap"><table class="table">
      <thead><tr>
        <th scope="col">${t(ctx, '产品编号', 'Product key')}</th>
        <th scope="col">${t(ctx, '产品名称', 'Product')}</th>
        <th scope="col">${t(ctx, '产品类别', 'Category')}</th>
      </tr></thead>
      <tbody>${rows}</tbody>
    </table></div>
  </section>`;
}

/**
 * A link to the PDF of every version, newest first (`pdf`: the download address; the version in the query).
 *
 * @example
 * versionLinks(ctx, 3, '/console/licences/42-XK06-001-00001/pdf'); // three <li>, the first marked current
 */
export function versionLinks(ctx: ConsoleContext, currentVersion: number, pdf: string): SafeHtml[] {
  return Array.from({ length: currentVersion }, (_, i) => currentVersion - i).map(
    (v) =>
      html`<li><a href="${v === currentVersion ? pdf : `${pdf}?version=${v}`}" download>${t(
        ctx,
        `下载第 ${v} 版 PDF`,
        `Download version ${v} (PDF)`,
      )}</a>${v === currentVersion ? html` <span>${t(ctx, '（当前版本）', '(current)')}</span>` : ''}</li>`,
  );
}

/**
 * One licence: its status and particulars, the PDF of every version, the verification link and QR, the parcels.
 *
 * @example
 * licenceDetailBody(model, ctx).toString().includes('下载'); // true
 */
export function licenceDetailBody(m: LicenceDetailModel, ctx: ConsoleContext): SafeHtml {
  const versions = versionLinks(ctx, m.currentVersion, `${licenceHref(m.urlSafe)}/pdf`);
  return html`<div class="stack">
  <p><a href="/console/licences">${t(ctx, '← 我的许可证', '← My licences')}</a></p>
  <section class="card stack" aria-labelledby="licence-status">
    <h2 id="licence-status">${t(ctx, '状态', 'Status')}</h2>
    <p>${statusBadge(ctx, m.status)}</p>
    ${licenceParticulars(ctx, m)}
  </section>
  ${productsSection(ctx, m.products, 'licence-products')}
  <section class="card stack" aria-labelledby="licence-versions">
    <h2 id="licence-versions">${t(ctx, '版本与下载', 'Versions and downloads')}</h2>
    <ul>${versions}</ul>
  </section>
  <section class="card stack" aria-labelledby="licence-verify">
    <h2 id="licence-verify">${t(ctx, '公开核验', 'Public verification')}</h2>
    <p>${t(
      ctx,
      '任何人可以扫描证书上的二维码或打开下面的链接，核验这张证书是否真实有效。',
      'Anyone can scan the QR code on the certificate, or open the link below, to check that it is genuine and valid.',
    )}</p>
    <p><a href="${m.verificationUrl}">${t(ctx, '核验链接', 'Verification link')}</a></p>
    <figure>
      ${qrSvg(m.verificationUrl, t(ctx, `许可证 ${m.licenceNo} 的核验二维码`, `Verification QR code of licence ${m.licenceNo}`))}
      <figcaption>${t(ctx, '与证书上印制的二维码内容相同。', 'The same content as the QR code printed on the certificate.')}</figcaption>
    </figure>
  </section>
  ${dispatchesSection(m.dispatches, ctx)}
</div>`;
}
