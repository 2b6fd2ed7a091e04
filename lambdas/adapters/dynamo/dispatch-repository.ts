/**
 * Dispatches in the single table (key shapes in `docs/storage.md` and `lambdas/use-cases/dispatch/outbox.ts`).
 * Every state change is a conditional write: the waybill is recorded only on a pending dispatch without one, the
 * relay claims a dispatch only if `nextRelayAt` is what it read, and tracking updates use an optimistic `revision`
 * plus a per-event marker item (expiring after 30 days), so replays and races change nothing twice.
 *
 * @example
 * const repo = new DynamoDispatchRepository(dynamoClient(), config().tableName);
 * await repo.recordWaybill(dispatch, 'SF1234567890123', new Date());
 */
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Dispatch, DispatchState, TrackingEvent, TrackingUpdate } from '../../domain/dispatch';
import type { PostalAddress } from '../../domain/postal-address';
import type { DispatchRepository, TrackingWrite, WaybillOutcome } from '../../ports/dispatch-repository';
import type { Page, PageRequest } from '../../ports/page';
import {
  dispatchKey,
  enterpriseDispatchesPk,
  PENDING_RELAY_PK,
  relaySortKey,
  stateIndexKeys,
  stateMonthPk,
} from '../../use-cases/dispatch/outbox';
import { queryPage } from './pagination';

/**
 * Key of the marker that a carrier event was applied (replays find it and change nothing).
 *
 * @example
 * carrierEventKey('EV-1'); // { pk: 'CARRIEREVT#EV-1', sk: '#EVENT' }
 */
export const carrierEventKey = (eventId: string): { pk: string; sk: string } => ({
  pk: `CARRIEREVT#${eventId}`,
  sk: '#EVENT',
});

/**
 * How long an event's marker lives (DynamoDB TTL, `expiresAt`): 30 days, far beyond any carrier's retry schedule.
 * After that a replay is still recognised from the dispatch itself (`decideTracking`): by its id among the kept
 * events, or — once events were dropped — by being at or before the oldest kept one.
 */
export const CARRIER_EVENT_MARKER_SECONDS = 30 * 86_400;
/** BatchGetItem's limit. */
const BATCH_GET = 100;

const isConditionFailure = (error: unknown): boolean =>
  (error as { name?: string }).name === 'ConditionalCheckFailedException';

