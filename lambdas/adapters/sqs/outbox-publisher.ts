/**
 * {@link OutboxPublisher} on SQS: each message to its topic's queue (`outboxTopics` in `lib/resources.ts`), its body as
 * the message body (bodies carry ids only: no personal data ever sits in a queue), in batches of 10.
 *
 * @example
 * const publisher = new SqsOutboxPublisher(sqsClient(), (queue) => config().queueUrls[queue]);
 * const { failed } = await publisher.publish([{ topic: 'dispatch', id, body: { dispatchId: id } }]);
 */
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { outboxTopics, type QueueName } from '../../../lib/resources';
import type { OutboxPublisher } from '../../ports/outbox-publisher';
import type { OutboxMessage, OutboxRef } from '../../ports/transaction-parts';

const BATCH = 10;

type Publishable = Pick<OutboxMessage, 'topic' | 'id' | 'body'>;

export class SqsOutboxPublisher implements OutboxPublisher {
  constructor(
    private readonly client: SQSClient,
    /** The URL of a queue of `lib/resources.ts`. */
    private readonly queueUrl: (queue: QueueName) => string,
  ) {}

  async publish(messages: readonly Publishable[]): Promise<{ readonly failed: readonly OutboxRef[] }> {
    const batches: Publishable[][] = [];
    const byQueue = new Map<QueueName, Publishable[]>();
    for (const message of messages) {
      const queue = outboxTopics[message.topic].queue;
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), message]);
    }
    for (const queued of byQueue.values()) {
      for (let i = 0; i < queued.length; i += BATCH) batches.push(queued.slice(i, i + BATCH));
    }
    const failed: OutboxRef[] = [];
    const outcomes = await Promise.allSettled(
      batches.map(async (batch) => {
        const out = await this.client.send(
          new SendMessageBatchCommand({
            QueueUrl: this.queueUrl(outboxTopics[(batch[0] as Publishable).topic].queue),
            Entries: batch.map((message, n) => ({ Id: String(n), MessageBody: JSON.stringify(message.body) })),
          }),
        );
        for (const f of out.Failed ?? []) {
          const message = batch[Number(f.Id)];
          if (message) failed.push({ topic: message.topic, id: message.id });
        }
      }),
    );
    outcomes.forEach((outcome, i) => {
      if (outcome.status === 'rejected') failed.push(...(batches[i] ?? []).map(({ topic, id }) => ({ topic, id })));
    });
    if (batches.length > 0 && outcomes.every((o) => o.status === 'rejected')) {
      throw (outcomes[0] as PromiseRejectedResult).reason;
    }
    return { failed };
  }
}
