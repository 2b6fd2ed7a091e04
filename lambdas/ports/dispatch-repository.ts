/**
 * Port: postal dispatches. A dispatch is created as a transaction part with the certificate it mails
 * (`dispatch-requested`, `lambdas/ports/transaction-parts.ts`); its queue message is an outbox message.
 * Adapter: `lambdas/adapters/dynamo/dispatch-repository.ts`.
 */

import type { Dispatch, DispatchState, TrackingEvent, TrackingUpdate } from '../domain/dispatch';
import type { Page, PageRequest } from './page';

/** Result of recording a waybill: `recorded` (this call won), or `already` (another worker or retry did it first). */
export type WaybillOutcome =
  | { readonly outcome: 'recorded'; readonly waybillNo: string }
  | { readonly outcome: 'already'; readonly waybillNo: string };

/**
 * Result of a carrier event: `applied` (state moved forward), `recorded-only` (history only), `duplicate` (seen
 * before: nothing changes), `mismatch` (the waybill is not the named order's: nothing changes), `unknown-dispatch`.
 */
export type TrackingOutcome = 'applied' | 'recorded-only' | 'duplicate' | 'mismatch' | 'unknown-dispatch';

/**
 * Result of writing a tracking update: `saved`; `seen` (the event's marker exists: a replay, written by someone
 * else first); `changed` (the dispatch's revision moved since it was read: read again and decide again).
 */
export type TrackingWrite = 'saved' | 'seen' | 'changed';

export interface DispatchRepository {
  get(id: string): Promise<Dispatch | undefined>;
  /** Several dispatches in one round trip (strongly consistent); absent ids are missing from the map. */
  getMany(ids: readonly string[]): Promise<ReadonlyMap<string, Dispatch>>;
  /**
   * pending → label-created with the waybill, only if pending and no waybill yet (conditional write; the dispatch as
   * read by the caller supplies the index keys).
   */
  recordWaybill(dispatch: Dispatch, waybillNo: string, at: Date): Promise<WaybillOutcome>;
  /**
   * Write a tracking update decided on `read` (`decideTracking`), only if the dispatch's revision is still the one
   * read, together with a marker for the event id (written only if absent, so a replay racing this write changes
   * nothing).
   */
  saveTracking(read: Dispatch, update: TrackingUpdate, event: TrackingEvent, at: Date): Promise<TrackingWrite>;
  listByEnterprise(uscc: string, page: PageRequest): Promise<Page<Dispatch>>;
  listByStateAndMonth(state: DispatchState, month: string, page: PageRequest): Promise<Page<Dispatch>>;
}
