/**
 * The outbox relay: a dispatch whose queue message never arrived — SQS down at publish time, or the process gone
 * between the commit and the publish — is re-sent from its outbox message once `nextRelayAt` has passed, and the
 * parcel still gets exactly one waybill; the worker then completes the message, so the relay re-sends it no more.
 * Time comes from a manual clock the test moves; the relay is run on demand, not waited for.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { dispatchRepository } from '../../../lambdas/composition/dispatch';
import { outboxStore } from '../../../lambdas/composition/outbox';
import { sequencerDeps } from '../../../lambdas/composition/transparency-log';
import { webhookWorkerDeps } from '../../../lambdas/composition/webhooks';
import type { Dispatch } from '../../../lambdas/domain/dispatch';
import type { StoredOutboxMessage } from '../../../lambdas/ports/outbox-store';
import { RELAY_GRACE_MS } from '../../../lambdas/use-cases/outbox/message';
import { integrateLog } from '../../../lambdas/use-cases/transparency/sequencer';
import { handleWebhookMessage } from '../../../lambdas/use-cases/webhooks/deliver';
import { type CertificateJson, jsonRequest, readJson } from '../../support/certificates';
import { paperCopyBody, switchablePublisher } from '../../support/dispatch';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;
/** Every handler's clock and outbox publisher: the test moves the one and breaks the other. */
const clock = new ManualClock(new Date());
const publisher = switchablePublisher();

beforeAll(async () => {
  runtime = await startTestRuntime({
    schedules: { intervalMs: 3_600_000 },
    overrides: { clock, publisher },
  });
});
afterAll(() => runtime?.stop());
afterEach(() => {
  publisher.mode = 'working';
});

const dispatchOf = (id: string): Promise<Dispatch | undefined> => dispatchRepository().get(id);
const messageOf = (id: string): Promise<StoredOutboxMessage | undefined> =>
  outboxStore().get({ topic: 'dispatch', id });
const relay = async () => {
  const outcome = await runtime.schedules.get('outbox-relay')?.runNow();
  expect(outcome?.status).toBe('ok');
  return (outcome as { result: { due: number; claimed: number; sent: number } }).result;
};

const waybillOf = (id: string): Promise<string> =>
  vi.waitFor(
    async () => {
      const d = await dispatchOf(id);
      if (!d?.waybillNo) throw new Error(`no waybill yet for ${id}`);
      return d.waybillNo;
    },
    { timeout: 20_000, interval: 50 },
  );

/** Issue with a paper copy while the publisher is `mode`, then mend it; returns the dispatch id. */
async function issueWith(mode: 'down' | 'lost', seed: number): Promise<string> {
  publisher.mode = mode;
  const res = await runtime.request('/v1/certificates', { as: 'officer', ...jsonRequest(paperCopyBody({ seed })) });
  expect(res.status).toBe(201);
  const cert = await readJson<CertificateJson>(res);
  publisher.mode = 'working';
  return `DSP-${cert.paperSerial}`;
}

describe.each([
  // 'lost': the process "dies" after the commit — the message never reaches SQS, and nobody learns of it.
  ['SQS is down at publish time', 'down', 201],
  ['the process stops between the commit and the publish', 'lost', 202],
] as const)('when %s', (_label, mode, seed) => {
  test('the dispatch waits, unsent, until its relay time; then the relay sends it once, one waybill results and the message is completed', async () => {
    // Prepare
    const id = await issueWith(mode, seed);
    const before = await dispatchOf(id);
    const pending = await messageOf(id);

    // Act: not yet due — nothing is relayed
    const early = await relay();
    clock.advance({ ms: RELAY_GRACE_MS + 1_000 });
    const due = await relay();
    const waybillNo = await waybillOf(id);
    await vi.waitFor(
      async () => {
        if (await messageOf(id)) throw new Error(`the outbox message of ${id} is not completed yet`);
      },
      { timeout: 20_000, interval: 50 },
    );
    clock.advance({ hours: 2 });
    const afterCompletion = await relay();

    // Assess
    expect(before).toMatchObject({ state: 'pending' });
    expect(before?.waybillNo).toBeUndefined();
    expect(pending).toMatchObject({ topic: 'dispatch', id, body: { dispatchId: id }, relayCount: 0 });
    expect(Date.parse(pending?.nextRelayAt ?? '') - Date.parse(pending?.createdAt ?? '')).toBe(RELAY_GRACE_MS);
    expect(early.claimed).toBe(0);
    expect(due.sent).toBeGreaterThanOrEqual(1);
    expect(publisher.published.filter((p) => p === id)).toEqual([id]);
    expect(runtime.carrier.issuedPerOrder().get(id)).toBe(1);
    expect(await dispatchOf(id)).toMatchObject({ state: 'label-created', waybillNo });
    expect(afterCompletion.due).toBe(0);
  });
});

describe('the relay', () => {
  test('claims a due message once even when two runs race, and backs off before the next re-send', async () => {
    // Prepare: SQS down, so the message stays pending through the relay runs (the relay's send fails too)
    const id = await issueWith('down', 203);
    // The issuance's transparency-log entry is a pending `log` message too: integrated first, so only the dispatch's
    // message is due.
    await integrateLog(sequencerDeps({ clock }));
    // So is its webhook event (a pending `webhooks` message): fanned out — to no subscriber — and so completed.
    const soon = new Date(clock.now().getTime() + RELAY_GRACE_MS + 1_000);
    for (const message of (await outboxStore().dueForRelay(soon, 100)).filter((m) => m.topic === 'webhooks')) {
      await handleWebhookMessage(webhookWorkerDeps({ clock }), JSON.stringify(message.body));
    }
    publisher.mode = 'down';
    clock.advance({ ms: RELAY_GRACE_MS + 1_000 });

    // Act
    const [a, b] = await Promise.all([relay(), relay()]);
    const afterFirst = await messageOf(id);
    const again = await relay();
    clock.advance({ minutes: 1, seconds: 1 });
    const later = await relay();
    const afterSecond = await messageOf(id);

    // Assess
    expect(a.claimed + b.claimed).toBe(1);
    expect(afterFirst?.relayCount).toBe(1);
    expect(again.claimed).toBe(0);
    expect(later.claimed).toBe(1);
    expect(afterSecond?.relayCount).toBe(2);
    expect(Date.parse(afterSecond?.nextRelayAt ?? '') - clock.now().getTime()).toBe(2 * 60_000);
    expect((await dispatchOf(id))?.state).toBe('pending');
  });
});
