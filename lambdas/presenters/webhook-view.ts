/**
 * The API view of a webhook subscription: everything but the secrets themselves (their dates only) and the request
 * hash.
 *
 * @example
 * json(200, subscriptionView(subscription));
 */
import type { WebhookSubscriptionSnapshot } from '../domain/webhooks/subscription';

export function subscriptionView(s: WebhookSubscriptionSnapshot) {
  return {
    id: s.id,
    url: s.url,
    events: s.events,
    filter: s.filter,
    ...(s.description ? { description: s.description } : {}),
    state: s.state,
    ...(s.failingSince ? { failingSince: s.failingSince } : {}),
    ...(s.disabledAt ? { disabledAt: s.disabledAt } : {}),
    secrets: s.secrets.map(({ createdAt, retiresAt }) => ({ createdAt, ...(retiresAt ? { retiresAt } : {}) })),
    createdAt: s.createdAt,
    createdBy: s.createdBy,
    updatedAt: s.updatedAt,
    revision: s.revision,
  };
}
