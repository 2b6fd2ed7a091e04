/**
 * verifyCertificate — the online verifier behind the QR URL, the lookup and the file check. It runs the seven checks
 * (format, signature, PDF signature, record, status, validity, version) and returns the one result model the page,
 * the JSON answer and the CLI show (`docs/verification.md`).
 *
 * The PDF signature is checked for an uploaded file only, with `pdfSignatures` (wired by the `verify-file` function
 * alone, so the QR verifier bundles no PDF or CMS library), in parallel with everything else since it needs no
 * register; every other request — and a file when no checker is wired — lists it as not applicable.
 *
 * It never throws for anything a verifier sends: a malformed payload is a failed format check. When a dependency
 * fails it degrades, never to green: register unreachable (error or timeout) → record and status `unavailable` and
 * the verdict `cannot-confirm`, while the signature is still checked; key set unreadable → signature `unavailable`.
 *
 * @example
 * const result = await verifyCertificate(deps, { kind: 'payload', payload: params.payload });
 * result.verdict; // 'valid' | 'invalid' | 'revoked' | … | 'cannot-confirm'
 */

import { createHash } from 'node:crypto';
import { localDateOf } from '../domain/dates';
import { DependencyUnavailableError } from '../domain/errors';
import type { IssuedVersion } from '../domain/issued-version';
import { LicenceNumber } from '../domain/licence-number';
import type { KeySet } from '../domain/signing/key-set';
import type { CertificateClaims } from '../domain/signing/qr-claims';
import { logInclusionText } from '../domain/verification/log-inclusion';
import {
  type Credential,
  type CredentialCheck,
  checkCredential,
  credentialFromText,
  signedClaimsOf,
} from '../domain/verification/offline';
import {
  type Bilingual,
  buildResult,
  type Check,
  checkFor,
  type LogInclusion,
  type PublicCertificate,
  pdfSignatureCheck,
  statusCheck,
  type Verdict,
  type VerificationMode,
  type VerificationResult,
  validityCheck,
  versionCheck,
} from '../domain/verification/result';
import type { CertificateHead } from '../ports/certificate-repository';
import type { Clock } from '../ports/clock';
import type { KeySetProvider } from '../ports/key-set-provider';
import type { Metrics } from '../ports/metrics';
import type { PdfSignatureCheck } from '../ports/pdf-signature-check';
import type { RegisterReader } from '../ports/register-reader';
import { type InclusionDeps, versionInclusion } from './transparency/inclusion';
import { publicCertificate, statusOf, versionMatches } from './verification-record';

export interface VerifyDeps {
  readonly keys: KeySetProvider;
  readonly register: RegisterReader;
  readonly clock: Clock;
  /** Budget for all register reads of one verification; past it the register counts as unavailable. */
  readonly registerTimeoutMs?: number;
  /** Issuing authority named in the summary sentence. */
  readonly authority?: Bilingual;
  /** Told about each dependency failure that degraded an answer (for logs and metrics). */
  readonly onDependencyError?: (dependency: 'keys' | 'register' | 'pdfSignatures', error: unknown) => void;
  /** The transparency log: online answers whose record matched carry the version's inclusion. */
  readonly log?: InclusionDeps;
  /** Checks an uploaded PDF's own PAdES signature; without it a file's PDF signature is "not applicable". */
  readonly pdfSignatures?: PdfSignatureCheck;
}

/** What to verify. */
export type VerifyRequest =
  /** The Base32 payload from the QR URL's path. */
  | { readonly kind: 'payload'; readonly payload: string }
  /** A scanned QR text (or bare payload); `licenceNo` is a number presented beside it, which must be the same. */
  | { readonly kind: 'qr'; readonly text: string; readonly licenceNo?: string }
  /** A certificate PDF: this exact file must have been issued, and its embedded QR must verify and match it. */
  | { readonly kind: 'pdf'; readonly bytes: Uint8Array }
  /** A licence number alone (no QR, so no signature to check). */
  | { readonly kind: 'lookup'; readonly licenceNo: string };

export const DEFAULT_REGISTER_TIMEOUT_MS = 1500;

/**
 * The metrics of one answered verification (`docs/metrics.md`): `Verdict` by its verdict and `VerificationLatency`
 * from the handler's entry (`startedAt`, a `performance.now()` reading) to its response.
 *
 * @example
 * const startedAt = performance.now();
 * const result = await verifyCertificate(deps, request);
 * recordVerification(metrics, result.verdict, startedAt);
 */
export function recordVerification(metrics: Metrics, verdict: Verdict, startedAt: number): void {
  metrics.count('Verdict', { name: 'verdict', value: verdict });
  metrics.duration('VerificationLatency', performance.now() - startedAt);
}

/**
 * Verify a QR, a file or a licence number.
 *
 * @example
 * await verifyCertificate(deps, { kind: 'qr', text: body.qr, licenceNo: body.licenceNo });
 * await verifyCertificate(deps, { kind: 'lookup', licenceNo: params.licenceNo });
 */
