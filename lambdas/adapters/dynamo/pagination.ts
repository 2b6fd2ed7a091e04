/**
 * Paging a Query. A page's position is DynamoDB's `LastEvaluatedKey` as base64url JSON — a raw position that never
 * leaves the process as is: the HTTP edge seals it into an opaque, bound cursor (`lambdas/shared/cursors.ts`) and
 * opens it again before a use case runs. Even so, a position is checked here against the query it is about to
 * continue (exactly that table's and index's key attributes, strings, the query's own partition), and a
 * `ValidationException` DynamoDB raises about a start key is `400 INVALID_CURSOR` — never a 500.
 *
 * @example
 * const out = await client.send(new QueryCommand({ ...query, ExclusiveStartKey: decodeCursor(page.cursor) }));
 * return { items, ...cursorOf(out.LastEvaluatedKey) };
 */
import {
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { table } from '../../../lib/resources';
import { invalidCursor } from '../../domain/errors';
import { logger } from '../../shared/logger';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  if (cursor.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor();
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (!key || typeof key !== 'object' || Array.isArray(key)) throw invalidCursor();
    for (const value of Object.values(key)) if (typeof value !== 'string') throw invalidCursor();
    return key as Record<string, unknown>;
  } catch {
    throw invalidCursor();
  }
}

/** Longest key value DynamoDB accepts (a partition key; sort keys allow half). */
const MAX_KEY_BYTES = 2048;

/**
 * A position as the exclusive start key of this query, if it is one: exactly the table's key attributes (plus the
 * index's, for an index query), each a non-empty string, and in the partition the key condition names.
 *
 * @example
 * startKeyFor({ pk: 'CERT#…', sk: '#HEAD', gsi3pk: 'CERTS', gsi3sk: '…' }, { IndexName: 'gsi3', … });
 */
export function startKeyFor(
  position: Record<string, unknown>,
  input: Pick<QueryCommandInput, 'IndexName' | 'KeyConditionExpression' | 'ExpressionAttributeValues'>,
): Record<string, unknown> {
  const index = input.IndexName ? table.globalIndexes.find((i) => i.indexName === input.IndexName) : undefined;
  if (input.IndexName && !index) throw new Error(`no index ${input.IndexName} in lib/resources.ts`);
  const schema = [table.partitionKey, table.sortKey, ...(index ? [index.partitionKey, index.sortKey] : [])];
  if (Object.keys(position).length !== schema.length) throw invalidCursor();
  for (const attribute of schema) {
    const value = position[attribute.name];
    const ok =
      attribute.type === 'S'
        ? typeof value === 'string' && value !== '' && Buffer.byteLength(value) <= MAX_KEY_BYTES
        : typeof value === 'number' && Number.isFinite(value);
    if (!Object.hasOwn(position, attribute.name) || !ok) throw invalidCursor();
  }
  // `<partition attribute> = :value …`: the position must lie in that very partition.
  const partition = (index ?? table).partitionKey.name;
  const equality = /^\s*([A-Za-z0-9_]+)\s*=\s*(:[A-Za-z0-9_]+)/.exec(input.KeyConditionExpression ?? '');
  if (equality?.[1] === partition) {
    const expected = input.ExpressionAttributeValues?.[equality[2] as string];
    if (expected !== undefined && position[partition] !== expected) throw invalidCursor();
  }
  return position;
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
  const position = decodeCursor(page.cursor);
  const start = position ? startKeyFor(position, input) : undefined;
  let out: QueryCommandOutput;
  try {
    out = await client.send(
      new QueryCommand({
        TableName: tableName,
        ...input,
        Limit: pageSize(page.limit),
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
  } catch (error) {
    // E.g. "The provided starting key does not match the range key predicate": the caller's cursor, not our fault.
    if (start && (error as { name?: string }).name === 'ValidationException') {
      logger.warn('DynamoDB refused a start key', { index: input.IndexName, error });
      throw invalidCursor();
    }
    throw error;
  }
  return { items: (out.Items ?? []).map(map), ...cursorOf(out.LastEvaluatedKey) };
}

/**
 * Every item of one partition (or those whose sort key starts with `skPrefix`, only the `projection`'s attributes),
 * read consistently across as many pages as it takes (small partitions only: an application with its documents, the
 * key ring, the loaded calendars, an import's chunks).
 *
 * @example
 * const items = await queryPartition(client, tableName, `APP#${id}`);
 */
export async function queryPartition(
  client: DynamoDBDocumentClient,
  tableName: string,
  pk: string,
  options: { readonly skPrefix?: string; readonly projection?: string } = {},
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  const { skPrefix, projection } = options;
  do {
    const out = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: skPrefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk, ...(skPrefix ? { ':prefix': skPrefix } : {}) },
        ...(projection ? { ProjectionExpression: projection } : {}),
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}
