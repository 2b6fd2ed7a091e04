/**
 * Inspect and re-drive the dispatch dead-letter queue. Used by `npm run dlq` (cloud or local, endpoints from the SDK
 * configuration) and by tests. Re-driving moves each message back to the work queue (send, then delete from the
 * DLQ): at worst a crash in between leaves a duplicate, which the worker absorbs (exactly one waybill per dispatch).
 *
 * @example
 * const letters = await listDeadLetters(sqs, dlqUrl);
 * const { moved } = await redriveDeadLetters(sqs, { dlqUrl, queueUrl });
 */
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

export interface DeadLetter {
  readonly messageId: string;
  readonly body: string;
  readonly receiveCount: number;
  readonly sentAt: string | undefined;
}

const receive = async (client: SQSClient, url: string, visibility: number): Promise<Message[]> => {
  const out = await client.send(
    new ReceiveMessageCommand({
      QueueUrl: url,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 0,
      VisibilityTimeout: visibility,
      MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
    }),
  );
  return out.Messages ?? [];
};

/**
 * Peek at up to `max` dead letters (they are received with a short visibility and released again at once).
 *
 * @example
 * for (const l of await listDeadLetters(sqs, dlqUrl)) console.log(l.messageId, l.body);
 */
export async function listDeadLetters(client: SQSClient, dlqUrl: string, max = 100): Promise<DeadLetter[]> {
  const seen = new Map<string, DeadLetter>();
  const held: Message[] = [];
  for (let round = 0; round < Math.ceil(max / 10) && seen.size < max; round++) {
    const batch = await receive(client, dlqUrl, 30);
    if (batch.length === 0) break;
    for (const m of batch) {
      held.push(m);
      if (!m.MessageId || seen.has(m.MessageId)) continue;
      const sent = m.Attributes?.SentTimestamp;
      seen.set(m.MessageId, {
        messageId: m.MessageId,
        body: m.Body ?? '',
        receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? '0'),
        sentAt: sent ? new Date(Number(sent)).toISOString() : undefined,
      });
    }
  }
  // Release what we held, so the letters stay visible for the next look or a re-drive.
  for (let i = 0; i < held.length; i += 10) {
    const chunk = held.slice(i, i + 10);
    await client.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: dlqUrl,
        Entries: chunk.map((m, n) => ({ Id: String(n), ReceiptHandle: m.ReceiptHandle ?? '', VisibilityTimeout: 0 })),
      }),
    );
  }
  return [...seen.values()];
}

/**
 * Move every dead letter back to the work queue, at most `max`.
 *
 * @example
 * const { moved } = await redriveDeadLetters(sqs, { dlqUrl, queueUrl });
 */
export async function redriveDeadLetters(
  client: SQSClient,
  urls: { readonly dlqUrl: string; readonly queueUrl: string },
  max = 10_000,
): Promise<{ moved: number }> {
  let moved = 0;
  while (moved < max) {
    const batch = await receive(client, urls.dlqUrl, 60);
    if (batch.length === 0) break;
    const sent = await client.send(
      new SendMessageBatchCommand({
        QueueUrl: urls.queueUrl,
        Entries: batch.map((m, n) => ({ Id: String(n), MessageBody: m.Body ?? '' })),
      }),
    );
    const ok = new Set((sent.Successful ?? []).map((s) => s.Id));
    const done = batch.filter((_, n) => ok.has(String(n)));
    if (done.length > 0) {
      await client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: urls.dlqUrl,
          Entries: done.map((m, n) => ({ Id: String(n), ReceiptHandle: m.ReceiptHandle ?? '' })),
        }),
      );
    }
    moved += done.length;
    if (done.length < batch.length) throw new Error(`could not re-send ${batch.length - done.length} dead letters`);
  }
  return { moved };
}
