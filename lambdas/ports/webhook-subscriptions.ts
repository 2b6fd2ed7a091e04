/**
 * Port: the webhook subscriptions an admin registers (`lambdas/domain/webhooks/subscription.ts`). Adapter:
 * `lambdas/adapters/dynamo/webhook-subscriptions.ts`.
 */
import type { WebhookSubscriptionSnapshot } from '../domain/webhooks/subscription';
import type { Page, PageRequest } from './page';

/**
 * The subscriptions.
 *
 * @example
 * if (!(await subscriptions.add(snapshot))) replayOrRefuse(await subscriptions.get(snapshot.id));
 */
export interface WebhookSubscriptions {
  get(id: string): Promise<WebhookSubscriptionSnapshot | undefined>;
  /** A new subscription; false (nothing written) when its id is taken. */
  add(subscription: WebhookSubscriptionSnapshot): Promise<boolean>;
  /** Throws `CONCURRENT_MODIFICATION` (409) unless the stored revision is `expectedRevision`. */
  save(subscription: WebhookSubscriptionSnapshot, expectedRevision: number): Promise<void>;
  /** Every subscription, newest first. */
  list(page: PageRequest): Promise<Page<WebhookSubscriptionSnapshot>>;
}
