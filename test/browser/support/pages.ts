/**
 * The pages the browser tests serve: one per verdict, an uploaded file (its PDF signature valid, or broken), a
 * newer-version warning, hostile texts, a malformed path,
 * and a deliberately broken variant (an un-hashed inline style) that proves CSP violations are noticed.
 */

import { EXAMPLE_CERTIFICATE, EXAMPLE_CLAIMS, EXAMPLE_RESULTS } from '../../../lambdas/domain/verification/examples';
import {
  buildResult,
  type Check,
  checkFor,
  type PublicCertificate,
  statusCheck,
  type VerificationResult,
  validityCheck,
  versionCheck,
} from '../../../lambdas/domain/verification/result';
import {
  renderMalformedPathPage,
  renderVerificationPage,
  VERIFICATION_PAGE_HEADERS,
} from '../../../lambdas/presenters/web/verification-page';
import type { FixedResponse } from './page-server';

export const BASE_URL = 'https://permit.amr.hubei.gov.cn';
const AT = { statusAsOf: '2026-11-27T08:00:04.000Z', checkedAt: '2026-11-27T08:00:05.000Z' };

/** Script- and attribute-breaking text, as an enterprise could register it or an attacker could put in a URL. */
export const HOSTILE = `"><script>alert("name")</script><img src=x onerror="alert('img')">'<svg onload=alert(3)>`;

function onlineResult(certificate: PublicCertificate, today = '2026-11-27'): VerificationResult {
  const checks: Check[] = [
    checkFor('FORMAT_OK'),
    checkFor('SIGNATURE_OK'),
    checkFor('PDF_SIGNATURE_NOT_APPLICABLE'),
    checkFor('RECORD_OK'),
    statusCheck(certificate),
    validityCheck(certificate.validUntil, today),
    versionCheck(certificate.version, certificate.latestVersion),
  ];
  return buildResult({ mode: 'online', checks, claims: EXAMPLE_CLAIMS, certificate, ...AT });
}

const RESULTS = {
  valid: EXAMPLE_RESULTS.valid,
  revoked: EXAMPLE_RESULTS.revoked,
  forged: EXAMPLE_RESULTS.forged,
  offline: EXAMPLE_RESULTS.offline,
  unavailable: EXAMPLE_RESULTS.unavailable,
  file: EXAMPLE_RESULTS.file,
  alteredFile: EXAMPLE_RESULTS.alteredFile,
  suspended: onlineResult({
    ...EXAMPLE_CERTIFICATE,
    status: 'suspended',
    statusChangedAt: '2026-11-02',
    publicReason: '未按规定提交年度自查报告，责令限期改正。',
  }),
  cancelled: onlineResult({ ...EXAMPLE_CERTIFICATE, status: 'cancelled', statusChangedAt: '2026-10-15' }),
  expired: onlineResult(EXAMPLE_CERTIFICATE, '2031-09-28'),
  newer: onlineResult({ ...EXAMPLE_CERTIFICATE, version: 1, latestVersion: 2 }),
  hostile: onlineResult({
    ...EXAMPLE_CERTIFICATE,
    enterpriseName: `${HOSTILE}武汉示例钢铁有限公司`,
    products: [{ name: HOSTILE, nameEn: HOSTILE }],
    status: 'revoked',
    statusChangedAt: '2026-11-20',
    publicReason: HOSTILE,
  }),
} as const satisfies Record<string, VerificationResult>;

export type CaseName = keyof typeof RESULTS;

/** What each verdict page must say in words. */
export const EXPECTED_LABEL: Readonly<Record<CaseName, { zh: string; en: string }>> = {
  valid: { zh: '有效', en: 'VALID' },
  revoked: { zh: '已吊销', en: 'REVOKED' },
  forged: { zh: '无效', en: 'INVALID' },
  offline: { zh: '无法确认', en: 'CANNOT CONFIRM' },
  unavailable: { zh: '无法确认', en: 'CANNOT CONFIRM' },
  file: { zh: '有效', en: 'VALID' },
  alteredFile: { zh: '无效', en: 'INVALID' },
  suspended: { zh: '已暂扣', en: 'SUSPENDED' },
  cancelled: { zh: '已注销', en: 'CANCELLED' },
  expired: { zh: '已过期', en: 'EXPIRED' },
  newer: { zh: '有效', en: 'VALID' },
  hostile: { zh: '已吊销', en: 'REVOKED' },
};

export const CASES = Object.keys(RESULTS) as CaseName[];

/** A malformed verification path as the browser sends it (percent-encoded) and as a handler would decode it. */
export const HOSTILE_PATH = `/v/${encodeURIComponent(`${HOSTILE}${'A'.repeat(120)}`)}`;

const page = (body: string): FixedResponse => ({ headers: VERIFICATION_PAGE_HEADERS, body });

/**
 * Every route the test server answers.
 *
 * @example
 * const server = await startPageServer(routes());
 */
export function routes(): Record<string, FixedResponse> {
  const out: Record<string, FixedResponse> = {};
  for (const name of CASES) out[`/${name}`] = page(renderVerificationPage(RESULTS[name], { baseUrl: BASE_URL }));
  out[HOSTILE_PATH] = {
    status: 400,
    headers: VERIFICATION_PAGE_HEADERS,
    body: renderMalformedPathPage(decodeURIComponent(HOSTILE_PATH), {
      baseUrl: BASE_URL,
      checkedAt: new Date(AT.checkedAt),
    }),
  };
  // The negative control: the same page plus a style block whose hash is not in the CSP.
  out['/unhashed-style'] = page(
    renderVerificationPage(RESULTS.valid, { baseUrl: BASE_URL }).replace(
      '</head>',
      '<style>body{background:#f00}</style></head>',
    ),
  );
  return out;
}
