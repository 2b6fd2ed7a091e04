/**
 * The carrier open-API protocol (`docs/carrier-api.md`), shared by the HTTP adapter, the sandbox carrier and Permit's
 * webhook: message shapes, the HMAC-SHA256 signature over `timestamp + "." + body`, and the status vocabulary.
 *
 * Error codes (webhook): `SIGNATURE_MISSING`, `SIGNATURE_EXPIRED`, `SIGNATURE_INVALID`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DispatchState } from '../domain/dispatch';
import { UnauthenticatedError } from '../domain/errors';

/** Header names (lower case, as HTTP/2 and API Gateway v2 deliver them). */
export const HEADERS = Object.freeze({
  appKey: 'x-app-key',
  timestamp: 'x-timestamp',
  signature: 'x-signature',
});

/**
 * Largest accepted clock difference between signer and verifier.
 *
 * @example
 * Math.abs(now - timestamp * 1000) <= SIGNATURE_WINDOW_MS;
 */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

/** The carrier's status vocabulary in push notifications and tracking queries. */
export const CARRIER_STATUSES = ['PICKED_UP', 'IN_TRANSIT', 'DELIVERED', 'RETURNED'] as const;
export type CarrierStatus = (typeof CARRIER_STATUSES)[number];

/**
 * Map a carrier status to a dispatch state.
 *
 * @example
 * stateOfCarrierStatus('PICKED_UP'); // 'in-transit'
 */
export function stateOfCarrierStatus(status: CarrierStatus): DispatchState {
  if (status === 'DELIVERED') return 'delivered';
  if (status === 'RETURNED') return 'returned';
  return 'in-transit';
}

/** `POST /open/v1/waybills` request body. */
export interface CreateWaybillBody {
  readonly orderId: string;
  readonly cargo: string;
  readonly recipient: {
    readonly name: string;
    readonly phone: string;
    readonly address: string;
    readonly postcode: string;
  };
}

/** Answer of `POST /open/v1/waybills` (201 created, 200 same order again, 409 `DUPLICATE_ORDER`). */
export interface CreateWaybillAnswer {
  readonly code: 'OK' | 'DUPLICATE_ORDER';
  readonly orderId: string;
  readonly waybillNo: string;
}

/** One route (tracking) event. */
export interface RouteEvent {
  readonly eventId: string;
  readonly status: CarrierStatus;
  /** ISO 8601 instant. */
  readonly at: string;
  readonly description: string;
}

/** Push notification body, POSTed to the subscriber's webhook. */
export interface PushNotification extends RouteEvent {
  readonly orderId: string;
  readonly waybillNo: string;
}

/**
 * Signature of a message: lower-case hex HMAC-SHA256 with the app secret over `timestamp + "." + body`.
 *
 * @example
 * sign('s3cret', '1767578400', '{"orderId":"DSP-20260000001"}');
 */
export function sign(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/**
 * Headers for a signed request or notification sent at `now`.
 *
 * @example
 * fetch(url, { method: 'POST', body, headers: { ...signedHeaders(appKey, secret, body, new Date()) } });
 */
export function signedHeaders(appKey: string, secret: string, body: string, now: Date): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    [HEADERS.appKey]: appKey,
    [HEADERS.timestamp]: timestamp,
    [HEADERS.signature]: sign(secret, timestamp, body),
  };
}

/**
 * Verify a signed message; throws `UnauthenticatedError` (401) when a header is missing, the timestamp is outside
 * the 5-minute window, or the signature does not match (compared in constant time).
 *
 * @example
 * verifySignature({ headers: event.headers, body: rawBody.toString('utf8'), secret, now: clock.now() });
 */
export function verifySignature(input: {
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
  readonly secret: string;
  readonly now: Date;
}): void {
  const timestamp = input.headers[HEADERS.timestamp];
  const signature = input.headers[HEADERS.signature];
  if (!timestamp || !signature) {
    throw new UnauthenticatedError('SIGNATURE_MISSING', `${HEADERS.timestamp} and ${HEADERS.signature} are required`);
  }
  const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  if (!Number.isFinite(seconds) || Math.abs(input.now.getTime() - seconds * 1000) > SIGNATURE_WINDOW_MS) {
    throw new UnauthenticatedError('SIGNATURE_EXPIRED', 'the signature timestamp is outside the 5-minute window');
  }
  const expected = Buffer.from(sign(input.secret, timestamp, input.body), 'hex');
  const given = /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new UnauthenticatedError('SIGNATURE_INVALID', 'the signature does not match');
  }
}
