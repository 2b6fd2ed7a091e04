/**
 * Postal dispatch under duplicates and failures: N dispatches written as the issuance transaction writes them (the
 * paper copy's typed parts — the dispatch and its outbox message — in one conditional transaction each), every queue
 * message published **twice** through the real SQS emulator (fauxqs), consumed by several concurrent pollers running
 * the real worker handler against DynamoDB Local and the sandbox carrier over HTTP, with 5 % of carrier calls failing
 * (HTTP 500). Afterwards the sandbox's ledger must show exactly N waybills — one per dispatch, none missing, none
 * doubled — every dispatch in the table must carry the waybill the carrier issued for it, and every outbox message
 * must be completed (none left for the relay).
 *
 * `npm run bench -- dispatch` (10,000 dispatches) · `BENCH_QUICK=1 npm run bench -- dispatch` (1,000)
 */
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { LicenceNumber } from '../lambdas/domain/licence-number';
import { parsePostalAddress } from '../lambdas/domain/postal-address';
import type { SqsPoller } from '../lib/local/sqs-poller';
import { type BenchModule, type BenchRow, inParallel, round } from './harness';
import { queueDepth, startQueueBenchRuntime, startWorkerPollers } from './queue-harness';

const QUICK = process.env.BENCH_QUICK === '1';
const COUNT = Number(process.env.BENCH_DISPATCHES ?? (QUICK ? 1_000 : 10_000));
const POLLERS = Number(process.env.BENCH_POLLERS ?? 8);
const FAILURE_RATE = 0.05;
const WRITE_CONCURRENCY = 32;
const TARGET_PER_SECOND = 200;
const BENCH_TIMEOUT_MS = 15 * 60_000;

