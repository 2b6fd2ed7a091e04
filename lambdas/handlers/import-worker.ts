/**
 * The import worker (SQS-triggered, partial batch responses): each message is a job's check or one chunk of its
 * licences (`runImportMessages`). A failed message stays on the queue and comes back (the relay re-sends it too);
 * after five receives it rests in the DLQ (`npm run dlq -- imports list|redrive`).
 */
import middy from '@middy/core';
import sqsPartialBatchFailure from '@middy/sqs-partial-batch-failure';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { importWorkerDeps } from '../composition/imports';
import { runImportMessages } from '../use-cases/imports/worker';

const deps = importWorkerDeps();

export const handler = middy<SQSEvent, SQSBatchResponse>()
  // The use case logs each failure; the middleware only reports them.
  .use(sqsPartialBatchFailure({ logger: () => undefined }))
  .handler(
    async (event) =>
      (await runImportMessages(
        await deps,
        event.Records.map((record) => record.body),
      )) as unknown as SQSBatchResponse,
  );
