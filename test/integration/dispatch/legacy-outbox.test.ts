/**
 * Local data from before the outbox: a dispatch still pending carried its own relay keys (gsi1 `DISPATCH#PENDING`),
 * which no relay reads any more. The runtime's start moves it to an outbox message with the same due time and
 * re-send count, so the relay re-sends it, the parcel gets one waybill and the worker completes the message — and a
 * second start finds nothing left to move.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, expect, test, vi } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { dispatchKey } from '../../../lambdas/adapters/dynamo/dispatch-repository';
import { dispatchRepository } from '../../../lambdas/composition/dispatch';
import { adoptLegacyOutbox, outboxStore } from '../../../lambdas/composition/outbox';
import { dynamoClient } from '../../../lambdas/shared/clients';
import { config } from '../../../lambdas/shared/config';
import { postalAddress } from '../../support/dispatch';
import { uniqueSuffix } from '../../support/emulators';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

const started: TestRuntime[] = [];
afterAll(async () => {
  for (const r of started) await r.stop();
});

/** A pending dispatch exactly as the release before the outbox wrote it (and as its relay had re-sent it twice). */
function legacyPendingDispatch(id: string, requestedAt: string, nextRelayAt: string) {
  return {
    pk: `DISPATCH#${id}`,
    sk: '#DISPATCH',
    type: 'dispatch',
    id,
    licenceNo: '(鄂)XK06-001-00042',
    uscc: '91420100MA4K0A0A1E',
    version: 1,
    paperSerial: id.slice(4),
    reason: 'issue',
    address: { ...postalAddress, phone: '13812345678' },
    state: 'pending',
    requestedBy: 'officer-1',
    requestedAt,
    nextRelayAt,
    relayCount: 2,
    tracking: [],
    updatedAt: requestedAt,
    revision: 0,
    gsi1pk: 'DISPATCH#PENDING',
    gsi1sk: `${nextRelayAt}#${id}`,
    gsi2pk: 'DISPATCHES#ENT#91420100MA4K0A0A1E',
    gsi2sk: `${requestedAt}#${id}`,
    gsi3pk: `DISPATCHES#pending#${requestedAt.slice(0, 7)}`,
    gsi3sk: `${requestedAt}#${id}`,
  };
}

test('a dispatch left pending by the release before the outbox is relayed after a start, once', async () => {
  // Prepare: a runtime that writes the data directory, stopped; then the earlier release's item in its table
  const clock = new ManualClock('2026-11-27T10:00:00+08:00');
  const resourceSuffix = uniqueSuffix();
  const common = { resourceSuffix, schedules: { intervalMs: 3_600_000 }, overrides: { clock } } as const;
  // The first runtime only makes the data directory: no queue poller. A poller's long poll (20 s) outlives its stop
  // in the SQS emulator, which can hand the relayed message to that dead request — invisible for the queue's 60 s
  // visibility timeout, so the second runtime's worker would not see it in time.
  const first = await startTestRuntime({ ...common, keepDataDir: true, pollers: false });
  started.push(first);
  await first.stop();
  const id = 'DSP-20269000001';
  const requestedAt = '2026-11-27T01:00:00.000Z';
  const nextRelayAt = '2026-11-27T02:10:00.000Z';
  await dynamoClient().send(
    new PutCommand({ TableName: config().tableName, Item: legacyPendingDispatch(id, requestedAt, nextRelayAt) }),
  );

  // Act: start again on the same data, let the relay time pass, run the relay
  const second = await startTestRuntime({ ...common, dataDir: first.dataDir, port: first.ports.gateway });
  started.push(second);
  const adopted = await outboxStore().get({ topic: 'dispatch', id });
  const dispatchAfterStart = await dynamoClient().send(
    new GetCommand({ TableName: config().tableName, Key: dispatchKey(id), ConsistentRead: true }),
  );
  const movedAgain = await adoptLegacyOutbox();
  clock.advance({ hours: 1 });
  const relayed = await second.schedules.get('outbox-relay')?.runNow();
  // The relay's own answer first: when the waybill does not come, this says whether the message was ever sent.
  expect(relayed).toMatchObject({ status: 'ok', result: { claimed: 1, sent: 1 } });
  const waybillNo = await vi.waitFor(
    async () => {
      const d = await dispatchRepository().get(id);
      if (!d?.waybillNo) throw new Error('no waybill yet');
      return d.waybillNo;
    },
    { timeout: 20_000, interval: 50 },
  );
  await vi.waitFor(
    async () => {
      if (await outboxStore().get({ topic: 'dispatch', id })) throw new Error('the message is not completed yet');
    },
    { timeout: 20_000, interval: 50 },
  );

  // Assess
  expect(adopted).toEqual({
    topic: 'dispatch',
    id,
    body: { dispatchId: id },
    createdAt: requestedAt,
    nextRelayAt,
    relayCount: 2,
  });
  expect(dispatchAfterStart.Item).toMatchObject({ id, state: 'pending' });
  for (const relayKey of ['gsi1pk', 'gsi1sk', 'nextRelayAt', 'relayCount']) {
    expect(dispatchAfterStart.Item).not.toHaveProperty(relayKey);
  }
  expect(movedAgain).toBe(0);
  expect(second.carrier.waybillOf(id)).toBe(waybillNo);
  expect(second.carrier.issuedPerOrder().get(id)).toBe(1);
});
