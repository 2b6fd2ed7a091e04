/**
 * Dispatches in the single table. Key shapes (see `docs/storage.md`):
 * - item `DISPATCH#{id}` / `#DISPATCH`, `id = DSP-{paperSerial}` → one dispatch per (licence, paper serial), written
 *   as a transaction part with its certificate ({@link dispatchItem})
 * - gsi2 `DISPATCHES#ENT#{uscc}` / `{requestedAt}#{id}` — the enterprise's parcels
 * - gsi3 `DISPATCHES#{state}#{yyyy-mm}` / `{requestedAt}#{id}` — staff list by state and month (postage statement)
 * - marker `CARRIEREVT#{eventId}` / `#EVENT` — a carrier event applied (expires after 30 days)
 *
 * Its queue message is an outbox message (`lambdas/adapters/dynamo/outbox-store.ts`). Every state change is a
 * conditional write: the waybill is recorded only on a pending dispatch without one, and tracking updates use an
 * optimistic `revision` plus the per-event marker, so replays and races change nothing twice.
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
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { localDateOf } from '../../domain/dates';
import type { Dispatch, DispatchState, TrackingEvent, TrackingUpdate } from '../../domain/dispatch';
import type { PostalAddress } from '../../domain/postal-address';
import type { DispatchRepository, TrackingWrite, WaybillOutcome } from '../../ports/dispatch-repository';
import type { Page, PageRequest } from '../../ports/page';
import { isConditionFailure } from './conditional-writes';
import { queryPage } from './pagination';
import { licenceFromStorage } from './stored-records';

/**
 * Key of a dispatch item.
 *
 * @example
 * dispatchKey('DSP-20260000001'); // { pk: 'DISPATCH#DSP-20260000001', sk: '#DISPATCH' }
 */
export const dispatchKey = (id: string): { pk: string; sk: string } => ({ pk: `DISPATCH#${id}`, sk: '#DISPATCH' });

/**
 * gsi3 partition of one state in one month (Asia/Shanghai).
 *
 * @example
 * stateMonthPk('delivered', '2026-01'); // 'DISPATCHES#delivered#2026-01'
 */
export const stateMonthPk = (state: DispatchState, month: string): string => `DISPATCHES#${state}#${month}`;

/**
 * gsi2 partition of an enterprise's parcels.
 *
 * @example
 * enterpriseDispatchesPk('91420100MA4K2X1R09'); // 'DISPATCHES#ENT#91420100MA4K2X1R09'
 */
export const enterpriseDispatchesPk = (uscc: string): string => `DISPATCHES#ENT#${uscc}`;

/**
 * Index keys that depend on the state: gsi3 (state × month of the request, Asia/Shanghai).
 *
 * @example
 * stateIndexKeys('pending', '2026-01-05T01:00:00.000Z', 'DSP-20260000001');
 */
export function stateIndexKeys(
  state: DispatchState,
  requestedAt: string,
  id: string,
): { gsi3pk: string; gsi3sk: string } {
  return {
    gsi3pk: stateMonthPk(state, localDateOf(new Date(requestedAt)).slice(0, 7)),
    gsi3sk: `${requestedAt}#${id}`,
  };
}

/**
 * The item of a dispatch, as a transaction part writes it (with `attribute_not_exists`: one per paper serial).
 *
 * @example
 * dispatchItem(requestDispatch(request)).pk; // 'DISPATCH#DSP-20260000001'
 */
export function dispatchItem(d: Dispatch): Record<string, unknown> {
  return {
    ...dispatchKey(d.id),
    type: 'dispatch',
    id: d.id,
    licenceNo: d.licenceNo.toString(),
    uscc: d.uscc,
    version: d.version,
    paperSerial: d.paperSerial,
    reason: d.reason,
    address: d.address,
    state: d.state,
    requestedBy: d.requestedBy,
    requestedAt: d.requestedAt,
    ...(d.waybillNo ? { waybillNo: d.waybillNo } : {}),
    ...(d.labelCreatedAt ? { labelCreatedAt: d.labelCreatedAt } : {}),
    tracking: d.tracking,
    ...(d.trackingDropped > 0 ? { trackingDropped: d.trackingDropped } : {}),
    updatedAt: d.updatedAt,
    revision: d.revision,
    gsi2pk: enterpriseDispatchesPk(d.uscc),
    gsi2sk: `${d.requestedAt}#${d.id}`,
    ...stateIndexKeys(d.state, d.requestedAt, d.id),
  };
}

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

const cancellationCodes = (error: unknown): string[] | undefined => {
  const e = error as { name?: string; CancellationReasons?: { Code?: string }[] };
  if (e.name !== 'TransactionCanceledException') return undefined;
  return (e.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
};

/** Rebuild a dispatch from its item. */
export function dispatchFromItem(item: Record<string, unknown>): Dispatch {
  return {
    id: item.id as string,
    licenceNo: licenceFromStorage(item.licenceNo),
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
            // REMOVE: a dispatch written before the outbox carried its own relay keys (docs/storage.md).
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
    // Only a dispatch with a waybill takes events, so it is past `pending`.
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
