/**
 * POST /v1/webhooks/subscriptions/{subscriptionId}/test — an admin's `webhook.test` event to one subscriber
 * (`sendTestEvent`): queued for delivery at once (202); its outcome shows in the subscriber's delivery log.
 */
import { webhookTestDeps } from '../../composition/webhooks';
import { sendTestEventRoute } from '../../contracts/webhooks';
import { httpRoute, json } from '../../shared/http';
import { sendTestEvent } from '../../use-cases/webhooks/deliver';

const deps = webhookTestDeps();

export const test = httpRoute(sendTestEventRoute, async ({ params }) =>
  json(202, await sendTestEvent(deps, { subscriptionId: params.subscriptionId })),
);
