/**
 * The verification result model: assemble the checks a use case ran into the one answer that the page, the JSON
 * body and the CLI all show. Pure TypeScript — no AWS, no HTTP.
 *
 * The result never carries data from a check that did not pass: `claims` only after a good signature, `certificate`
 * only after a matching record. A use case cannot leak unverified or mismatched data by passing it in.
 *
 * @example
 * const result = buildResult({
 *   mode: 'online',
 *   checks: [checkFor('FORMAT_OK'), checkFor('SIGNATURE_OK'), checkFor('RECORD_OK'), statusCheck(record),
 *            validityCheck(record.validUntil, today), versionCheck(claims.version, record.latestVersion)],
 *   claims, certificate, statusAsOf: readAt, checkedAt: clock.now(),
 * });
 */
import { completeChecks } from './checks';
import type {
  Bilingual,
  Check,
  LogInclusion,
  PublicCertificate,
  SignedClaims,
  VerificationMode,
  VerificationResult,
} from './model';
import { decideVerdict } from './verdict';
import { DEFAULT_AUTHORITY, summarise } from './verdict-text';

export * from './checks';
export * from './model';
export * from './reasons';
export * from './verdict';
export * from './verdict-text';

/** What a use case hands over. */
export interface ResultInput {
  readonly mode: VerificationMode;
  /** The checks that ran, in any order; missing ones become "skipped after an earlier failure". */
  readonly checks: readonly Check[];
  /** The verified claims (dropped unless the signature check passed). */
  readonly claims?: SignedClaims | null;
  /** The register's public view (dropped unless the record check passed). */
  readonly certificate?: PublicCertificate | null;
  /** When the status was read from the register; required when the status check passed or failed. */
  readonly statusAsOf?: Date | string | null;
  readonly checkedAt: Date | string;
  /** For the summary sentence; defaults to the Hubei authority. */
  readonly authority?: Bilingual;
  /** The version's transparency-log inclusion (online answers whose record matched). */
  readonly log?: LogInclusion;
}

/**
 * Build the result: order and complete the checks, decide the verdict, drop what did not verify.
 * Throws a plain `Error` only for a programming mistake (no format check, a check twice, a status read without
 * `statusAsOf`, a certificate whose status contradicts the status check) — never for anything a verifier sends.
 *
 * @example
 * buildResult({ mode: 'online', checks: [checkFor('QR_BASE32')], checkedAt: new Date() }).verdict; // 'invalid'
 */
export function buildResult(input: ResultInput): VerificationResult {
  const checks = completeChecks(input.checks);
  const outcome = (name: Check['name']) => checks.find((c) => c.name === name)?.outcome;
  const signatureValid = outcome('signature') === 'pass';
  const certificate = outcome('record') === 'pass' ? (input.certificate ?? null) : null;
  const statusRead = outcome('status') === 'pass' || outcome('status') === 'fail';

  if (statusRead && !input.statusAsOf) throw new Error('the status was read, so statusAsOf is required');
  if (certificate && statusRead) assertStatusAgrees(certificate, checks);

  const log = certificate ? input.log : undefined;
  const verdict = decideVerdict(checks, { mode: input.mode, logMissing: log?.state === 'missing' });
  return {
    verdict,
    mode: input.mode,
    signatureValid,
    summary: summarise(verdict, {
      mode: input.mode,
      signatureValid,
      authority: input.authority ?? DEFAULT_AUTHORITY,
      formatValid: outcome('format') === 'pass',
      pdfSignatureFailed: outcome('pdfSignature') === 'fail',
    }),
    checks,
    claims: signatureValid ? (input.claims ?? null) : null,
    certificate,
    statusAsOf: statusRead && input.statusAsOf ? iso(input.statusAsOf) : null,
    checkedAt: iso(input.checkedAt),
    ...(log ? { log } : {}),
  };
}

const STATUS_CODE = {
  valid: 'STATUS_VALID',
  suspended: 'STATUS_SUSPENDED',
  revoked: 'STATUS_REVOKED',
  cancelled: 'STATUS_CANCELLED',
} as const;

function assertStatusAgrees(certificate: PublicCertificate, checks: readonly Check[]): void {
  const code = checks.find((c) => c.name === 'status')?.code;
  if (code !== STATUS_CODE[certificate.status]) {
    throw new Error(`certificate status ${certificate.status} contradicts status check ${code}`);
  }
}

function iso(t: Date | string): string {
  const ms = t instanceof Date ? t.getTime() : Date.parse(t);
  if (Number.isNaN(ms)) throw new Error(`not a time: ${String(t)}`);
  return new Date(ms).toISOString();
}
