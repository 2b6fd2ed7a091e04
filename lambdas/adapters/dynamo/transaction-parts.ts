/**
 * What each typed transaction part (`lambdas/ports/transaction-parts.ts`) becomes in DynamoDB: its items, keys and
 * conditions. The one place a part turns into storage — the issuance and reprint transactions add whatever parts
 * they are handed without knowing what they are. Key shapes: `docs/storage.md`.
 *
 * @example
 * const items = parts.flatMap((part) => transactItemsOf(tableName, part));
 */
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { TransactionPart } from '../../ports/transaction-parts';
import { applicationSaveItems } from './application-repository';
import { dispatchItem } from './dispatch-repository';
import { inspectionItem } from './inspection-repository';
import { pendingLogItem } from './log-store';
import { outboxItem } from './outbox-store';
import { webhookEventItem } from './webhook-deliveries';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const MUST_NOT_EXIST = { ConditionExpression: 'attribute_not_exists(pk)' } as const;

/**
 * The transaction items of one part. Every item carries its condition: a failed one cancels the whole transaction.
 *
 * @example
 * transactItemsOf('PermitTable', { kind: 'outbox', message });
 * // [{ Put: { TableName: 'PermitTable', Item: { pk: 'OUTBOX#dispatch#DSP-…', … }, ConditionExpression: … } }]
 */
export function transactItemsOf(tableName: string, part: TransactionPart): TransactItem[] {
  switch (part.kind) {
    case 'application-saved':
      return applicationSaveItems(tableName, part.application, part.expectedRevision);
    case 'inspection-scheduled':
      return [{ Put: { TableName: tableName, Item: inspectionItem(part.inspection), ...MUST_NOT_EXIST } }];
    case 'dispatch-requested':
      return [{ Put: { TableName: tableName, Item: dispatchItem(part.dispatch), ...MUST_NOT_EXIST } }];
    case 'outbox':
      return [{ Put: { TableName: tableName, Item: outboxItem(part.message), ...MUST_NOT_EXIST } }];
    case 'log-entry':
      return [{ Put: { TableName: tableName, Item: pendingLogItem(part.pending, part.message), ...MUST_NOT_EXIST } }];
    case 'webhook-event':
      return [
        { Put: { TableName: tableName, Item: webhookEventItem(part.event), ...MUST_NOT_EXIST } },
        { Put: { TableName: tableName, Item: outboxItem(part.message), ...MUST_NOT_EXIST } },
      ];
  }
}
