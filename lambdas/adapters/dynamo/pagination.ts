/**
 * Opaque list cursors: DynamoDB's `LastEvaluatedKey` as base64url JSON. A cursor that does not decode to a key of the
 * expected shape is a 400, never a 500.
 *
 * @example
 * const out = await client.send(new QueryCommand({ ...query, ExclusiveStartKey: decodeCursor(page.cursor) }));
 * return { items, ...cursorOf(out.LastEvaluatedKey) };
 */
import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../../domain/errors';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const invalid = () =>
    new ValidationError('INVALID_CURSOR', 'cursor is not one this API issued', [
      { field: 'query.cursor', message: 'invalid cursor' },
    ]);
  if (cursor.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (!key || typeof key !== 'object' || Array.isArray(key)) throw invalid();
    for (const value of Object.values(key)) if (typeof value !== 'string') throw invalid();
    return key as Record<string, unknown>;
  } catch {
    throw invalid();
  }
}

export function cursorOf(lastKey: Record<string, unknown> | undefined): { cursor?: string } {
  return lastKey ? { cursor: Buffer.from(JSON.stringify(lastKey), 'utf8').toString('base64url') } : {};
}

export const pageSize = (limit: number | undefined): number =>
  Math.max(1, Math.min(MAX_PAGE_SIZE, Math.trunc(limit ?? DEFAULT_PAGE_SIZE)));

/**
 * One page of a Query: the page size and cursor applied, the items mapped, the next cursor returned.
 *
 * @example
 * return queryPage(client, tableName, { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', … }, page, map);
 */
export async function queryPage<T>(
  client: DynamoDBDocumentClient,
  tableName: string,
  input: Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey'>,
  page: { readonly limit?: number; readonly cursor?: string },
  map: (item: Record<string, unknown>) => T,
): Promise<{ items: T[]; cursor?: string }> {
  const out = await client.send(
    new QueryCommand({
      TableName: tableName,
      ...input,
      Limit: pageSize(page.limit),
      ExclusiveStartKey: decodeCursor(page.cursor),
    }),
  );
  return { items: (out.Items ?? []).map(map), ...cursorOf(out.LastEvaluatedKey) };
}

/**
 * Every item of one partition, read consistently across as many pages as it takes (small partitions only: an
 * application with its documents, the key ring, the loaded calendars).
 *
 * @example
 * const items = await queryPartition(client, tableName, `APP#${id}`);
 */
export async function queryPartition(
  client: DynamoDBDocumentClient,
  tableName: string,
  pk: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}
