/**
 * A new outbox message (`lambdas/ports/transaction-parts.ts`): written as a part of the transaction whose change it
 * announces, published after the commit, re-sent by the relay from {@link RELAY_GRACE_MS} after the change on until
 * its consumer completes it.
 *
 * @example
 * const message = outboxMessage('dispatch', 'DSP-20260000001', { dispatchId: 'DSP-20260000001' }, at);
 * const parts = [...ownParts, { kind: 'outbox', message }];
 */
import type { OutboxMessage, OutboxTopic } from '../../ports/transaction-parts';

/**
 * How long after the change the relay first looks at its message: the publish after the commit normally delivers it,
 * and the consumer completes it, well before.
 *
 * @example
 * new Date(at.getTime() + RELAY_GRACE_MS);
 */
export const RELAY_GRACE_MS = 2 * 60_000;

export function outboxMessage(
  topic: OutboxTopic,
  id: string,
  body: Readonly<Record<string, unknown>>,
  at: Date,
): OutboxMessage {
  return {
    topic,
    id,
    body,
    createdAt: at.toISOString(),
    nextRelayAt: new Date(at.getTime() + RELAY_GRACE_MS).toISOString(),
  };
}
