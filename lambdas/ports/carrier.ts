/**
 * Port: the courier's open API. Adapters: `lambdas/adapters/carrier/http-carrier.ts` (and the local sandbox carrier).
 */

import type { TrackingEvent } from '../domain/dispatch';
import type { PostalAddress } from '../domain/postal-address';

/** What the carrier needs to create a waybill. */
export interface WaybillRequest {
  /** The sender's order id: the dispatch id. The carrier answers the same waybill for the same order id. */
  readonly orderId: string;
  readonly recipient: PostalAddress;
  /** Short description of the contents, printed on the waybill. */
  readonly contents: string;
}

export interface Waybill {
  readonly orderId: string;
  readonly waybillNo: string;
}

/** Carrier-side tracking as the query endpoint returns it. */
export interface CarrierTracking {
  readonly waybillNo: string;
  readonly events: readonly TrackingEvent[];
}

/** The courier's open API. Throws {@link CarrierError}. */
export interface Carrier {
  createWaybill(request: WaybillRequest): Promise<Waybill>;
  tracking(waybillNo: string): Promise<CarrierTracking>;
}

/**
 * The codes of {@link CarrierError}: a closed set of their own, not entries of `domain/error-catalogue.ts`, because a
 * carrier failure never reaches an API client — the dispatch worker retries it, then dead-letters and logs it.
 *
 * @example
 * CARRIER_ERROR_CODES.includes('CARRIER_TIMEOUT'); // true
 */
export const CARRIER_ERROR_CODES = [
  'CARRIER_TIMEOUT',
  'CARRIER_UNAVAILABLE',
  'CARRIER_RATE_LIMITED',
  'CARRIER_REJECTED',
  'CARRIER_AUTH',
  'CARRIER_BAD_RESPONSE',
] as const;

/**
 * One carrier failure code.
 *
 * @example
 * const code: CarrierErrorCode = 'CARRIER_REJECTED';
 */
export type CarrierErrorCode = (typeof CARRIER_ERROR_CODES)[number];

/**
 * A carrier failure. `retryable`: timeouts, connection errors, 5xx and rate limits (try again later, same order id);
 * otherwise permanent (4xx: the request itself is wrong and will be refused again).
 *
 * @example
 * throw new CarrierError('CARRIER_TIMEOUT', 'carrier did not answer within 10000 ms', true);
 */
export class CarrierError extends Error {
  override readonly name = 'CarrierError';
  constructor(
    readonly code: CarrierErrorCode,
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown; status?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.status = options?.status;
  }
  readonly status: number | undefined;
}
