/**
 * DynamoDB adapter of {@link ReprintRepository}: a paper reissue (补领) of the **same version**. The version record is
 * immutable, so the reprint is its own item, written with the head (new paper serial, revision + 1) in one
 * transaction (see `docs/storage.md`):
 * - `CERT#{lic}` / `PRINT#{paperSerial}` — the reprint: version, paper serial, its PDF (key, SHA-256, size), the QR
 *   text it carries (the version's: the signed claims do not include the paper serial), who, when, source.
 * - `PDFSHA#{sha256}` / `#PDF` → licence + version, as for a version's PDF.
 * - `IDEM#{key}` / `#RESULT` with the paper serial, so a repeated request replays.
 * - the caller's transaction parts (`lambdas/adapters/dynamo/transaction-parts.ts`).
 *
 * @example
 * await reprints.commitReprint({ certificate, expectedRevision, currentVersion, print, idempotencyKey, audit, parts });
 */
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../../domain/audit-event';
import type { CertificateSnapshot } from '../../domain/certificate-snapshot';
import { ConflictError } from '../../domain/errors';
import type { LicenceNumber } from '../../domain/licence-number';
import type { PaperPrint } from '../../domain/paper-print';
import type { ReprintRepository } from '../../ports/reprint-repository';
import type { TransactionPart } from '../../ports/transaction-parts';
import { auditItem, headItem, keys } from './certificate-repository';
import { licenceFromStorage, licenceKey, printFromStorage, type StoredPrint, storedPrint } from './stored-records';
import { transactItemsOf } from './transaction-parts';

export const printKey = (licenceNo: LicenceNumber, paperSerial: string) => ({
  pk: `CERT#${licenceKey(licenceNo)}`,
  sk: `PRINT#${paperSerial}`,
});

export class DynamoReprintRepository implements ReprintRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async findReprint(idempotencyKey: string): Promise<PaperPrint | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.idempotency(idempotencyKey), ConsistentRead: true }),
    );
    const paperSerial = (out.Item?.record as { paperSerial?: string } | undefined)?.paperSerial;
    const text = (out.Item?.record as { licenceNo?: string } | undefined)?.licenceNo;
    if (!paperSerial || !text) return undefined;
    return this.getPrint(licenceFromStorage(text), paperSerial);
  }

  async getPrint(licenceNo: LicenceNumber, paperSerial: string): Promise<PaperPrint | undefined> {
    const print = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: printKey(licenceNo, paperSerial), ConsistentRead: true }),
    );
    const stored = print.Item?.print as StoredPrint | undefined;
    return stored ? printFromStorage(stored, licenceNo) : undefined;
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
    const { print } = commit;
    const put = (Item: Record<string, unknown>, condition?: Record<string, unknown>) => ({
      Put: { TableName: this.tableName, Item, ...condition },
    });
    const mustNotExist = { ConditionExpression: 'attribute_not_exists(pk)' };
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            put(headItem({ certificate: commit.certificate }, commit.currentVersion, commit.audit.at), {
              ConditionExpression: 'revision = :r',
              ExpressionAttributeValues: { ':r': commit.expectedRevision },
            }),
            put(
              { ...printKey(print.licenceNo, print.paperSerial), type: 'paper-print', print: storedPrint(print) },
              mustNotExist,
            ),
            put(
              {
                ...keys.pdfSha(print.pdf.sha256),
                type: 'pdf-digest',
                licenceNo: print.licenceNo.toString(),
                version: print.version,
              },
              mustNotExist,
            ),
            put(
              {
                ...keys.idempotency(commit.idempotencyKey),
                type: 'idempotency',
                record: {
                  key: commit.idempotencyKey,
                  licenceNo: print.licenceNo.toString(),
                  version: print.version,
                  paperSerial: print.paperSerial,
                  requestHash: 'reissue-paper',
                  at: commit.audit.at,
                },
              },
              mustNotExist,
            ),
            put(auditItem(commit.audit)),
            ...commit.parts.flatMap((part) => transactItemsOf(this.tableName, part)),
          ],
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name !== 'TransactionCanceledException') throw error;
      throw new ConflictError(
        'CONCURRENT_MODIFICATION',
        'the certificate or application changed concurrently; try again',
      );
    }
  }
}
