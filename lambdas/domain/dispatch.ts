/**
 * Postal dispatch of a paper certificate (免费邮寄): one parcel per (licence, paper serial). States only move forward:
 * `pending` → `label-created` (the carrier issued a waybill) → `in-transit` → `delivered` | `returned`.
 *
 * Error codes: `DISPATCH_ID_FORMAT`.
 */
import { ValidationError } from './errors';
import type { LicenceNumber } from './licence-number';
import type { PostalAddress } from './postal-address';

/**
 * Dispatch states in the order a parcel passes them.
 *
 * @example
 * DISPATCH_STATES.includes('delivered'); // true
 */
export const DISPATCH_STATES = ['pending', 'label-created', 'in-transit', 'delivered', 'returned'] as const;
export type DispatchState = (typeof DISPATCH_STATES)[number];

/** Why a paper copy is mailed. */
export const DISPATCH_REASONS = ['issue', 'new-version', 'reissue'] as const;
export type DispatchReason = (typeof DISPATCH_REASONS)[number];

/**
 * Rank of a state: an event may only move a dispatch to a higher rank (`delivered` and `returned` are both final).
 *
 * @example
 * stateRank('in-transit') > stateRank('label-created'); // true
 */
export function stateRank(state: DispatchState): number {
  return state === 'returned' ? 3 : DISPATCH_STATES.indexOf(state);
}

/**
 * Whether `to` is a forward move from `from` (out-of-order or replayed events are not).
 *
 * @example
 * movesForward('delivered', 'in-transit'); // false
 */
export function movesForward(from: DispatchState, to: DispatchState): boolean {
  return stateRank(to) > stateRank(from);
}

/**
 * The dispatch id of a paper serial. Paper serials are unique across licences, so the id is too; it is also the
 * sender's order id at the carrier (its idempotency key).
 *
 * @example
 * dispatchIdOf('20260000001'); // 'DSP-20260000001'
 */
export function dispatchIdOf(paperSerial: string): string {
  return `DSP-${paperSerial}`;
}

const DISPATCH_ID = /^DSP-\d{11}$/;

/**
 * Validate a dispatch id from untrusted input (a queue message, a carrier notification, a URL).
 *
 * @example
 * parseDispatchId('DSP-20260000001');
 */
export function parseDispatchId(value: unknown, field = 'dispatchId'): string {
  if (typeof value === 'string' && DISPATCH_ID.test(value)) return value;
  throw new ValidationError('DISPATCH_ID_FORMAT', 'a dispatch id is DSP- and an 11-digit paper serial', [
    { field, message: 'must look like DSP-20260000001' },
  ]);
}

/** One tracking event as recorded on the dispatch. */
export interface TrackingEvent {
  readonly eventId: string;
  readonly state: DispatchState;
  /** ISO instant the carrier says it happened. */
  readonly at: string;
  /** Carrier's description, e.g. `已揽收` / `武汉转运中心已发出`. */
  readonly description: string;
}

/**
 * How many tracking events a dispatch keeps: the latest by time. Older ones are dropped and counted
 * ({@link Dispatch.trackingDropped}), so a chatty carrier cannot grow the item toward DynamoDB's 400 KB item limit
 * (100 events of at most ~1.7 KB each — a 500-character Chinese description is 1.5 KB of UTF-8 — stay under 200 KB).
 *
 * @example
 * dispatch.tracking.length <= MAX_TRACKING_EVENTS; // always
 */
export const MAX_TRACKING_EVENTS = 100;

/** A dispatch as stored. */
export interface Dispatch {
  readonly id: string;
  readonly licenceNo: LicenceNumber;
  readonly uscc: string;
  readonly version: number;
  readonly paperSerial: string;
  readonly reason: DispatchReason;
  readonly address: PostalAddress;
  readonly state: DispatchState;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly waybillNo?: string;
  readonly labelCreatedAt?: string;
  /** The latest {@link MAX_TRACKING_EVENTS} carrier events, oldest first. */
  readonly tracking: readonly TrackingEvent[];
  /** How many older events were dropped from `tracking` (0 until it first overflowed). */
  readonly trackingDropped: number;
  readonly updatedAt: string;
  /** Optimistic lock for tracking updates. */
  readonly revision: number;
}

