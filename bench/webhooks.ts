/**
 * Issue 17's figures: webhook delivery throughput and its independence from the changes that make events.
 *
 * 1. **Throughput** — N licence events (10,000; `BENCH_QUICK=1`: 1,000) written as the `webhook-event` transaction
 *    part writes them, their messages published to the real SQS emulator (fauxqs) — one in ten twice — and consumed by
 *    several concurrent pollers running the real `webhook-worker` handler against DynamoDB Local, the local secret box
 *    and the SSRF-safe sender, delivering to a receiver on loopback. The figure is deliveries per second from the first
 *    publish to the last delivery (target ≥ 300/s), with the exactly-once count: the receiver must hold every event id
 *    once after de-duplication, and none it was not sent.
 * 2. **Independence** — once the queue has drained, the median latency of an issuance (`issueCertificate`, the same
 *    as `npm run bench -- issuance`) while the pollers run, with no subscriber for issuances and then with a dead one (a
 *    receiver that never answers: every delivery times out after 5 s), and the ratio.
 *
 * `npm run bench -- webhooks` · `BENCH_QUICK=1 npm run bench -- webhooks`
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { LicenceEvent } from '../lambdas/domain/webhooks/events';
import type { SqsPoller } from '../lib/local/sqs-poller';
import { issueBody } from '../test/support/certificates';
import { type BenchModule, type BenchRow, inParallel, median, round } from './harness';
import { queueDepth, startQueueBenchRuntime, startWorkerPollers } from './queue-harness';

const QUICK = process.env.BENCH_QUICK === '1';
const COUNT = Number(process.env.BENCH_WEBHOOK_EVENTS ?? (QUICK ? 1_000 : 10_000));
const POLLERS = Number(process.env.BENCH_POLLERS ?? 8);
const ISSUANCES = QUICK ? 15 : 40;
const TARGET_PER_SECOND = 300;
const INDEPENDENCE_TARGET = 1.25;
const BENCH_TIMEOUT_MS = 15 * 60_000;

/** A receiver on loopback: counts every delivery by its id, answers 204 — or, `dead`, never answers. */
async function receiver(mode: 'live' | 'dead'): Promise<{ server: Server; url: string; seen: Map<string, number> }> {
  const seen = new Map<string, number>();
  const server = createServer((req, res) => {
    const id = String(req.headers['webhook-id'] ?? '');
    req.resume();
    req.on('end', () => {
      if (mode === 'dead') return; // never answers: the sender gives up after 5 s
      seen.set(id, (seen.get(id) ?? 0) + 1);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, seen };
}

async function run(): Promise<readonly BenchRow[]> {
  process.env.LOG_LEVEL = 'ERROR';
  const bench = await startQueueBenchRuntime('webhooks', { visibilityTimeoutSeconds: 10 });
  const { runtime, sqs } = bench;
  const pollers: SqsPoller[] = [];
  const live = await receiver('live');
  const dead = await receiver('dead');
  try {
    // Handler modules after the runtime set their environment (their cold start).
    const { handler } = await import('../lambdas/handlers/webhook-worker');
    const { webhookSubscriptionDeps } = await import('../lambdas/composition/webhooks');
    const { registerSubscription } = await import('../lambdas/use-cases/webhooks/subscriptions');
    const { transactItemsOf } = await import('../lambdas/adapters/dynamo/transaction-parts');
    const { outboxMessage } = await import('../lambdas/use-cases/outbox/message');
    const { SqsOutboxPublisher } = await import('../lambdas/adapters/sqs/outbox-publisher');
    const { issuanceDeps } = await import('../lambdas/composition/issuance');
    const { issueCertificate } = await import('../lambdas/use-cases/issue-certificate');
    const { dynamoClient } = await import('../lambdas/shared/clients');
    const { config } = await import('../lambdas/shared/config');
    const table = config().tableName;
    const dynamo = dynamoClient();
    const admin = { id: 'bench-admin', role: 'admin' };

    // The worker, polled as the event source would, several pollers at once.
    const workers = startWorkerPollers(runtime, sqs, 'webhook-worker', handler, POLLERS);
    pollers.push(...workers.pollers);

    // 1. Throughput: one live subscriber that wants status changes, N events, one in ten published twice.
    const subscriptions = webhookSubscriptionDeps();
    await registerSubscription(subscriptions, {
      input: { url: live.url, events: ['licence.status_changed'] },
      actor: admin,
    });
    const at = new Date();
    const events: LicenceEvent[] = Array.from({ length: COUNT }, (_, i) => ({
      id: `evt_42-XK06-001-${String(i + 1).padStart(5, '0')}_r2`,
      type: 'licence.status_changed',
      timestamp: at.toISOString(),
      data: {
        licenceNo: `(鄂)XK06-001-${String(i + 1).padStart(5, '0')}`,
        sequence: 2,
        version: 1,
        status: 'suspended',
        previousStatus: 'valid',
        publicReason: '监督抽查不合格',
        enterprise: { name: '武汉示例机械制造有限公司', uscc: '91420100MA4K0A0A1E' },
        categories: ['06'],
        validUntil: '2031-12-05',
      },
    }));
    const messages = events.map((event) => outboxMessage('webhooks', event.id, { eventId: event.id }, at));
    await inParallel(
      events.map((event, i) => ({ event, message: messages[i] as (typeof messages)[number] })),
      32,
      async ({ event, message }) => {
        await dynamo.send(
          new TransactWriteCommand({
            TransactItems: transactItemsOf(table, { kind: 'webhook-event', event, message }),
          }),
        );
      },
    );
    const publisher = new SqsOutboxPublisher(sqs, () => runtime.names.queues.webhooks.url);
    const started = performance.now();
    const copies = [...messages, ...messages.filter((_, i) => i % 10 === 0)];
    const batches: (typeof copies)[] = [];
    for (let i = 0; i < copies.length; i += 100) batches.push(copies.slice(i, i + 100));
    await inParallel(batches, 4, async (batch) => {
      const { failed } = await publisher.publish(batch);
      if (failed.length > 0) throw new Error(`could not send ${failed.length} messages`);
    });
    const deadline = Date.now() + BENCH_TIMEOUT_MS;
    while (live.seen.size < COUNT) {
      if (Date.now() > deadline) throw new Error(`only ${live.seen.size} of ${COUNT} delivered in 15 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const seconds = (performance.now() - started) / 1000;
    const perSecond = COUNT / seconds;
    const unexpected = [...live.seen.keys()].filter((id) => !id.startsWith('evt_42-XK06-001-')).length;

    // The queue drained (the duplicates too) before the issuances are timed: both phases start alike.
    const depth = () => queueDepth(sqs, runtime.names.queues.webhooks.url);
    while ((await depth()) > 0) {
      if (Date.now() > deadline) throw new Error('the webhooks queue did not drain in 15 minutes');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const duplicates = [...live.seen.values()].reduce((sum, n) => sum + n - 1, 0);
    const distinctAfterDrain = live.seen.size;

    // 2a. Issuance latency with no subscriber but the live one (which takes no issuances), the pollers running.
    const deps = await issuanceDeps();
    let seed = 0;
    const issueOne = async (): Promise<number> => {
      seed++;
      const started = performance.now();
      await issueCertificate(deps, {
        change: { kind: 'licence', ...(issueBody({ seed: 5000 + seed }) as object) } as never,
        actor: { type: 'user', id: 'bench-officer', role: 'officer' },
        idempotencyKey: `bench-webhooks:${process.pid}:${seed}`,
        source: 'bench',
      });
      return performance.now() - started;
    };
    for (let i = 0; i < 20; i++) await issueOne(); // warm-up: JIT, font subsets, connections
    const alone: number[] = [];
    for (let i = 0; i < ISSUANCES; i++) alone.push(await issueOne());

    // 2b. Issuance latency with a dead subscriber taking every status change (and issuance) too.
    await registerSubscription(subscriptions, {
      input: { url: dead.url, events: ['licence.issued', 'licence.status_changed'] },
      actor: admin,
    });
    const withDead: number[] = [];
    for (let i = 0; i < ISSUANCES; i++) withDead.push(await issueOne());

    const aloneMs = median(alone);
    const deadMs = median(withDead);
    return [
      {
        metric: `deliveries per second: ${COUNT.toLocaleString('en')} events, 10 % published twice, ${POLLERS} pollers`,
        value: round(perSecond, 0),
        unit: '/s',
        target: `≥ ${TARGET_PER_SECOND}/s`,
        pass: perSecond >= TARGET_PER_SECOND,
      },
      { metric: 'deliveries per second ÷ target', value: round(perSecond / TARGET_PER_SECOND, 2) },
      {
        metric: 'distinct event ids received (exactly once after de-duplication)',
        value: distinctAfterDrain,
        target: `= ${COUNT}`,
        pass: distinctAfterDrain === COUNT && unexpected === 0,
      },
      { metric: 'duplicate arrivals once the queue drained (receivers de-duplicate by id)', value: duplicates },
      { metric: 'batch items the worker failed', value: workers.counts.failedRecords },
      { metric: `issuance median, no subscriber (median of ${ISSUANCES})`, value: round(aloneMs, 1), unit: 'ms' },
      {
        metric: `issuance median, a dead subscriber timing out (median of ${ISSUANCES})`,
        value: round(deadMs, 1),
        unit: 'ms',
      },
      {
        metric: 'issuance with a dead subscriber ÷ with none',
        value: round(deadMs / aloneMs, 2),
        target: `≤ ${INDEPENDENCE_TARGET}`,
        pass: deadMs / aloneMs <= INDEPENDENCE_TARGET,
      },
    ];
  } finally {
    await Promise.all(pollers.map((p) => p.stop()));
    live.server.close();
    dead.server.closeAllConnections();
    dead.server.close();
    await bench.stop();
  }
}

export default {
  name: 'webhooks',
  description: 'webhook deliveries per second with the exactly-once count; issuance with a dead subscriber vs none',
  run,
} satisfies BenchModule;
