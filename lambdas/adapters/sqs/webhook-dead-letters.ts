/**
 * {@link WebhookDeadLetters} on SQS: an exhausted delivery's message body sent to the `webhooks` DLQ, exactly as the
 * queue carries it, so a re-drive hands the worker the delivery again.
 *
 * @example
 * const deadLetters = new SqsWebhookDeadLetters(sqsClient(), config().queueUrls.webhooksDlq);
 */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { WebhookDeadLetters } from '../../ports/webhook-dead-letters';

export class SqsWebhookDeadLetters implements WebhookDeadLetters {
  constructor(
    private readonly client: SQSClient,
    private readonly deadLetterUrl: () => string,
  ) {}

  async park(delivery: { readonly subscriptionId: string; readonly eventId: string }): Promise<void> {
    const body = JSON.stringify({ subscriptionId: delivery.subscriptionId, eventId: delivery.eventId });
    await this.client.send(new SendMessageCommand({ QueueUrl: this.deadLetterUrl(), MessageBody: body }));
  }
}
