/**
 * Dispatch use cases with in-memory ports (no network): the worker's batch (exactly one waybill under duplicates in a
 * batch and concurrent calls; the outbox message completed only once the waybill is recorded; a failed message
 * retried after a backoff behind the retry port); carrier failures leave the dispatch pending; carrier events apply
 * only to the dispatch whose order and waybill they name, and the history stays bounded.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../lambdas/adapters/clock/manual-clock';
import type { Dispatch, TrackingEvent, TrackingUpdate } from '../../../../lambdas/domain/dispatch';
import type { PermitError } from '../../../../lambdas/domain/errors';
import { LicenceNumber } from '../../../../lambdas/domain/licence-number';
import { parsePostalAddress } from '../../../../lambdas/domain/postal-address';
import { type Carrier, CarrierError } from '../../../../lambdas/ports/carrier';
import type { DispatchRepository } from '../../../../lambdas/ports/dispatch-repository';
import type { MessageRetry } from '../../../../lambdas/ports/message-retry';
import type { OutboxRef } from '../../../../lambdas/ports/transaction-parts';
import {
  createWaybill,
  createWaybills,
  handleDispatchMessages,
  type ReceivedMessage,
  recordCarrierEvent,
} from '../../../../lambdas/use-cases/dispatch/dispatch';

const address = parsePostalAddress(
  { recipient: '张三', phone: '13812345678', address: '湖北省武汉市洪山区珞喻路1号', postcode: '430074' },
  'a',
);

/** Conditional semantics of the DynamoDB adapter, in memory. */
class MemoryRepository implements DispatchRepository {
  readonly items = new Map<string, Dispatch>();
  /** Event-id markers (the DynamoDB adapter's `CARRIEREVT#` items); clear one to simulate its expiry. */
  readonly markers = new Set<string>();
  add(id: string, at: Date, overrides: Partial<Dispatch> = {}): void {
    this.items.set(id, {
      id,
      licenceNo: LicenceNumber.parse('(鄂)XK06-001-00001'),
      uscc: '91420100MA4K0A0A1E',
      version: 1,
      paperSerial: id.slice(4),
      reason: 'issue',
      address,
      state: 'pending',
      requestedBy: 'officer-1',
      requestedAt: at.toISOString(),
      tracking: [],
      trackingDropped: 0,
      updatedAt: at.toISOString(),
      revision: 0,
      ...overrides,
    });
  }
  async get(id: string) {
    return this.items.get(id);
  }
  async getMany(ids: readonly string[]) {
    return new Map(ids.flatMap((id) => (this.items.has(id) ? [[id, this.items.get(id) as Dispatch] as const] : [])));
  }
  async recordWaybill(d: Dispatch, waybillNo: string) {
    const current = this.items.get(d.id) as Dispatch;
    if (current.state !== 'pending' || current.waybillNo) {
      return { outcome: 'already' as const, waybillNo: current.waybillNo ?? waybillNo };
    }
    this.items.set(d.id, { ...current, state: 'label-created', waybillNo });
    return { outcome: 'recorded' as const, waybillNo };
  }
  async saveTracking(read: Dispatch, update: TrackingUpdate, event: TrackingEvent) {
    const current = this.items.get(read.id) as Dispatch;
    if (this.markers.has(event.eventId)) return 'seen' as const;
    if (current.revision !== read.revision) return 'changed' as const;
    this.markers.add(event.eventId);
    const { outcome: _, ...fields } = update;
    this.items.set(read.id, { ...current, ...fields, revision: current.revision + 1 });
    return 'saved' as const;
  }
  async listByEnterprise() {
    return { items: [] };
  }
  async listByStateAndMonth() {
    return { items: [] };
  }
}

/** An idempotent carrier: one waybill per order id, counting calls; fails the first `failures` calls. */
function memoryCarrier(failures = 0): Carrier & { calls: number; issued: Map<string, string> } {
  const issued = new Map<string, string>();
  const carrier = {
    calls: 0,
    issued,
    async createWaybill(r: { orderId: string }) {
      carrier.calls++;
      if (carrier.calls <= failures) throw new CarrierError('CARRIER_UNAVAILABLE', 'injected', true);
      if (!issued.has(r.orderId)) issued.set(r.orderId, `SB${issued.size + 1}`);
      return { orderId: r.orderId, waybillNo: issued.get(r.orderId) as string };
    },
    async tracking(waybillNo: string) {
      return { waybillNo, events: [] };
    },
  };
  return carrier;
}

