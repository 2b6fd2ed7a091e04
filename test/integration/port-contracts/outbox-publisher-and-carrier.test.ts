/**
 * The outbox publisher and the carrier — the same assertions against the fakes and the adapters on their local
 * counterparts: the SQS publisher on the local SQS (each message's body to its topic's queue, exactly once; throwing
 * only when nothing could be sent), and the HTTP carrier against the sandbox carrier (one waybill per order id,
 * a retryable failure on a 500, a permanent refusal for an unknown waybill).
 */
import { DeleteMessageBatchCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, test } from 'vitest';
import { HttpCarrier } from '../../../lambdas/adapters/carrier/http-carrier';
import { SqsOutboxPublisher } from '../../../lambdas/adapters/sqs/outbox-publisher';
import { type Carrier, CarrierError } from '../../../lambdas/ports/carrier';
import type { OutboxPublisher } from '../../../lambdas/ports/outbox-publisher';
import { startSandboxCarrier } from '../../../lib/local/sandbox-carrier';
import { FakeCarrier, FakeOutboxPublisher, postalAddress } from '../../support/fakes';
import { dispatchOutboxMessage } from './records';
import { emulatorStore } from './subjects';

interface PublisherSubject {
  readonly publisher: OutboxPublisher;
  /** The bodies the dispatch queue received so far. */
  readonly received: () => Promise<unknown[]>;
  /** Make every send fail, as an unreachable queue does. */
  readonly breakQueue: () => void;
}

const publishers: [string, () => Promise<PublisherSubject>][] = [
  [
    'fake publisher',
    async () => {
      const publisher = new FakeOutboxPublisher();
      let taken = 0;
      return {
        publisher,
        received: async () => {
          const fresh = publisher.sent.slice(taken).map((m) => m.body);
          taken += fresh.length;
          return fresh;
        },
        breakQueue: () => {
          publisher.mode = 'down';
        },
      };
    },
  ],
  [
    'SQS publisher',
    async () => {
      const { sqs, names } = await emulatorStore();
      let queueUrl = (queue: keyof typeof names.queues) => names.queues[queue].url;
      const publisher = new SqsOutboxPublisher(sqs, (queue) => queueUrl(queue));
      return {
        publisher,
        received: async () => {
          const bodies: unknown[] = [];
          for (;;) {
            const out = await sqs.send(
              new ReceiveMessageCommand({
                QueueUrl: names.queues.dispatch.url,
                MaxNumberOfMessages: 10,
                WaitTimeSeconds: 0,
              }),
            );
            const messages = out.Messages ?? [];
            if (messages.length === 0) return bodies;
            bodies.push(...messages.map((m) => JSON.parse(m.Body ?? 'null')));
            await sqs.send(
              new DeleteMessageBatchCommand({
                QueueUrl: names.queues.dispatch.url,
                Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
              }),
            );
          }
        },
        breakQueue: () => {
          queueUrl = (queue) => `${names.queues[queue].url}-gone`;
        },
      };
    },
  ],
];

describe.each(publishers)('OutboxPublisher — %s', (_, make) => {
  test('sends each message’s body to its topic’s queue once, in batches, answering no failures', async () => {
    // Prepare
    const { publisher, received } = await make();
    const at = new Date('2026-11-27T02:00:00.000Z');
    const messages = Array.from({ length: 12 }, () => dispatchOutboxMessage(at));

    // Act
    const { failed } = await publisher.publish(messages);

    // Assess
    expect(failed).toEqual([]);
    const bodies = await received();
    expect(bodies).toHaveLength(12);
    expect(new Set(bodies.map((b) => JSON.stringify(b)))).toEqual(new Set(messages.map((m) => JSON.stringify(m.body))));
  });

  test('throws when nothing could be sent', async () => {
    // Prepare
    const { publisher, breakQueue } = await make();
    breakQueue();

    // Act
    const outcome = await publisher.publish([dispatchOutboxMessage(new Date())]).catch((e: unknown) => e);

    // Assess
    expect(outcome).toBeInstanceOf(Error);
  });
});

interface CarrierSubject {
  readonly carrier: Carrier;
  /** Fail the next create call as a carrier answering 500 does. */
  readonly fail500: () => void;
}

const sandboxes: { stop(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(sandboxes.map((s) => s.stop()));
});

const carriers: [string, () => Promise<CarrierSubject>][] = [
  [
    'fake carrier',
    async () => {
      const carrier = new FakeCarrier();
      return { carrier, fail500: () => carrier.failNext(1) };
    },
  ],
  [
    'HTTP carrier on the sandbox carrier',
    async () => {
      const sandbox = await startSandboxCarrier({
        appKey: 'permit-contract',
        secret: 'contract-secret',
        webhookUrl: 'http://127.0.0.1:9/v1/carrier/events',
      });
      sandboxes.push(sandbox);
      const carrier = new HttpCarrier({
        baseUrl: sandbox.url,
        appKey: 'permit-contract',
        secret: async () => 'contract-secret',
        timeoutMs: 5000,
      });
      return { carrier, fail500: () => sandbox.faults.next('error-500', 1) };
    },
  ],
];

describe.each(carriers)('Carrier — %s', (_, make) => {
  test('answers one waybill per order id, however often asked; another order gets another', async () => {
    // Prepare
    const { carrier } = await make();
    const request = (orderId: string) => ({ orderId, recipient: postalAddress, contents: '生产许可证证书' });

    // Act
    const first = await carrier.createWaybill(request('DSP-20260000001'));
    const again = await carrier.createWaybill(request('DSP-20260000001'));
    const other = await carrier.createWaybill(request('DSP-20260000002'));

    // Assess
    expect(again).toEqual(first);
    expect(first.orderId).toBe('DSP-20260000001');
    expect(other.waybillNo).not.toBe(first.waybillNo);
  });

  test('a 500 is a retryable failure; the same order succeeds afterwards', async () => {
    // Prepare
    const { carrier, fail500 } = await make();
    fail500();
    const request = { orderId: 'DSP-20260000003', recipient: postalAddress, contents: '生产许可证证书' };

    // Act
    const failure = await carrier.createWaybill(request).catch((e: unknown) => e);
    const retried = await carrier.createWaybill(request);

    // Assess
    expect(failure).toBeInstanceOf(CarrierError);
    expect(failure).toMatchObject({ code: 'CARRIER_UNAVAILABLE', retryable: true });
    expect(retried.orderId).toBe('DSP-20260000003');
  });

  test('refuses the tracking of a waybill it never issued, for good', async () => {
    // Prepare
    const { carrier } = await make();

    // Act
    const refused = await carrier.tracking('SB999999999999').catch((e: unknown) => e);

    // Assess
    expect(refused).toBeInstanceOf(CarrierError);
    expect(refused).toMatchObject({ code: 'CARRIER_REJECTED', retryable: false });
  });
});
