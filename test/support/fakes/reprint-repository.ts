/**
 * In-memory {@link ReprintRepository} on the shared {@link FakeTable}: a reprint is committed with the certificate's
 * head (at the revision read), its PDF digest, its idempotency record and the caller's parts, all or nothing — any
 * failed condition is 409 `CONCURRENT_MODIFICATION`, as the adapter answers; the idempotency record finds the print
 * again.
 *
 * @example
 * const reprints = new FakeReprintRepository(table);
 * await reprints.findReprint('application:APP-…'); // the PaperPrint, once committed
 */
import type { AuditEvent } from '../../../lambdas/domain/audit-event';
import type { CertificateSnapshot } from '../../../lambdas/domain/certificate-snapshot';
import { ConflictError } from '../../../lambdas/domain/errors';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import type { PaperPrint } from '../../../lambdas/domain/paper-print';
import type { ReprintRepository } from '../../../lambdas/ports/reprint-repository';
import type { TransactionPart } from '../../../lambdas/ports/transaction-parts';
import { auditWrite, headWrite } from './certificate-repository';
import { commitAll, stored } from './storage';
import { FakeTable } from './table';

/**
 * The map key of a print: the licence's URL-safe form and the paper serial. The one place this fake turns a licence
 * number into a key.
 *
 * @example
 * keyOf('(鄂)XK06-001-00001', '20260000002'); // '42-XK06-001-00001#20260000002'
 */
export const keyOf = (licenceNo: LicenceNumber | string, paperSerial: string): string =>
  `${(typeof licenceNo === 'string' ? LicenceNumber.parse(licenceNo) : licenceNo).toUrlSafe()}#${paperSerial}`;

export class FakeReprintRepository implements ReprintRepository {
  constructor(readonly table: FakeTable = new FakeTable()) {}

  async findReprint(idempotencyKey: string): Promise<PaperPrint | undefined> {
    const record = this.table.idempotency.get(idempotencyKey);
    if (!record?.paperSerial || !record.licenceNo) return undefined;
    return this.getPrint(record.licenceNo, record.paperSerial);
  }

  async getPrint(licenceNo: LicenceNumber, paperSerial: string): Promise<PaperPrint | undefined> {
    const print = this.table.prints.get(keyOf(licenceNo, paperSerial));
    return print ? stored(print) : undefined;
  }

  async commitReprint(commit: {
    certificate: CertificateSnapshot;
    expectedRevision: number;
    currentVersion: number;
    print: PaperPrint;
    idempotencyKey: string;
    audit: AuditEvent;
    parts: readonly TransactionPart[];
  }): Promise<void> {
    const t = this.table;
    const { print } = commit;
    const printKey = keyOf(print.licenceNo, print.paperSerial);
    commitAll(
      [
        headWrite(t, commit.certificate, commit.expectedRevision, commit.currentVersion, commit.audit.at),
        { reason: 'print', holds: () => !t.prints.has(printKey), apply: () => t.prints.set(printKey, stored(print)) },
        {
          reason: 'digest',
          holds: () => !t.pdfDigests.has(print.pdf.sha256),
          apply: () => t.pdfDigests.set(print.pdf.sha256, { licenceNo: print.licenceNo, version: print.version }),
        },
        {
          reason: 'idempotency',
          holds: () => !t.idempotency.has(commit.idempotencyKey),
          apply: () =>
            t.idempotency.set(commit.idempotencyKey, {
              key: commit.idempotencyKey,
              licenceNo: print.licenceNo,
              version: print.version,
              paperSerial: print.paperSerial,
              requestHash: 'reissue-paper',
              at: commit.audit.at,
            }),
        },
        auditWrite(t, commit.audit),
        ...commit.parts.flatMap((part) => t.partWrites(part)),
      ],
      () =>
        new ConflictError('CONCURRENT_MODIFICATION', 'the certificate or application changed concurrently; try again'),
    );
  }
}
