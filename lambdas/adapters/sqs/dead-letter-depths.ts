/**
 * {@link DeadLetterDepths} over SQS: one `GetQueueAttributes` (`ApproximateNumberOfMessages`, approximate by SQS's own
 * definition) per dead-letter queue, side by side. Needs `sqs:GetQueueAttributes` on each DLQ and nothing else.
 *
 * @example
 * const depths = await new SqsDeadLetterDepths(sqsClient(), { dispatch: dlqUrl }).depths(); // [{ queue: 'dispatch', depth: 0 }]
 */
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DeadLetterDepth, DeadLetterDepths } from '../../ports/dead-letter-depths';

export class SqsDeadLetterDepths implements DeadLetterDepths {
  constructor(
    private readonly client: SQSClient,
    /** Each dead-letter queue's URL by the logical name of its work queue. */
    private readonly urls: Readonly<Record<string, string>>,
  ) {}

  depths(): Promise<readonly DeadLetterDepth[]> {
    return Promise.all(
      Object.entries(this.urls).map(async ([queue, url]) => {
        const out = await this.client.send(
          new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
        );
        return { queue, depth: Number(out.Attributes?.ApproximateNumberOfMessages ?? '0') };
      }),
    );
  }
}
