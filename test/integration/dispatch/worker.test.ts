/**
 * The dispatch worker through the real SQS emulator and the sandbox carrier: duplicate messages, concurrent workers,
 * carrier timeouts (after the waybill was created), 5xx, slow and duplicate-order answers all end with exactly one
 * waybill per dispatch; a message that keeps failing lands in the DLQ after maxReceiveCount receives and, once the
 * carrier recovers, a re-drive dispatches it. The worker completes a dispatch's outbox message once it has its waybill
 * (never before), so the relay stops re-sending it.
 *
 * Queue settings are shortened (1 s visibility, DLQ on the 3rd receive) and the carrier timeout is 400 ms, so retries
 * take seconds; the worker's own backoff is off (DISPATCH_RETRY_BASE_SECONDS=0: the queue's visibility applies).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { transactItemsOf } from '../../../lambdas/adapters/dynamo/transaction-parts';
import { listDeadLetters } from '../../../lambdas/adapters/sqs/dead-letters';
import { dispatchRepository } from '../../../lambdas/composition/dispatch';
import { outboxStore } from '../../../lambdas/composition/outbox';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import { parsePostalAddress } from '../../../lambdas/domain/postal-address';
import { functions } from '../../../lambdas/functions';
import { dynamoClient } from '../../../lambdas/shared/clients';
import { config } from '../../../lambdas/shared/config';
import { paperCopyParts } from '../../../lambdas/use-cases/dispatch/paper-copy';
import { emulatorClientConfig } from '../../../lib/local/aws-clients';
import { LOCAL_ACCOUNT_ID } from '../../../lib/local/emulators';
import { lambdaContext } from '../../../lib/local/lambda-context';
import { REPO_ROOT } from '../../../lib/local/runtime';
import type { FaultMode } from '../../../lib/local/sandbox-carrier';
import { queues } from '../../../lib/resources';
import { postalAddress } from '../../support/dispatch';
import { queueDepth } from '../../support/queues';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

const execFileAsync = promisify(execFile);

process.env.DISPATCH_RETRY_BASE_SECONDS = '0';
process.env.CARRIER_TIMEOUT_MS = '400';

let runtime: TestRuntime;
let sqs: SQSClient;
let serial = 0;

beforeAll(async () => {
  runtime = await startTestRuntime({
    schedules: false,
    queues: {
      ...queues,
      dispatch: {
        ...queues.dispatch,
        visibilityTimeoutSeconds: 1,
        receiveWaitTimeSeconds: 1,
        maxBatchingWindowSeconds: 0,
        deadLetter: { ...queues.dispatch.deadLetter, maxReceiveCount: 3 },
      },
    },
  });
  sqs = new SQSClient(emulatorClientConfig(runtime.endpoints.sqs, runtime.endpoints.region));
});
afterAll(async () => {
  await runtime?.stop();
  sqs?.destroy();
});
afterEach(() => runtime.carrier.faults.clear());

/** Write a pending dispatch and its outbox message (the issuance transaction's parts, alone); returns its id. */
async function pendingDispatch(): Promise<string> {
  serial += 1;
  const paperSerial = `2026${String(8_000_000 + serial).padStart(7, '0')}`;
  const { parts } = paperCopyParts({
    licenceNo: LicenceNumber.of({ province: '鄂', categoryCode: '06', productCode: '001', serial }),
    version: 1,
    paperSerial,
    uscc: '91420100MA4K0A0A1E',
    address: parsePostalAddress(postalAddress, 'address'),
    reason: 'issue',
    requestedBy: 'officer-1',
    at: new Date().toISOString(),
  });
  await dynamoClient().send(
    new TransactWriteCommand({ TransactItems: parts.flatMap((part) => transactItemsOf(config().tableName, part)) }),
  );
  return `DSP-${paperSerial}`;
}

const messageOf = (id: string) => outboxStore().get({ topic: 'dispatch', id });

const workerDefinition = functions.find((f) => f.name === 'dispatch-worker');

/** A context as Lambda gives the worker (the poller builds the same), with the worker's timeout. */
const context = () =>
  lambdaContext({
    functionName: 'dispatch-worker',
    timeoutMs: (workerDefinition?.timeoutSeconds ?? 10) * 1000,
    memoryMb: 512,
    region: runtime.endpoints.region,
    accountId: LOCAL_ACCOUNT_ID,
  });

const send = (id: string, times = 1) =>
  sqs.send(
    new SendMessageBatchCommand({
      QueueUrl: runtime.names.queues.dispatch.url,
      Entries: Array.from({ length: times }, (_, n) => ({
        Id: String(n),
        MessageBody: JSON.stringify({ dispatchId: id }),
      })),
    }),
  );

const depth = (url: string): Promise<number> => queueDepth(sqs, url);

const waybillOf = (id: string): Promise<string> =>
  vi.waitFor(
    async () => {
      const d = await dispatchRepository().get(id);
      if (!d?.waybillNo) throw new Error(`no waybill yet for ${id}`);
      return d.waybillNo;
    },
    { timeout: 20_000, interval: 50 },
  );

/** `npm run dlq -- <command>` against this runtime's queues (the env `npm start` gives its handlers). */
const dlqCli = (command: 'list' | 'redrive') =>
  execFileAsync(process.execPath, ['--import', 'tsx', 'bin/dlq.ts', command], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...runtime.env },
  });

