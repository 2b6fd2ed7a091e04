/**
 * The webhook subscription routes (admins): register, list, read, rotate the secret, enable or disable, the delivery
 * log (the test event: `test-event.ts`). Each calls one use case of `use-cases/webhooks/subscriptions.ts`; a view never
 * carries a secret, only the call that made it answers it.
 *
 * @example
 * // POST /v1/webhooks/subscriptions { "url": "https://hooks.example.cn/permit", "events": ["licence.status_changed"] }
 * // → 201 { "subscription": { … }, "secret": "whsec_…" }
 */
import { listRoute } from '../../composition/cursors';
import { webhookSubscriptionDeps } from '../../composition/webhooks';
import {
  changeSubscriptionStateRoute,
  getSubscriptionRoute,
  listDeliveriesRoute,
  listSubscriptionsRoute,
  registerSubscriptionRoute,
  rotateSubscriptionSecretRoute,
} from '../../contracts/webhooks';
import { actorOf } from '../../domain/viewer';
import { subscriptionView } from '../../presenters/webhook-view';
import { httpRoute, json } from '../../shared/http';
import { viewerOf } from '../../shared/identity';
import {
  changeSubscriptionState,
  getSubscription,
  listDeliveries,
  listSubscriptions,
  registerSubscription,
  rotateSubscriptionSecret,
  type SubscriptionWithSecret,
} from '../../use-cases/webhooks/subscriptions';

const deps = webhookSubscriptionDeps();

const withSecret = ({ subscription, secret }: SubscriptionWithSecret) => ({
  subscription: subscriptionView(subscription),
  secret,
});

/** Never cached anywhere: the answer holds a secret. */
const NO_STORE = { 'cache-control': 'no-store' };

export const register = httpRoute(registerSubscriptionRoute, async ({ body, headers, identity }) => {
  const result = await registerSubscription(deps, {
    input: body,
    actor: actorOf(viewerOf(identity)),
    ...(headers['idempotency-key'] ? { idempotencyKey: headers['idempotency-key'] } : {}),
  });
  return json(result.replayed ? 200 : 201, withSecret(result), NO_STORE);
});

export const list = listRoute(listSubscriptionsRoute, async ({ query }) => {
  const page = await listSubscriptions(deps, query);
  return json(200, { items: page.items.map(subscriptionView), ...(page.cursor ? { cursor: page.cursor } : {}) });
});

export const get = httpRoute(getSubscriptionRoute, async ({ params }) =>
  json(200, subscriptionView(await getSubscription(deps, params.subscriptionId))),
);

export const rotate = httpRoute(rotateSubscriptionSecretRoute, async ({ params, body, identity }) => {
  const result = await rotateSubscriptionSecret(deps, {
    id: params.subscriptionId,
    overlapHours: body.overlapHours ?? 24,
    actor: actorOf(viewerOf(identity)),
    ...(body.expectedRevision !== undefined ? { expectedRevision: body.expectedRevision } : {}),
  });
  return json(200, withSecret(result), NO_STORE);
});

export const deliveries = listRoute(listDeliveriesRoute, async ({ params, query }) => {
  const page = await listDeliveries(deps, params.subscriptionId, query);
  return json(200, { items: page.items, ...(page.cursor ? { cursor: page.cursor } : {}) });
});

export const state = httpRoute(changeSubscriptionStateRoute, async ({ params, body, identity }) =>
  json(
    200,
    subscriptionView(
      await changeSubscriptionState(deps, {
        id: params.subscriptionId,
        state: body.state,
        actor: actorOf(viewerOf(identity)),
        ...(body.expectedRevision !== undefined ? { expectedRevision: body.expectedRevision } : {}),
      }),
    ),
  ),
);
