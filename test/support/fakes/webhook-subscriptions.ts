/**
 * In-memory {@link WebhookSubscriptions} with the adapter's conditions: `add` only when the id is free, `save` only at
 * the stored revision (`CONCURRENT_MODIFICATION`), lists newest first by creation time and id, with opaque positions.
 *
 * @example
 * const subscriptions = new FakeWebhookSubscriptions();
 * await subscriptions.add(snapshot); // true
 */
import { ConflictError } from '../../../lambdas/domain/errors';
import type { WebhookSubscriptionSnapshot } from '../../../lambdas/domain/webhooks/subscription';
import type { Page, PageRequest } from '../../../lambdas/ports/page';
import type { WebhookSubscriptions } from '../../../lambdas/ports/webhook-subscriptions';
import { pageOf, stored } from './storage';

export class FakeWebhookSubscriptions implements WebhookSubscriptions {
  readonly #items = new Map<string, WebhookSubscriptionSnapshot>();

  async get(id: string): Promise<WebhookSubscriptionSnapshot | undefined> {
    const found = this.#items.get(id);
    return found ? stored(found) : undefined;
  }

  async add(subscription: WebhookSubscriptionSnapshot): Promise<boolean> {
    if (this.#items.has(subscription.id)) return false;
    this.#items.set(subscription.id, stored(subscription));
    return true;
  }

  async save(subscription: WebhookSubscriptionSnapshot, expectedRevision: number): Promise<void> {
    if (this.#items.get(subscription.id)?.revision !== expectedRevision) {
      throw new ConflictError(
        'CONCURRENT_MODIFICATION',
        `webhook subscription ${subscription.id} changed concurrently; read it again`,
      );
    }
    this.#items.set(subscription.id, stored(subscription));
  }

  async list(page: PageRequest): Promise<Page<WebhookSubscriptionSnapshot>> {
    const entries = [...this.#items.values()].map((s) => ({ sortKey: `${s.createdAt}#${s.id}`, item: s }));
    return pageOf('WHSUBS', entries, 'desc', page);
  }
}
