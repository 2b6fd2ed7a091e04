/**
 * The two conditional puts the entity repositories make: a new item only if its key is free, and a changed item only
 * at the revision read (optimistic locking: `CONCURRENT_MODIFICATION`, 409, tells the caller to read it again).
 *
 * @example
 * if (!(await putIfAbsent(client, tableName, item))) return 'exists';
 * await putAtRevision(client, tableName, item, expectedRevision, `plan ${id}`);
 */
import {
  type DynamoDBDocumentClient,
  PutCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../domain/errors';

/**
 * Whether DynamoDB refused a write for its condition.
 *
 * @example
 * if (!isConditionFailure(error)) throw error;
 */
export const isConditionFailure = (error: unknown): boolean =>
  (error as { name?: string }).name === 'ConditionalCheckFailedException';

/**
 * Put the item if no item has its key; false when one has (nothing is written).
 *
 * @example
 * const created = await putIfAbsent(client, tableName, inspectionItem(snapshot));
 */
export async function putIfAbsent(
  client: DynamoDBDocumentClient,
  tableName: string,
  item: Record<string, unknown>,
): Promise<boolean> {
  try {
    await client.send(
      new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    return true;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return false;
  }
}

/**
 * Put the item if the stored one is at `expectedRevision`; else `CONCURRENT_MODIFICATION` (409) naming `what`.
 *
 * @example
 * await putAtRevision(client, tableName, planItem(next), 2, `plan ${next.id}`);
 */
export async function putAtRevision(
  client: DynamoDBDocumentClient,
  tableName: string,
  item: Record<string, unknown>,
  expectedRevision: number,
  what: string,
): Promise<void> {
  try {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: item,
        ConditionExpression: 'revision = :r',
        ExpressionAttributeValues: { ':r': expectedRevision },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    throw new ConflictError('CONCURRENT_MODIFICATION', `${what} changed concurrently; read it again`);
  }
}

/**
 * Write the items in one transaction if every condition holds; false when DynamoDB cancelled it (a condition failed,
 * or a conflicting transaction), nothing written.
 *
 * @example
 * if (!(await transactIfHeld(client, [{ Put: { … ConditionExpression: 'attribute_not_exists(pk)' } }]))) return 'exists';
 */
export async function transactIfHeld(
  client: DynamoDBDocumentClient,
  items: NonNullable<TransactWriteCommandInput['TransactItems']>,
): Promise<boolean> {
  try {
    await client.send(new TransactWriteCommand({ TransactItems: items }));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'TransactionCanceledException') return false;
    throw error;
  }
}
