/**
 * Ports: what the use cases need from the outside world, as interfaces. Adapters in `lambdas/adapters` implement
 * them; `lambdas/composition.ts` wires real ones, tests may wire others.
 */
import type { PrintableCertificate } from './certificate';
import type { CertificateSnapshot } from './certificate-snapshot';
import type { Actor, CertificateStatus } from './certificate-status';

/** A page of a list, with an opaque cursor for the next page (absent on the last page). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly cursor?: string;
}

export interface PageRequest {
  readonly limit?: number;
  readonly cursor?: string;
}

/** One issued version of a certificate: immutable once written. */
export interface IssuedVersion {
  readonly licenceNo: string;
  readonly version: number;
  readonly paperSerial: string;
  readonly certificate: CertificateSnapshot;
  readonly pdf: { readonly key: string; readonly sha256: string; readonly size: number };
  readonly qrText: string;
  readonly jws: string;
  readonly kid: string;
  /** ISO instant the claims were signed. */
  readonly signedAt: string;
  readonly issuedBy: Actor;
  /** Where the issuance came from, e.g. `application:APP-…` or `api`. */
  readonly source: string;
}

/** An audit event: who did what to which licence, when. */
export interface AuditEvent {
  readonly id: string;
  readonly at: string;
  readonly licenceNo: string;
  readonly action: string;
  readonly actor: Actor;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface IdempotencyRecord {
  readonly key: string;
  readonly requestHash: string;
  readonly licenceNo: string;
  readonly version: number;
  readonly at: string;
}

/** Serials reserved for one idempotency key: a retry reuses them, so it never consumes a second serial. */
export interface SerialReservation {
  readonly licenceSerial?: { readonly sequenceKey: string; readonly serial: number };
  readonly paperSerial: string;
}

/** An extra item the caller wants written in the issuance transaction (e.g. the postal-dispatch outbox record). */
export interface ExtraWrite {
  /** A complete item with `pk` and `sk`. */
  readonly item: Readonly<Record<string, unknown>>;
  /** Fail the whole transaction if an item with this key exists. */
  readonly mustNotExist?: boolean;
  /** Fail the whole transaction unless the existing item's `revision` equals this (optimistic lock). */
  readonly expectedRevision?: number;
}

export interface IssuanceCommit {
  readonly certificate: CertificateSnapshot;
  /** The head's revision before this change, or null for a new certificate. */
  readonly expectedRevision: number | null;
  /** The licence the enterprise guard pointed to before (a licence no longer live), when replacing it. */
  readonly replacesGuardOf?: string;
  readonly version: IssuedVersion;
  readonly reservation: SerialReservation;
  readonly idempotency: IdempotencyRecord;
  readonly audit: AuditEvent;
  readonly extraWrites?: readonly ExtraWrite[];
}

export interface StatusCommit {
  readonly certificate: CertificateSnapshot;
  readonly expectedRevision: number;
  readonly audit: AuditEvent;
  /** Release the enterprise guard (the certificate became revoked or cancelled). */
  readonly releaseGuard: boolean;
}

/** Why a conditional commit failed. */
export type CommitConflictReason = 'idempotency' | 'revision' | 'guard' | 'version' | 'extra' | 'conflict';

export class CommitConflict extends Error {
  override readonly name = 'CommitConflict';
  constructor(readonly reason: CommitConflictReason) {
    super(`commit refused: ${reason}`);
  }
}

export interface CertificateHead {
  readonly certificate: CertificateSnapshot;
  readonly currentVersion: number;
  readonly updatedAt: string;
}

export interface CertificateSummary {
  readonly licenceNo: string;
  readonly enterpriseName: string;
  readonly uscc: string;
  readonly status: CertificateStatus;
  readonly version: number;
  readonly validUntil: string;
  readonly procedure: string;
}

/** Certificates, their versions, serials, idempotency records and audit trail. */
export interface CertificateRepository {
  findIdempotency(key: string): Promise<IdempotencyRecord | undefined>;
  /** The licence number the enterprise's guard points to (it may no longer be live). */
  guardOf(uscc: string): Promise<string | undefined>;
  get(licenceNo: string): Promise<CertificateHead | undefined>;
  getVersion(licenceNo: string, version: number): Promise<IssuedVersion | undefined>;
  findVersionByPdfSha256(sha256: string): Promise<{ licenceNo: string; version: number } | undefined>;
  /** Reserve (or find the reservation of) serials for an idempotency key. */
  reserveSerials(
    key: string,
    need: { readonly licenceSequence?: string; readonly paperYear: number },
  ): Promise<SerialReservation>;
  /** Write everything of one issuance atomically; throws {@link CommitConflict} when a condition fails. */
  commitIssuance(commit: IssuanceCommit): Promise<void>;
  commitStatusChange(commit: StatusCommit): Promise<void>;
  recordAudit(event: AuditEvent): Promise<void>;
  listAudit(licenceNo: string, page: PageRequest): Promise<Page<AuditEvent>>;
  listByUscc(uscc: string, page: PageRequest): Promise<Page<CertificateSummary>>;
  listByStatus(status: CertificateStatus, page: PageRequest): Promise<Page<CertificateSummary>>;
  listAll(page: PageRequest): Promise<Page<CertificateSummary>>;
}

/** Checks that a certificate can be drawn: every character printable, the whole layout on the page. */
export interface CertificatePrintCheck {
  /** Throws `UnprocessableError` `TEXT_NOT_PRINTABLE` / `CERTIFICATE_TEXT_TOO_LONG` naming the field and characters. */
  check(printable: PrintableCertificate): void;
}

/** Renders the certificate PDF. `check` refuses unprintable text before anything is reserved or signed. */
export interface CertificateRenderer extends CertificatePrintCheck {
  render(printable: PrintableCertificate, qrText: string): Promise<Uint8Array>;
}

/** Stores certificate PDFs; keys are unique per content, so nothing is ever overwritten. */
export interface PdfStore {
  put(key: string, bytes: Uint8Array): Promise<{ key: string; sha256: string; size: number }>;
  get(key: string): Promise<Uint8Array | undefined>;
  presignDownload(key: string, fileName: string): Promise<string>;
}

/** One stored object as a listing shows it. */
export interface ListedObject {
  readonly key: string;
  readonly lastModified: Date;
}

/**
 * The stored certificate PDFs as the orphan sweep sees them: listed page by page under a key prefix, deleted one by
 * one. (In the versioned cloud bucket a delete leaves a delete marker; the bytes expire with the noncurrent versions.)
 */
export interface PdfSweepStore {
  /** One page of the objects under `prefix` (at most 1000) and the cursor of the next, if any. */
  listPage(
    prefix: string,
    cursor?: string,
  ): Promise<{ readonly items: readonly ListedObject[]; readonly cursor?: string }>;
  /** Delete one object; deleting one that is already gone is no error. */
  delete(key: string): Promise<void>;
}

/** The PDF digests a committed issuance or reprint registered (the `PDFSHA#` items, as `findVersionByPdfSha256`). */
export interface PdfDigestRegister {
  /** Which of these SHA-256 digests are registered. */
  registered(sha256s: readonly string[]): Promise<ReadonlySet<string>>;
}
