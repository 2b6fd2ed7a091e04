/**
 * Pieces for the queue benches (dispatch, webhooks): a local runtime with one queue's settings changed, SQS pollers on
 * a worker's real handler, and a queue's depth (`test/support/queues.ts`). Apart from `harness.ts` so that a bench that starts no runtime (the
 * renderer's, whose RSS figures describe a render-only process) does not load the runtime and the function registry.
 *
 * @example
 * const bench = await startQueueBenchRuntime('dispatch', { visibilityTimeoutSeconds: 1 });
 * const { pollers, counts } = startWorkerPollers(bench.runtime, bench.sqs, 'dispatch-worker', handler, 4);
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { type FunctionDefinition, functions } from '../lambdas/functions';
import { emulatorClientConfig } from '../lib/local/aws-clients';
import { LOCAL_ACCOUNT_ID } from '../lib/local/emulators';
import { lambdaContext } from '../lib/local/lambda-context';
import { silentLog } from '../lib/local/log';
import { type LocalRuntime, startLocalRuntime } from '../lib/local/runtime';
import { type SqsPoller, startSqsPoller } from '../lib/local/sqs-poller';
import { type QueueDefinition, type QueueName, queues } from '../lib/resources';

export { queueDepth } from '../test/support/queues';

/** What {@link startWorkerPollers} counted: records handed to the worker, and those it reported failed. */
export interface WorkerCounts {
  records: number;
  failedRecords: number;
}

/**
 * `count` SQS pollers on a queue-triggered function's real handler, as the event source would run it (its Lambda
 * context from the registry), counting the records handed over and the batch items it reports failed.
 *
 * @example
 * const { pollers, counts } = await startWorkerPollers(runtime, sqs, 'webhook-worker', handler, 8);
 */
export function startWorkerPollers(
  runtime: Pick<LocalRuntime, 'endpoints' | 'names'>,
  sqs: SQSClient,
  name: string,
  handler: (event: SQSEvent, context: ReturnType<typeof lambdaContext>) => Promise<SQSBatchResponse>,
  count: number,
): { pollers: SqsPoller[]; counts: WorkerCounts } {
  const definition = functions.find((f) => f.name === name) as FunctionDefinition;
  const counts: WorkerCounts = { records: 0, failedRecords: 0 };
  const worker = async (event: SQSEvent): Promise<SQSBatchResponse> => {
    counts.records += event.Records.length;
    const result = await handler(
      event,
      lambdaContext({
        functionName: definition.name,
        timeoutMs: (definition.timeoutSeconds ?? 10) * 1000,
        memoryMb: definition.memoryMb ?? 512,
        region: runtime.endpoints.region,
        accountId: LOCAL_ACCOUNT_ID,
      }),
    );
    counts.failedRecords += result.batchItemFailures.length;
    return result;
  };
  const pollers = Array.from({ length: count }, () =>
    startSqsPoller({
      definition,
      handler: worker as never,
      queue: runtime.names.queues[definition.queue as QueueName],
      client: sqs,
      region: runtime.endpoints.region,
      accountId: LOCAL_ACCOUNT_ID,
      log: silentLog(),
    }),
  );
  return { pollers, counts };
}

/**
 * A local runtime for a queue bench: in-memory DynamoDB, no pollers or schedules (the bench starts its own), one
 * queue's settings changed, an SQS client on its emulator; `stop()` ends all of it and removes the data directory.
 *
 * @example
 * const bench = await startQueueBenchRuntime('dispatch', { visibilityTimeoutSeconds: 1 });
 * try { … bench.sqs … } finally { await bench.stop(); }
 */
export async function startQueueBenchRuntime(
  queue: QueueName,
  settings: Partial<QueueDefinition>,
): Promise<{ readonly runtime: LocalRuntime; readonly sqs: SQSClient; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), `permit-bench-${queue}-`));
  const runtime = await startLocalRuntime({
    dataDir,
    inMemoryDynamo: true,
    pollers: false,
    schedules: false,
    log: silentLog(),
    queues: { ...queues, [queue]: { ...queues[queue], ...settings } },
  });
  const sqs = new SQSClient(emulatorClientConfig(runtime.endpoints.sqs, runtime.endpoints.region));
  return {
    runtime,
    sqs,
    stop: async () => {
      sqs.destroy();
      await runtime.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
