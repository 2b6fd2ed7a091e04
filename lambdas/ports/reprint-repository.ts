/**
 * Port: where paper reprints are committed. Adapter: `lambdas/adapters/dynamo/reprint-repository.ts`.
 */

import type { AuditEvent } from '../domain/audit-event';
import type { CertificateSnapshot } from '../domain/certificate-snapshot';
import type { LicenceNumber } from '../domain/licence-number';
import type { PaperPrint } from '../domain/paper-print';
import type { TransactionPart } from './transaction-parts';

/**
 * Where reprints are stored.
 *
 * @example
 * await reprints.findReprint('application:APP-…');
 * await reprints.getPrint(licenceNo, '20260000002');
 */
export interface ReprintRepository {
  findReprint(idempotencyKey: string): Promise<PaperPrint | undefined>;
  /** A licence's print by its paper serial (read consistently); undefined when there is none. */
  getPrint(licenceNo: LicenceNumber, paperSerial: string): Promise<PaperPrint | undefined>;
  commitReprint(commit: {
    certificate: CertificateSnapshot;
    expectedRevision: number;
    currentVersion: number;
    print: PaperPrint;
    idempotencyKey: string;
    audit: AuditEvent;
    /** More parts written in the same transaction (a paper copy's dispatch and outbox message, the application). */
    parts: readonly TransactionPart[];
  }): Promise<void>;
}