const cancellationCodes = (error: unknown): string[] | undefined => {
  const e = error as { name?: string; CancellationReasons?: { Code?: string }[] };
  if (e.name !== 'TransactionCanceledException') return undefined;
  return (e.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
};

/** Rebuild a dispatch from its item. */
export function dispatchFromItem(item: Record<string, unknown>): Dispatch {
  return {
    id: item.id as string,
    licenceNo: item.licenceNo as string,
    uscc: item.uscc as string,
    version: item.version as number,
    paperSerial: item.paperSerial as string,
    reason: item.reason as Dispatch['reason'],
    address: item.address as PostalAddress,
    state: item.state as DispatchState,
    requestedBy: item.requestedBy as string,
    requestedAt: item.requestedAt as string,
    ...(item.waybillNo ? { waybillNo: item.waybillNo as string } : {}),
    ...(item.labelCreatedAt ? { labelCreatedAt: item.labelCreatedAt as string } : {}),
    ...(item.nextRelayAt && item.state === 'pending' ? { nextRelayAt: item.nextRelayAt as string } : {}),
    relayCount: (item.relayCount as number | undefined) ?? 0,
    tracking: (item.tracking as TrackingEvent[] | undefined) ?? [],
    trackingDropped: (item.trackingDropped as number | undefined) ?? 0,
    updatedAt: item.updatedAt as string,
    revision: (item.revision as number | undefined) ?? 0,
  };
}

export class DynamoDispatchRepository implements DispatchRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(id: string): Promise<Dispatch | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: dispatchKey(id), ConsistentRead: true }),
    );
    return out.Item ? dispatchFromItem(out.Item) : undefined;
  }

  async getMany(ids: readonly string[]): Promise<ReadonlyMap<string, Dispatch>> {
    const found = new Map<string, Dispatch>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += BATCH_GET) {
      let keys: Record<string, unknown>[] | undefined = unique.slice(i, i + BATCH_GET).map(dispatchKey);
      for (let round = 0; keys && keys.length > 0; round++) {
        if (round > 8) throw new Error('BatchGetItem kept returning unprocessed keys');
        const out: BatchGetCommandOutput = await this.client.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const item of out.Responses?.[this.tableName] ?? []) {
          const d = dispatchFromItem(item);
          found.set(d.id, d);
        }
        keys = out.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return found;
  }

  async dueForRelay(now: Date, limit: number): Promise<readonly Dispatch[]> {
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :due',
        ExpressionAttributeValues: { ':pk': PENDING_RELAY_PK, ':due': `${now.toISOString()}#\uffff` },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map(dispatchFromItem);
  }

  async claimRelay(dispatch: Dispatch, nextRelayAt: Date, now: Date): Promise<boolean> {
    const next = nextRelayAt.toISOString();
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: dispatchKey(dispatch.id),
          UpdateExpression:
            'SET nextRelayAt = :next, gsi1sk = :sk, relayCount = relayCount + :one, lastRelayAt = :now, updatedAt = :now',
          ConditionExpression: '#state = :pending AND nextRelayAt = :expected',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':next': next,
            ':sk': relaySortKey(next, dispatch.id),
            ':one': 1,
            ':now': now.toISOString(),
            ':pending': 'pending',
            ':expected': dispatch.nextRelayAt ?? '',
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async parkRelay(dispatch: Dispatch, now: Date): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: dispatchKey(dispatch.id),
          UpdateExpression: 'SET relayParkedAt = :now, updatedAt = :now REMOVE gsi1pk, gsi1sk, nextRelayAt',
          ConditionExpression: '#state = :pending AND nextRelayAt = :expected',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':now': now.toISOString(),
            ':pending': 'pending',
            ':expected': dispatch.nextRelayAt ?? '',
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async recordWaybill(dispatch: Dispatch, waybillNo: string, at: Date): Promise<WaybillOutcome> {
    const id = dispatch.id;
    if (dispatch.waybillNo) return { outcome: 'already', waybillNo: dispatch.waybillNo };
    const now = at.toISOString();
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: dispatchKey(id),
          UpdateExpression:
            'SET #state = :label, waybillNo = :w, labelCreatedAt = :now, updatedAt = :now, revision = revision + :one, ' +
            'gsi3pk = :g3pk, gsi3sk = :g3sk REMOVE gsi1pk, gsi1sk, nextRelayAt',
          ConditionExpression: '#state = :pending AND attribute_not_exists(waybillNo)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':label': 'label-created',
            ':pending': 'pending',
            ':w': waybillNo,
            ':now': now,
            ':one': 1,
            ...prefixed(stateIndexKeys('label-created', dispatch.requestedAt, id)),
          },
        }),
      );
      return { outcome: 'recorded', waybillNo };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const current = await this.get(id);
      // A concurrent worker won: the carrier answers the same waybill per order id.
      return { outcome: 'already', waybillNo: current?.waybillNo ?? waybillNo };
    }
  }

  async saveTracking(read: Dispatch, update: TrackingUpdate, event: TrackingEvent, at: Date): Promise<TrackingWrite> {
    const id = read.id;
    const now = at.toISOString();
    // Only a dispatch with a waybill takes events, so it is past `pending` and off the relay index already.
    const expression =
      'SET #state = :state, tracking = :tracking, trackingDropped = :dropped, updatedAt = :now, ' +
      'revision = revision + :one, gsi3pk = :g3pk, gsi3sk = :g3sk';
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...carrierEventKey(event.eventId),
                  type: 'carrier-event',
                  dispatchId: id,
                  at: now,
                  expiresAt: Math.floor(at.getTime() / 1000) + CARRIER_EVENT_MARKER_SECONDS,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: dispatchKey(id),
                UpdateExpression: expression,
                ConditionExpression: 'revision = :rev',
                ExpressionAttributeNames: { '#state': 'state' },
                ExpressionAttributeValues: {
                  ':state': update.state,
                  ':tracking': update.tracking,
                  ':dropped': update.trackingDropped,
                  ':now': now,
                  ':one': 1,
                  ':rev': read.revision,
                  ...prefixed(stateIndexKeys(update.state, read.requestedAt, id)),
                },
              },
            },
          ],
        }),
      );
      return 'saved';
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      return codes[0] === 'ConditionalCheckFailed' ? 'seen' : 'changed';
    }
  }

  listByEnterprise(uscc: string, page: PageRequest): Promise<Page<Dispatch>> {
    return this.#page('gsi2', 'gsi2pk', enterpriseDispatchesPk(uscc), page);
  }

  listByStateAndMonth(state: DispatchState, month: string, page: PageRequest): Promise<Page<Dispatch>> {
    return this.#page('gsi3', 'gsi3pk', stateMonthPk(state, month), page);
  }

  #page(index: string, keyName: string, key: string, page: PageRequest): Promise<Page<Dispatch>> {
    return queryPage(
      this.client,
      this.tableName,
      {
        IndexName: index,
        KeyConditionExpression: `${keyName} = :k`,
        ExpressionAttributeValues: { ':k': key },
        ScanIndexForward: false,
      },
      page,
      dispatchFromItem,
    );
  }
}

const prefixed = (keys: { gsi3pk: string; gsi3sk: string }) => ({ ':g3pk': keys.gsi3pk, ':g3sk': keys.gsi3sk });
