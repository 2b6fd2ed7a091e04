/**
 * The `SQSEvent` Lambda's SQS event source builds from received messages, and the reading of a function's
 * `batchItemFailures` answer, with Lambda's rules (ReportBatchItemFailures on):
 * - no answer, or an empty `batchItemFailures` → every message succeeded;
 * - a failure naming a message of the batch → that message failed;
 * - a failure that names nothing, or a message not in the batch → the whole batch failed.
 *
 * @example
 * const event = buildSqsEvent(messages, queueArn, 'cn-north-1');
 * const failed = failedMessageIds(await handler(event), event); // 'all' | Set<string>
 */
import type { Message } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSMessageAttributes, SQSRecord, SQSRecordAttributes } from 'aws-lambda';

/**
 * The `SQSEvent` for a batch of received messages.
 *
 * @example
 * buildSqsEvent(messages, queueArn, 'cn-north-1').Records[0]?.eventSource; // 'aws:sqs'
 */
export function buildSqsEvent(messages: readonly Message[], queueArn: string, region: string): SQSEvent {
  return { Records: messages.map((m) => toRecord(m, queueArn, region)) };
}

function toRecord(message: Message, queueArn: string, region: string): SQSRecord {
  const attributes = (message.Attributes ?? {}) as Record<string, string>;
  const recordAttributes: SQSRecordAttributes = {
    ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
    SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
    SenderId: attributes.SenderId ?? 'LOCAL',
    ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    ...optional(attributes, [
      'AWSTraceHeader',
      'SequenceNumber',
      'MessageGroupId',
      'MessageDeduplicationId',
      'DeadLetterQueueSourceArn',
    ]),
  };
  const messageAttributes: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    messageAttributes[name] = {
      ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined ? { binaryValue: Buffer.from(value.BinaryValue).toString('base64') } : {}),
      stringListValues: value.StringListValues ?? [],
      binaryListValues: (value.BinaryListValues ?? []).map((b) => Buffer.from(b).toString('base64')),
      dataType: value.DataType ?? 'String',
    };
  }
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: recordAttributes,
    messageAttributes,
    md5OfBody: message.MD5OfBody ?? '',
    ...(message.MD5OfMessageAttributes ? { md5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

function optional(source: Record<string, string>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.filter((n) => source[n] !== undefined).map((n) => [n, source[n] as string]));
}

/** Which messages of `event` failed, by Lambda's partial-batch rules; `'all'` when the whole batch counts as failed. */
export function failedMessageIds(result: unknown, event: SQSEvent): 'all' | Set<string> {
  const failures = (result as { batchItemFailures?: unknown } | null | undefined)?.batchItemFailures;
  if (failures === undefined || failures === null) return new Set();
  if (!Array.isArray(failures)) return 'all';
  const inBatch = new Set(event.Records.map((r) => r.messageId));
  const failed = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '' || !inBatch.has(id)) return 'all';
    failed.add(id);
  }
  return failed;
}
