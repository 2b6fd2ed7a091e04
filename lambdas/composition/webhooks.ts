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
import { CachingSecretBox } from '../adapters/secrets/caching-secret-box';
import { SqsWebhookDeadLetters } from '../adapters/sqs/webhook-dead-letters';
import { HealthCachingDeliveries } from '../adapters/webhook-health-cache';
import type { WebhookSubscriptionSnapshot } from '../domain/webhooks/subscription';
import type { WebhookSubscriptions } from '../ports/webhook-subscriptions';
import { dynamoClient, sqsClient } from '../shared/clients';
import { ConfigError, config, isLocalRuntime } from '../shared/config';
import { allActiveSubscriptions, type WebhookWorkerDeps } from '../use-cases/webhooks/deliver';
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

/**
 * The active subscriptions as the worker fans out to them: read again after {@link ACTIVE_SUBSCRIPTIONS_TTL_MS}, and
 * whenever an event is newer than the copy held — so a subscription registered before a change always hears of it.
 */
let heldSubscriptions: { readonly readAt: number; readonly value: Promise<WebhookSubscriptionSnapshot[]> } | undefined;
function activeSubscriptionsSince(since: Date): Promise<WebhookSubscriptionSnapshot[]> {
  const now = clock.now().getTime();
  const held = heldSubscriptions;
  if (held && now - held.readAt < ACTIVE_SUBSCRIPTIONS_TTL_MS && held.readAt >= since.getTime()) return held.value;
  const value = allActiveSubscriptions(webhookSubscriptions());
  heldSubscriptions = { readAt: now, value };
  value.catch(() => {
    if (heldSubscriptions?.value === value) heldSubscriptions = undefined;
  });
  return value;
}
/** How long the worker keeps the active subscriptions. */
export const ACTIVE_SUBSCRIPTIONS_TTL_MS = 1000;

/** The worker's deliveries: a success already noted healthy is not written again for a minute. */
const workerDeliveries = once(() => new HealthCachingDeliveries(webhookDeliveries()));

/** The worker's secret box: what it opened, kept (a KMS Decrypt per delivery would cost a round trip each). */
const openedSecrets = once(() => new CachingSecretBox(secretBox()));

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
  deliveries: workerDeliveries(),
  subscriptions: webhookSubscriptions(),
  activeSubscriptions: activeSubscriptionsSince,
  secrets: openedSecrets(),
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
