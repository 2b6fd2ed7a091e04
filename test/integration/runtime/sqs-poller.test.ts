/**
 * The local SQS event source against the real fauxqs: batches reach the function as `SQSEvent`s, successes are
 * deleted, `batchItemFailures` keep only the failed messages, a thrown error keeps the whole batch, and a message that
 * always fails is moved to the dead-letter queue by the queue's RedrivePolicy after maxReceiveCount receives.
 *
 * Queue settings are shortened (1 s visibility, DLQ on the 2nd receive) so redelivery takes seconds.
 */
import { ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { emulatorClientConfig } from '../../../lib/local/aws-clients';
import { pollUntil } from '../../../lib/local/wait';
import { queueRecorder } from '../../support/fixtures/handlers/queue-worker';
import { fastQueues, fixtureRegistry } from '../../support/fixtures/registry';
import { queueDepth } from '../../support/queues';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;
let sqs: SQSClient;

beforeAll(async () => {
  runtime = await startTestRuntime({
    registry: fixtureRegistry.filter((f) => f.name === 'queue-worker'),
    queues: fastQueues,
    schedules: false,
    log: { info: () => {}, warn: () => {}, error: () => {} },
  });
  sqs = new SQSClient(emulatorClientConfig(runtime.endpoints.sqs, runtime.endpoints.region));
});

afterAll(async () => {
  await runtime?.stop();
  sqs?.destroy();
});

beforeEach(() => queueRecorder.clear());

const queue = () => runtime.names.queues.dispatch;
const records = (): SQSRecord[] => queueRecorder.entries.flatMap((e) => e.Records);
const receivesOf = (body: string) => records().filter((r) => r.body === body);

/** Wait until the function has seen `body` `times` times. */
const seen = (body: string, times = 1): Promise<SQSEvent> =>
  queueRecorder.waitFor(() => receivesOf(body).length >= times);

describe('SQS poller', () => {
  test('delivers a real SQSEvent and deletes a successfully processed message', async () => {
    // Act
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queue().url,
        MessageBody: 'ok-single',
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'dispatch' } },
      }),
    );
    await seen('ok-single');

    // Assess: the event has Lambda's shape…
    const [record] = receivesOf('ok-single');
    expect(record).toMatchObject({
      body: 'ok-single',
      eventSource: 'aws:sqs',
      eventSourceARN: queue().arn,
      awsRegion: runtime.endpoints.region,
      attributes: { ApproximateReceiveCount: '1' },
      messageAttributes: {
        kind: { stringValue: 'dispatch', dataType: 'String', stringListValues: [], binaryListValues: [] },
      },
    });
    expect(record?.receiptHandle).toBeTruthy();
    expect(record?.md5OfBody).toMatch(/^[0-9a-f]{32}$/);
    // …and the message was deleted, not merely hidden: the queue holds nothing, visible or in flight.
    await pollUntil(async () => (await queueDepth(sqs, queue().url)) === 0, {
      timeoutMs: 5_000,
      description: 'deletion',
    });
    expect(await queueDepth(sqs, queue().deadLetterUrl)).toBe(0);
    expect(receivesOf('ok-single')).toHaveLength(1);
  });

  test('keeps only the messages reported in batchItemFailures', async () => {
    // Act
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue().url,
        Entries: [
          { Id: '1', MessageBody: 'ok-partial-1' },
          { Id: '2', MessageBody: 'fail-partial' },
          { Id: '3', MessageBody: 'ok-partial-2' },
        ],
      }),
    );
    await Promise.all([seen('ok-partial-1'), seen('ok-partial-2')]);
    await seen('fail-partial', 2);

    // Assess: the failed message came back (receive count 2); the others were delivered once and deleted.
    expect(receivesOf('fail-partial').map((r) => r.attributes.ApproximateReceiveCount)).toEqual(['1', '2']);
    expect(receivesOf('ok-partial-1')).toHaveLength(1);
    expect(receivesOf('ok-partial-2')).toHaveLength(1);
  });

  test('keeps the whole batch when the function throws', async () => {
    // Act: one batch holding a message that makes the function throw, and an innocent one.
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue().url,
        Entries: [
          { Id: '1', MessageBody: 'throw-batch' },
          { Id: '2', MessageBody: 'ok-innocent' },
        ],
      }),
    );
    await seen('throw-batch', 2);
    await seen('ok-innocent', 2);

    // Assess: both arrived in one invocation, which threw, so neither was deleted and both came back.
    const first = queueRecorder.entries.find((e) => e.Records.some((r) => r.body === 'throw-batch'));
    expect(first?.Records.map((r) => r.body).sort()).toEqual(['ok-innocent', 'throw-batch']);
    expect(receivesOf('ok-innocent')[1]?.attributes.ApproximateReceiveCount).toBe('2');
  });

  test('moves a message that always fails to the dead-letter queue after maxReceiveCount receives', async () => {
    // Act
    await sqs.send(new SendMessageCommand({ QueueUrl: queue().url, MessageBody: 'fail-forever' }));
    const dead = await receiveFromDlq('fail-forever');

    // Assess
    expect(dead).toBeDefined();
    expect(receivesOf('fail-forever').map((r) => r.attributes.ApproximateReceiveCount)).toEqual(['1', '2']);
  });
});

/** Long-poll the DLQ until the message arrives (each receive waits on the emulator; no fixed sleeps). */
async function receiveFromDlq(body: string, deadline = Date.now() + 20_000) {
  while (Date.now() < deadline) {
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queue().deadLetterUrl, WaitTimeSeconds: 2, MaxNumberOfMessages: 10 }),
    );
    const found = Messages?.find((m) => m.Body === body);
    if (found) return found;
  }
  return undefined;
}
