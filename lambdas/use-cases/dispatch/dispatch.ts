/**
 * Postal dispatch: the worker's batch (waybills at the carrier, exactly once per dispatch), and the carrier's
 * tracking events. A dispatch is created with its certificate (`paper-copy.ts`); its queue message is an outbox
 * message, which the worker completes once the dispatch has its waybill.
 *
 * @example
 * const outcomes = await handleDispatchMessages(deps, [{ messageId, body: '{"dispatchId":"DSP-20260000001"}', receiveCount: 1, receipt }]);
 */
import { type Dispatch, decideTracking, parseDispatchId, type TrackingEvent } from '../../domain/dispatch';
import { ConflictError } from '../../domain/errors';
import { maskAddress } from '../../domain/postal-address';
import { type Carrier, CarrierError } from '../../ports/carrier';
import type { Clock } from '../../ports/clock';
import type { DispatchRepository, TrackingOutcome } from '../../ports/dispatch-repository';
import type { MessageRetry } from '../../ports/message-retry';
import type { Metrics } from '../../ports/metrics';
import type { OutboxStore } from '../../ports/outbox-store';
import { logger } from '../../shared/logger';

export interface WorkerDeps {
  readonly repository: DispatchRepository;
  readonly carrier: Carrier;
  readonly clock: Clock;
  /** Where a message is completed once its dispatch has a waybill (the relay then stops re-sending it). */
  readonly outbox: Pick<OutboxStore, 'complete'>;
  /** Hides a failed message until its next attempt. */
  readonly retry: MessageRetry;
  /** First retry delay of a failed message in seconds, doubled per receive (0: the queue's visibility timeout). */
  readonly retryBaseSeconds: number;
  /** Where each message's and each carrier event's outcome is counted (`DispatchOutcome`); none: not counted. */
  readonly metrics?: Metrics;
}

/**
 * The `outcome` dimension of the `DispatchOutcome` metric (`docs/metrics.md`), a closed set. The worker's:
 * `handed-over` (waybill created at the carrier), `already-handed-over` (a duplicate message), `unknown-dispatch`
 * (dropped), `failed` (retried by the queue, then dead-lettered). The carrier's events: the state an applied event
 * moved the parcel to (`label-created`, `in-transit`, `delivered`, `returned`), or `recorded-only` (history only, no
 * move), `duplicate`, `mismatch` (names another waybill), `unknown-order`.
 */
export const DISPATCH_OUTCOMES = [
  'handed-over',
  'already-handed-over',
  'unknown-dispatch',
  'failed',
  'label-created',
  'in-transit',
  'delivered',
  'returned',
  'recorded-only',
  'duplicate',
  'mismatch',
  'unknown-order',
] as const;
export type DispatchOutcome = (typeof DISPATCH_OUTCOMES)[number];

const countOutcome = (metrics: Metrics | undefined, outcome: DispatchOutcome): void =>
  metrics?.count('DispatchOutcome', { name: 'outcome', value: outcome });

const WAYBILL_OUTCOMES: Readonly<Record<WaybillResult['outcome'], DispatchOutcome>> = {
  created: 'handed-over',
  already: 'already-handed-over',
  missing: 'unknown-dispatch',
};

/** What the carrier prints as contents. */
export const PARCEL_CONTENTS = '工业产品生产许可证证书 Production licence certificate';

/** Longest wait before a failed message is retried (SQS allows up to 12 hours). */
const MAX_RETRY_SECONDS = 900;

/**
 * Visibility timeout before a failed message's next attempt: base × 2^(receives − 1), at most 15 minutes; 0 (the
 * queue's own visibility timeout) when base is 0.
 *
 * @example
 * retryDelaySeconds(3, 15); // 60
 */
export function retryDelaySeconds(receiveCount: number, baseSeconds: number): number {
  if (baseSeconds <= 0) return 0;
  return Math.min(baseSeconds * 2 ** Math.max(0, receiveCount - 1), MAX_RETRY_SECONDS);
}

/** A message as the dispatch queue delivered it. */
export interface ReceivedMessage {
  readonly messageId: string;
  readonly body: string;
  /** How often the queue has delivered it (1 on the first attempt). */
  readonly receiveCount: number;
  /** The handle {@link MessageRetry} hides it by. */
  readonly receipt: string;
}

/** The dispatch id a message names, or the error that makes it unprocessable (it goes on to the DLQ). */
function dispatchIdIn(message: ReceivedMessage): { id: string } | { error: unknown } {
  try {
    const body = JSON.parse(message.body) as { dispatchId?: unknown };
    return { id: parseDispatchId(body?.dispatchId, 'message.dispatchId') };
  } catch (error) {
    return { error };
  }
}

