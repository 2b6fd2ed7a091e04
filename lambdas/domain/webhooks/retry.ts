/**
 * When a failed webhook delivery is tried again: exponential backoff with "equal jitter" — the n-th retry waits
 * between half and all of `min(30 s · 2^(n−1), 1 h)` — for up to {@link WEBHOOK_RETRY_WINDOW_MS} (24 h) after the
 * event's first attempt; after that the delivery is exhausted (its message goes to the DLQ). The time of the next
 * attempt is stored with the delivery and compared with the injected clock, so SQS's 15-minute delay cap never
 * bounds a wait and tests move time instead of waiting.
 *
 * Schedule without jitter (the upper bounds): 30 s, 1 min, 2, 4, 8, 16, 32 min, then every hour — about 30 attempts
 * in a day.
 *
 * @example
 * const next = nextWebhookAttempt({ firstAttemptAt, attempts: 3, now, random: Math.random });
 * if (!next) markExhausted();
 */

/** How long after its first attempt a delivery is retried. */
export const WEBHOOK_RETRY_WINDOW_MS = 24 * 3600_000;
/** The first retry's upper bound. */
export const WEBHOOK_RETRY_BASE_MS = 30_000;
/** No retry waits longer than this. */
export const WEBHOOK_RETRY_MAX_DELAY_MS = 3600_000;

/**
 * The instant of the next attempt after `attempts` failed ones, or undefined when the window is over.
 *
 * @example
 * nextWebhookAttempt({ firstAttemptAt, attempts: 1, now, random: () => 1 }); // now + 30 s
 */
export function nextWebhookAttempt(input: {
  readonly firstAttemptAt: Date;
  /** Failed attempts so far (1 after the first failure). */
  readonly attempts: number;
  readonly now: Date;
  /** A number in [0, 1): the jitter. */
  readonly random: () => number;
}): Date | undefined {
  if (!Number.isInteger(input.attempts) || input.attempts < 1) throw new Error('attempts: a whole number from 1');
  const cap = Math.min(WEBHOOK_RETRY_BASE_MS * 2 ** Math.min(input.attempts - 1, 30), WEBHOOK_RETRY_MAX_DELAY_MS);
  const delay = cap / 2 + Math.min(Math.max(input.random(), 0), 1) * (cap / 2);
  const next = new Date(input.now.getTime() + Math.round(delay));
  return next.getTime() - input.firstAttemptAt.getTime() > WEBHOOK_RETRY_WINDOW_MS ? undefined : next;
}
