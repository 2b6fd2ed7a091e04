/**
 * DynamoDB adapter of {@link OutboxStore}: the one outbox of every topic. Key shapes (see `docs/storage.md`):
 * - message `OUTBOX#{topic}#{id}` / `#MESSAGE` — written as a transaction part with the change it announces
 *   (`attribute_not_exists`), deleted when its consumer completes it;
 * - gsi1 `OUTBOX#PENDING` / `{nextRelayAt}#{topic}#{id}` — **sparse**: only pending messages, read by the relay with
 *   one Query ("everything due by now"); a parked message drops its index keys.
 *
 * @example
 * const outbox = new DynamoOutboxStore(dynamoClient(), config().tableName);
 * await outbox.complete([{ topic: 'dispatch', id: 'DSP-20260000001' }]);
 */
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandOutput,
  TransactWriteCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { OutboxStore, StoredOutboxMessage } from '../../ports/outbox-store';
import type { OutboxMessage, OutboxRef, OutboxTopic } from '../../ports/transaction-parts';
import { batchWrite } from './batch-write';
import { isConditionFailure } from './conditional-writes';

type Item = Record<string, unknown>;

/**
 * Key of a transparency-log entry waiting for the sequencer, which is also its `log` outbox message: the log's pending
 * list, one partition ordered by the event's instant (`lambdas/adapters/dynamo/log-store.ts`).
 *
 * @example
 * logPendingKey('2026-12-05T01:00:00.000Z', 'issuance.42-XK13-001-00001.v1');
 */
export const logPendingKey = (at: string, entryKey: string): { pk: string; sk: string } => ({
  pk: 'TLOG#PENDING',
  sk: `${at}#${entryKey}`,
});

/**
 * Key of an outbox message. A `log` message lives in the log's pending list (it *is* the pending entry), found by its
 * instant and id; every other topic's under `OUTBOX#`.
 *
 * @example
 * outboxKey({ topic: 'dispatch', id: 'DSP-20260000001' }); // { pk: 'OUTBOX#dispatch#DSP-20260000001', sk: '#MESSAGE' }
 */
export const outboxKey = (ref: OutboxRef & { readonly createdAt?: string }): { pk: string; sk: string } => {
  if (ref.topic !== 'log') return { pk: `OUTBOX#${ref.topic}#${ref.id}`, sk: '#MESSAGE' };
  if (!ref.createdAt) throw new Error('a log message is found by its instant: the sequencer completes it');
  return logPendingKey(ref.createdAt, ref.id);
};

/** gsi1 partition of pending messages (the relay's work list, every topic). */
export const PENDING_OUTBOX_PK = 'OUTBOX#PENDING';

/**
 * gsi1 sort key of a pending message: due time first, so "everything due by now" is one Query.
 *
 * @example
 * relaySortKey('2026-01-05T01:02:00.000Z', { topic: 'dispatch', id: 'DSP-20260000001' });
 */
export const relaySortKey = (nextRelayAt: string, ref: OutboxRef): string => `${nextRelayAt}#${ref.topic}#${ref.id}`;

/**
 * The item of a new outbox message, as a transaction part writes it.
 *
 * @example
 * outboxItem(message).gsi1pk; // 'OUTBOX#PENDING'
 */
export function outboxItem(message: OutboxMessage, relayCount = 0): Item {
  return {
    ...outboxKey(message),
    type: 'outbox-message',
    topic: message.topic,
    id: message.id,
    body: message.body,
    createdAt: message.createdAt,
    nextRelayAt: message.nextRelayAt,
    relayCount,
    gsi1pk: PENDING_OUTBOX_PK,
    gsi1sk: relaySortKey(message.nextRelayAt, message),
  };
}

function messageFromItem(item: Item): StoredOutboxMessage {
  return {
    topic: item.topic as OutboxTopic,
    id: item.id as string,
    body: item.body as Readonly<Record<string, unknown>>,
    createdAt: item.createdAt as string,
    ...(item.nextRelayAt ? { nextRelayAt: item.nextRelayAt as string } : {}),
    relayCount: (item.relayCount as number | undefined) ?? 0,
    ...(item.parkedAt ? { parkedAt: item.parkedAt as string } : {}),
  };
}