export async function verifyCertificate(deps: VerifyDeps, request: VerifyRequest): Promise<VerificationResult> {
  switch (request.kind) {
    case 'lookup':
      return lookup(deps, request.licenceNo);
    case 'payload':
      return verifyOnline(deps, { kind: 'qr-payload', payload: request.payload }, NOT_APPLICABLE);
    case 'qr':
      return verifyOnline(deps, credentialFromText(request.text), NOT_APPLICABLE, request.licenceNo);
    case 'pdf': {
      // Started first and awaited last: it runs while the key set and the register are read.
      const pdfSignature = checkPdfSignature(deps, request.bytes);
      return verifyOnline(deps, { kind: 'pdf', bytes: request.bytes }, pdfSignature);
    }
  }
}

const NOT_APPLICABLE: Promise<Check> = Promise.resolve(checkFor('PDF_SIGNATURE_NOT_APPLICABLE'));

/**
 * The file's own signature. The port never throws; should an adapter all the same, the answer degrades to
 * `unavailable` (so `cannot-confirm`, never `valid`) instead of failing the request.
 */
async function checkPdfSignature(deps: VerifyDeps, bytes: Uint8Array): Promise<Check> {
  if (!deps.pdfSignatures) return checkFor('PDF_SIGNATURE_NOT_APPLICABLE');
  try {
    return pdfSignatureCheck(await deps.pdfSignatures.check(bytes));
  } catch (error) {
    deps.onDependencyError?.('pdfSignatures', error);
    return checkFor('PDF_SIGNATURE_UNAVAILABLE');
  }
}

interface Outcome {
  readonly checks: readonly Check[];
  readonly log?: LogInclusion;
  readonly claims?: CertificateClaims;
  readonly certificate?: PublicCertificate;
  readonly statusAsOf?: Date;
}

/**
 * A licence number a verifier brought — the signed claims' number, or one typed or printed beside a QR — parsed once,
 * here; undefined when it is none Permit issues (a national number, a typo), which no register record can match.
 */
function licenceOf(text: string): LicenceNumber | undefined {
  try {
    return LicenceNumber.parse(text);
  } catch {
    return undefined;
  }
}

async function verifyOnline(
  deps: VerifyDeps,
  credential: Credential,
  pdfSignature: Promise<Check>,
  presented?: string,
): Promise<VerificationResult> {
  const outcome = await verifyQrOnline(deps, credential, presented);
  return finish(deps, 'online', { ...outcome, checks: [...outcome.checks, await pdfSignature] });
}

async function verifyQrOnline(deps: VerifyDeps, credential: Credential, presented?: string): Promise<Outcome> {
  const read = await readCredential(deps, credential);
  if (!read.claims || !read.key) return read;
  const claims = read.claims;
  const authentic = [...read.checks];
  const licenceNo = licenceOf(claims.licenceNo);
  if (presented !== undefined) {
    const shown = licenceOf(presented);
    if (!shown || !licenceNo || !shown.equals(licenceNo)) {
      // Licence A's genuine claims presented as licence B: the pair is a forgery, whatever A's status.
      return { checks: [...authentic, checkFor('RECORD_MISMATCH')], claims };
    }
  }
  // Permit issues provincial numbers only; anything else (a national number) cannot be in the register.
  if (!licenceNo) {
    return { checks: [...authentic, checkFor('RECORD_NOT_FOUND')], claims };
  }
  const bytes = credential.kind === 'pdf' ? credential.bytes : undefined;
  let reads: [{ head: CertificateHead | undefined; readAt: Date }, IssuedVersion | undefined, FileMatch];
  try {
    reads = await withDeadline(
      Promise.all([
        deps.register.head(licenceNo),
        deps.register.version(licenceNo, claims.version),
        bytes ? fileMatches(deps, bytes, claims, licenceNo) : Promise.resolve<FileMatch>('not-a-file'),
      ]),
      deps.registerTimeoutMs ?? DEFAULT_REGISTER_TIMEOUT_MS,
    );
  } catch (error) {
    deps.onDependencyError?.('register', error);
    return { checks: [...authentic, ...registerUnavailable(claims, deps.clock)], claims };
  }
  const [{ head, readAt }, issued, file] = reads;
  if (file === 'altered') return { checks: [...authentic, checkFor('FILE_ALTERED')], claims };
  if (!head) return { checks: [...authentic, checkFor('RECORD_NOT_FOUND')], claims };
  if (claims.version > head.currentVersion || !issued || !versionMatches(claims, licenceNo, read.key.kid, issued)) {
    return { checks: [...authentic, checkFor('RECORD_MISMATCH')], claims };
  }
  const certificate = publicCertificate(head, issued.certificate);
  const log = await inclusionOf(deps, issued);
  return {
    ...(log ? { log } : {}),
    checks: [
      ...authentic,
      checkFor('RECORD_OK'),
      statusCheck(statusOf(head.certificate)),
      validityCheck(claims.validUntil, localDateOf(deps.clock.now())),
      versionCheck(claims.version, head.currentVersion),
    ],
    claims,
    certificate,
    statusAsOf: readAt,
  };
}

