/**
 * The outbox relay (the `outbox-relay` function, every minute): re-sends what a crash, an SQS outage at publish time
 * or a lost local queue left behind — every pending message of every topic whose `nextRelayAt` has passed. Each is
 * claimed first with a conditional update that pushes `nextRelayAt` forward with backoff (two concurrent relays never
 * both send; a failed send is retried after the backoff); one re-sent {@link MAX_RELAYS} times is parked. The
 * consumer completes a message when its work is done, which takes it off the relay's list.
 *
 * @example
 * const { sent } = await relayOutbox(deps, { limit: 100 });
 */
import type { Clock } from '../../ports/clock';
import type { OutboxPublisher } from '../../ports/outbox-publisher';
import { MAX_RELAYS, type OutboxStore, type StoredOutboxMessage } from '../../ports/outbox-store';
import { logger } from '../../shared/logger';

export interface RelayDeps {
  readonly outbox: OutboxStore;
  readonly publisher: OutboxPublisher;
  readonly clock: Clock;
}

export interface RelayResult {
  readonly due: number;
  readonly claimed: number;
  readonly sent: number;
}

/** Relay backoff: 1, 2, 4 … minutes after each re-send, at most an hour. */
export const RELAY_BACKOFF_MS = Object.freeze({ first: 60_000, max: 60 * 60_000 });

/**
 * Delay before the relay looks at a message again, after it has re-sent it `relayCount` times.
 *
 * @example
 * relayBackoffMs(0); // 60_000
 * relayBackoffMs(3); // 480_000
 */
export function relayBackoffMs(relayCount: number): number {
  return Math.min(RELAY_BACKOFF_MS.first * 2 ** Math.min(relayCount, 20), RELAY_BACKOFF_MS.max);
}

export async function relayOutbox(deps: RelayDeps, options: { limit?: number } = {}): Promise<RelayResult> {
  const now = deps.clock.now();
  const due = await deps.outbox.dueForRelay(now, options.limit ?? 100);
  const claimed: StoredOutboxMessage[] = [];
  for (const message of due) {
    if (message.relayCount >= MAX_RELAYS) {
      if (await deps.outbox.parkRelay(message, now)) {
        logger.error('outbox message re-sent too often; no longer relayed (see the DLQ)', {
          topic: message.topic,
          messageId: message.id,
          relayCount: message.relayCount,
        });
      }
      continue;
    }
    const next = new Date(now.getTime() + relayBackoffMs(message.relayCount));
    if (await deps.outbox.claimRelay(message, next, now)) claimed.push(message);
  }
  if (claimed.length === 0) return { due: due.length, claimed: 0, sent: 0 };
  const { failed } = await deps.publisher.publish(claimed).catch((error: unknown) => {
    logger.warn('relay send failed', { error });
    return { failed: claimed.map(({ topic, id }) => ({ topic, id })) };
  });
  if (failed.length > 0) logger.warn('relay send failed; will retry after backoff', { messages: failed });
  logger.info('outbox relayed', { due: due.length, claimed: claimed.length, failed: failed.length });
  return { due: due.length, claimed: claimed.length, sent: claimed.length - failed.length };
}
