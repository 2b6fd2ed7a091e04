/**
 * {@link WebhookDeliveries} that spares the write of a success the store already knows: after a subscriber's health
 * was noted healthy in this process, further successes within {@link HEALTHY_NOTE_TTL_MS} write nothing (a failure
 * always writes, and forgets it). A failing state another process wrote is therefore cleared at most that long after
 * a success here — nothing beside a day's wait before a subscriber is disabled.
 *
 * @example
 * const deliveries = new HealthCachingDeliveries(new DynamoWebhookDeliveries(client, table));
 */
import type { WebhookDelivery } from '../domain/webhooks/delivery';
import type { TestEvent, WebhookEvent } from '../domain/webhooks/events';
import type { Page, PageRequest } from '../ports/page';
import type { OutboxMessage } from '../ports/transaction-parts';
import type { WebhookDeliveries } from '../ports/webhook-deliveries';

/** How long a success noted here stands for the ones after it. */
export const HEALTHY_NOTE_TTL_MS = 60_000;

export class HealthCachingDeliveries implements WebhookDeliveries {
  readonly #healthyAt = new Map<string, number>();

  constructor(private readonly store: WebhookDeliveries) {}

  event(eventId: string): Promise<WebhookEvent | undefined> {
    return this.store.event(eventId);
  }

  events(eventIds: readonly string[]): Promise<ReadonlyMap<string, WebhookEvent>> {
    return this.store.events(eventIds);
  }

  createTest(event: TestEvent, delivery: WebhookDelivery, message: OutboxMessage): Promise<void> {
    return this.store.createTest(event, delivery, message);
  }

  create(delivery: WebhookDelivery, message: OutboxMessage): Promise<boolean> {
    return this.store.create(delivery, message);
  }

  get(subscriptionId: string, eventId: string): Promise<WebhookDelivery | undefined> {
    return this.store.get(subscriptionId, eventId);
  }

  record(delivery: WebhookDelivery, previousAttempts: number, message: OutboxMessage): Promise<boolean> {
    return this.store.record(delivery, previousAttempts, message);
  }

  listFor(subscriptionId: string, page: PageRequest): Promise<Page<WebhookDelivery>> {
    return this.store.listFor(subscriptionId, page);
  }

  async noteHealth(subscriptionId: string, succeeded: boolean, now: Date): Promise<string | undefined> {
    const healthyAt = this.#healthyAt.get(subscriptionId);
    if (succeeded && healthyAt !== undefined && now.getTime() - healthyAt < HEALTHY_NOTE_TTL_MS) return undefined;
    const failingSince = await this.store.noteHealth(subscriptionId, succeeded, now);
    if (succeeded) this.#healthyAt.set(subscriptionId, now.getTime());
    else this.#healthyAt.delete(subscriptionId);
    return failingSince;
  }
}
