/**
 * The public verification page: one self-contained HTML document per answer — zh-CN with English alongside, no
 * JavaScript, no external assets, one hashed inline stylesheet, sent with a strict Content-Security-Policy and
 * `no-store`. Every text from the register, the QR or the URL goes through the escaping `html` tag.
 *
 * @example
 * return html(200, renderVerificationPage(result, { baseUrl: config.publicBaseUrl }), VERIFICATION_PAGE_HEADERS);
 */
import {
  type Bilingual,
  buildResult,
  checkFor,
  DEFAULT_AUTHORITY,
  VERDICT_LABELS,
  type VerificationResult,
} from '../../domain/verification/result';
import { html, trusted } from './escape';
import { PAGE_STYLE, PAGE_STYLE_HASH } from './page-style';
import { addressCard, certificateCard, checksCard, timesCard, verdictBanner, warnings } from './verification-sections';

export interface PageOptions {
  /** The public origin the QR codes point at, e.g. `https://permit.amr.hubei.gov.cn`; shown so users can compare. */
  readonly baseUrl: string;
  /** A per-response CSP nonce, if the caller also sends {@link verificationPageHeaders} with it. */
  readonly nonce?: string;
  /** Issuing authority for the header and explanations; defaults to the Hubei authority. */
  readonly authority?: Bilingual;
}

/** The CSP of the page: nothing may load, only the hashed stylesheet applies. */
export const VERIFICATION_PAGE_CSP = [
  "default-src 'none'",
  `style-src ${PAGE_STYLE_HASH}`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Headers to send with every verification page. `no-store` is the freshness promise: no browser, proxy or CDN may
 * keep a page that could show a since-revoked licence as valid.
 *
 * @example
 * html(200, page, VERIFICATION_PAGE_HEADERS);
 */
export const VERIFICATION_PAGE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': VERIFICATION_PAGE_CSP,
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
  // The same URL answers HTML or JSON by Accept.
  vary: 'Accept',
});

const NONCE = /^[A-Za-z0-9+/_=-]{16,128}$/;

/**
 * The headers with a nonce added to `style-src` (only needed if a caller passes `nonce` to the renderer).
 *
 * @example
 * const nonce = randomBytes(16).toString('base64');
 * html(200, renderVerificationPage(result, { baseUrl, nonce }), verificationPageHeaders({ nonce }));
 */
export function verificationPageHeaders(options: { readonly nonce?: string } = {}): Record<string, string> {
  if (options.nonce === undefined) return { ...VERIFICATION_PAGE_HEADERS };
  return {
    ...VERIFICATION_PAGE_HEADERS,
    'content-security-policy': VERIFICATION_PAGE_CSP.replace(
      `style-src ${PAGE_STYLE_HASH}`,
      `style-src ${PAGE_STYLE_HASH} 'nonce-${checkNonce(options.nonce)}'`,
    ),
  };
}

/**
 * Render a verification result as a full HTML document.
 *
 * @example
 * renderVerificationPage(result, { baseUrl: 'https://permit.amr.hubei.gov.cn' }); // '<!doctype html>…'
 */
export function renderVerificationPage(result: VerificationResult, options: PageOptions): string {
  return document(result, options);
}

/**
 * The page for a URL that is not a verification link at all: the same layout, verdict `invalid`, a failed format
 * check, and the address shown back as text. Suggested status: 400.
 *
 * @example
 * renderMalformedPathPage(event.rawPath, { baseUrl, checkedAt: clock.now() });
 */
export function renderMalformedPathPage(path: string, options: PageOptions & { readonly checkedAt: Date }): string {
  const result = buildResult({
    mode: 'online',
    checks: [checkFor('PATH_MALFORMED'), checkFor('PDF_SIGNATURE_NOT_APPLICABLE')],
    checkedAt: options.checkedAt,
    ...(options.authority ? { authority: options.authority } : {}),
  });
  return document(result, options, path);
}

function document(result: VerificationResult, options: PageOptions, addressShown?: string): string {
  const authority = options.authority ?? DEFAULT_AUTHORITY;
  const origin = publicOrigin(options.baseUrl);
  const label = VERDICT_LABELS[result.verdict];
  const nonce = options.nonce === undefined ? null : checkNonce(options.nonce);
  const page = html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<meta name="color-scheme" content="light">
<title>${label.zh} ${label.en} · 生产许可证核验 · ${authority.zh}</title>
<link rel="icon" href="data:,">
<style${nonce ? html` nonce="${nonce}"` : ''}>${trusted(PAGE_STYLE)}</style>
</head>
<body>
<header class="site"><div class="site-inner">
<p class="site-authority">${authority.zh} <span lang="en">${authority.en}</span></p>
</div></header>
<main>
<h1>工业产品生产许可证核验 <span lang="en">Production licence verification</span></h1>
${verdictBanner(result)}
${warnings(result.checks)}
${addressShown === undefined ? '' : addressCard(addressShown)}
${certificateCard(result, authority)}
${checksCard(result.checks)}
${timesCard(result)}
<a class="again" href="">重新核验 <span lang="en">Check again</span></a>
</main>
<footer class="foot">
<p>官方核验网址 <span lang="en">Official verification address</span>: <strong>${origin}</strong></p>
<p>请确认浏览器地址栏中的网址以此开头，否则页面可能是仿冒的。<br><span lang="en">Make sure your browser's address bar starts with this address; otherwise the page may be fake.</span></p>
<p>本页面不会被缓存，每次打开都会重新核验。<br><span lang="en">This page is never cached: every visit verifies again.</span></p>
</footer>
</body>
</html>
`;
  return page.value;
}

function publicOrigin(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`baseUrl must be http(s): ${baseUrl}`);
  return url.origin;
}

function checkNonce(nonce: string): string {
  if (!NONCE.test(nonce)) throw new Error('CSP nonce must be 16–128 base64 characters');
  return nonce;
}
