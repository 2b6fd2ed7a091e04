/**
 * The local runtime's queue lives in memory: stopping the runtime between the issue and the worker loses the
 * message. The dispatch and its outbox message are in DynamoDB (same data directory), so after a restart the relay
 * re-sends it and the parcel is dispatched — one waybill — and the worker completes the message.
 */
import { rmSync } from 'node:fs';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { outboxStore } from '../../../lambdas/composition/outbox';
import { RELAY_GRACE_MS } from '../../../lambdas/use-cases/outbox/message';
import { emulatorClientConfig } from '../../../lib/local/aws-clients';
import { type CertificateJson, jsonRequest, readJson } from '../../support/certificates';
import { paperCopyBody, waybillAfterRelay } from '../../support/dispatch';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

const started: TestRuntime[] = [];
let dataDir: string | undefined;
afterAll(async () => {
  for (const r of started) await r.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const visibleMessages = async (runtime: TestRuntime): Promise<number> => {
  const sqs = new SQSClient(emulatorClientConfig(runtime.endpoints.sqs, runtime.endpoints.region));
  try {
    const out = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: runtime.names.queues.dispatch.url,
        AttributeNames: ['ApproximateNumberOfMessages'],
      }),
    );
    return Number(out.Attributes?.ApproximateNumberOfMessages ?? '0');
  } finally {
    sqs.destroy();
  }
};

test('a parcel whose message was lost with the runtime is dispatched after a restart', async () => {
  // Prepare: a runtime whose worker never polls, so the message sits in the in-memory queue
  const clock = new ManualClock(new Date());
  const first = await startTestRuntime({
    overrides: { clock },
    ownEmulators: true,
    inMemoryDynamo: false,
    keepDataDir: true,
    pollers: false,
    schedules: { intervalMs: 3_600_000 },
  });
  started.push(first);
  dataDir = first.dataDir;
  const res = await first.request('/v1/certificates', { as: 'officer', ...jsonRequest(paperCopyBody({ seed: 301 })) });
  expect(res.status).toBe(201);
  const id = `DSP-${(await readJson<CertificateJson>(res)).paperSerial}`;
  const queuedBefore = await visibleMessages(first);

  // Act: kill it, start again on the same data and ports, let relay time pass, run the relay
  await first.stop();
  const second = await startTestRuntime({
    ownEmulators: true,
    inMemoryDynamo: false,
    dataDir: first.dataDir,
    port: first.ports.gateway,
    emulatorPorts: { dynamodb: first.ports.dynamodb, s3: first.ports.s3, sqs: first.ports.sqs },
    carrier: { port: first.carrier.port },
    schedules: { intervalMs: 3_600_000 },
    overrides: { clock }, // the same process: the same parts as the first runtime's
  });
  started.push(second);
  const queuedAfterRestart = await visibleMessages(second);
  const pendingAfterRestart = await outboxStore().get({ topic: 'dispatch', id });
  clock.advance({ ms: RELAY_GRACE_MS + 1_000 });
  const relayed = await second.schedules.get('outbox-relay')?.runNow();
  const waybillNo = await waybillAfterRelay(id);
  // Assess
  expect(queuedBefore).toBe(1);
  expect(queuedAfterRestart).toBe(0);
  expect(pendingAfterRestart).toMatchObject({ topic: 'dispatch', id, relayCount: 0 });
  // The parcel's message, and the issuance's webhook event (its message was lost with the first runtime's queue too).
  expect(relayed).toMatchObject({ status: 'ok', result: { claimed: 2, sent: 2 } });
  expect(second.carrier.waybillOf(id)).toBe(waybillNo);
  expect(second.carrier.issuedPerOrder().get(id)).toBe(1);
});
