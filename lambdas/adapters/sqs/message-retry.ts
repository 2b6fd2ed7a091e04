/**
 * {@link MessageRetry} on SQS: `ChangeMessageVisibility` on a message just received from one queue.
 *
 * @example
 * const retry = new SqsMessageRetry(sqsClient(), config().queueUrls.dispatch);
 * await retry.retryAfter(record.receiptHandle, 60);
 */
import { ChangeMessageVisibilityCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { MessageRetry } from '../../ports/message-retry';

export class SqsMessageRetry implements MessageRetry {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async retryAfter(receipt: string, seconds: number): Promise<void> {
    await this.client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: this.queueUrl,
        ReceiptHandle: receipt,
        VisibilityTimeout: seconds,
      }),
    );
  }
}