const sqsEvent = (id: string, n: number): SQSEvent => ({
  Records: [
    {
      messageId: `direct-${id}-${n}`,
      receiptHandle: 'direct',
      body: JSON.stringify({ dispatchId: id }),
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(Date.now()),
        SenderId: 'test',
        ApproximateFirstReceiveTimestamp: String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: runtime.names.queues.dispatch.arn,
      awsRegion: runtime.endpoints.region,
    },
  ],
});

describe('the dispatch worker', () => {
  test('makes exactly one waybill from duplicate messages and concurrent workers, and completes the outbox message', async () => {
    // Prepare
    const id = await pendingDispatch();
    const pending = await messageOf(id);
    const { handler } = await import('../../../lambdas/handlers/dispatch-worker');

    // Act: three copies through SQS to the poller, and two more workers invoked directly at the same time
    const [, a, b] = await Promise.all([
      send(id, 3),
      handler(sqsEvent(id, 1), context()),
      handler(sqsEvent(id, 2), context()),
    ]);
    const waybillNo = await waybillOf(id);
    await vi.waitFor(
      async () => {
        if ((await depth(runtime.names.queues.dispatch.url)) > 0) throw new Error('messages left');
      },
      { timeout: 20_000, interval: 100 },
    );

    // Assess
    expect(pending).toMatchObject({ topic: 'dispatch', id, body: { dispatchId: id }, relayCount: 0 });
    expect(a.batchItemFailures).toEqual([]);
    expect(b.batchItemFailures).toEqual([]);
    expect(runtime.carrier.issuedPerOrder().get(id)).toBe(1);
    expect(runtime.carrier.waybillOf(id)).toBe(waybillNo);
    expect(await dispatchRepository().get(id)).toMatchObject({ state: 'label-created', waybillNo });
    expect(await messageOf(id)).toBeUndefined();
  });

  test('reports an unreadable message as a batch item failure, and completes nothing for it', async () => {
    // Prepare
    const id = await pendingDispatch();
    const { handler } = await import('../../../lambdas/handlers/dispatch-worker');
    const good = sqsEvent(id, 3).Records[0] as SQSEvent['Records'][number];
    const bad = { ...good, messageId: `bad-${id}`, body: JSON.stringify({ dispatchId: 'not-a-dispatch' }) };

    // Act
    const result = await handler({ Records: [bad, good] }, context());

    // Assess
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: `bad-${id}` }]);
    expect(await dispatchRepository().get(id)).toMatchObject({ state: 'label-created' });
    expect(await messageOf(id)).toBeUndefined();
  });

  test.each<[FaultMode, number]>([
    ['timeout', 1],
    ['error-500', 2],
    ['slow', 1],
    ['duplicate', 1],
  ])('ends with one waybill when the carrier answers %s (%i×)', async (mode, count) => {
    // Prepare
    const id = await pendingDispatch();
    const before = runtime.carrier.stats();
    runtime.carrier.faults.next(mode, count);

    // Act
    await send(id);
    const waybillNo = await waybillOf(id);

    // Assess
    const after = runtime.carrier.stats();
    expect(after.faultsInjected - before.faultsInjected).toBe(count);
    expect(runtime.carrier.issuedPerOrder().get(id)).toBe(1);
    expect(runtime.carrier.waybillOf(id)).toBe(waybillNo);
  });

  test('moves a message that keeps failing to the DLQ, and a re-drive dispatches it once the carrier recovers', async () => {
    // Prepare
    const id = await pendingDispatch();
    const dlqUrl = runtime.names.queues.dispatch.deadLetterUrl;
    runtime.carrier.faults.order(id, 'error-500');

    // Act: fail until dead-lettered
    await send(id);
    await vi.waitFor(
      async () => {
        if ((await depth(dlqUrl)) !== 1) throw new Error('not dead-lettered yet');
      },
      { timeout: 30_000, interval: 100 },
    );
    const letters = await listDeadLetters(sqs, dlqUrl);
    const listed = await dlqCli('list');
    const stillPending = await dispatchRepository().get(id);
    const messageWhileFailing = await messageOf(id);
    runtime.carrier.faults.clear();
    const redriven = await dlqCli('redrive');
    const waybillNo = await waybillOf(id);
    await vi.waitFor(
      async () => {
        if (await messageOf(id)) throw new Error('the outbox message is not completed yet');
      },
      { timeout: 20_000, interval: 50 },
    );

    // Assess
    expect(letters.map((l) => JSON.parse(l.body))).toEqual([{ dispatchId: id }]);
    expect(letters[0]?.receiveCount).toBeGreaterThanOrEqual(1);
    expect(stillPending?.state).toBe('pending');
    expect(messageWhileFailing).toMatchObject({ topic: 'dispatch', id });
    expect(listed.stdout).toContain(JSON.stringify({ dispatchId: id }));
    expect(listed.stderr).toContain('1 dead letter(s)');
    expect(redriven.stderr).toContain('re-drove 1 message(s)');
    expect(await depth(dlqUrl)).toBe(0);
    expect(runtime.carrier.issuedPerOrder().get(id)).toBe(1);
    expect(runtime.carrier.waybillOf(id)).toBe(waybillNo);
  });
});
