/**
 * DynamoDB adapter of {@link LogStore}: the transparency log's state on the one table. Key shapes (`docs/storage.md`):
 * - pending entry `TLOG#PENDING` / `{at}#{key}` — written as a transaction part with its event (`attribute_not_exists`),
 *   removed in the transaction that sequences it; one partition, so the sequencer reads it in order, consistently. It
 *   is also the entry's `log` outbox message (`outboxKey`), which the relay re-sends while it is pending;
 * - head `TLOG#HEAD` / `#HEAD` — `sequenced` (entries whose index is fixed) and the published checkpoint;
 * - sequence batch `TLOG#SEQUENCE` / `{start, 12 digits}` — the entries one sequencing fixed, from index `start` on;
 * - location `TLOG#KEY#{key}` / `#LOCATION` — an entry's index and bytes, written in the sequencing transaction (which
 *   removes the pending entry, so completes its outbox message);
 * - mirrored tile `TLOG#TILE#{level}` / `{index, 12 digits}` — the tile's hashes so far (`width`), grow-only;
 * - the head also records when the backfill of older certificates finished (`backfilledAt`).
 *
 * @example
 * const store = new DynamoLogStore(dynamoClient(), config().tableName);
 * const head = await store.head();
 */
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandOutput,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { TileWrite } from '../../domain/transparency/tile-proofs';
import { type TileCoordinates, tilePath } from '../../domain/transparency/tiles';
import {
  type EntryLocation,
  type LogHead,
  type LogStore,
  MAX_SEQUENCE_BATCH,
  type PendingLogEntry,
  type PublishedCheckpoint,
  type SequencedEntry,
} from '../../ports/log-store';
import type { OutboxMessage } from '../../ports/transaction-parts';
import { isConditionFailure } from './conditional-writes';
import { logPendingKey, outboxItem } from './outbox-store';

type Item = Record<string, unknown>;

const HEAD_KEY = { pk: 'TLOG#HEAD', sk: '#HEAD' } as const;
const SEQUENCE_PK = 'TLOG#SEQUENCE';
const pad = (n: number): string => String(n).padStart(12, '0');
const tileKey = (t: Pick<TileCoordinates, 'level' | 'index'>) => ({ pk: `TLOG#TILE#${t.level}`, sk: pad(t.index) });
const locationKey = (key: string) => ({ pk: `TLOG#KEY#${key}`, sk: '#LOCATION' });
const bytesOf = (value: unknown): Uint8Array => (value instanceof Uint8Array ? value : new Uint8Array());

/**
 * The item of a pending entry, as its event's transaction writes it: also the entry's `log` outbox message (the relay
 * finds it by the message's index keys and re-sends it until the sequencer removes it), so the message's id and
 * instant must be the entry's key and instant.
 *
 * @example
 * pendingLogItem({ key, entry, at }, logEntryMessage(key, new Date(at))).pk; // 'TLOG#PENDING'
 */
export function pendingLogItem(pending: PendingLogEntry, message: OutboxMessage): Item {
  if (message.topic !== 'log' || message.id !== pending.key || message.createdAt !== pending.at) {
    throw new Error(`the outbox message of log entry ${pending.key} must be its own (topic log, same id and instant)`);
  }
  return {
    ...outboxItem(message),
    ...logPendingKey(pending.at, pending.key),
    type: 'log-pending',
    key: pending.key,
    entry: pending.entry,
    at: pending.at,
  };
}

