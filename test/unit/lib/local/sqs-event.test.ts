import type { Message } from '@aws-sdk/client-sqs';
import { describe, expect, test } from 'vitest';
import { buildSqsEvent, failedMessageIds } from '../../../../lib/local/sqs-event';

const message = (id: string, extra: Partial<Message> = {}): Message => ({
  MessageId: id,
  ReceiptHandle: `rh-${id}`,
  Body: `body-${id}`,
  MD5OfBody: 'd41d8cd98f00b204e9800998ecf8427e',
  Attributes: {
    ApproximateReceiveCount: '3',
    SentTimestamp: '1',
    SenderId: 'S',
    ApproximateFirstReceiveTimestamp: '2',
  },
  ...extra,
});

const arn = 'arn:aws:sqs:cn-north-1:000000000000:permit-dispatch';

describe('buildSqsEvent', () => {
  test('maps messages to Lambda SQS records', () => {
    // Act
    const event = buildSqsEvent(
      [message('1', { MessageAttributes: { bin: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2]) } } })],
      arn,
      'cn-north-1',
    );

    // Assess
    expect(event.Records[0]).toEqual({
      messageId: '1',
      receiptHandle: 'rh-1',
      body: 'body-1',
      attributes: {
        ApproximateReceiveCount: '3',
        SentTimestamp: '1',
        SenderId: 'S',
        ApproximateFirstReceiveTimestamp: '2',
      },
      messageAttributes: {
        bin: { binaryValue: 'AQI=', stringListValues: [], binaryListValues: [], dataType: 'Binary' },
      },
      md5OfBody: 'd41d8cd98f00b204e9800998ecf8427e',
      eventSource: 'aws:sqs',
      eventSourceARN: arn,
      awsRegion: 'cn-north-1',
    });
  });
});

describe('failedMessageIds', () => {
  const event = buildSqsEvent([message('1'), message('2')], arn, 'cn-north-1');

  test.each([
    ['no answer', undefined, new Set()],
    ['null', null, new Set()],
    ['empty failures', { batchItemFailures: [] }, new Set()],
    ['one failure', { batchItemFailures: [{ itemIdentifier: '2' }] }, new Set(['2'])],
    ['unknown id', { batchItemFailures: [{ itemIdentifier: '9' }] }, 'all'],
    ['empty id', { batchItemFailures: [{ itemIdentifier: '' }] }, 'all'],
    ['null entry', { batchItemFailures: [null] }, 'all'],
    ['not an array', { batchItemFailures: 'x' }, 'all'],
  ])('%s → %s', (_case, result, expected) => {
    expect(failedMessageIds(result, event)).toEqual(expected);
  });
});
