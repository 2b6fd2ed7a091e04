/**
 * DynamoDB adapter of {@link WebhookDeliveries}. Key shapes (`docs/storage.md`):
 * - event `WHEVT#{eventId}` / `#EVENT` — the licence event (`event`), written with its change as the `webhook-event`
 *   part (`attribute_not_exists`), beside its `webhooks` outbox message;
 * - delivery `WHDLV#{subscriptionId}` / `#EVENT#{eventId}`, gsi1 `WHDLV#{subscriptionId}` / `{createdAt}#{eventId}`
 *   (the subscriber's delivery log, newest first) — its state, attempts and last outcome, written at the attempt count
 *   read; its outbox message (`dlv.{subscriptionId}.{eventId}`) carries the next attempt as its relay time;
 * - health `WHSUB#{subscriptionId}` / `#HEALTH` — `failingSince`, kept apart from the subscription so deliveries never
 *   contend with its revision.
 *
 * @example
 * const deliveries = new DynamoWebhookDeliveries(dynamoClient(), config().tableName);
 */
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { WebhookDelivery } from '../../domain/webhooks/delivery';
import type { TestEvent, WebhookEvent } from '../../domain/webhooks/events';
import type { Page, PageRequest } from '../../ports/page';
import type { OutboxMessage } from '../../ports/transaction-parts';
import type { WebhookDeliveries } from '../../ports/webhook-deliveries';
import { isConditionFailure } from './conditional-writes';
import { outboxItem, outboxKey } from './outbox-store';
import { queryPage } from './pagination';

type Item = Record<string, unknown>;

const eventKey = (eventId: string) => ({ pk: `WHEVT#${eventId}`, sk: '#EVENT' });
const deliveryKey = (subscriptionId: string, eventId: string) => ({
  pk: `WHDLV#${subscriptionId}`,
  sk: `#EVENT#${eventId}`,
});
const healthKey = (subscriptionId: string) => ({ pk: `WHSUB#${subscriptionId}`, sk: '#HEALTH' });

/**
 * The item of a licence event, as the `webhook-event` transaction part writes it.
 *
 * @example
 * webhookEventItem(event).pk; // 'WHEVT#evt_42-XK06-001-00001_r3'
 */
export const webhookEventItem = (event: WebhookEvent): Item => ({
  ...eventKey(event.id),
  type: 'webhook-event',
  event,
});

const deliveryItem = (d: WebhookDelivery): Item => ({
  ...deliveryKey(d.subscriptionId, d.eventId),
  type: 'webhook-delivery',
  attempts: d.attempts,
  delivery: d,
  gsi1pk: `WHDLV#${d.subscriptionId}`,
  gsi1sk: `${d.createdAt}#${d.eventId}`,
});

const isCancelled = (error: unknown): boolean => (error as { name?: string }).name === 'TransactionCanceledException';

export class DynamoWebhookDeliveries implements WebhookDeliveries {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async event(eventId: string): Promise<WebhookEvent | undefined> {
    const out = await this.client.send(new GetCommand({ TableName: this.tableName, Key: eventKey(eventId) }));
    return out.Item?.event as WebhookEvent | undefined;
  }

  async events(eventIds: readonly string[]): Promise<ReadonlyMap<string, WebhookEvent>> {
    const found = new Map<string, WebhookEvent>();
    const unique = [...new Set(eventIds)];
    for (let i = 0; i < unique.length; i += 100) {
      let pending: Record<string, unknown>[] | undefined = unique.slice(i, i + 100).map(eventKey);
      for (let round = 0; pending && pending.length > 0; round++) {
        if (round > 8) throw new Error('BatchGetItem kept returning unprocessed keys');
        const out: BatchGetCommandOutput = await this.client.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending } } }),
        );
        for (const item of out.Responses?.[this.tableName] ?? []) {
          const event = item.event as WebhookEvent;
          found.set(event.id, event);
        }
        pending = out.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return found;
  }

  async createTest(event: TestEvent, delivery: WebhookDelivery, message: OutboxMessage): Promise<void> {
    const mustNotExist = { ConditionExpression: 'attribute_not_exists(pk)' };
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.tableName, Item: webhookEventItem(event), ...mustNotExist } },
          { Put: { TableName: this.tableName, Item: deliveryItem(delivery), ...mustNotExist } },
          { Put: { TableName: this.tableName, Item: outboxItem(message), ...mustNotExist } },
        ],
      }),
    );
  }

  async create(delivery: WebhookDelivery, message: OutboxMessage): Promise<boolean> {
    const mustNotExist = { ConditionExpression: 'attribute_not_exists(pk)' };
    const pending = delivery.state === 'pending';
    const relayAt = delivery.nextAttemptAt ?? message.nextRelayAt;
    try {
      if (!pending) {
        await this.client.send(
          new PutCommand({ TableName: this.tableName, Item: deliveryItem(delivery), ...mustNotExist }),
        );
        return true;
      }
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: deliveryItem(delivery), ...mustNotExist } },
            { Put: { TableName: this.tableName, Item: outboxItem({ ...message, nextRelayAt: relayAt }) } },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (isCancelled(error) || isConditionFailure(error)) return false;
      throw error;
    }
  }

  async get(subscriptionId: string, eventId: string): Promise<WebhookDelivery | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: deliveryKey(subscriptionId, eventId), ConsistentRead: true }),
    );
    return out.Item?.delivery as WebhookDelivery | undefined;
  }

  async record(delivery: WebhookDelivery, previousAttempts: number, message: OutboxMessage): Promise<boolean> {
    const retimed =
      delivery.state === 'pending' && delivery.nextAttemptAt
        ? { Put: { TableName: this.tableName, Item: outboxItem({ ...message, nextRelayAt: delivery.nextAttemptAt }) } }
        : { Delete: { TableName: this.tableName, Key: outboxKey(message) } };
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: deliveryItem(delivery),
                ConditionExpression: 'attempts = :previous',
                ExpressionAttributeValues: { ':previous': previousAttempts },
              },
            },
            retimed,
          ],
        }),
      );
      return true;
    } catch (error) {
      if (isCancelled(error)) return false;
      throw error;
    }
  }

  listFor(subscriptionId: string, page: PageRequest): Promise<Page<WebhookDelivery>> {
    return queryPage(
      this.client,
      this.tableName,
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `WHDLV#${subscriptionId}` },
        ScanIndexForward: false,
      },
      page,
      (item) => item.delivery as WebhookDelivery,
    );
  }

  async noteHealth(subscriptionId: string, succeeded: boolean, now: Date): Promise<string | undefined> {
    const out = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: healthKey(subscriptionId),
        ...(succeeded
          ? { UpdateExpression: 'REMOVE failingSince' }
          : {
              UpdateExpression: 'SET failingSince = if_not_exists(failingSince, :now)',
              ExpressionAttributeValues: { ':now': now.toISOString() },
            }),
        ReturnValues: 'ALL_NEW',
      }),
    );
    return out.Attributes?.failingSince as string | undefined;
  }
}
