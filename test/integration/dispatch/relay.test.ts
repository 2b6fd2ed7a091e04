/**
 * The outbox relay: a dispatch whose queue message never arrived — SQS down at send time, or the process gone
 * between the commit and the send — is re-sent once its `nextRelayAt` has passed, and the parcel still gets exactly
 * one waybill. Time comes from a manual clock the test moves; the relay is run on demand, not waited for.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { dispatchDeps } from '../../../lambdas/composition/dispatch';
import type { Dispatch } from '../../../lambdas/domain/dispatch';
import { RELAY_GRACE_MS } from '../../../lambdas/use-cases/dispatch/outbox';
import { type CertificateJson, jsonRequest, readJson } from '../../support/certificates';
import { paperCopyBody, switchableQueue } from '../../support/dispatch';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;
/** Every handler's clock and dispatch queue: the test moves the one and breaks the other. */
const clock = new ManualClock(new Date());
const queue = switchableQueue();

beforeAll(async () => {
  runtime = await startTestRuntime({
    schedules: { intervalMs: 3_600_000 },
    overrides: { clock, dispatchQueue: queue },
  });
});
afterAll(() => runtime?.stop());
afterEach(() => {
  queue.mode = 'working';
});

const dispatchOf = (id: string): Promise<Dispatch | undefined> => dispatchDeps().repository.get(id);
const relay = async () => {
  const outcome = await runtime.schedules.get('dispatch-relay')?.runNow();
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

/** Issue with a paper copy while the queue is `mode`, then mend it; returns the dispatch id. */
async function issueWith(mode: 'down' | 'lost', seed: number): Promise<string> {
  queue.mode = mode;
  const res = await runtime.request('/v1/certificates', { as: 'officer', ...jsonRequest(paperCopyBody({ seed })) });
  expect(res.status).toBe(201);
  const cert = await readJson<CertificateJson>(res);
  queue.mode = 'working';
  return `DSP-${cert.paperSerial}`;
}

describe.each([
  // 'lost': the process "dies" after the commit — the message never reaches SQS, and nobody learns of it.
  ['SQS is down at send time', 'down', 201],
  ['the process stops between the commit and the send', 'lost', 202],
] as const)('when %s', (_label, mode, seed) => {
  test('the dispatch waits, unsent, until its relay time; then the relay sends it and one waybill results', async () => {
    // Prepare
    const id = await issueWith(mode, seed);
    const before = await dispatchOf(id);

    // Act: not yet due — nothing is relayed
    const early = await relay();
    clock.advance({ ms: RELAY_GRACE_MS + 1_000 });
    const due = await relay();
    const waybillNo = await waybillOf(id);

    // Assess
    expect(before).toMatchObject({ state: 'pending', relayCount: 0 });
    expect(before?.waybillNo).toBeUndefined();
    expect(early.claimed).toBe(0);
    expect(due.sent).toBeGreaterThanOrEqual(1);
    expect(runtime.carrier.issuedPerOrder().get(id)).toBe(1);
    expect(await dispatchOf(id)).toMatchObject({ state: 'label-created', waybillNo, relayCount: 1 });
  });
});

describe('the relay', () => {
  test('claims a due dispatch once even when two runs race, and backs off before the next re-send', async () => {
    // Prepare: SQS down, so the dispatch stays pending through the relay runs (the relay's send fails too)
    const id = await issueWith('down', 203);
    queue.mode = 'down';
    clock.advance({ ms: RELAY_GRACE_MS + 1_000 });

    // Act
    const [a, b] = await Promise.all([relay(), relay()]);
    const afterFirst = await dispatchOf(id);
    const again = await relay();
    clock.advance({ minutes: 1, seconds: 1 });
    const later = await relay();
    const afterSecond = await dispatchOf(id);

    // Assess
    expect(a.claimed + b.claimed).toBe(1);
    expect(afterFirst?.relayCount).toBe(1);
    expect(again.claimed).toBe(0);
    expect(later.claimed).toBe(1);
    expect(afterSecond?.relayCount).toBe(2);
    expect(Date.parse(afterSecond?.nextRelayAt ?? '') - clock.now().getTime()).toBe(2 * 60_000);
  });
});