async function lookup(deps: VerifyDeps, text: string): Promise<VerificationResult> {
  // No QR and no file: neither signature applies.
  const notApplicable = [checkFor('SIGNATURE_NOT_APPLICABLE'), checkFor('PDF_SIGNATURE_NOT_APPLICABLE')];
  const licenceNo = licenceOf(text);
  if (!licenceNo) {
    return finish(deps, 'lookup', { checks: [checkFor('LICENCE_NO_INVALID'), ...notApplicable] });
  }
  const authentic = [checkFor('LICENCE_NO_OK'), ...notApplicable];
  let read: { head: CertificateHead | undefined; readAt: Date };
  try {
    read = await withDeadline(deps.register.head(licenceNo), deps.registerTimeoutMs ?? DEFAULT_REGISTER_TIMEOUT_MS);
  } catch (error) {
    deps.onDependencyError?.('register', error);
    const unavailable = [
      checkFor('RECORD_UNAVAILABLE'),
      checkFor('STATUS_UNAVAILABLE'),
      checkFor('VALIDITY_UNAVAILABLE'),
      checkFor('VERSION_UNAVAILABLE'),
    ];
    return finish(deps, 'lookup', { checks: [...authentic, ...unavailable] });
  }
  const { head, readAt } = read;
  if (!head) return finish(deps, 'lookup', { checks: [...authentic, checkFor('RECORD_NOT_FOUND')] });
  const current = head.certificate;
  const latest = deps.log
    ? await deps.register.version(licenceNo, head.currentVersion).catch(() => undefined)
    : undefined;
  const log = latest ? await inclusionOf(deps, latest) : undefined;
  return finish(deps, 'lookup', {
    ...(log ? { log } : {}),
    checks: [
      ...authentic,
      checkFor('RECORD_FOUND'),
      statusCheck(statusOf(current)),
      validityCheck(current.validUntil, localDateOf(deps.clock.now())),
      versionCheck(head.currentVersion, head.currentVersion),
    ],
    certificate: publicCertificate(head, current),
    statusAsOf: readAt,
  });
}

/** The version's place in the transparency log, within the register's time budget (`unavailable` past it). */
async function inclusionOf(deps: VerifyDeps, issued: IssuedVersion): Promise<LogInclusion | undefined> {
  if (!deps.log) return undefined;
  const inclusion = versionInclusion(deps.log, {
    licenceNo: issued.licenceNo,
    version: issued.version,
    jws: issued.jws,
    issuedAt: issued.signedAt,
  });
  return withDeadline(inclusion, deps.registerTimeoutMs ?? DEFAULT_REGISTER_TIMEOUT_MS).catch(
    (): LogInclusion => ({ state: 'unavailable', text: logInclusionText('unavailable') }),
  );
}

/** Format and signature; an unknown key reference gets one more try with a freshly read key set (a new key). */
async function readCredential(deps: VerifyDeps, credential: Credential): Promise<CredentialCheck> {
  let keySet: KeySet | undefined;
  try {
    keySet = await deps.keys.get();
  } catch (error) {
    deps.onDependencyError?.('keys', error);
  }
  const first = await checkCredential(credential, keySet, { now: deps.clock.now() });
  if (!first.unknownKey) return first;
  const fresh = await deps.keys.refresh();
  return fresh && fresh !== keySet ? checkCredential(credential, fresh, { now: deps.clock.now() }) : first;
}

type FileMatch = 'not-a-file' | 'issued' | 'altered';

/** An uploaded file is genuine only if its exact bytes are an issued version — the one its QR names. */
async function fileMatches(
  deps: VerifyDeps,
  bytes: Uint8Array,
  claims: CertificateClaims,
  licenceNo: LicenceNumber,
): Promise<FileMatch> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const found = await deps.register.versionByPdfSha256(sha256);
  return found?.licenceNo.equals(licenceNo) && found.version === claims.version ? 'issued' : 'altered';
}

/** The register could not answer: record, status and version unknown; validity still follows from signed dates. */
function registerUnavailable(claims: CertificateClaims, clock: Clock): Check[] {
  return [
    checkFor('RECORD_UNAVAILABLE'),
    checkFor('STATUS_UNAVAILABLE'),
    validityCheck(claims.validUntil, localDateOf(clock.now())),
    checkFor('VERSION_UNAVAILABLE'),
  ];
}

function finish(deps: VerifyDeps, mode: VerificationMode, outcome: Outcome): VerificationResult {
  return buildResult({
    mode,
    checks: outcome.checks,
    claims: signedClaimsOf(outcome.claims),
    certificate: outcome.certificate ?? null,
    statusAsOf: outcome.statusAsOf ?? null,
    checkedAt: deps.clock.now(),
    ...(deps.authority ? { authority: deps.authority } : {}),
    ...(outcome.log ? { log: outcome.log } : {}),
  });
}

/** Reject with `REGISTER_TIMEOUT` after `ms`; the work itself is bounded by the client's own request timeout. */
async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DependencyUnavailableError('REGISTER_TIMEOUT', `the register did not answer in ${ms} ms`)),
      ms,
    );
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
