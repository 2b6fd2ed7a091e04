/**
 * The parts of the verification page, each a function of the result returning escaped markup. Every value from the
 * register, the QR or the URL passes through the `html` tag; only icons and constant labels are trusted.
 */
import {
  type Bilingual,
  type CertificateStatus,
  CHECK_LABELS,
  type Check,
  outcomeLabel,
  type PublicCertificate,
  type SignedClaims,
  shanghaiDate,
  VERDICT_LABELS,
  type Verdict,
  type VerificationResult,
} from '../../domain/verification/result';
import { html, type SafeHtml } from './escape';
import { icon, OUTCOME_ICONS, VERDICT_ICONS } from './icons';

/** Longest part of a malformed address shown back (it is text, but a page of it helps nobody). */
const MAX_SHOWN_PATH = 300;

function toneOf(verdict: Verdict): 'good' | 'bad' | 'warn' | 'unknown' {
  if (verdict === 'valid') return 'good';
  if (verdict === 'suspended' || verdict === 'expired') return 'warn';
  if (verdict === 'cannot-confirm') return 'unknown';
  return 'bad';
}

/**
 * The verdict in words and icon (`role="status"`), the summary, the holder, and a status decision's date and
 * published reason.
 *
 * @example
 * html`<main>${verdictBanner(result)}</main>`;
 */
export function verdictBanner(result: VerificationResult): SafeHtml {
  const label = VERDICT_LABELS[result.verdict];
  return html`<section class="verdict tone-${toneOf(result.verdict)}" role="status" aria-labelledby="verdict-title">
<div class="verdict-head">
${icon(VERDICT_ICONS[result.verdict], 'verdict-icon')}
<h2 id="verdict-title">${label.zh} <span lang="en">${label.en}</span></h2>
</div>
<p>${result.summary.zh}</p>
<p class="en" lang="en">${result.summary.en}</p>
${holder(result.certificate)}
${statusDecision(result.certificate)}
</section>`;
}

/** Who holds the licence, at the top: a genuine QR copied onto someone else's goods shows a different name. */
function holder(cert: PublicCertificate | null): SafeHtml | '' {
  if (!cert) return '';
  return html`<p class="holder">持证企业 <span lang="en">Holder</span>：${cert.enterpriseName}<br><span class="mono">${cert.licenceNo}</span></p>`;
}

/** The date and the published reason of a suspension, revocation or cancellation, inside the banner. */
function statusDecision(cert: PublicCertificate | null): SafeHtml | '' {
  if (!cert || cert.status === 'valid') return '';
  return html`<div class="published">
${cert.statusChangedAt ? html`<p>生效日期 <span lang="en">Effective</span>：<strong>${shanghaiDate(cert.statusChangedAt)}</strong></p>` : ''}
${cert.publicReason ? html`<h3>公布的原因 <span lang="en">Published reason</span></h3><p>${cert.publicReason}</p>` : ''}
</div>`;
}

/**
 * A notice for each check warning (a newer certificate version).
 *
 * @example
 * warnings(result.checks); // '' when nothing to warn about
 */
export function warnings(checks: readonly Check[]): SafeHtml {
  return html`${checks
    .filter((c) => c.warning)
    .map(
      (c) => html`<div class="notice tone-warn" role="note">
${icon('warning', 'notice-icon')}
<div><p><strong>${c.warning?.zh}</strong></p><p class="en" lang="en">${c.warning?.en}</p></div>
</div>`,
    )}`;
}

/**
 * The malformed address, shown back as text (shortened).
 *
 * @example
 * addressCard('/v/<script>'); // …<code>/v/&lt;script&gt;</code>…
 */
export function addressCard(path: string): SafeHtml {
  const shown = path.length > MAX_SHOWN_PATH ? `${path.slice(0, MAX_SHOWN_PATH)}…` : path;
  return html`<section class="card" aria-labelledby="address-title">
<h2 id="address-title">您打开的地址 <span lang="en">The address you opened</span></h2>
<p><code>${shown}</code></p>
<p>这不是有效的证书核验链接。<br><span class="en" lang="en">This is not a valid certificate verification link.</span></p>
</section>`;
}

const STATUS_WORDS: Readonly<Record<CertificateStatus, Bilingual>> = {
  valid: { zh: '有效', en: 'Valid' },
  suspended: { zh: VERDICT_LABELS.suspended.zh, en: 'Suspended' },
  revoked: { zh: VERDICT_LABELS.revoked.zh, en: 'Revoked' },
  cancelled: { zh: VERDICT_LABELS.cancelled.zh, en: 'Cancelled' },
};

function field(zh: string, en: string, value: SafeHtml | string | number, mono = false): SafeHtml {
  return html`<div><dt>${zh} <span lang="en">${en}</span></dt><dd${mono ? html` class="mono"` : ''}>${value}</dd></div>`;
}

/**
 * The register's public fields; else the verified signed claims; else, for `invalid`, advice not to rely on it.
 *
 * @example
 * certificateCard(result, DEFAULT_AUTHORITY);
 */
export function certificateCard(result: VerificationResult, authority: Bilingual): SafeHtml {
  if (result.certificate) return registerFields(result.certificate);
  if (result.claims) return claimFields(result.claims);
  if (result.verdict !== 'invalid') return html``;
  return html`<section class="card" aria-labelledby="advice-title">
<h2 id="advice-title">请勿信赖 <span lang="en">Do not rely on it</span></h2>
<p>没有可信的证书信息可以显示。请勿依据此二维码或证书进行交易；如需核实，请通过${authority.zh}的官方渠道按许可证编号查询。</p>
<p class="en" lang="en">There is no trustworthy certificate information to show. Do not rely on this QR code or certificate; to check a licence, look its number up through the official channels of the ${authority.en}.</p>
</section>`;
}

