/**
 * Example results for the OpenAPI document, the docs, the tests and the screenshots — built with the real builders,
 * so an example can never show an answer the rule would not give. Sample data: the enterprise and licence are
 * invented (the USCC has a correct check character; the licence number's industry and product codes are not claimed
 * to be the official ones).
 */
import { offlineSkips, pdfSignatureCheck, statusCheck, validityCheck, versionCheck } from './checks';
import type { Check, PublicCertificate, SignedClaims, VerificationResult } from './model';
import { checkFor } from './reasons';
import { buildResult } from './result';

const CHECKED_AT = '2026-11-27T08:00:05.000Z';
const STATUS_AS_OF = '2026-11-27T08:00:04.000Z';
const TODAY = '2026-11-27';

/**
 * A sample certificate (version 1 of a licence that is now at version 2).
 *
 * @example
 * buildResult({ …, certificate: { ...EXAMPLE_CERTIFICATE, status: 'revoked', statusChangedAt: '…' } });
 */
export const EXAMPLE_CERTIFICATE: PublicCertificate = {
  licenceNo: '(鄂)XK05-001-00042',
  version: 2,
  latestVersion: 2,
  enterpriseName: '武汉示例钢铁有限公司',
  uscc: '91420100MA4K2X1A7F',
  products: [
    { name: '钢筋混凝土用热轧带肋钢筋', nameEn: 'Hot-rolled ribbed steel bars for reinforced concrete' },
    { name: '冷轧带肋钢筋', nameEn: 'Cold-rolled ribbed steel bars' },
  ],
  issueDate: '2026-09-28',
  validUntil: '2031-09-27',
  issuingAuthority: '湖北省市场监督管理局',
  status: 'valid',
};

export const EXAMPLE_CLAIMS: SignedClaims = {
  licenceNo: EXAMPLE_CERTIFICATE.licenceNo,
  version: EXAMPLE_CERTIFICATE.version,
  uscc: EXAMPLE_CERTIFICATE.uscc,
  issueDate: EXAMPLE_CERTIFICATE.issueDate,
  validUntil: EXAMPLE_CERTIFICATE.validUntil,
};

const REVOKED: PublicCertificate = {
  ...EXAMPLE_CERTIFICATE,
  status: 'revoked',
  statusChangedAt: '2026-11-20T02:30:00.000Z',
  publicReason: '产品经省级监督抽查不合格，经整改复查仍不合格。',
};

function online(
  certificate: PublicCertificate,
  pdfSignature: Check = checkFor('PDF_SIGNATURE_NOT_APPLICABLE'),
): VerificationResult {
  return buildResult({
    mode: 'online',
    checks: [
      checkFor('FORMAT_OK'),
      checkFor('SIGNATURE_OK'),
      pdfSignature,
      checkFor('RECORD_OK'),
      statusCheck(certificate),
      validityCheck(certificate.validUntil, TODAY),
      versionCheck(certificate.version, certificate.latestVersion),
    ],
    claims: EXAMPLE_CLAIMS,
    certificate,
    statusAsOf: STATUS_AS_OF,
    checkedAt: CHECKED_AT,
  });
}

/**
 * One result per typical situation.
 *
 * @example
 * renderVerificationPage(EXAMPLE_RESULTS.revoked, { baseUrl: 'https://permit.example' });
 */
export const EXAMPLE_RESULTS = {
  valid: online(EXAMPLE_CERTIFICATE),
  revoked: online(REVOKED),
  /** An uploaded certificate PDF: issued, its PAdES signature (with a timestamp) holds. */
  file: online(
    EXAMPLE_CERTIFICATE,
    pdfSignatureCheck({
      state: 'valid',
      level: 'B-T',
      signer: '湖北省市场监督管理局',
      timestampedAt: '2026-09-28T02:00:01.000Z',
    }),
  ),
  /** An uploaded certificate PDF changed after signing: its own signature says so. */
  alteredFile: buildResult({
    mode: 'online',
    checks: [
      checkFor('FORMAT_OK'),
      checkFor('SIGNATURE_OK'),
      pdfSignatureCheck({ state: 'invalid', problem: 'digest' }),
      checkFor('FILE_ALTERED'),
    ],
    claims: EXAMPLE_CLAIMS,
    checkedAt: CHECKED_AT,
  }),
  /** A QR whose claims were altered after signing. */
  forged: buildResult({
    mode: 'online',
    checks: [checkFor('FORMAT_OK'), checkFor('SIGNATURE_INVALID'), checkFor('PDF_SIGNATURE_NOT_APPLICABLE')],
    checkedAt: CHECKED_AT,
  }),
  /** Genuine signature checked against a saved JWKS; status unknown. */
  offline: buildResult({
    mode: 'offline',
    checks: [
      checkFor('FORMAT_OK'),
      checkFor('SIGNATURE_OK'),
      checkFor('PDF_SIGNATURE_NOT_APPLICABLE'),
      ...offlineSkips(),
      validityCheck(EXAMPLE_CLAIMS.validUntil, TODAY),
    ],
    claims: EXAMPLE_CLAIMS,
    checkedAt: CHECKED_AT,
  }),
  /** The register could not be reached: genuine signature, nothing else known. */
  unavailable: buildResult({
    mode: 'online',
    checks: [
      checkFor('FORMAT_OK'),
      checkFor('SIGNATURE_OK'),
      checkFor('PDF_SIGNATURE_NOT_APPLICABLE'),
      checkFor('RECORD_UNAVAILABLE'),
      checkFor('STATUS_UNAVAILABLE'),
      validityCheck(EXAMPLE_CLAIMS.validUntil, TODAY),
      checkFor('VERSION_UNAVAILABLE'),
    ],
    claims: EXAMPLE_CLAIMS,
    checkedAt: CHECKED_AT,
  }),
} as const satisfies Record<string, VerificationResult>;
