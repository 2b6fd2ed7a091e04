/**
 * DynamoDB adapter of {@link WebhookSubscriptions}. Key shape (see `docs/storage.md`): `WHSUB#{id}` / `#HEAD`, gsi1
 * `WHSUBS` / `{createdAt}#{id}` (newest first, one Query a page). Secrets are stored as the `SecretBox` sealed them.
 *
 * @example
 * const subscriptions = new DynamoWebhookSubscriptions(dynamoClient(), config().tableName);
 */
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { WebhookSubscriptionSnapshot } from '../../domain/webhooks/subscription';
import type { Page, PageRequest } from '../../ports/page';
import type { WebhookSubscriptions } from '../../ports/webhook-subscriptions';
import { putAtRevision, putIfAbsent } from './conditional-writes';
import { queryPage } from './pagination';

const subscriptionKey = (id: string) => ({ pk: `WHSUB#${id}`, sk: '#HEAD' });

const subscriptionItem = (s: WebhookSubscriptionSnapshot): Record<string, unknown> => ({
  ...subscriptionKey(s.id),
  type: 'webhook-subscription',
  revision: s.revision,
  subscription: s,
  gsi1pk: 'WHSUBS',
  gsi1sk: `${s.createdAt}#${s.id}`,
});

export class DynamoWebhookSubscriptions implements WebhookSubscriptions {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(id: string): Promise<WebhookSubscriptionSnapshot | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: subscriptionKey(id), ConsistentRead: true }),
    );
    return out.Item?.subscription as WebhookSubscriptionSnapshot | undefined;
  }

  add(subscription: WebhookSubscriptionSnapshot): Promise<boolean> {
    return putIfAbsent(this.client, this.tableName, subscriptionItem(subscription));
  }

  save(subscription: WebhookSubscriptionSnapshot, expectedRevision: number): Promise<void> {
    const what = `webhook subscription ${subscription.id}`;
    return putAtRevision(this.client, this.tableName, subscriptionItem(subscription), expectedRevision, what);
  }

  list(page: PageRequest): Promise<Page<WebhookSubscriptionSnapshot>> {
    return queryPage(
      this.client,
      this.tableName,
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': 'WHSUBS' },
        ScanIndexForward: false,
      },
      page,
      (item) => item.subscription as WebhookSubscriptionSnapshot,
    );
  }
}