async function run(): Promise<readonly BenchRow[]> {
  // Failed messages come back after the queue's visibility timeout (shortened), not after the worker's backoff.
  process.env.DISPATCH_RETRY_BASE_SECONDS = '0';
  process.env.LOG_LEVEL = 'ERROR';
  const bench = await startQueueBenchRuntime('dispatch', { visibilityTimeoutSeconds: 1, maxBatchingWindowSeconds: 0 });
  const { runtime, sqs } = bench;
  const pollers: SqsPoller[] = [];
  try {
    // Handler modules after the runtime set their environment (their cold start).
    const { handler } = await import('../lambdas/handlers/dispatch-worker');
    const { paperCopyParts, dispatchMessage } = await import('../lambdas/use-cases/dispatch/paper-copy');
    const { transactItemsOf } = await import('../lambdas/adapters/dynamo/transaction-parts');
    const { stateMonthPk } = await import('../lambdas/adapters/dynamo/dispatch-repository');
    const { PENDING_OUTBOX_PK } = await import('../lambdas/adapters/dynamo/outbox-store');
    const { SqsOutboxPublisher } = await import('../lambdas/adapters/sqs/outbox-publisher');
    const { dynamoClient } = await import('../lambdas/shared/clients');
    const { config } = await import('../lambdas/shared/config');
    const { localDateOf } = await import('../lambdas/domain/dates');
    const table = config().tableName;
    const dynamo = dynamoClient();

    // 1. The outbox: N pending dispatches with their messages, each written with "must not exist".
    const address = parsePostalAddress(
      { recipient: '张三', phone: '13812345678', address: '湖北省武汉市洪山区珞喻路1037号', postcode: '430074' },
      'address',
    );
    const at = new Date();
    const ids = Array.from({ length: COUNT }, (_, i) => `2026${String(i + 1).padStart(7, '0')}`);
    const writeStart = performance.now();
    await inParallel(ids, WRITE_CONCURRENCY, async (paperSerial) => {
      const { parts } = paperCopyParts({
        licenceNo: LicenceNumber.parse(`(鄂)XK06-001-${paperSerial.slice(-5)}`),
        version: 1,
        paperSerial,
        uscc: '91420100MA4K0A0A1E',
        address,
        reason: 'issue',
        requestedBy: 'bench',
        at: at.toISOString(),
      });
      await dynamo.send(
        new TransactWriteCommand({ TransactItems: parts.flatMap((part) => transactItemsOf(table, part)) }),
      );
    });
    const writeSeconds = (performance.now() - writeStart) / 1000;

    // 2. Carrier failures, then the pollers (several, concurrent), counting every record the worker sees.
    runtime.carrier.faults.rate('error-500', FAILURE_RATE);
    const workers = startWorkerPollers(runtime, sqs, 'dispatch-worker', handler, POLLERS);
    pollers.push(...workers.pollers);

    // 3. Every message twice: two full publishes of every message.
    const publisher = new SqsOutboxPublisher(sqs, () => runtime.names.queues.dispatch.url);
    const dispatchIds = ids.map((s) => `DSP-${s}`);
    const messages = dispatchIds.map((id) => dispatchMessage(id, at));
    const sendStart = performance.now();
    for (let copy = 0; copy < 2; copy++) {
      const batches: (typeof messages)[] = [];
      for (let i = 0; i < messages.length; i += 100) batches.push(messages.slice(i, i + 100));
      await inParallel(batches, 8, async (batch) => {
        const { failed } = await publisher.publish(batch);
        if (failed.length > 0) throw new Error(`could not send ${failed.length} messages`);
      });
    }
    const sendSeconds = (performance.now() - sendStart) / 1000;

    // 4. Wait until every dispatch has its waybill and both copies of every message are gone.
    const depth = () => queueDepth(sqs, runtime.names.queues.dispatch.url);
    const deadline = Date.now() + BENCH_TIMEOUT_MS;
    let allWaybillsSeconds: number | undefined;
    let halfSeconds: number | undefined;
    let ninetyFiveSeconds: number | undefined;
    for (;;) {
      const made = runtime.carrier.waybillCount();
      if (halfSeconds === undefined && made >= COUNT / 2) halfSeconds = (performance.now() - sendStart) / 1000;
      if (ninetyFiveSeconds === undefined && made >= COUNT * 0.95) {
        ninetyFiveSeconds = (performance.now() - sendStart) / 1000;
      }
      if (allWaybillsSeconds === undefined && runtime.carrier.waybillCount() >= COUNT) {
        allWaybillsSeconds = (performance.now() - sendStart) / 1000;
      }
      if (allWaybillsSeconds !== undefined && (await depth()) === 0) break;
      if (Date.now() > deadline) throw new Error('dispatch bench did not finish within 15 minutes');
      await new Promise((r) => setTimeout(r, 100));
    }
    const drainedSeconds = (performance.now() - sendStart) / 1000;
    await Promise.all(pollers.splice(0).map((p) => p.stop()));

    // 5. Verify: the carrier's ledger and the table agree, one waybill per dispatch.
    const issued = runtime.carrier.issuedPerOrder();
    const doubled = [...issued.values()].filter((n) => n > 1).length;
    const missingAtCarrier = dispatchIds.filter((id) => !runtime.carrier.waybillOf(id)).length;
    const stored = new Map<string, string>();
    const month = localDateOf(at).slice(0, 7);
    let start: Record<string, unknown> | undefined;
    do {
      const out = await dynamo.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'gsi3',
          KeyConditionExpression: 'gsi3pk = :k',
          ExpressionAttributeValues: { ':k': stateMonthPk('label-created', month) },
          ProjectionExpression: 'id, waybillNo',
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of out.Items ?? []) stored.set(item.id as string, item.waybillNo as string);
      start = out.LastEvaluatedKey;
    } while (start);
    const mismatched = dispatchIds.filter((id) => stored.get(id) !== runtime.carrier.waybillOf(id)).length;
    const pendingMessages = await dynamo.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :k',
        ExpressionAttributeValues: { ':k': PENDING_OUTBOX_PK },
        Select: 'COUNT',
      }),
    );
    const leftForRelay = pendingMessages.Count ?? 0;
    const stats = runtime.carrier.stats();
    const perSecond = COUNT / (allWaybillsSeconds ?? drainedSeconds);
    const exact = runtime.carrier.waybillCount() === COUNT && doubled === 0 && missingAtCarrier === 0;

    return [
      { metric: 'dispatches', value: COUNT },
      { metric: 'concurrent pollers', value: POLLERS },
      { metric: 'outbox writes', value: round(COUNT / writeSeconds, 0), unit: '/s' },
      { metric: 'messages sent (2 per dispatch)', value: 2 * COUNT, unit: `in ${round(sendSeconds, 1)} s` },
      {
        metric: 'records delivered to the worker',
        value: workers.counts.records,
        target: `≥ ${2 * COUNT}`,
        pass: workers.counts.records >= 2 * COUNT,
      },
      { metric: 'failed records (retried)', value: workers.counts.failedRecords },
      { metric: 'carrier create calls', value: stats.createCalls },
      {
        metric: 'injected carrier failures',
        value: stats.faultsInjected,
        unit: `(${round((100 * stats.faultsInjected) / stats.createCalls, 1)} %)`,
      },
      {
        metric: 'waybills at the carrier',
        value: runtime.carrier.waybillCount(),
        target: `= ${COUNT}`,
        pass: runtime.carrier.waybillCount() === COUNT,
      },
      { metric: 'dispatches without a waybill', value: missingAtCarrier, target: '0', pass: missingAtCarrier === 0 },
      { metric: 'dispatches with > 1 waybill', value: doubled, target: '0', pass: doubled === 0 },
      { metric: 'table ≠ carrier waybill', value: mismatched, target: '0', pass: mismatched === 0 },
      { metric: 'outbox messages not completed', value: leftForRelay, target: '0', pass: leftForRelay === 0 },
      {
        metric: 'dispatch rate (send → last waybill)',
        value: round(perSecond, 0),
        unit: '/s',
        target: `≥ ${TARGET_PER_SECOND}`,
        pass: perSecond >= TARGET_PER_SECOND && exact,
      },
      { metric: 'half the waybills after', value: round(halfSeconds ?? Number.NaN, 1), unit: 's' },
      { metric: '95 % of the waybills after', value: round(ninetyFiveSeconds ?? Number.NaN, 1), unit: 's' },
      { metric: 'all waybills after', value: round(allWaybillsSeconds ?? Number.NaN, 1), unit: 's' },
      { metric: 'queue drained (both copies)', value: round(drainedSeconds, 1), unit: 's' },
    ];
  } finally {
    await Promise.all(pollers.map((p) => p.stop()));
    await bench.stop();
  }
}

export default {
  name: 'dispatch',
  description: `${COUNT.toLocaleString('en')} dispatches, every message twice through fauxqs, ${POLLERS} pollers, 5 % carrier failures`,
  run,
} satisfies BenchModule;
