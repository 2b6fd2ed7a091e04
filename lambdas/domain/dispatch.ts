/**
 * Postal dispatch of a paper certificate (免费邮寄): one parcel per (licence, paper serial). States only move forward:
 * `pending` → `label-created` (the carrier issued a waybill) → `in-transit` → `delivered` | `returned`.
 *
 * Error codes: `DISPATCH_ID_FORMAT`.
 */
import { ValidationError } from './errors';
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

/** A dispatch as stored. */
export interface Dispatch {
  readonly id: string;
  readonly licenceNo: string;
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
  /** Relay bookkeeping (pending only). */
  readonly nextRelayAt?: string;
  readonly relayCount: number;
  readonly tracking: readonly TrackingEvent[];
  readonly updatedAt: string;
  /** Optimistic lock for tracking updates. */
  readonly revision: number;
}
