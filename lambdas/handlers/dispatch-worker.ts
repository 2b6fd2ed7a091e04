/**
 * The dispatch worker (SQS-triggered, partial batch responses through `@middy/sqs-partial-batch-failure`): for each
 * message, create the dispatch's waybill at the carrier exactly once and complete its outbox message
 * (`handleDispatchMessages`). A failed message is reported as a batch item failure, hidden for a backoff that doubles
 * per receive, and after maxReceiveCount receives moved to the DLQ by the queue's RedrivePolicy
 * (`npm run dlq -- list | redrive`).
 */
import middy from '@middy/core';
import sqsPartialBatchFailure from '@middy/sqs-partial-batch-failure';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { workerDeps } from '../composition/dispatch';
import { invocationMetrics } from '../composition/metrics';
import { flushMetrics } from '../shared/metrics-flush';
import { handleDispatchMessages, type ReceivedMessage } from '../use-cases/dispatch/dispatch';

const deps = workerDeps(); // fails at cold start when the carrier is not configured

const received = (record: SQSRecord): ReceivedMessage => ({
  messageId: record.messageId,
  body: record.body,
  receiveCount: Number(record.attributes.ApproximateReceiveCount ?? '1'),
  receipt: record.receiptHandle,
});

export const handler = middy<SQSEvent, SQSBatchResponse>()
  // Each message's outcome is counted (`DispatchOutcome`) and published once per batch.
  .use(flushMetrics(invocationMetrics()))
  // The use case logs each failure with its carrier code; the middleware only reports them.
  .use(sqsPartialBatchFailure({ logger: () => undefined }))
  .handler(
    // The middleware turns each record's settled outcome into `batchItemFailures`.
    async (event) => (await handleDispatchMessages(deps, event.Records.map(received))) as unknown as SQSBatchResponse,
  );
