/**
 * Builders for the checks whose outcome follows from data (status, validity, version, a PDF signature's finding), the
 * offline skips, and the
 * step that puts a partial list of checks into the fixed order. With these and `checkFor`, a use case never chooses
 * an outcome by hand.
 */
import type { PdfSignatureFinding, PdfSignatureProblem } from '../pdf-signature/finding';
import type { CertificateStatus, Check, CheckName } from './model';
import { CHECK_NAMES } from './model';
import { checkFor, type ReasonCodeOf, skippedCode } from './reasons';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * The calendar date in Asia/Shanghai of an ISO date or date-time (a revocation at 2026-11-20T17:00Z happened on
 * 2026-11-21 for everyone in Hubei).
 *
 * @example
 * shanghaiDate('2026-11-20T17:00:00Z'); // '2026-11-21'
 */
export function shanghaiDate(iso: string): string {
  if (DATE_ONLY.test(iso)) return iso;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not an ISO date or date-time: ${iso}`);
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The status check for a register status. A changed status must carry its date (the entity records one).
 *
 * @example
 * statusCheck({ status: 'revoked', statusChangedAt: '2026-11-20T02:00:00Z' }).code; // 'STATUS_REVOKED'
 */
export function statusCheck(record: { readonly status: CertificateStatus; readonly statusChangedAt?: string }): Check {
  if (record.status === 'valid') return checkFor('STATUS_VALID');
  if (!record.statusChangedAt) throw new Error(`status ${record.status} without statusChangedAt`);
  const since = shanghaiDate(record.statusChangedAt);
  switch (record.status) {
    case 'suspended':
      return checkFor('STATUS_SUSPENDED', { since });
    case 'revoked':
      return checkFor('STATUS_REVOKED', { since });
    case 'cancelled':
      return checkFor('STATUS_CANCELLED', { since });
  }
}

/**
 * The validity check: valid through its last day (`validUntil` inclusive), judged on the Asia/Shanghai date.
 *
 * @example
 * validityCheck('2031-09-27', '2031-09-28').code; // 'EXPIRED'
 */
export function validityCheck(validUntil: string, today: string): Check {
  if (!DATE_ONLY.test(validUntil) || !DATE_ONLY.test(today)) {
    throw new Error(`validityCheck needs YYYY-MM-DD dates, got ${validUntil} and ${today}`);
  }
  return today > validUntil ? checkFor('EXPIRED', { validUntil }) : checkFor('WITHIN_VALIDITY', { validUntil });
}

/**
 * The version check: a newer version is a warning on a passing check, never a failure.
 *
 * @example
 * versionCheck(1, 2).warning?.en; // 'This is not the latest certificate: rely on version 2, …'
 */
export function versionCheck(version: number, latestVersion: number): Check {
  return latestVersion > version ? checkFor('NEWER_VERSION', { latest: latestVersion }) : checkFor('VERSION_LATEST');
}

const PDF_SIGNATURE_FAILURE = {
  malformed: 'PDF_SIGNATURE_MALFORMED',
  'byte-range': 'PDF_SIGNATURE_BYTE_RANGE',
  digest: 'PDF_SIGNATURE_DIGEST',
  'cms-signature': 'PDF_SIGNATURE_CMS_SIGNATURE',
  'untrusted-chain': 'PDF_SIGNATURE_UNTRUSTED_CHAIN',
  'modified-after-signing': 'PDF_SIGNATURE_MODIFIED_AFTER_SIGNING',
  'timestamp-invalid': 'PDF_SIGNATURE_TIMESTAMP_INVALID',
} as const satisfies Record<PdfSignatureProblem, ReasonCodeOf<'pdfSignature', 'fail'>>;

/**
 * The `pdfSignature` check for what a {@link PdfSignatureFinding} found in an uploaded PDF: `valid` passes (naming
 * the signer, the level and, for B-T, the timestamp in Beijing time), `absent` is skipped as "not signed (issued
 * before PDF signatures)" — which never fails the verdict —, each problem fails with its own code, `unavailable`
 * is unavailable. For anything that is not a file, use `checkFor('PDF_SIGNATURE_NOT_APPLICABLE')`.
 *
 * @example
 * pdfSignatureCheck({ state: 'invalid', problem: 'digest' }).code; // 'PDF_SIGNATURE_DIGEST'
 * pdfSignatureCheck({ state: 'absent' }).outcome; // 'skipped'
 */
export function pdfSignatureCheck(finding: PdfSignatureFinding): Check {
  switch (finding.state) {
    case 'valid':
      return checkFor('PDF_SIGNATURE_VALID', {
        signer: finding.signer,
        level: finding.level,
        ...(finding.timestampedAt === undefined ? {} : { timestampedAt: finding.timestampedAt }),
        ...(finding.documentTimestamp === undefined ? {} : { documentTimestamp: finding.documentTimestamp }),
      });
    case 'absent':
      return checkFor('PDF_SIGNATURE_ABSENT');
    case 'invalid':
      return checkFor(PDF_SIGNATURE_FAILURE[finding.problem]);
    case 'unavailable':
      return checkFor('PDF_SIGNATURE_UNAVAILABLE');
  }
}

/**
 * What offline verification cannot do, as checks: record, status and version are skipped with a reason that says
 * so ("status was not checked offline").
 *
 * @example
 * buildResult({ mode: 'offline', checks: [checkFor('FORMAT_OK'), checkFor('SIGNATURE_OK'), ...offlineSkips(), v] });
 */
export function offlineSkips(): Check[] {
  return [checkFor('RECORD_OFFLINE'), checkFor('STATUS_OFFLINE'), checkFor('VERSION_OFFLINE')];
}

/**
 * Put the checks that ran into the fixed order and fill every missing one as skipped "because an earlier check did
 * not pass" (a missing `pdfSignature` as plainly "not checked": callers list it, so that never reads as "not
 * applicable" by omission). The format check always runs, so it must be present; a name may appear only once.
 *
 * @example
 * completeChecks([checkFor('QR_BASE32')]).map((c) => c.outcome);
 * // ['fail', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped']
 */
export function completeChecks(ran: readonly Check[]): Check[] {
  const byName = new Map<CheckName, Check>();
  for (const c of ran) {
    if (byName.has(c.name)) throw new Error(`check ${c.name} given twice`);
    byName.set(c.name, c);
  }
  const format = byName.get('format');
  if (!format) throw new Error('the format check always runs; it is missing');
  return [format, ...CHECK_NAMES.filter((n) => n !== 'format').map((n) => byName.get(n) ?? checkFor(skippedCode(n)))];
}
