/**
 * The verdict rule — the one place that decides what a verifier is told. Pure; see `docs/verification.md`.
 *
 * Precedence, first match wins:
 * 1. `invalid` — format, signature, PDF signature or record failed: forged, altered, unknown or mismatched. Nothing
 *    else about the QR is trustworthy, so nothing else is reported. A failed PDF signature alone is enough (a file
 *    whose signature is broken was changed, whatever its QR says).
 * 2. `revoked` / `cancelled` / `suspended` — the register says so (a definite answer about a genuine licence).
 * 3. `expired` — past its last day of validity. A revocation outranks expiry because it is the stronger statement
 *    (the authority withdrew the licence) and carries a published reason the verifier should read.
 * 4. `valid` — only when every check passed (the version check may carry a warning), and never offline. Exceptions,
 *    each a skip with one exact code: in `lookup` mode the signature check (no QR: `SIGNATURE_NOT_APPLICABLE`); and
 *    the PDF signature check when there is no file (`PDF_SIGNATURE_NOT_APPLICABLE`) or the file was issued before PDF
 *    signatures (`PDF_SIGNATURE_ABSENT` — the record check already requires its exact bytes to be an issued file).
 *    So "absent" and "not applicable" never change a verdict; an unavailable PDF check leads to `cannot-confirm`.
 * 5. `cannot-confirm` — anything else: a check was unavailable, skipped (offline), missing, or a code is unknown;
 *    and a licence that would be `valid` but whose issuance the transparency log still lacks a minute on.
 *    This is the fail-safe default: no path leads to `valid` by omission.
 */
import type { Check, CheckName, Verdict, VerificationMode } from './model';
import { CHECK_NAMES } from './model';
import type { ReasonCode } from './reasons';

/** What the rule needs besides the checks. */
export interface VerdictFacts {
  readonly mode: VerificationMode;
  /** The transparency log lacks the version's entry a minute after it was issued: never `valid` then. */
  readonly logMissing?: boolean;
}

const STATUS_VERDICT: Partial<Record<ReasonCode, Verdict>> = {
  STATUS_SUSPENDED: 'suspended',
  STATUS_REVOKED: 'revoked',
  STATUS_CANCELLED: 'cancelled',
};

const AUTHENTICITY: readonly CheckName[] = ['format', 'signature', 'pdfSignature', 'record'];

/**
 * Skips of the PDF signature check that count towards `valid`: no file, or a file from before PDF signatures.
 *
 * @example
 * PDF_SIGNATURE_NEUTRAL.includes(check.code); // true for PDF_SIGNATURE_ABSENT
 */
export const PDF_SIGNATURE_NEUTRAL: readonly string[] = [
  'PDF_SIGNATURE_NOT_APPLICABLE',
  'PDF_SIGNATURE_ABSENT',
] satisfies readonly ReasonCode[];

/**
 * Decide the verdict from the checks. Total: it never throws, and any input it does not fully understand ends in
 * `cannot-confirm`, never in `valid`.
 *
 * @example
 * decideVerdict([checkFor('FORMAT_OK'), checkFor('KEY_UNKNOWN')], { mode: 'online' }); // 'invalid'
 * decideVerdict(sevenPassingChecks, { mode: 'offline' }); // 'cannot-confirm'
 */
export function decideVerdict(checks: readonly Check[], facts: VerdictFacts): Verdict {
  const failed = (name: CheckName) => checks.some((c) => c.name === name && c.outcome === 'fail');

  if (AUTHENTICITY.some(failed)) return 'invalid';
  const statusFailure = checks.find((c) => c.name === 'status' && c.outcome === 'fail');
  if (statusFailure) return STATUS_VERDICT[statusFailure.code as ReasonCode] ?? 'cannot-confirm';
  if (failed('validity')) return 'expired';
  if (facts.logMissing) return 'cannot-confirm';
  if (facts.mode !== 'offline' && CHECK_NAMES.every((name) => counts(checks, name, facts.mode))) return 'valid';
  return 'cannot-confirm';
}

/** A check counts towards `valid` when it is present and every entry for its name passed (or is a neutral skip). */
function counts(checks: readonly Check[], name: CheckName, mode: VerificationMode): boolean {
  const mine = checks.filter((c) => c.name === name);
  if (mine.length === 0) return false;
  if (name === 'pdfSignature') {
    return mine.every(
      (c) => c.outcome === 'pass' || (c.outcome === 'skipped' && PDF_SIGNATURE_NEUTRAL.includes(c.code)),
    );
  }
  if (name === 'signature' && mode === 'lookup') {
    return mine.every((c) => c.outcome === 'skipped' && c.code === 'SIGNATURE_NOT_APPLICABLE');
  }
  return mine.every((c) => c.outcome === 'pass');
}
