/**
 * The dispatch worker (SQS-triggered, partial batch responses): for each message, create the dispatch's waybill at
 * the carrier exactly once (see `createWaybill`; the batch's dispatches are read in one BatchGetItem). A failed message is reported in `batchItemFailures` and hidden for
 * a backoff that doubles per receive (ChangeMessageVisibility); after maxReceiveCount receives the queue's
 * RedrivePolicy moves it to the DLQ (`npm run dlq -- list | redrive`).
 */
import { ChangeMessageVisibilityCommand } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { workerDeps } from '../composition/dispatch';
import { parseDispatchId } from '../domain/dispatch';
import { CarrierError } from '../ports/carrier';
import { carrierConfig } from '../shared/carrier-config';
import { sqsClient } from '../shared/clients';
import { config } from '../shared/config';
import { logger } from '../shared/logger';
import { createWaybills, retryDelaySeconds } from '../use-cases/dispatch/dispatch';

const settings = carrierConfig(); // fail at cold start when the carrier is not configured

/** The dispatch id a message names, or the error that makes it unprocessable (it goes on to the DLQ). */
function dispatchIdOf(record: SQSRecord): { id: string } | { error: unknown } {
  try {
    const message = JSON.parse(record.body) as { dispatchId?: unknown };
    return { id: parseDispatchId(message?.dispatchId, 'message.dispatchId') };
  } catch (error) {
    return { error };
  }
}

/** Each record's outcome: the batch's dispatches are read once, each dispatch handled once. */
async function outcomesOf(records: readonly SQSRecord[]): Promise<PromiseSettledResult<unknown>[]> {
  const parsed = records.map(dispatchIdOf);
  const ids = parsed.flatMap((p) => ('id' in p ? [p.id] : []));
  let byId: ReadonlyMap<string, PromiseSettledResult<unknown>>;
  try {
    byId = ids.length > 0 ? await createWaybills(workerDeps(), ids) : new Map();
  } catch (error) {
    return records.map(() => ({ status: 'rejected', reason: error }));
  }
  return parsed.map((p) =>
    'error' in p
      ? { status: 'rejected', reason: p.error }
      : (byId.get(p.id) ?? { status: 'rejected', reason: new Error('no outcome') }),
  );
}

async function backOff(record: SQSRecord): Promise<void> {
  const seconds = retryDelaySeconds(
    Number(record.attributes.ApproximateReceiveCount ?? '1'),
    settings.retryBaseSeconds,
  );
  if (seconds === 0) return;
  try {
    await sqsClient().send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: config().dispatchQueueUrl,
        ReceiptHandle: record.receiptHandle,
        VisibilityTimeout: seconds,
      }),
    );
  } catch (error) {
    // The queue's own visibility timeout applies instead.
    logger.warn('could not extend visibility for the retry', { messageId: record.messageId, error });
  }
}

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const outcomes = await outcomesOf(event.Records);
  const failed: SQSRecord[] = [];
  outcomes.forEach((outcome, i) => {
    const record = event.Records[i];
    if (outcome.status === 'fulfilled' || !record) return;
    failed.push(record);
    const error = outcome.reason as unknown;
    logger.warn('dispatch message failed', {
      messageId: record.messageId,
      receiveCount: record.attributes.ApproximateReceiveCount,
      code: error instanceof CarrierError ? error.code : (error as { code?: string }).code,
      retryable: error instanceof CarrierError ? error.retryable : undefined,
      error: error instanceof CarrierError ? error.message : error,
    });
  });
  await Promise.all(failed.map(backOff));
  return { batchItemFailures: failed.map((r) => ({ itemIdentifier: r.messageId })) };
};