export class DynamoOutboxStore implements OutboxStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(ref: OutboxRef & { readonly createdAt?: string }): Promise<StoredOutboxMessage | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: outboxKey(ref), ConsistentRead: true }),
    );
    return out.Item ? messageFromItem(out.Item) : undefined;
  }

  async dueForRelay(now: Date, limit: number): Promise<readonly StoredOutboxMessage[]> {
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :due',
        ExpressionAttributeValues: { ':pk': PENDING_OUTBOX_PK, ':due': `${now.toISOString()}#\uffff` },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map(messageFromItem);
  }

  async claimRelay(message: StoredOutboxMessage, nextRelayAt: Date, now: Date): Promise<boolean> {
    const next = nextRelayAt.toISOString();
    return this.#conditional({
      Key: outboxKey(message),
      UpdateExpression: 'SET nextRelayAt = :next, gsi1sk = :sk, relayCount = relayCount + :one, lastRelayAt = :now',
      // A completed message is gone and a parked one has no `nextRelayAt`: neither is claimed.
      ConditionExpression: 'nextRelayAt = :expected',
      ExpressionAttributeValues: {
        ':next': next,
        ':sk': relaySortKey(next, message),
        ':one': 1,
        ':now': now.toISOString(),
        ':expected': message.nextRelayAt ?? '',
      },
    });
  }

  async parkRelay(message: StoredOutboxMessage, now: Date): Promise<boolean> {
    return this.#conditional({
      Key: outboxKey(message),
      UpdateExpression: 'SET parkedAt = :now REMOVE gsi1pk, gsi1sk, nextRelayAt',
      ConditionExpression: 'nextRelayAt = :expected',
      ExpressionAttributeValues: { ':now': now.toISOString(), ':expected': message.nextRelayAt ?? '' },
    });
  }

  /** Deletes the messages (BatchWriteItem, 25 a call): deleting one already gone changes nothing. */
  async complete(messages: readonly OutboxRef[]): Promise<void> {
    const keys = [...new Map(messages.map((m) => [`${m.topic}#${m.id}`, outboxKey(m)])).values()];
    await batchWrite(
      this.client,
      this.tableName,
      keys.map((Key) => ({ DeleteRequest: { Key } })),
    );
  }

  async #conditional(update: Omit<UpdateCommandInput, 'TableName'>): Promise<boolean> {
    try {
      await this.client.send(new UpdateCommand({ TableName: this.tableName, ...update }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}

/** gsi1 partition of the pending dispatches of a table written before the outbox (they relayed themselves). */
const LEGACY_PENDING_DISPATCH_PK = 'DISPATCH#PENDING';

/**
 * One-off upgrade of a table written before the outbox: a dispatch that was still pending carried its own relay keys
 * (gsi1 `DISPATCH#PENDING` / `{nextRelayAt}#{id}`, `relayCount`), which no relay reads any more. Each becomes an
 * outbox message with the same due time and re-send count, and drops its relay keys, in one transaction — so it is
 * relayed exactly as before. Idempotent (a second run finds nothing: one empty Query); returns how many it moved.
 *
 * @example
 * await adoptPendingDispatches(dynamoClient(), config().tableName); // 0 on a table written since
 */
export async function adoptPendingDispatches(client: DynamoDBDocumentClient, tableName: string): Promise<number> {
  let moved = 0;
  let start: Item | undefined;
  do {
    const out: QueryCommandOutput = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': LEGACY_PENDING_DISPATCH_PK },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const legacy of out.Items ?? []) {
      const id = legacy.id as string;
      const message: OutboxMessage = {
        topic: 'dispatch',
        id,
        body: { dispatchId: id },
        createdAt: legacy.requestedAt as string,
        nextRelayAt: legacy.nextRelayAt as string,
      };
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: outboxItem(message, (legacy.relayCount as number | undefined) ?? 0),
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Update: {
                  TableName: tableName,
                  Key: { pk: legacy.pk, sk: legacy.sk },
                  UpdateExpression: 'REMOVE gsi1pk, gsi1sk, nextRelayAt, relayCount',
                  ConditionExpression: 'gsi1pk = :pk AND #state = :pending',
                  ExpressionAttributeNames: { '#state': 'state' },
                  ExpressionAttributeValues: { ':pk': LEGACY_PENDING_DISPATCH_PK, ':pending': 'pending' },
                },
              },
            ],
          }),
        );
        moved++;
      } catch (error) {
        // Another start adopted it, or the worker recorded its waybill meanwhile: nothing left to move.
        if ((error as { name?: string }).name !== 'TransactionCanceledException') throw error;
      }
    }
    start = out.LastEvaluatedKey;
  } while (start);
  return moved;
}
