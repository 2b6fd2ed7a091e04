/**
 * Port: publishes outbox messages to their topics' queues (`outboxTopics` in `lib/resources.ts`). Adapter:
 * `lambdas/adapters/sqs/outbox-publisher.ts`.
 */
import type { OutboxMessage, OutboxRef } from './transaction-parts';

/**
 * Publishes outbox messages (each topic to its queue, the body as it is).
 *
 * @example
 * const { failed } = await publisher.publish([message]);
 */
export interface OutboxPublisher {
  /** Send each message once; resolves with the ones that could not be sent (throws only when nothing could be). */
  publish(
    messages: readonly Pick<OutboxMessage, 'topic' | 'id' | 'body'>[],
  ): Promise<{ readonly failed: readonly OutboxRef[] }>;
}
