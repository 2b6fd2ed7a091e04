/**
 * The dispatch queue on SQS: one message per dispatch id, sent in batches of 10. Bodies carry only the id (no
 * personal data ever sits in a queue).
 *
 * @example
 * const queue = new SqsDispatchQueue(sqsClient(), config().dispatchQueueUrl);
 * const { failed } = await queue.send(['DSP-20260000001']);
 */
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DispatchQueue } from '../../ports/dispatch-queue';

/** The message body for a dispatch. */
export interface DispatchMessage {
  readonly dispatchId: string;
}

const BATCH = 10;

export class SqsDispatchQueue implements DispatchQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(ids: readonly string[]): Promise<{ readonly failed: readonly string[] }> {
    const failed: string[] = [];
    const batches: string[][] = [];
    for (let i = 0; i < ids.length; i += BATCH) batches.push(ids.slice(i, i + BATCH));
    await Promise.all(
      batches.map(async (batch) => {
        try {
          const out = await this.client.send(
            new SendMessageBatchCommand({
              QueueUrl: this.queueUrl,
              Entries: batch.map((dispatchId, n) => ({
                Id: String(n),
                MessageBody: JSON.stringify({ dispatchId } satisfies DispatchMessage),
              })),
            }),
          );
          for (const f of out.Failed ?? []) {
            const id = batch[Number(f.Id)];
            if (id) failed.push(id);
          }
        } catch {
          failed.push(...batch);
        }
      }),
    );
    return { failed };
  }
}
