/**
 * The vocabulary of a verification answer: the seven checks, their outcomes, the seven verdicts and the public view of
 * a certificate. Types only (plus the fixed lists they are built from); the rules live in `verdict.ts`, the texts in
 * `reasons.ts`, the assembly in `result.ts`.
 */
import type { CertificateStatus } from '../certificate-status';

/**
 * The checks, in the order they run and are shown. Each later check means something only when the earlier ones
 * passed: a record is looked up only for a signature that holds, and so on. `pdfSignature` (the uploaded PDF's own
 * PAdES signature, `docs/pdf-signatures.md`) is the exception: it needs nothing before it, applies to a file only
 * ("not applicable" for a QR, a payload or a lookup) and sits beside `signature` (the QR's signature) because both
 * answer "is it authentic?".
 */
export const CHECK_NAMES = ['format', 'signature', 'pdfSignature', 'record', 'status', 'validity', 'version'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

/**
 * - `pass` / `fail`: the check ran and answered;
 * - `unavailable`: a dependency (key set, database) could not be reached, so the check has no answer;
 * - `skipped`: not run, because an earlier failure makes it meaningless or the mode cannot run it (offline).
 */
export const CHECK_OUTCOMES = ['pass', 'fail', 'unavailable', 'skipped'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

export const VERDICTS = ['valid', 'invalid', 'suspended', 'revoked', 'cancelled', 'expired', 'cannot-confirm'] as const;
export type Verdict = (typeof VERDICTS)[number];

/**
 * How the answer was obtained:
 * - `online`: a QR (or file) checked against the key set **and** the authority's register;
 * - `offline`: a QR checked against a saved JWKS only — record, status and version are not checked;
 * - `lookup`: a licence number looked up in the register without any QR, so there is no signature to check.
 */
export const VERIFICATION_MODES = ['online', 'offline', 'lookup'] as const;
export type VerificationMode = (typeof VERIFICATION_MODES)[number];

// A licence's register status comes from the certificate entity (one definition). Expiry is not a status: it
// follows from `validUntil` and the date.
export { CERTIFICATE_STATUSES, type CertificateStatus } from '../certificate-status';

/** The same text in Chinese (shown first) and English. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/**
 * One check's answer. `code` is the stable machine-readable reason (see `REASONS`); `reason` is its text.
 *
 * @example
 * const c: Check = { name: 'status', outcome: 'fail', code: 'STATUS_REVOKED', reason: { zh: '…', en: '…' } };
 */
export interface Check {
  readonly name: CheckName;
  readonly outcome: CheckOutcome;
  readonly code: string;
  readonly reason: Bilingual;
  /** Something the verifier should know that does not fail the check (a newer certificate version exists). */
  readonly warning?: Bilingual;
}

/** A product on the certificate, as published. */
export interface PublicProduct {
  readonly name: string;
  readonly nameEn?: string;
}

/**
 * What the register publishes about a licence — the fields the national query service shows. Never personal data
 * (no legal representative, no contact, no addresses of people).
 */
export interface PublicCertificate {
  /** Canonical licence number, e.g. `(鄂)XK13-001-00001`. */
  readonly licenceNo: string;
  /** The version this answer is about (the QR's version; the latest one for a lookup). */
  readonly version: number;
  /** The newest issued version of this licence. */
  readonly latestVersion: number;
  readonly enterpriseName: string;
  readonly uscc: string;
  readonly products: readonly PublicProduct[];
  /** `YYYY-MM-DD`, Asia/Shanghai. */
  readonly issueDate: string;
  /** Last day of validity, `YYYY-MM-DD`, Asia/Shanghai. */
  readonly validUntil: string;
  readonly issuingAuthority: string;
  readonly status: CertificateStatus;
  /** When the current status took effect (ISO date or date-time); absent while the licence was never changed. */
  readonly statusChangedAt?: string;
  /** The reason the authority published with a suspension, revocation or cancellation. */
  readonly publicReason?: string;
  /** The licence's slot in the signed status list (`docs/status-list.md`); absent until it has one. */
  readonly statusListIndex?: number;
}

/**
 * The claims the QR signature covers, once the signature has been verified. They identify a licence but carry no
 * status: offline, this is all that is known.
 */
export interface SignedClaims {
  readonly licenceNo: string;
  readonly version: number;
  readonly uscc: string;
  readonly issueDate: string;
  readonly validUntil: string;
}

/**
 * The answer to one verification, the same for the HTML page, the JSON body and the CLI.
 *
 * @example
 * if (result.verdict === 'valid') show(result.certificate); // certificate is never null when valid
 */
export interface VerificationResult {
  readonly verdict: Verdict;
  readonly mode: VerificationMode;
  /**
   * True iff the signature check passed: the QR was made by the authority and is unaltered. It says nothing about
   * status — it lets an offline or `cannot-confirm` answer tell "genuine, status unknown" from "forgery".
   */
  readonly signatureValid: boolean;
  /** One sentence for the verdict, e.g. why nothing could be confirmed. */
  readonly summary: Bilingual;
  /** All seven checks in {@link CHECK_NAMES} order. */
  readonly checks: readonly Check[];
  /** Verified signed claims; null unless the signature check passed. */
  readonly claims: SignedClaims | null;
  /** The register's public view; null unless the record check passed. */
  readonly certificate: PublicCertificate | null;
  /**
   * ISO time the status was read from the register. When a status cache answered, this is when the cache read it,
   * so `checkedAt − statusAsOf` is the answer's age. Null when the status was not read.
   */
  readonly statusAsOf: string | null;
  /** ISO time this answer was computed. */
  readonly checkedAt: string;
  /**
   * The version's issuance entry in the public transparency log (online answers whose record matched; absent
   * otherwise): its inclusion proof, or why there is none.
   */
  readonly log?: LogInclusion;
}

/** Where a version stands in the transparency log: see {@link LogInclusion}. */
export const LOG_STATES = ['included', 'pending', 'missing', 'unavailable'] as const;
export type LogState = (typeof LOG_STATES)[number];

/**
 * A version's issuance entry in the public transparency log, as a verification answer carries it:
 * - `included` — in the tree of the latest checkpoint: the entry, its index and the inclusion proof (base64 hashes)
 *   against that signed checkpoint, so anyone can check it with the log's key alone (`docs/transparency-log.md`);
 * - `pending` — not yet in a checkpoint, less than a minute after the event: the verdict is left alone;
 * - `missing` — still not there a minute after the event, or the log's entry disagrees with the register: the
 *   verdict cannot be `valid` (it becomes `cannot-confirm`, never `invalid`) and staff are alerted;
 * - `unavailable` — the log could not be read: shown, the verdict left alone.
 *
 * @example
 * if (result.log?.state === 'included') verifyInclusion({ index: result.log.index, … });
 */
export type LogInclusion =
  | {
      readonly state: 'included';
      readonly index: number;
      readonly treeSize: number;
      /** The entry's canonical bytes, base64: its leaf hash is SHA-256(0x00 ‖ entry). */
      readonly entry: string;
      /** The audit path, base64 SHA-256 hashes, leaf to root (RFC 9162 §2.1.3). */
      readonly proof: readonly string[];
      /** The signed checkpoint (C2SP signed note) the proof leads to. */
      readonly checkpoint: string;
      readonly text: Bilingual;
    }
  | { readonly state: 'pending' | 'missing' | 'unavailable'; readonly text: Bilingual };