/**
 * The worker's batch: each message's waybill (the batch's dispatches read in one round trip, each dispatch handled
 * once), then the outbox messages of the dispatches done are completed, and each failed message is hidden for a
 * backoff that doubles per receive. Returns each message's outcome in order: a rejected one is retried by the queue,
 * and after `maxReceiveCount` receives dead-lettered (`npm run dlq -- list | redrive`).
 *
 * @example
 * const outcomes = await handleDispatchMessages(deps, messages);
 * outcomes.filter((o) => o.status === 'rejected').length; // the messages to report as batch item failures
 */
export async function handleDispatchMessages(
  deps: WorkerDeps,
  messages: readonly ReceivedMessage[],
): Promise<PromiseSettledResult<WaybillResult>[]> {
  const parsed = messages.map(dispatchIdIn);
  const ids = parsed.flatMap((p) => ('id' in p ? [p.id] : []));
  let byId: ReadonlyMap<string, PromiseSettledResult<WaybillResult>>;
  try {
    byId = ids.length > 0 ? await createWaybills(deps, ids) : new Map();
  } catch (error) {
    byId = new Map(ids.map((id) => [id, { status: 'rejected', reason: error }]));
  }
  const outcomes = parsed.map(
    (p): PromiseSettledResult<WaybillResult> =>
      'error' in p
        ? { status: 'rejected', reason: p.error }
        : (byId.get(p.id) ?? { status: 'rejected', reason: new Error('no outcome') }),
  );
  // One count per message; a second message for a dispatch in the same batch shares its result, and is a duplicate.
  const counted = new Set<string>();
  parsed.forEach((p, i) => {
    const outcome = outcomes[i] as PromiseSettledResult<WaybillResult>;
    const kind = outcome.status === 'fulfilled' ? WAYBILL_OUTCOMES[outcome.value.outcome] : 'failed';
    const repeat = 'id' in p && counted.has(p.id);
    if ('id' in p) counted.add(p.id);
    countOutcome(deps.metrics, repeat && kind === 'handed-over' ? 'already-handed-over' : kind);
  });
  const done = [...byId].filter(([, outcome]) => outcome.status === 'fulfilled').map(([id]) => id);
  await Promise.all([
    completeMessages(deps, done),
    ...messages.map((message, i) =>
      outcomes[i]?.status === 'rejected' ? retryLater(deps, message, outcomes[i].reason) : undefined,
    ),
  ]);
  return outcomes;
}

/** The consumer's acknowledgement. A failure is only logged: the relay re-sends, and the next attempt completes it. */
async function completeMessages(deps: WorkerDeps, dispatchIds: readonly string[]): Promise<void> {
  if (dispatchIds.length === 0) return;
  try {
    await deps.outbox.complete(dispatchIds.map((id) => ({ topic: 'dispatch', id })));
  } catch (error) {
    logger.warn('could not complete the outbox messages; the relay will re-send them', { dispatchIds, error });
  }
}

async function retryLater(deps: WorkerDeps, message: ReceivedMessage, error: unknown): Promise<void> {
  logger.warn('dispatch message failed', {
    messageId: message.messageId,
    receiveCount: message.receiveCount,
    code: error instanceof CarrierError ? error.code : (error as { code?: string } | undefined)?.code,
    retryable: error instanceof CarrierError ? error.retryable : undefined,
    error: error instanceof CarrierError ? error.message : error,
  });
  const seconds = retryDelaySeconds(message.receiveCount, deps.retryBaseSeconds);
  if (seconds === 0) return;
  try {
    await deps.retry.retryAfter(message.receipt, seconds);
  } catch (error) {
    // The queue's own visibility timeout applies instead.
    logger.warn('could not extend visibility for the retry', { messageId: message.messageId, error });
  }
}

export type WaybillResult =
  | { readonly outcome: 'created' | 'already'; readonly waybillNo: string }
  | { readonly outcome: 'missing' };

/**
 * The waybills of a batch of messages: the dispatches are read in one round trip, a dispatch named by several
 * messages of the batch is handled once, and each id gets its own outcome (so one failure fails only its messages).
 *
 * @example
 * const outcomes = await createWaybills(deps, ['DSP-20260000001', 'DSP-20260000001', 'DSP-20260000002']);
 */
export async function createWaybills(
  deps: Pick<WorkerDeps, 'repository' | 'carrier' | 'clock'>,
  ids: readonly string[],
): Promise<ReadonlyMap<string, PromiseSettledResult<WaybillResult>>> {
  const unique = [...new Set(ids)];
  const loaded = await deps.repository.getMany(unique);
  const settled = await Promise.allSettled(unique.map((id) => createWaybill(deps, id, loaded.get(id) ?? null)));
  return new Map(unique.map((id, i) => [id, settled[i] as PromiseSettledResult<WaybillResult>]));
}

