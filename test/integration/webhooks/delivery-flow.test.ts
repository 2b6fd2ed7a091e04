/**
 * Webhooks end to end through the local runtime (real handlers, DynamoDB Local, the SQS emulator, the local secret
 * box, the SSRF-safe sender on loopback): an admin registers a subscriber; an officer revokes a licence over HTTP; the
 * event goes through the `webhooks` queue to the worker, which fans it out and delivers it — signed so that the
 * Standard Webhooks reference library verifies it with the secret the registration answered. Then the sandbox receiver
 * fails for a while: the delivery waits for its stored time, the relay re-sends it when due, and it arrives once the
 * receiver recovers. Pollers are off: the test hands the queue's messages to the worker as the event source would, and
 * moves a manual clock (started at the real time, which the reference library checks timestamps against).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { relayDeps } from '../../../lambdas/composition/outbox';
import { webhookWorkerDeps } from '../../../lambdas/composition/webhooks';
import { relayOutbox } from '../../../lambdas/use-cases/outbox/relay';
import { handleWebhookMessage } from '../../../lambdas/use-cases/webhooks/deliver';
import { emulatorClientConfig } from '../../../lib/local/aws-clients';
import { type CertificateJson, issueBody, jsonRequest, readJson } from '../../support/certificates';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;
let sqs: SQSClient;
let raw: Server;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
const clock = new ManualClock(new Date(Math.floor(Date.now() / 1000) * 1000));

beforeAll(async () => {
  runtime = await startTestRuntime({ pollers: false, schedules: false, overrides: { clock } });
  sqs = new SQSClient(emulatorClientConfig(runtime.endpoints.sqs, runtime.endpoints.region));
  // A platform's receiver: keeps the raw request for the reference library.
  raw = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  sqs?.destroy();
  await new Promise((resolve) => raw?.close(resolve));
  await runtime?.stop();
});

/** Hand every message on the webhooks queue to the worker, and the ones it publishes, until the queue is empty. */
async function work(): Promise<number> {
  const deps = webhookWorkerDeps({ clock });
  const url = runtime.names.queues.webhooks.url;
  let handled = 0;
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    if (Messages.length === 0) return handled;
    for (const m of Messages) {
      await handleWebhookMessage(deps, m.Body as string);
      await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
      handled++;
    }
  }
}

async function register(url: string): Promise<string> {
  const res = await runtime.request('/v1/webhooks/subscriptions', {
    as: 'admin',
    ...jsonRequest({ url, events: ['licence.status_changed'] }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { secret: string }).secret;
}

async function change(licence: CertificateJson, action: 'suspend' | 'reinstate' | 'revoke'): Promise<void> {
  const res = await runtime.request(`/v1/certificates/${licence.licenceNoUrlSafe}/status`, {
    as: 'officer',
    ...jsonRequest({ action, publicReason: '监督抽查不合格', legalBasis: '《工业产品生产许可证管理条例》第四十五条' }),
  });
  expect(res.status).toBe(200);
}

describe('webhook deliveries', () => {
  test('a revoke reaches the subscriber signed, verifiable with the Standard Webhooks reference library', async () => {
    // Prepare
    const issued = await runtime.request('/v1/certificates', { as: 'officer', ...jsonRequest(issueBody({ seed: 1 })) });
    const licence = await readJson(issued);
    await work(); // the issuance's event: no subscriber yet
    clock.advance({ seconds: 1 });
    const secret = await register(`http://127.0.0.1:${(raw.address() as AddressInfo).port}/permit`);

    // Act
    await change(licence, 'revoke');
    const handled = await work();

    // Assess
    expect(handled).toBe(1); // the event: its one delivery attempted at once
    expect(received).toHaveLength(1);
    const [delivery] = received;
    const headers = Object.fromEntries(
      Object.entries(delivery?.headers ?? {}).map(([k, v]) => [k, String(v)]),
    ) as Record<string, string>;
    const event = new Webhook(secret).verify(delivery?.body ?? '', headers) as {
      id: string;
      type: string;
      data: { licenceNo: string; status: string; previousStatus: string; sequence: number };
    };
    expect(event).toMatchObject({
      type: 'licence.status_changed',
      data: { licenceNo: licence.licenceNo, status: 'revoked', previousStatus: 'valid' },
    });
    expect(headers['webhook-id']).toBe(event.id);
    expect(() => new Webhook(secret).verify(delivery?.body.replace('revoked', 'valid') ?? '', headers)).toThrow();
  });

  test('a receiver that fails for a while receives everything once it recovers', async () => {
    // Prepare: the sandbox receiver, failing its next three deliveries
    const hooks = runtime.webhookReceiver;
    const licence = await readJson(
      await runtime.request('/v1/certificates', { as: 'officer', ...jsonRequest(issueBody({ seed: 2 })) }),
    );
    await work();
    clock.advance({ seconds: 1 });
    const secret = await register(hooks.hookUrl('platform'));
    hooks.define('platform', [secret]);
    hooks.behave('platform', { mode: 'fail', status: 503, count: 3 });

    // Act: two changes while it fails; the relay re-sends each retry when due
    await change(licence, 'suspend');
    await change(licence, 'reinstate');
    await work();
    for (
      let step = 0;
      step < 20 && (hooks.receiver('platform')?.deliveries ?? []).filter((d) => d.answer === 200).length < 2;
      step++
    ) {
      clock.advance({ minutes: 5 });
      await relayOutbox(relayDeps({ clock }));
      await work();
    }

    // Assess
    const record = hooks.receiver('platform');
    const accepted = (record?.deliveries ?? []).filter((d) => d.outcome === 'accepted' && d.answer === 200);
    expect(accepted.map((d) => d.type)).toEqual(['licence.status_changed', 'licence.status_changed']);
    expect(new Set(accepted.map((d) => d.webhookId)).size).toBe(2);
    expect((record?.deliveries ?? []).filter((d) => d.answer === 503)).toHaveLength(3);
    expect(record?.refused).toBe(0);
  });
});
