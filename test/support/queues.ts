/**
 * The real SQS queues of a test runtime, read as an event source would: for tests that run a consumer's use case on
 * what its queue holds (pollers off).
 *
 * @example
 * const bodies = await drainQueue(sqs, runtime.names.queues.statusList.url);
 * await publishStatusList(deps, { bodies });
 */
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/** Every message waiting on the queue, received and deleted (as the event source hands a batch over): their bodies. */
export async function drainQueue(sqs: SQSClient, url: string): Promise<string[]> {
  const bodies: string[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    if (Messages.length === 0) return bodies;
    for (const m of Messages) {
      bodies.push(m.Body as string);
      await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
    }
  }
}

/**
 * Messages in a queue, visible or in flight (0: drained).
 *
 * @example
 * expect(await queueDepth(sqs, runtime.names.queues.dispatch.deadLetterUrl)).toBe(0);
 */
export async function queueDepth(sqs: SQSClient, url: string): Promise<number> {
  const out = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(out.Attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
}
