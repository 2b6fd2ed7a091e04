/**
 * The PDF timestamper (SQS-triggered, partial batch responses through `@middy/sqs-partial-batch-failure`): each
 * message names a certificate PDF signed while the TSA was unreachable; its document timestamp is added and the B-T
 * file recorded (`timestampPdfs`). A message whose TSA is still down is reported as a batch item failure and comes
 * back after the queue's visibility timeout (the relay also re-sends it while pending); the others go on.
 */
import middy from '@middy/core';
import sqsPartialBatchFailure from '@middy/sqs-partial-batch-failure';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { pdfTimestamperDeps } from '../composition/pdf-timestamps';
import { timestampPdfs } from '../use-cases/pdf-timestamps/upgrade';

const deps = pdfTimestamperDeps();

export const handler = middy<SQSEvent, SQSBatchResponse>()
  // The use case logs each failure with its code; the middleware only reports them.
  .use(sqsPartialBatchFailure({ logger: () => undefined }))
  .handler(
    // The middleware turns each record's settled outcome into `batchItemFailures`.
    async (event) =>
      (await timestampPdfs(
        deps,
        event.Records.map((record) => record.body),
      )) as unknown as SQSBatchResponse,
  );
