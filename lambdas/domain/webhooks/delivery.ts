/**
 * One webhook delivery: an event for one subscriber, attempted until it is answered 2xx or its 24-hour window ends.
 *
 * | state | meaning |
 * |---|---|
 * | `pending` | not yet answered 2xx; `nextAttemptAt` says when it is tried again |
 * | `delivered` | a 2xx answer |
 * | `exhausted` | no 2xx in the window (its message went to the DLQ; a re-drive tries again) |
 * | `cancelled` | the subscriber was disabled before it was delivered |
 *
 * @example
 * const next = afterAttempt(delivery, outcome, { now, random: Math.random });
 */
import { nextWebhookAttempt } from './retry';

/** Where a delivery stands. */
export type DeliveryState = 'pending' | 'delivered' | 'exhausted' | 'cancelled';

/** What the last attempt gave. */
export interface AttemptOutcome {
  /** The HTTP status, when the subscriber answered. */
  readonly status?: number;
  /** Why there was no answer (`timeout`, `address-refused`, `dns`, `connect`, `tls`, `url-invalid`). */
  readonly failure?: string;
  /** At most 1 KB of the answer, or the failure's detail. */
  readonly detail: string;
  readonly durationMs: number;
  readonly at: string;
}

/** One delivery as stored. */
export interface WebhookDelivery {
  readonly subscriptionId: string;
  readonly eventId: string;
  readonly type: string;
  /** Printed licence number and the event's per-licence sequence (for the delivery log; none for a test event). */
  readonly licenceNo?: string;
  readonly sequence?: number;
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly createdAt: string;
  /** The first attempt of the current window (a re-drive of an exhausted delivery opens a new one). */
  readonly firstAttemptAt?: string;
  readonly nextAttemptAt?: string;
  readonly last?: AttemptOutcome;
}

/** Whether an outcome is a success: a 2xx answer. @example isDelivered({ status: 204, … }) // true */
export const isDelivered = (outcome: Pick<AttemptOutcome, 'status'>): boolean =>
  outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300;

/**
 * The delivery after an attempt: delivered on a 2xx; else pending with its next attempt, or exhausted once the window
 * is over.
 *
 * @example
 * afterAttempt(delivery, { status: 503, detail: '', durationMs: 12, at }, { now, random: Math.random }).state;
 */
export function afterAttempt(
  delivery: WebhookDelivery,
  outcome: AttemptOutcome,
  options: { readonly now: Date; readonly random: () => number },
): WebhookDelivery {
  const attempts = delivery.attempts + 1;
  const firstAttemptAt = delivery.firstAttemptAt ?? outcome.at;
  const { nextAttemptAt: _previous, ...rest } = delivery;
  if (isDelivered(outcome)) return { ...rest, state: 'delivered', attempts, firstAttemptAt, last: outcome };
  const next = nextWebhookAttempt({
    firstAttemptAt: new Date(firstAttemptAt),
    attempts,
    now: options.now,
    random: options.random,
  });
  return next
    ? { ...rest, state: 'pending', attempts, firstAttemptAt, nextAttemptAt: next.toISOString(), last: outcome }
    : { ...rest, state: 'exhausted', attempts, firstAttemptAt, last: outcome };
}
