import { type Dispatch, decideTracking, type TrackingEvent } from '../../domain/dispatch';
import { ConflictError } from '../../domain/errors';
import { maskAddress } from '../../domain/postal-address';
import type { Carrier } from '../../ports/carrier';
import type { Clock } from '../../ports/clock';
import type { DispatchQueue } from '../../ports/dispatch-queue';
import { type DispatchRepository, MAX_RELAYS, type TrackingOutcome } from '../../ports/dispatch-repository';
import { logger } from '../../shared/logger';

export interface DispatchDeps {
  readonly repository: DispatchRepository;
  readonly queue: DispatchQueue;
  readonly clock: Clock;
}

export interface WorkerDeps {
  readonly repository: DispatchRepository;
  readonly carrier: Carrier;
  readonly clock: Clock;
}

/** What the carrier prints as contents. */
export const PARCEL_CONTENTS = '工业产品生产许可证证书 Production licence certificate';

/** Relay backoff: 1, 2, 4 … minutes after each re-send, at most an hour. */
export const RELAY_BACKOFF_MS = Object.freeze({ first: 60_000, max: 60 * 60_000 });

/**
 * Delay before the relay looks at a dispatch again, after it has re-sent it `relayCount` times.
 *
 * @example
 * relayBackoffMs(0); // 60_000
 * relayBackoffMs(3); // 480_000
 */
export function relayBackoffMs(relayCount: number): number {
  return Math.min(RELAY_BACKOFF_MS.first * 2 ** Math.min(relayCount, 20), RELAY_BACKOFF_MS.max);
}

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

/**
 * Send queue messages for dispatches just committed. Never throws: a failure is logged and left to the relay.
 *
 * @example
 * await notifyDispatches(deps, ['DSP-20260000001']);
 */
export async function notifyDispatches(deps: Pick<DispatchDeps, 'queue'>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  try {
    const { failed } = await deps.queue.send(ids);
    if (failed.length > 0) logger.warn('dispatch send failed; the relay will re-send', { dispatchIds: failed });
  } catch (error) {
    logger.warn('dispatch send failed; the relay will re-send', { dispatchIds: ids, error });
  }
}

export interface RelayResult {
  readonly due: number;
  readonly claimed: number;
  readonly sent: number;
}

/**
 * Re-send pending dispatches whose `nextRelayAt` has passed, each claimed first with a conditional update that pushes
 * `nextRelayAt` forward with backoff (two concurrent relays never both send; a failed send is retried next time).
 *
 * @example
 * const { sent } = await relayDispatches(deps, { limit: 100 });
 */
export async function relayDispatches(deps: DispatchDeps, options: { limit?: number } = {}): Promise<RelayResult> {
  const now = deps.clock.now();
  const due = await deps.repository.dueForRelay(now, options.limit ?? 100);
  const claimed: Dispatch[] = [];
  for (const dispatch of due) {
    if (dispatch.relayCount >= MAX_RELAYS) {
      if (await deps.repository.parkRelay(dispatch, now)) {
        logger.error('dispatch re-sent too often; no longer relayed (see the DLQ)', {
          dispatchId: dispatch.id,
          relayCount: dispatch.relayCount,
        });
      }
      continue;
    }
    const next = new Date(now.getTime() + relayBackoffMs(dispatch.relayCount));
    if (await deps.repository.claimRelay(dispatch, next, now)) claimed.push(dispatch);
  }
  if (claimed.length === 0) return { due: due.length, claimed: 0, sent: 0 };
  const ids = claimed.map((d) => d.id);
  const { failed } = await deps.queue.send(ids).catch((error: unknown) => {
    logger.warn('relay send failed', { error });
    return { failed: ids };
  });
  if (failed.length > 0) logger.warn('relay send failed; will retry after backoff', { dispatchIds: failed });
  logger.info('dispatches relayed', { due: due.length, claimed: claimed.length, failed: failed.length });
  return { due: due.length, claimed: claimed.length, sent: claimed.length - failed.length };
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
  deps: WorkerDeps,
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
  deps: WorkerDeps,
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
