/**
 * Port: the certificate register — heads, versions, serials, idempotency records and the audit trail, each change
 * committed atomically. Licence numbers go in and come out as {@link LicenceNumber} value objects; only the adapter
 * (`lambdas/adapters/dynamo/certificate-repository.ts`) writes them as text and parses them back.
 */

import type { AuditEvent } from '../domain/audit-event';
import type { CertificateSnapshot } from '../domain/certificate-snapshot';
import type { CertificateStatus } from '../domain/certificate-status';
import type { IssuedVersion } from '../domain/issued-version';
import type { LicenceNumber } from '../domain/licence-number';
import type { Page, PageRequest } from './page';
import type { TransactionPart } from './transaction-parts';

export interface IdempotencyRecord {
  readonly key: string;
  readonly requestHash: string;
  readonly licenceNo: LicenceNumber;
  readonly version: number;
  readonly at: string;
}

/** Serials reserved for one idempotency key: a retry reuses them, so it never consumes a second serial. */
export interface SerialReservation {
  readonly licenceSerial?: { readonly sequenceKey: string; readonly serial: number };
  readonly paperSerial: string;
}

export interface IssuanceCommit {
  readonly certificate: CertificateSnapshot;
  /** The head's revision before this change, or null for a new certificate. */
  readonly expectedRevision: number | null;
  /** The licence the enterprise guard pointed to before (a licence no longer live), when replacing it. */
  readonly replacesGuardOf?: LicenceNumber;
  readonly version: IssuedVersion;
  readonly reservation: SerialReservation;
  readonly idempotency: IdempotencyRecord;
  readonly audit: AuditEvent;
  /** More parts written in the same transaction (a paper copy's dispatch and outbox message, the application). */
  readonly parts?: readonly TransactionPart[];
  /**
   * A new licence's slot in the status list (its snapshot's `statusListIndex`), claimed only if free: taken →
   * {@link CommitConflict} `slot`, and the caller draws again.
   */
  readonly statusSlot?: number;
}

export interface StatusCommit {
  readonly certificate: CertificateSnapshot;
  readonly expectedRevision: number;
  readonly audit: AuditEvent;
  /** Release the enterprise guard (the certificate became revoked or cancelled). */
  readonly releaseGuard: boolean;
  /** More parts written in the same transaction (the change's transparency-log entry). */
  readonly parts?: readonly TransactionPart[];
}

/** Why a conditional commit failed (`part`: one of the {@link IssuanceCommit.parts}; `slot`: the status-list slot). */
export type CommitConflictReason = 'idempotency' | 'revision' | 'guard' | 'version' | 'part' | 'slot' | 'conflict';

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
  readonly licenceNo: LicenceNumber;
  readonly enterpriseName: string;
  readonly uscc: string;
  readonly status: CertificateStatus;
  readonly version: number;
  readonly validUntil: string;
  readonly procedure: string;
  /** Product category codes (two digits) the licence covers, sorted. */
  readonly categories: readonly string[];
  /** The licence's slot in the status list; absent until it has one (licences issued before the list). */
  readonly statusListIndex?: number;
}

/** Certificates, their versions, serials, idempotency records and audit trail. */
export interface CertificateRepository {
  findIdempotency(key: string): Promise<IdempotencyRecord | undefined>;
  /**
   * The key's idempotency record, and whether serials are reserved under it, in one read of the key's items: issuance
   * looks both up before it reserves, and passes `reservationAbsent` on so `reserveSerials` need not read again.
   */
  findIdempotencyState(key: string): Promise<{ readonly record?: IdempotencyRecord; readonly reserved: boolean }>;
  /** The licence number the enterprise's guard points to (it may no longer be live). */
  guardOf(uscc: string): Promise<LicenceNumber | undefined>;
  get(licenceNo: LicenceNumber): Promise<CertificateHead | undefined>;
  /** The heads of these licences, read together (BatchGetItem, consistent), by printed number; absent ones left out. */
  headsOf(licenceNos: readonly LicenceNumber[]): Promise<ReadonlyMap<string, CertificateHead>>;
  getVersion(licenceNo: LicenceNumber, version: number): Promise<IssuedVersion | undefined>;
  findVersionByPdfSha256(sha256: string): Promise<{ licenceNo: LicenceNumber; version: number } | undefined>;
  /** Reserve (or find the reservation of) serials for an idempotency key. */
  reserveSerials(
    key: string,
    need: { readonly licenceSequence?: string; readonly paperYear: number },
    /** `reservationAbsent`: the caller read that no reservation exists (a twin made since is still found). */
    hint?: { readonly reservationAbsent?: boolean },
  ): Promise<SerialReservation>;
  /**
   * Move a licence sequence's counter up to `serial` if it is below (a migrated licence keeps its serial, and new
   * licences continue after the highest imported). Never lowers it; idempotent.
   */
  raiseLicenceSerial(sequenceKey: string, serial: number): Promise<void>;
  /** Write everything of one issuance atomically; throws {@link CommitConflict} when a condition fails. */
  commitIssuance(commit: IssuanceCommit): Promise<void>;
  commitStatusChange(commit: StatusCommit): Promise<void>;
  recordAudit(event: AuditEvent): Promise<void>;
  listAudit(licenceNo: LicenceNumber, page: PageRequest): Promise<Page<AuditEvent>>;
  /** The summaries of these licences, read together (BatchGetItem), by printed licence number; absent ones left out. */
  summariesOf(licenceNos: readonly LicenceNumber[]): Promise<ReadonlyMap<string, CertificateSummary>>;
  listByUscc(uscc: string, page: PageRequest): Promise<Page<CertificateSummary>>;
  listByStatus(status: CertificateStatus, page: PageRequest): Promise<Page<CertificateSummary>>;
  listAll(page: PageRequest): Promise<Page<CertificateSummary>>;
  /**
   * Certificates whose enterprise name's search key (`domain/enterprise-name-key.ts`) starts with `nameKey` (a
   * non-empty key, normalised by the caller), in key order, through the name index — never a scan. Issuance and
   * every amendment keep the index in the same transaction as the head; {@link indexName} fills it for older ones.
   */
  findByNamePrefix(nameKey: string, page: PageRequest): Promise<Page<CertificateSummary>>;
  /**
   * Make sure the certificate's current name is in the name index (the backfill of certificates issued before it):
   * `added` when its entry was missing and is now written, `present` when it was there, `missing` for no such
   * certificate. Idempotent; conditioned on the head's revision, so a concurrent amendment is never undone.
   */
  indexName(licenceNo: LicenceNumber): Promise<NameIndexOutcome>;
  /**
   * Give a licence issued before the status list the slot `index`, if it has none (the backfill): the slot is claimed
   * only if free and the head updated only at the revision read, in one write — `taken` when another licence holds
   * the slot (draw again), `present` when the licence already has one, `missing` for no such certificate; a change
   * in between is {@link CommitConflict}. `partsFor` adds parts to that write from the head it is conditioned on (the
   * backfill announces a licence that is not valid to the status list).
   */
  assignStatusSlot(
    licenceNo: LicenceNumber,
    index: number,
    partsFor?: (head: CertificateSnapshot) => readonly TransactionPart[],
  ): Promise<StatusSlotOutcome>;
}

/** What {@link CertificateRepository.assignStatusSlot} did. */
export type StatusSlotOutcome = 'assigned' | 'present' | 'taken' | 'missing';

/** What {@link CertificateRepository.indexName} did. */
export type NameIndexOutcome = 'added' | 'present' | 'missing';
