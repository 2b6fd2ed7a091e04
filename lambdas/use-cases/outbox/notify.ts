/**
 * The publish after the commit: outbox messages just committed go to their queues at once. Best effort — it never
 * throws (the change is committed and must not be reported as failed); a message it could not send waits for the
 * relay (`relay.ts`).
 *
 * @example
 * await notifyCommitted(deps, [message]);
 */
import type { OutboxPublisher } from '../../ports/outbox-publisher';
import type { OutboxMessage } from '../../ports/transaction-parts';
import { logger } from '../../shared/logger';

export async function notifyCommitted(
  deps: { readonly publisher: OutboxPublisher },
  messages: readonly Pick<OutboxMessage, 'topic' | 'id' | 'body'>[],
): Promise<void> {
  if (messages.length === 0) return;
  const refs = messages.map(({ topic, id }) => ({ topic, id }));
  try {
    const { failed } = await deps.publisher.publish(messages);
    if (failed.length > 0) logger.warn('outbox publish failed; the relay will re-send', { messages: failed });
  } catch (error) {
    logger.warn('outbox publish failed; the relay will re-send', { messages: refs, error });
  }
}
