/**
 * Wiring of the webhook subscriptions: the registry and the administration audit on the table, the secrets sealed by
 * the `SecretBox` (`secret-box.ts`: KMS in the cloud, a key file locally), and whether plain http to loopback is
 * allowed (the local runtime only).
 *
 * @example
 * await registerSubscription(webhookSubscriptionDeps(), { input, actor });
 */
import { DynamoAdminAuditLog } from '../adapters/dynamo/admin-audit-log';
import { DynamoWebhookSubscriptions } from '../adapters/dynamo/webhook-subscriptions';
import type { WebhookSubscriptions } from '../ports/webhook-subscriptions';
import { dynamoClient } from '../shared/clients';
import { config, isLocalRuntime } from '../shared/config';
import type { SubscriptionDeps } from '../use-cases/webhooks/subscriptions';
import { clock } from './clock';
import { once } from './once';
import { secretBox } from './secret-box';

export const webhookSubscriptions = once<WebhookSubscriptions>(
  () => new DynamoWebhookSubscriptions(dynamoClient(), config().tableName),
);
const audit = once(() => new DynamoAdminAuditLog(dynamoClient(), config().tableName));

/**
 * Deps of the subscription use cases; `parts` replace any of them (tests).
 *
 * @example
 * const deps = webhookSubscriptionDeps({ clock });
 */
export const webhookSubscriptionDeps = (parts: Partial<SubscriptionDeps> = {}): SubscriptionDeps => ({
  subscriptions: webhookSubscriptions(),
  secrets: secretBox(),
  audit: audit(),
  clock,
  allowLoopback: isLocalRuntime(),
  ...parts,
});