describe('handleDispatchMessages', () => {
  const at = new Date('2026-11-27T02:00:00.000Z');
  const message = (n: number, dispatchId: string, receiveCount = 1): ReceivedMessage => ({
    messageId: `m-${n}`,
    body: JSON.stringify({ dispatchId }),
    receiveCount,
    receipt: `receipt-${n}`,
  });
  function worker(options: { failures?: number; retryBaseSeconds?: number; refuseRetry?: boolean } = {}) {
    const repository = new MemoryRepository();
    const completed: OutboxRef[][] = [];
    const retried: [string, number][] = [];
    const retry: MessageRetry = {
      async retryAfter(receipt, seconds) {
        if (options.refuseRetry) throw new Error('injected: SQS refuses');
        retried.push([receipt, seconds]);
      },
    };
    const deps = {
      repository,
      carrier: memoryCarrier(options.failures ?? 0),
      clock: new ManualClock(at),
      outbox: {
        async complete(messages: readonly OutboxRef[]) {
          completed.push([...messages]);
        },
      },
      retry,
      retryBaseSeconds: options.retryBaseSeconds ?? 15,
    };
    return { repository, completed, retried, deps };
  }

  it('answers each message in order, and completes the outbox message of each dispatch done, once', async () => {
    // Prepare
    const { repository, completed, retried, deps } = worker();
    repository.add('DSP-20260000030', at);
    repository.add('DSP-20260000031', at, { state: 'label-created', waybillNo: 'SB-OLD' });

    // Act
    const outcomes = await handleDispatchMessages(deps, [
      message(1, 'DSP-20260000030'),
      message(2, 'DSP-20260000031'),
      message(3, 'DSP-20260000030'),
      message(4, 'DSP-20269999999'),
    ]);

    // Assess
    expect(outcomes).toEqual([
      { status: 'fulfilled', value: { outcome: 'created', waybillNo: 'SB1' } },
      { status: 'fulfilled', value: { outcome: 'already', waybillNo: 'SB-OLD' } },
      { status: 'fulfilled', value: { outcome: 'created', waybillNo: 'SB1' } },
      { status: 'fulfilled', value: { outcome: 'missing' } },
    ]);
    expect(completed).toEqual([
      [
        { topic: 'dispatch', id: 'DSP-20260000030' },
        { topic: 'dispatch', id: 'DSP-20260000031' },
        { topic: 'dispatch', id: 'DSP-20269999999' },
      ],
    ]);
    expect(retried).toEqual([]);
  });

  it('fails an unreadable message and a carrier failure, completes neither, and hides each for its backoff', async () => {
    // Prepare
    const { repository, completed, retried, deps } = worker({ failures: 1 });
    repository.add('DSP-20260000032', at);

    // Act
    const outcomes = await handleDispatchMessages(deps, [
      { ...message(1, 'DSP-20260000032', 3) },
      { ...message(2, 'x', 1), body: '{"dispatchId":"not-a-dispatch"}' },
    ]);

    // Assess
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect((outcomes[0] as PromiseRejectedResult).reason).toBeInstanceOf(CarrierError);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'DISPATCH_ID_FORMAT' });
    expect(completed).toEqual([]);
    expect(retried).toEqual([
      ['receipt-1', 60],
      ['receipt-2', 15],
    ]);
    expect((await repository.get('DSP-20260000032'))?.state).toBe('pending');
  });

  it('leaves the queue’s own visibility timeout when the base is 0 or the queue refuses the backoff', async () => {
    // Prepare
    const off = worker({ failures: 1, retryBaseSeconds: 0 });
    off.repository.add('DSP-20260000033', at);
    const refused = worker({ failures: 1, refuseRetry: true });
    refused.repository.add('DSP-20260000033', at);

    // Act
    const [a] = await handleDispatchMessages(off.deps, [message(1, 'DSP-20260000033')]);
    const [b] = await handleDispatchMessages(refused.deps, [message(1, 'DSP-20260000033')]);

    // Assess
    expect([a?.status, b?.status]).toEqual(['rejected', 'rejected']);
    expect(off.retried).toEqual([]);
    expect(refused.retried).toEqual([]);
  });

  it('fails every message when the batch read fails, and completes nothing', async () => {
    // Prepare
    const { repository, completed, deps } = worker();
    repository.getMany = async () => {
      throw new Error('injected: DynamoDB unavailable');
    };

    // Act
    const outcomes = await handleDispatchMessages(deps, [message(1, 'DSP-20260000034'), message(2, 'DSP-20260000035')]);

    // Assess
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(completed).toEqual([]);
  });
});