function registerFields(c: PublicCertificate): SafeHtml {
  const status = STATUS_WORDS[c.status];
  const since = c.statusChangedAt ? html`（${shanghaiDate(c.statusChangedAt)}）` : '';
  const version =
    c.latestVersion > c.version
      ? html`第 ${c.version} 版（最新为第 ${c.latestVersion} 版）<span class="en" lang="en"> · version ${c.version} (latest: ${c.latestVersion})</span>`
      : html`第 ${c.version} 版（最新）<span class="en" lang="en"> · version ${c.version} (latest)</span>`;
  const products = html`<ul>${c.products.map(
    (p) => html`<li>${p.name}${p.nameEn ? html`<br><span class="en" lang="en">${p.nameEn}</span>` : ''}</li>`,
  )}</ul>`;
  return html`<section class="card" aria-labelledby="certificate-title">
<h2 id="certificate-title">证书信息 <span lang="en">Certificate details</span></h2>
<dl class="fields">
${field('许可证编号', 'Licence No.', c.licenceNo, true)}
${field('企业名称', 'Enterprise', c.enterpriseName)}
${field('统一社会信用代码', 'Unified social credit code', c.uscc, true)}
${field('产品名称', 'Products', products)}
${field('证书版本', 'Certificate version', version)}
${field('发证日期', 'Issue date', c.issueDate)}
${field('有效期至', 'Valid until', c.validUntil)}
${field('发证机关', 'Issuing authority', c.issuingAuthority)}
${field('许可证状态', 'Licence status', html`${status.zh}${since} <span class="en" lang="en">${status.en}</span>`)}
</dl>
<p class="check-hint">请核对企业名称和产品是否与您手中的证书、产品一致。<br><span lang="en">Check that the enterprise and products match the certificate and goods in front of you.</span></p>
</section>`;
}

function claimFields(c: SignedClaims): SafeHtml {
  return html`<section class="card" aria-labelledby="claims-title">
<h2 id="claims-title">二维码所载信息 <span lang="en">Signed QR data</span></h2>
<p>签名已验证，但这些信息未与发证机关登记库核对。<br><span class="en" lang="en">The signature holds, but this data was not compared with the authority's register.</span></p>
<dl class="fields">
${field('许可证编号', 'Licence No.', c.licenceNo, true)}
${field('统一社会信用代码', 'Unified social credit code', c.uscc, true)}
${field('证书版本', 'Certificate version', c.version)}
${field('发证日期', 'Issue date', c.issueDate)}
${field('有效期至', 'Valid until', c.validUntil)}
</dl>
</section>`;
}

/**
 * The seven checks in order, each with icon, outcome word and bilingual reason.
 *
 * @example
 * checksCard(result.checks);
 */
export function checksCard(checks: readonly Check[]): SafeHtml {
  const rows = checks.map((c, i) => {
    const name = CHECK_LABELS[c.name];
    const outcome = outcomeLabel(c);
    return html`<li class="check check-${c.outcome}">
${icon(OUTCOME_ICONS[c.outcome], 'check-icon')}
<div class="check-body">
<div class="check-head"><h3>${i + 1}. ${name.zh} <span lang="en">${name.en}</span></h3><span class="outcome">${outcome.zh} <span lang="en">${outcome.en}</span></span></div>
<p>${c.reason.zh}</p>
<p class="en" lang="en">${c.reason.en}</p>
${c.warning ? html`<p class="warn-text">⚠ ${c.warning.zh}</p>` : ''}
</div>
</li>`;
  });
  return html`<section class="card" aria-labelledby="checks-title">
<h2 id="checks-title">核验项目 <span lang="en">Checks, in order</span></h2>
<ol class="checks">${rows}</ol>
</section>`;
}

/**
 * `statusAsOf` (状态核对时间) and `checkedAt`, in Beijing time.
 *
 * @example
 * timesCard(result);
 */
export function timesCard(result: VerificationResult): SafeHtml {
  const statusAsOf = result.statusAsOf
    ? beijingTime(result.statusAsOf)
    : html`未核对 <span class="en" lang="en">Not checked</span>`;
  return html`<section class="card" aria-labelledby="times-title">
<h2 id="times-title">核验时间 <span lang="en">When this was checked</span></h2>
<dl class="fields">
${field('状态核对时间', 'Status as of', statusAsOf)}
${field('核验时间', 'Checked at', beijingTime(result.checkedAt))}
${logField(result)}
</dl>
</section>`;
}

/** Where the version stands in the public transparency log (online answers whose record matched). */
function logField(result: VerificationResult): SafeHtml | '' {
  const log = result.log;
  if (!log) return '';
  return field(
    '公开透明日志',
    'Public transparency log',
    html`<span class="log-${log.state}">${log.text.zh} <span class="en" lang="en">${log.text.en}</span></span>`,
  );
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** `2026-11-27 16:00:04 北京时间 (UTC+8)` — a verifier in China reads local time; the zone is named for others. */
function beijingTime(iso: string): SafeHtml {
  const local = new Date(Date.parse(iso) + BEIJING_OFFSET_MS).toISOString();
  return html`<time datetime="${iso}">${local.slice(0, 10)} ${local.slice(11, 19)}</time> 北京时间 <span class="en" lang="en">Beijing time (UTC+8)</span>`;
}
