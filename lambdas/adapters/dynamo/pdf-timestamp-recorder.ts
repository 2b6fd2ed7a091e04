/**
 * DynamoDB adapter of {@link PdfTimestampRecorder}: one transaction (see `docs/storage.md`) —
 * - the version `CERT#{lic}` / `VER#{n}` (its `record.pdf`), or the reprint `CERT#{lic}` / `PRINT#{paperSerial}` (its
 *   `print.pdf`), set to the timestamped file on condition that its `pdf.sha256` is still the B-B file's;
 * - `PDFSHA#{sha256}` / `#PDF` of the new file → the same licence and version (new: `attribute_not_exists`); the B-B
 *   file's item stays, so both digests find the version;
 * - the audit event (`AUDIT#…`, as every change of the register);
 * - the outbox message deleted (completed), as the webhook worker completes its own in its write.
 *
 * A failed condition cancels everything: `changed`.
 *
 * @example
 * const recorder = new DynamoPdfTimestampRecorder(dynamoClient(), config().tableName);
 * await recorder.recordTimestamped({ target, from, to, audit, message }); // 'recorded' | 'changed'
 */
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type {
  PdfTimestampRecorder,
  TimestampedPdfCommit,
  TimestampRecordOutcome,
} from '../../ports/pdf-timestamp-recorder';
import { auditItem, keys } from './certificate-repository';
import { outboxKey } from './outbox-store';
import { printKey } from './reprint-repository';

export class DynamoPdfTimestampRecorder implements PdfTimestampRecorder {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async recordTimestamped(commit: TimestampedPdfCommit): Promise<TimestampRecordOutcome> {
    const { target, from, to } = commit;
    const reprint = target.paperSerial !== undefined;
    // The version's record and a reprint's print hold the same StoredPdf under different attributes.
    const holder = reprint ? 'print' : 'record';
    const key = reprint
      ? printKey(target.licenceNo, target.paperSerial as string)
      : keys.version(target.licenceNo, target.version);
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: key,
                UpdateExpression: 'SET #holder.pdf = :to',
                ConditionExpression: '#holder.pdf.sha256 = :from',
                ExpressionAttributeNames: { '#holder': holder },
                ExpressionAttributeValues: { ':to': to, ':from': from.sha256 },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...keys.pdfSha(to.sha256),
                  type: 'pdf-digest',
                  licenceNo: target.licenceNo.toString(),
                  version: target.version,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            { Put: { TableName: this.tableName, Item: auditItem(commit.audit) } },
            { Delete: { TableName: this.tableName, Key: outboxKey(commit.message) } },
          ],
        }),
      );
      return 'recorded';
    } catch (error) {
      if ((error as { name?: string }).name === 'TransactionCanceledException') return 'changed';
      throw error;
    }
  }
}