/**
 * Ask the carrier for the dispatch's waybill and record it. `loaded` skips the read (null: known to be missing). Safe under duplicates, retries and concurrent workers:
 * the carrier call carries the dispatch id as order id (same order → same waybill) and the write is conditional
 * (pending and no waybill yet). Throws `CarrierError` (the message is retried, then dead-lettered).
 *
 * @example
 * const result = await createWaybill(deps, 'DSP-20260000001');
 */
export async function createWaybill(
  deps: Pick<WorkerDeps, 'repository' | 'carrier' | 'clock'>,
  dispatchId: string,
  loaded?: Dispatch | null,
): Promise<WaybillResult> {
  const dispatch = loaded === undefined ? await deps.repository.get(dispatchId) : (loaded ?? undefined);
  if (!dispatch) {
    logger.warn('dispatch message for an unknown dispatch; dropped', { dispatchId });
    return { outcome: 'missing' };
  }
  if (dispatch.waybillNo) return { outcome: 'already', waybillNo: dispatch.waybillNo };
  const waybill = await deps.carrier.createWaybill({
    orderId: dispatch.id,
    recipient: dispatch.address,
    contents: PARCEL_CONTENTS,
  });
  const recorded = await deps.repository.recordWaybill(dispatch, waybill.waybillNo, deps.clock.now());
  if (recorded.outcome === 'recorded') {
    logger.info('waybill created', {
      dispatchId,
      waybillNo: waybill.waybillNo,
      to: maskAddress(dispatch.address),
    });
    return { outcome: 'created', waybillNo: recorded.waybillNo };
  }
  if (recorded.waybillNo !== waybill.waybillNo) {
    // The carrier contract says this cannot happen (same order id → same waybill); shout if it does.
    logger.error('carrier answered a different waybill for the same order', {
      dispatchId,
      stored: recorded.waybillNo,
      answered: waybill.waybillNo,
    });
  }
  return { outcome: 'already', waybillNo: recorded.waybillNo };
}

/** Reads and conditional writes before giving up on a dispatch that keeps changing under a carrier event. */
const MAX_TRACKING_ATTEMPTS = 5;

/**
 * Apply one carrier event to the dispatch its order id names, and only if the dispatch carries the waybill the event
 * names (`mismatch` otherwise: nothing changes). Replays are ignored; out-of-order events join the history but never
 * move the state backwards; the history keeps the latest 100 events (`decideTracking`). Throws 409
 * `WAYBILL_NOT_RECORDED` while the dispatch has no waybill yet, so the carrier retries once the worker recorded it.
 *
 * @example
 * await recordCarrierEvent(deps, { dispatchId, waybillNo, event });
 */
export async function recordCarrierEvent(
  deps: Pick<WorkerDeps, 'repository' | 'clock' | 'metrics'>,
  input: { readonly dispatchId: string; readonly waybillNo: string; readonly event: TrackingEvent },
): Promise<TrackingOutcome> {
  const outcome = await applyCarrierEvent(deps, input);
  countOutcome(deps.metrics, outcomeOfEvent(outcome, input.event));
  return outcome;
}

/** The metric's outcome of a carrier event: the state an applied event moved the parcel to, else what happened. */
function outcomeOfEvent(outcome: TrackingOutcome, event: TrackingEvent): DispatchOutcome {
  if (outcome === 'applied') return event.state === 'pending' ? 'recorded-only' : event.state;
  return outcome === 'unknown-dispatch' ? 'unknown-order' : outcome;
}

async function applyCarrierEvent(
  deps: Pick<WorkerDeps, 'repository' | 'clock'>,
  input: { readonly dispatchId: string; readonly waybillNo: string; readonly event: TrackingEvent },
): Promise<TrackingOutcome> {
  for (let attempt = 1; attempt <= MAX_TRACKING_ATTEMPTS; attempt++) {
    const dispatch = await deps.repository.get(input.dispatchId);
    if (!dispatch) return 'unknown-dispatch';
    const decision = decideTracking(dispatch, input.event, input.waybillNo);
    if (decision.outcome === 'waybill-pending') {
      throw new ConflictError('WAYBILL_NOT_RECORDED', 'this order has no waybill recorded yet; retry later', {
        orderId: input.dispatchId,
      });
    }
    if (decision.outcome === 'mismatch') {
      logger.warn('carrier event names another waybill than its order’s; ignored', {
        dispatchId: input.dispatchId,
        eventId: input.event.eventId,
        waybillNo: input.waybillNo,
        recorded: dispatch.waybillNo,
      });
      return 'mismatch';
    }
    if (decision.outcome === 'duplicate') return 'duplicate';
    const written = await deps.repository.saveTracking(dispatch, decision, input.event, deps.clock.now());
    if (written === 'saved') return decision.outcome;
    if (written === 'seen') return 'duplicate';
    // The dispatch changed under us (another event or the worker): read again and decide again.
  }
  throw new Error(`dispatch ${input.dispatchId} kept changing while recording event ${input.event.eventId}`);
}
