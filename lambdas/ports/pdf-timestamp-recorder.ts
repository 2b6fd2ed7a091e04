/**
 * Port: records a certificate PDF's document timestamp (PAdES B-B → B-T, added after issuance because the TSA was
 * unreachable then) in one transaction. Adapter: `lambdas/adapters/dynamo/pdf-timestamp-recorder.ts`; its one caller
 * is the PDF timestamper (`lambdas/use-cases/pdf-timestamps/upgrade.ts`).
 */
import type { AuditEvent } from '../domain/audit-event';
import type { LicenceNumber } from '../domain/licence-number';
import type { StoredPdf } from '../domain/pdf-signature/stored-pdf';
import type { OutboxRef } from './transaction-parts';

/**
 * Which stored PDF was timestamped: a version's electronic certificate, or a reprint's file (`paperSerial`). `version`
 * is the version either belongs to: the new digest is registered for it.
 *
 * @example
 * const target: TimestampedTarget = { licenceNo, version: 1, paperSerial: '20260000002' };
 */
export interface TimestampedTarget {
  readonly licenceNo: LicenceNumber;
  readonly version: number;
  /** A reprint's paper serial; absent for the version's own PDF. */
  readonly paperSerial?: string;
}

/**
 * One upgrade to record, all or nothing:
 * - the target's `pdf` becomes `to`, only if its digest is still `from`'s (the B-B file read);
 * - `to`'s SHA-256 is registered for the same licence and version (`from`'s stays registered: the B-B file still
 *   verifies);
 * - the audit event is written;
 * - the outbox message that asked for the timestamp is completed.
 *
 * The transparency log is not touched: it keeps the first committed file's digest.
 *
 * @example
 * await recorder.recordTimestamped({ target, from: version.pdf, to: { ...stored, pades: 'B-T' }, audit, message });
 */
export interface TimestampedPdfCommit {
  readonly target: TimestampedTarget;
  /** The B-B file as the target held it when read. */
  readonly from: StoredPdf;
  /** The timestamped file, already stored. */
  readonly to: StoredPdf;
  readonly audit: AuditEvent;
  readonly message: OutboxRef;
}

/**
 * `recorded`, or `changed` when a condition failed and nothing was written: the target no longer holds `from` (another
 * run upgraded it first) or is gone — read it again.
 */
export type TimestampRecordOutcome = 'recorded' | 'changed';

/**
 * Where timestamped PDFs are recorded.
 *
 * @example
 * if ((await recorder.recordTimestamped(commit)) === 'changed') {
 *   // read the target again: another run may have upgraded it already
 * }
 */
export interface PdfTimestampRecorder {
  recordTimestamped(commit: TimestampedPdfCommit): Promise<TimestampRecordOutcome>;
}
