/**
 * In-memory {@link WebhookDeliveries} and {@link WebhookDeadLetters} on the shared {@link FakeTable}, with the
 * adapter's conditions: a delivery and its outbox message created together only if the delivery is new; an attempt
 * recorded only at the attempt count read, its outbox message re-timed (pending) or deleted (final) in the same write;
 * the subscriber's `failingSince` kept from the first failure until a success.
 *
 * @example
 * const deliveries = new FakeWebhookDeliveries(world.table);
 */
import type { WebhookDelivery } from '../../../lambdas/domain/webhooks/delivery';
import type { TestEvent, WebhookEvent } from '../../../lambdas/domain/webhooks/events';
import type { Page, PageRequest } from '../../../lambdas/ports/page';
import type { OutboxMessage } from '../../../lambdas/ports/transaction-parts';
import type { WebhookDeadLetters } from '../../../lambdas/ports/webhook-dead-letters';
import type { WebhookDeliveries } from '../../../lambdas/ports/webhook-deliveries';
import { pageOf, stored } from './storage';
import { FakeTable, outboxKeyOf } from './table';

const keyOf = (subscriptionId: string, eventId: string) => `${subscriptionId}#${eventId}`;

export class FakeWebhookDeliveries implements WebhookDeliveries {
  constructor(readonly table: FakeTable = new FakeTable()) {}

  async event(eventId: string): Promise<WebhookEvent | undefined> {
    const found = this.table.webhookEvents.get(eventId);
    return found ? stored(found) : undefined;
  }

  async events(eventIds: readonly string[]): Promise<ReadonlyMap<string, WebhookEvent>> {
    const found = new Map<string, WebhookEvent>();
    for (const id of eventIds) {
      const event = this.table.webhookEvents.get(id);
      if (event) found.set(id, stored(event));
    }
    return found;
  }

  async createTest(event: TestEvent, delivery: WebhookDelivery, message: OutboxMessage): Promise<void> {
    if (this.table.webhookEvents.has(event.id) || this.table.outbox.has(outboxKeyOf(message))) {
      throw new Error(`test event ${event.id} exists`);
    }
    if (!(await this.create(delivery, message))) {
      throw new Error(`test event ${event.id} exists`);
    }
    this.table.webhookEvents.set(event.id, stored(event));
  }

  async create(delivery: WebhookDelivery, message: OutboxMessage): Promise<boolean> {
    const key = keyOf(delivery.subscriptionId, delivery.eventId);
    if (this.table.webhookDeliveries.has(key)) return false;
    this.table.webhookDeliveries.set(key, stored(delivery));
    if (delivery.state === 'pending') {
      const nextRelayAt = delivery.nextAttemptAt ?? message.nextRelayAt;
      this.table.outbox.set(outboxKeyOf(message), { ...stored(message), nextRelayAt, relayCount: 0 });
    }
    return true;
  }

  async get(subscriptionId: string, eventId: string): Promise<WebhookDelivery | undefined> {
    const found = this.table.webhookDeliveries.get(keyOf(subscriptionId, eventId));
    return found ? stored(found) : undefined;
  }

  async record(delivery: WebhookDelivery, previousAttempts: number, message: OutboxMessage): Promise<boolean> {
    const key = keyOf(delivery.subscriptionId, delivery.eventId);
    if (this.table.webhookDeliveries.get(key)?.attempts !== previousAttempts) return false;
    this.table.webhookDeliveries.set(key, stored(delivery));
    if (delivery.state === 'pending' && delivery.nextAttemptAt) {
      this.table.outbox.set(outboxKeyOf(message), {
        ...stored(message),
        nextRelayAt: delivery.nextAttemptAt,
        relayCount: 0,
      });
    } else {
      this.table.outbox.delete(outboxKeyOf(message));
    }
    return true;
  }

  async listFor(subscriptionId: string, page: PageRequest): Promise<Page<WebhookDelivery>> {
    const entries = [...this.table.webhookDeliveries.values()]
      .filter((d) => d.subscriptionId === subscriptionId)
      .map((d) => ({ sortKey: `${d.createdAt}#${d.eventId}`, item: d }));
    return pageOf(`WHDLV#${subscriptionId}`, entries, 'desc', page);
  }

  async noteHealth(subscriptionId: string, succeeded: boolean, now: Date): Promise<string | undefined> {
    if (succeeded) this.table.webhookHealth.delete(subscriptionId);
    else if (!this.table.webhookHealth.has(subscriptionId))
      this.table.webhookHealth.set(subscriptionId, now.toISOString());
    return this.table.webhookHealth.get(subscriptionId);
  }
}

/** Exhausted deliveries, in the order parked. */
export class FakeWebhookDeadLetters implements WebhookDeadLetters {
  readonly parked: { subscriptionId: string; eventId: string }[] = [];

  async park(delivery: { readonly subscriptionId: string; readonly eventId: string }): Promise<void> {
    this.parked.push({ subscriptionId: delivery.subscriptionId, eventId: delivery.eventId });
  }
}
