/**
 * Port: the webhook events written with their changes and the deliveries made of them. Adapter:
 * `lambdas/adapters/dynamo/webhook-deliveries.ts`. Each delivery has a `webhooks` outbox message whose relay time is
 * the delivery's next attempt: the relay re-sends it when due, so retries need no timer of their own.
 */
import type { WebhookDelivery } from '../domain/webhooks/delivery';
import type { TestEvent, WebhookEvent } from '../domain/webhooks/events';
import type { Page, PageRequest } from './page';
import type { OutboxMessage } from './transaction-parts';

/**
 * Events, deliveries and the subscribers' health.
 *
 * @example
 * if (await deliveries.create(delivery, message)) await notifyCommitted(deps, [message]);
 */
export interface WebhookDeliveries {
  /** The event written with a change (`webhook-event` part), or a test event. */
  event(eventId: string): Promise<WebhookEvent | undefined>;
  /** Several events read together (a batch of messages), by id; absent ones left out. */
  events(eventIds: readonly string[]): Promise<ReadonlyMap<string, WebhookEvent>>;
  /** A test event with its one delivery and the delivery's outbox message, in one write. */
  createTest(event: TestEvent, delivery: WebhookDelivery, message: OutboxMessage): Promise<void>;
  /**
   * A new delivery — usually with its first attempt made — in one write, with its outbox message while it is pending
   * (relay time: its next attempt, or the message's own for one not attempted yet); false (nothing written) when it
   * exists already.
   */
  create(delivery: WebhookDelivery, message: OutboxMessage): Promise<boolean>;
  get(subscriptionId: string, eventId: string): Promise<WebhookDelivery | undefined>;
  /**
   * Store an attempt's result, only if the stored delivery still has `previousAttempts` attempts (two workers never
   * both record one attempt), with its outbox message in the same write: re-timed to `nextAttemptAt` while pending,
   * completed (deleted) otherwise. False when another worker recorded first.
   */
  record(delivery: WebhookDelivery, previousAttempts: number, message: OutboxMessage): Promise<boolean>;
  /** A subscriber's deliveries, newest first. */
  listFor(subscriptionId: string, page: PageRequest): Promise<Page<WebhookDelivery>>;
  /**
   * Note an attempt's result on the subscriber's health: a failure keeps the earliest `failingSince` (set now if none),
   * a success clears it. Answers the `failingSince` after the write.
   */
  noteHealth(subscriptionId: string, succeeded: boolean, now: Date): Promise<string | undefined>;
}