describe('createWaybill', () => {
  const at = new Date('2026-11-27T02:00:00.000Z');

  it('handles a dispatch named several times in a batch once, and concurrent workers record one waybill', async () => {
    // Prepare
    const repository = new MemoryRepository();
    repository.add('DSP-20260000010', at);
    repository.add('DSP-20260000011', at);
    const carrier = memoryCarrier();
    const deps = { repository, carrier, clock: new ManualClock(at) };

    // Act
    const batch = await createWaybills(deps, ['DSP-20260000010', 'DSP-20260000010', 'DSP-20260000011']);
    const racing = await Promise.all([createWaybill(deps, 'DSP-20260000011'), createWaybill(deps, 'DSP-20260000011')]);

    // Assess
    expect([...batch.keys()]).toEqual(['DSP-20260000010', 'DSP-20260000011']);
    expect([...batch.values()].map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(carrier.calls).toBe(2);
    expect(carrier.issued.size).toBe(2);
    expect(racing).toEqual([
      { outcome: 'already', waybillNo: 'SB2' },
      { outcome: 'already', waybillNo: 'SB2' },
    ]);
  });

  it('leaves the dispatch pending when the carrier fails, and succeeds with the same order id next time', async () => {
    // Prepare
    const repository = new MemoryRepository();
    repository.add('DSP-20260000012', at);
    const carrier = memoryCarrier(1);
    const deps = { repository, carrier, clock: new ManualClock(at) };

    // Act
    const failure = await createWaybill(deps, 'DSP-20260000012').catch((e: unknown) => e);
    const pending = await repository.get('DSP-20260000012');
    const success = await createWaybill(deps, 'DSP-20260000012');

    // Assess
    expect((failure as CarrierError).code).toBe('CARRIER_UNAVAILABLE');
    expect(pending?.state).toBe('pending');
    expect(success).toEqual({ outcome: 'created', waybillNo: 'SB1' });
  });

  it('drops a message for an unknown dispatch', async () => {
    // Act
    const result = await createWaybill(
      { repository: new MemoryRepository(), carrier: memoryCarrier(), clock: new ManualClock(at) },
      'DSP-20269999999',
    );

    // Assess
    expect(result).toEqual({ outcome: 'missing' });
  });
});

describe('recordCarrierEvent', () => {
  const at = new Date('2026-11-27T02:00:00.000Z');
  const event = (n: number, state: TrackingEvent['state'] = 'in-transit'): TrackingEvent => ({
    eventId: `EV-${String(n).padStart(4, '0')}`,
    state,
    at: new Date(at.getTime() + n * 60_000).toISOString(),
    description: `第${n}站`,
  });
  function world() {
    const repository = new MemoryRepository();
    repository.add('DSP-20260000020', at, { state: 'label-created', waybillNo: 'SB-A' });
    repository.add('DSP-20260000021', at, { state: 'label-created', waybillNo: 'SB-B' });
    return { repository, deps: { repository, clock: new ManualClock(at) } };
  }

  it('changes nothing when the event names order A with the waybill of order B', async () => {
    // Prepare
    const { repository, deps } = world();
    const before = structuredClone(repository.items.get('DSP-20260000020'));

    // Act
    const outcome = await recordCarrierEvent(deps, {
      dispatchId: 'DSP-20260000020',
      waybillNo: 'SB-B',
      event: event(1, 'delivered'),
    });

    // Assess
    expect(outcome).toBe('mismatch');
    expect(repository.items.get('DSP-20260000020')).toEqual(before);
    expect(repository.items.get('DSP-20260000021')?.state).toBe('label-created');
    expect(repository.markers.size).toBe(0);
  });

  it('refuses with 409 WAYBILL_NOT_RECORDED while the order has no waybill yet, so the carrier retries', async () => {
    // Prepare
    const repository = new MemoryRepository();
    repository.add('DSP-20260000022', at);

    // Act
    const error = await recordCarrierEvent(
      { repository, clock: new ManualClock(at) },
      { dispatchId: 'DSP-20260000022', waybillNo: 'SB-X', event: event(1) },
    ).catch((e: unknown) => e as PermitError);

    // Assess
    expect(error).toMatchObject({ kind: 'conflict', code: 'WAYBILL_NOT_RECORDED' });
    expect(repository.items.get('DSP-20260000022')).toMatchObject({ state: 'pending', tracking: [] });
    expect(repository.items.get('DSP-20260000022')?.waybillNo).toBeUndefined();
  });

  it('keeps the latest 100 of 150 events, counts 50 dropped, and treats replays — dropped ones too — as seen', async () => {
    // Prepare: 150 events, each pair delivered in swapped order; the parcel is delivered at the 120th
    const { repository, deps } = world();
    const events = Array.from({ length: 150 }, (_, i) => event(i + 1, i + 1 === 120 ? 'delivered' : 'in-transit'));
    const swapped = events.map((_, i) => events[i % 2 === 0 ? i + 1 : i - 1] as TrackingEvent);
    const record = (e: TrackingEvent) =>
      recordCarrierEvent(deps, { dispatchId: 'DSP-20260000020', waybillNo: 'SB-A', event: e });

    // Act
    for (const e of swapped) await record(e);
    const stored = repository.items.get('DSP-20260000020') as Dispatch;
    repository.markers.clear(); // the markers expired: only the dispatch itself can tell a replay now
    const replayKept = await record(events[149] as TrackingEvent);
    const replayDropped = await record(events[0] as TrackingEvent);
    const after = repository.items.get('DSP-20260000020') as Dispatch;

    // Assess
    expect(stored.tracking.map((e) => e.eventId)).toEqual(events.slice(50).map((e) => e.eventId));
    expect(stored.trackingDropped).toBe(50);
    expect(stored.state).toBe('delivered');
    expect([replayKept, replayDropped]).toEqual(['duplicate', 'duplicate']);
    expect(after).toEqual(stored);
  });
});
