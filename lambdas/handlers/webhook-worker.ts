/**
 * The webhook worker (SQS-triggered, partial batch responses): each message is an event to fan out or a delivery to
 * attempt (`handleWebhookMessages`: the batch's events read together, the messages handled in parallel). A message whose handling throws (storage or KMS trouble) is
 * reported as a batch item failure and comes back; retries of a failed delivery wait on the time stored with it, and
 * the outbox relay sends them when due.
 */
import middy from '@middy/core';
import sqsPartialBatchFailure from '@middy/sqs-partial-batch-failure';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { webhookWorkerDeps } from '../composition/webhooks';
import { handleWebhookMessages } from '../use-cases/webhooks/deliver';

const deps = webhookWorkerDeps();

export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(sqsPartialBatchFailure({ logger: () => undefined }))
  .handler(
    async (event) =>
      (await handleWebhookMessages(
        deps,
        event.Records.map((record) => record.body),
      )) as unknown as SQSBatchResponse,
  );