export class DynamoLogStore implements LogStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async head(): Promise<LogHead> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: HEAD_KEY, ConsistentRead: true }),
    );
    const item = out.Item;
    if (!item) return { sequenced: 0 };
    return {
      sequenced: (item.sequenced as number | undefined) ?? 0,
      ...(item.checkpointSize !== undefined
        ? {
            checkpoint: {
              treeSize: item.checkpointSize as number,
              root: bytesOf(item.checkpointRoot),
              note: item.checkpointNote as string,
              publishedAt: item.publishedAt as string,
            },
          }
        : {}),
      ...(item.verifierKey ? { verifierKey: item.verifierKey as string } : {}),
      ...(item.backfilledAt ? { backfilledAt: item.backfilledAt as string } : {}),
    };
  }

  async pending(limit: number): Promise<readonly PendingLogEntry[]> {
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': logPendingKey('', '').pk },
        ConsistentRead: true,
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((item) => ({
      key: item.key as string,
      entry: bytesOf(item.entry),
      at: item.at as string,
    }));
  }

  async sequence(entries: readonly PendingLogEntry[], fromSize: number, at: Date): Promise<boolean> {
    if (entries.length === 0) return true;
    if (entries.length > MAX_SEQUENCE_BATCH) throw new Error(`at most ${MAX_SEQUENCE_BATCH} entries a sequencing`);
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: HEAD_KEY,
                UpdateExpression: 'SET sequenced = :to, sequencedAt = :at',
                ConditionExpression:
                  fromSize === 0 ? 'attribute_not_exists(sequenced) OR sequenced = :from' : 'sequenced = :from',
                ExpressionAttributeValues: {
                  ':to': fromSize + entries.length,
                  ':from': fromSize,
                  ':at': at.toISOString(),
                },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  pk: SEQUENCE_PK,
                  sk: pad(fromSize),
                  type: 'log-sequence',
                  start: fromSize,
                  keys: entries.map((e) => e.key),
                  entries: entries.map((e) => e.entry),
                  ats: entries.map((e) => e.at),
                  sequencedAt: at.toISOString(),
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...entries.flatMap((e, i) => [
              {
                Delete: {
                  TableName: this.tableName,
                  Key: logPendingKey(e.at, e.key),
                  ConditionExpression: 'attribute_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: this.tableName,
                  Item: { ...locationKey(e.key), type: 'log-location', index: fromSize + i, entry: e.entry },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ]),
          ],
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'TransactionCanceledException') return false;
      throw error;
    }
  }

  async sequencedRange(start: number, end: number): Promise<readonly SequencedEntry[]> {
    if (end <= start) return [];
    const entries: SequencedEntry[] = [];
    let exclusiveStartKey: Item | undefined;
    do {
      const out: QueryCommandOutput = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': SEQUENCE_PK,
            ':from': pad(Math.max(0, start - MAX_SEQUENCE_BATCH + 1)),
            ':to': pad(end - 1),
          },
          ConsistentRead: true,
          ...(exclusiveStartKey ? { ExclusiveStartKey: exclusiveStartKey } : {}),
        }),
      );
      for (const batch of out.Items ?? []) {
        const first = batch.start as number;
        const keys = batch.keys as string[];
        const bytes = batch.entries as Uint8Array[];
        const ats = batch.ats as string[];
        keys.forEach((key, i) => {
          const index = first + i;
          if (index >= start && index < end) {
            entries.push({ index, key, entry: bytesOf(bytes[i]), at: ats[i] as string });
          }
        });
      }
      exclusiveStartKey = out.LastEvaluatedKey;
    } while (exclusiveStartKey);
    return entries.sort((a, b) => a.index - b.index);
  }

  async locate(key: string): Promise<EntryLocation | undefined> {
    const out = await this.client.send(new GetCommand({ TableName: this.tableName, Key: locationKey(key) }));
    return out.Item ? { index: out.Item.index as number, entry: bytesOf(out.Item.entry) } : undefined;
  }

  async tiles(coordinates: readonly TileCoordinates[]): Promise<ReadonlyMap<string, Uint8Array>> {
    const found = new Map<string, Uint8Array>();
    const keys = [...new Map(coordinates.map((c) => [`${c.level}/${c.index}`, tileKey(c)])).values()];
    const stored = new Map<string, Item>();
    for (let i = 0; i < keys.length; i += 100) {
      let request: Item[] | undefined = keys.slice(i, i + 100);
      for (let round = 0; request && request.length > 0 && round < 8; round++) {
        const out = await this.client.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: request, ConsistentRead: true } } }),
        );
        for (const item of out.Responses?.[this.tableName] ?? []) stored.set(`${item.pk}/${item.sk}`, item);
        request = out.UnprocessedKeys?.[this.tableName]?.Keys as Item[] | undefined;
      }
    }
    for (const c of coordinates) {
      const { pk, sk } = tileKey(c);
      const item = stored.get(`${pk}/${sk}`);
      if (!item || (item.width as number) < c.width) continue;
      found.set(tilePath(c), bytesOf(item.hashes).slice(0, c.width * 32));
    }
    return found;
  }

  async putTiles(tiles: readonly TileWrite[]): Promise<void> {
    await Promise.all(
      tiles.map(async ({ coords, bytes }) => {
        try {
          await this.client.send(
            new PutCommand({
              TableName: this.tableName,
              Item: { ...tileKey(coords), type: 'log-tile', width: coords.width, hashes: bytes },
              ConditionExpression: 'attribute_not_exists(pk) OR width < :w',
              ExpressionAttributeValues: { ':w': coords.width },
            }),
          );
        } catch (error) {
          // Another sequencer mirrored this tile at this width or wider: its first hashes are these.
          if (!isConditionFailure(error)) throw error;
        }
      }),
    );
  }

  async enqueueUnlogged(pending: PendingLogEntry, message: OutboxMessage): Promise<boolean> {
    const mustNotExist = { TableName: this.tableName, ConditionExpression: 'attribute_not_exists(pk)' };
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            // Sequenced: its location is written in the transaction that removes its pending item, so one of the two
            // is always there — the backfill never logs an entry twice.
            { ConditionCheck: { ...mustNotExist, Key: locationKey(pending.key) } },
            { Put: { ...mustNotExist, Item: pendingLogItem(pending, message) } },
          ],
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'TransactionCanceledException') return false;
      throw error;
    }
  }

  async markBackfilled(at: Date): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: HEAD_KEY,
        UpdateExpression: 'SET backfilledAt = :at',
        ExpressionAttributeValues: { ':at': at.toISOString() },
      }),
    );
  }

  async publish(checkpoint: PublishedCheckpoint, verifierKey: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: HEAD_KEY,
          UpdateExpression:
            'SET checkpointSize = :n, checkpointRoot = :root, checkpointNote = :note, publishedAt = :at, verifierKey = :vk',
          ConditionExpression: 'attribute_not_exists(checkpointSize) OR checkpointSize < :n',
          ExpressionAttributeValues: {
            ':n': checkpoint.treeSize,
            ':root': checkpoint.root,
            ':note': checkpoint.note,
            ':at': checkpoint.publishedAt,
            ':vk': verifierKey,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
