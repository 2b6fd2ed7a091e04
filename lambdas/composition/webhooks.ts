/**
 * Wiring of the webhooks: the subscriptions, the administration audit, the events and deliveries on the table; the
 * secrets sealed by the `SecretBox` (`secret-box.ts`: KMS in the cloud, a key file locally); the SSRF-safe sender, and
 * whether plain http to loopback is allowed (the local runtime only); exhausted deliveries to the queue's DLQ.
 *
 * @example
 * await registerSubscription(webhookSubscriptionDeps(), { input, actor });
 */

import { queues } from '../../lib/resources';
import { DynamoAdminAuditLog } from '../adapters/dynamo/admin-audit-log';
import { DynamoWebhookDeliveries } from '../adapters/dynamo/webhook-deliveries';
import { DynamoWebhookSubscriptions } from '../adapters/dynamo/webhook-subscriptions';
import { NodeWebhookSender } from '../adapters/http/webhook-sender';
import { SqsWebhookDeadLetters } from '../adapters/sqs/webhook-dead-letters';
import type { WebhookSubscriptions } from '../ports/webhook-subscriptions';
import { dynamoClient, sqsClient } from '../shared/clients';
import { ConfigError, config, isLocalRuntime } from '../shared/config';
import type { WebhookWorkerDeps } from '../use-cases/webhooks/deliver';
import type { SubscriptionDeps } from '../use-cases/webhooks/subscriptions';
import { clock } from './clock';
import { once } from './once';
import { outboxPublisher, outboxStore } from './outbox';
import { secretBox } from './secret-box';

export const webhookSubscriptions = once<WebhookSubscriptions>(
  () => new DynamoWebhookSubscriptions(dynamoClient(), config().tableName),
);
const audit = once(() => new DynamoAdminAuditLog(dynamoClient(), config().tableName));
export const webhookDeliveries = once(() => new DynamoWebhookDeliveries(dynamoClient(), config().tableName));

/**
 * Deps of the subscription use cases; `parts` replace any of them (tests).
 *
 * @example
 * const deps = webhookSubscriptionDeps({ clock });
 */
export const webhookSubscriptionDeps = (parts: Partial<SubscriptionDeps> = {}): SubscriptionDeps => ({
  subscriptions: webhookSubscriptions(),
  deliveries: webhookDeliveries(),
  secrets: secretBox(),
  audit: audit(),
  clock,
  allowLoopback: isLocalRuntime(),
  ...parts,
});

/** The `webhooks` DLQ's URL (the worker parks exhausted deliveries there). */
function webhooksDeadLetterUrl(): string {
  const name = queues.webhooks.deadLetter.envVar;
  const url = process.env[name]?.trim();
  if (!url) throw new ConfigError(`missing environment variable ${name}`);
  return url;
}

/**
 * Deps of the webhook worker; `parts` replace any of them (tests).
 *
 * @example
 * await handleWebhookMessage(webhookWorkerDeps(), body);
 */
export const webhookWorkerDeps = (parts: Partial<WebhookWorkerDeps> = {}): WebhookWorkerDeps => ({
  deliveries: webhookDeliveries(),
  subscriptions: webhookSubscriptions(),
  secrets: secretBox(),
  sender: new NodeWebhookSender({ allowLoopback: isLocalRuntime() }),
  publisher: outboxPublisher(),
  outbox: outboxStore(),
  deadLetters: new SqsWebhookDeadLetters(sqsClient(), webhooksDeadLetterUrl),
  clock,
  random: Math.random,
  ...parts,
});

/**
 * Deps of the admin's test event: the deliveries, the subscriptions, the outbox publisher (the delivery is published at
 * once) and the clock.
 *
 * @example
 * await sendTestEvent(webhookTestDeps(), { subscriptionId });
 */
export const webhookTestDeps = () => ({
  deliveries: webhookDeliveries(),
  subscriptions: webhookSubscriptions(),
  publisher: outboxPublisher(),
  clock,
});
