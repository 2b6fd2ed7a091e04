/**
 * Lambda's SQS event source mapping, locally: long-poll the queue (batch size, wait time and batching window from
 * `lib/resources.ts`), invoke the function with an `SQSEvent`, delete what succeeded. With partial batch responses a
 * function returns `{ batchItemFailures }` and only those messages stay; if it throws or times out, the whole batch
 * stays. Messages that stay become visible again after the queue's visibility timeout, and the queue's own
 * RedrivePolicy moves them to the dead-letter queue after maxReceiveCount receives — exactly as in the cloud, where
 * Lambda does not redrive either.
 *
 * One poller per function (Lambda scales pollers out; locally one is plenty).
 *
 * @example
 * const poller = startSqsPoller({ definition, handler, queue, client, region, accountId, log });
 * await poller.stop();
 */

import { setTimeout as delay } from 'node:timers/promises';
import { DeleteMessageBatchCommand, type Message, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { FunctionDefinition } from '../../lambdas/functions';
import { invokeHandler, type LambdaHandler } from './handlers';
import type { RuntimeLog } from './log';
import type { ProvisionedQueue } from './provision';
import { buildSqsEvent, failedMessageIds } from './sqs-event';

export interface SqsPollerOptions {
  readonly definition: FunctionDefinition;
  readonly handler: LambdaHandler;
  readonly queue: ProvisionedQueue;
  /** A client pointed at the SQS emulator. */
  readonly client: SQSClient;
  readonly region: string;
  readonly accountId: string;
  readonly log: RuntimeLog;
}

export interface SqsPoller {
  /** Batches handed to the function so far. */
  readonly invocations: number;
  /** Stop polling, let an in-flight invocation finish, resolve when idle. Idempotent. */
  stop(): Promise<void>;
}

const MAX_RECEIVE = 10;
const MAX_BACKOFF_MS = 5_000;

/**
 * Start polling one queue for one function.
 *
 * @example
 * const poller = startSqsPoller({ definition, handler, queue: names.queues.dispatch, client, region, accountId, log });
 */
export function startSqsPoller(options: SqsPollerOptions): SqsPoller {
  const controller = new AbortController();
  const { definition: queue } = options.queue;
  let invocations = 0;

  const receive = async (max: number, waitSeconds: number): Promise<Message[]> => {
    const { Messages } = await options.client.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queue.url,
        MaxNumberOfMessages: Math.min(max, MAX_RECEIVE),
        WaitTimeSeconds: waitSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: controller.signal },
    );
    return Messages ?? [];
  };

  /** Long-poll for the first message, then keep filling the batch until it is full or the window has passed. */
  const receiveBatch = async (): Promise<Message[]> => {
    const batch = await receive(queue.batchSize, queue.receiveWaitTimeSeconds);
    const windowEnds = Date.now() + queue.maxBatchingWindowSeconds * 1000;
    while (
      batch.length > 0 &&
      batch.length < queue.batchSize &&
      Date.now() < windowEnds &&
      !controller.signal.aborted
    ) {
      const more = await receive(queue.batchSize - batch.length, Math.floor((windowEnds - Date.now()) / 1000));
      if (more.length === 0 && Date.now() >= windowEnds) break;
      batch.push(...more);
    }
    return batch;
  };

  const settle = async (messages: readonly Message[], failed: 'all' | Set<string>): Promise<void> => {
    if (failed === 'all') return;
    const done = messages.filter((m) => m.MessageId && !failed.has(m.MessageId));
    for (let i = 0; i < done.length; i += MAX_RECEIVE) {
      const chunk = done.slice(i, i + MAX_RECEIVE);
      const { Failed } = await options.client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: options.queue.url,
          Entries: chunk.map((m, n) => ({ Id: String(n), ReceiptHandle: m.ReceiptHandle })),
        }),
      );
      if (Failed && Failed.length > 0) options.log.warn('could not delete processed messages', { failed: Failed });
    }
  };

  const loop = async (): Promise<void> => {
    let backoff = 100;
    while (!controller.signal.aborted) {
      try {
        const messages = await receiveBatch();
        backoff = 100;
        if (messages.length === 0) continue;
        const event = buildSqsEvent(messages, options.queue.arn, options.region);
        invocations++;
        const outcome = await invokeHandler(options.handler, event, {
          definition: options.definition,
          region: options.region,
          accountId: options.accountId,
        });
        if (outcome.status === 'error') {
          options.log.error('queue function failed; the batch stays on the queue', {
            function: options.definition.name,
            error: outcome.error,
          });
        } else if (outcome.status === 'timeout') {
          options.log.error('queue function timed out; the batch stays on the queue', {
            function: options.definition.name,
          });
        }
        await settle(messages, outcome.status === 'ok' ? failedMessageIds(outcome.result, event) : 'all');
      } catch (error) {
        if (controller.signal.aborted) break;
        options.log.warn('polling failed; retrying', {
          function: options.definition.name,
          error: (error as Error).message,
        });
        await delay(backoff, undefined, { signal: controller.signal }).catch(() => {});
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  };

  const running = loop();
  return {
    get invocations() {
      return invocations;
    },
    stop: async () => {
      controller.abort();
      await running;
    },
  };
}