/** What asks for a paper copy to be mailed. */
export interface DispatchRequest {
  /** Printed licence number. */
  readonly licenceNo: LicenceNumber;
  readonly version: number;
  readonly paperSerial: string;
  /** The holder's USCC (its parcels list). */
  readonly uscc: string;
  readonly address: PostalAddress;
  readonly reason: DispatchReason;
  /** Actor id who asked for the copy (officer, enterprise user, system). */
  readonly requestedBy: string;
  /** ISO instant of the request (the issuance or reprint it goes with). */
  readonly at: string;
}

/**
 * A new dispatch: pending, no waybill, no tracking yet. Its id is the paper serial's ({@link dispatchIdOf}), so a
 * second dispatch for the same paper copy cannot exist.
 *
 * @example
 * const dispatch = requestDispatch({ licenceNo, version: 1, paperSerial, uscc, address, reason: 'issue',
 *   requestedBy: 'officer-1', at: '2026-11-27T02:00:00.000Z' });
 * dispatch.state; // 'pending'
 */
export function requestDispatch(request: DispatchRequest): Dispatch {
  return {
    id: dispatchIdOf(request.paperSerial),
    licenceNo: request.licenceNo,
    uscc: request.uscc,
    version: request.version,
    paperSerial: request.paperSerial,
    reason: request.reason,
    address: request.address,
    state: 'pending',
    requestedBy: request.requestedBy,
    requestedAt: request.at,
    tracking: [],
    trackingDropped: 0,
    updatedAt: request.at,
    revision: 0,
  };
}

/** What a carrier event does to a dispatch: the new state, history and drop count, to be written conditionally. */
export interface TrackingUpdate {
  readonly state: DispatchState;
  readonly tracking: readonly TrackingEvent[];
  readonly trackingDropped: number;
  /** Whether the state moved forward (`applied`) or the event only joined the history (`recorded-only`). */
  readonly outcome: 'applied' | 'recorded-only';
}

/** {@link decideTracking}'s answer: an update to write, or why the event changes nothing. */
export type TrackingDecision =
  | TrackingUpdate
  | { readonly outcome: 'mismatch' }
  | { readonly outcome: 'waybill-pending' }
  | { readonly outcome: 'duplicate' };

/**
 * The decision on one carrier event for the dispatch its order id names:
 * - `mismatch`: the event names another waybill than the dispatch's — it changes nothing;
 * - `waybill-pending`: the dispatch has no waybill yet, so the pairing of order and waybill cannot be confirmed (the
 *   worker records it moments after the carrier issued it; the carrier's retry then applies the event);
 * - `duplicate`: this event id is in the history, or some events were dropped and this one is at or before the
 *   oldest kept and would not move the state — a replay of a dropped event (or an event older than everything kept,
 *   which would be dropped at once anyway);
 * - otherwise the update: the state moves only forward; the history keeps the latest {@link MAX_TRACKING_EVENTS}.
 *
 * @example
 * const decision = decideTracking(dispatch, event, 'SB000000000001');
 * if (decision.outcome === 'applied') await repository.saveTracking(dispatch, decision, event, now);
 */
export function decideTracking(dispatch: Dispatch, event: TrackingEvent, waybillNo: string): TrackingDecision {
  if (dispatch.waybillNo === undefined) return { outcome: 'waybill-pending' };
  if (dispatch.waybillNo !== waybillNo) return { outcome: 'mismatch' };
  if (dispatch.tracking.some((e) => e.eventId === event.eventId)) return { outcome: 'duplicate' };
  const forward = movesForward(dispatch.state, event.state);
  const oldest = dispatch.tracking[0];
  if (!forward && dispatch.trackingDropped > 0 && oldest && event.at <= oldest.at) return { outcome: 'duplicate' };
  const sorted = [...dispatch.tracking, event].sort(byTime);
  const excess = Math.max(0, sorted.length - MAX_TRACKING_EVENTS);
  return {
    outcome: forward ? 'applied' : 'recorded-only',
    state: forward ? event.state : dispatch.state,
    tracking: sorted.slice(excess),
    trackingDropped: dispatch.trackingDropped + excess,
  };
}

/** Oldest first; the event id breaks ties so the order (and what is dropped) never depends on arrival. */
const byTime = (a: TrackingEvent, b: TrackingEvent): number =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
