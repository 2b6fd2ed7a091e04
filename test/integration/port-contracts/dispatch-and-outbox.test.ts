/**
 * Postal dispatches and the outbox — the same assertions against the in-memory fakes and the DynamoDB adapters on
 * DynamoDB Local: a waybill recorded once on a pending dispatch, tracking written at the revision read and once per
 * carrier event, the parcel lists newest first by enterprise and by state and Shanghai month; outbox messages due in
 * order, claimed and parked only while unchanged, completed for good.
 */
import { describe, expect, test } from 'vitest';
import { DynamoDispatchRepository } from '../../../lambdas/adapters/dynamo/dispatch-repository';
import { DynamoOutboxStore } from '../../../lambdas/adapters/dynamo/outbox-store';
import { decideTracking, type TrackingEvent, type TrackingUpdate } from '../../../lambdas/domain/dispatch';
import type { DispatchRepository } from '../../../lambdas/ports/dispatch-repository';
import type { OutboxStore } from '../../../lambdas/ports/outbox-store';
import { FakeDispatchRepository, FakeOutboxStore, FakeTable, usccFor } from '../../support/fakes';
import { dispatchOutboxMessage, pendingDispatch, unique } from './records';
import { dynamoParts, emulatorStore, fakeParts, type PartWriter } from './subjects';

interface Subject {
  readonly dispatches: DispatchRepository;
  readonly outbox: OutboxStore;
  readonly writeParts: PartWriter;
}

const subjects: [string, () => Promise<Subject>][] = [
  [
    'in-memory fakes',
    async () => {
      const table = new FakeTable();
      return {
        dispatches: new FakeDispatchRepository(table),
        outbox: new FakeOutboxStore(table),
        writeParts: fakeParts(table),
      };
    },
  ],
  [
    'DynamoDB adapters',
    async () => {
      const store = await emulatorStore();
      return {
        dispatches: new DynamoDispatchRepository(store.dynamo, store.names.tableName),
        outbox: new DynamoOutboxStore(store.dynamo, store.names.tableName),
        writeParts: dynamoParts(store),
      };
    },
  ],
];

const T0 = new Date('2026-11-27T02:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const event = (n: number, state: TrackingEvent['state'] = 'in-transit'): TrackingEvent => ({
  eventId: `EV-${unique()}-${n}`,
  state,
  at: at(n).toISOString(),
  description: `第${n}站`,
});

const updateOf = (decision: ReturnType<typeof decideTracking>): TrackingUpdate => {
  if (decision.outcome !== 'applied' && decision.outcome !== 'recorded-only') throw new Error(decision.outcome);
  return decision;
};

describe.each(subjects)('DispatchRepository — %s', (_, make) => {
  let subject: Promise<Subject> | undefined;
  const s = () => {
    subject ??= make();
    return subject;
  };

  test('reads one or many; a dispatch never written is absent', async () => {
    // Prepare
    const { dispatches, writeParts } = await s();
    const [a, b] = [pendingDispatch({ at: T0 }), pendingDispatch({ at: T0 })];
    await writeParts([a, b].map((dispatch) => ({ kind: 'dispatch-requested', dispatch })));

    // Act
    const one = await dispatches.get(a.id);
    const many = await dispatches.getMany([a.id, 'DSP-20269999999', b.id, a.id]);

    // Assess
    expect(one).toEqual(a);
    expect(await dispatches.get('DSP-20269999999')).toBeUndefined();
    expect([...many.keys()].sort()).toEqual([a.id, b.id].sort());
    expect(many.get(b.id)).toEqual(b);
  });

  test('records the waybill once, on a pending dispatch; a late or stale caller learns the stored one', async () => {
    // Prepare
    const { dispatches, writeParts } = await s();
    const pending = pendingDispatch({ at: T0 });
    await writeParts([{ kind: 'dispatch-requested', dispatch: pending }]);

    // Act
    const first = await dispatches.recordWaybill(pending, 'SB-1', at(1));
    const stale = await dispatches.recordWaybill(pending, 'SB-2', at(2));
    const reread = await dispatches.recordWaybill((await dispatches.get(pending.id)) ?? pending, 'SB-3', at(3));

    // Assess
    expect([first, stale, reread]).toEqual([
      { outcome: 'recorded', waybillNo: 'SB-1' },
      { outcome: 'already', waybillNo: 'SB-1' },
      { outcome: 'already', waybillNo: 'SB-1' },
    ]);
    expect(await dispatches.get(pending.id)).toEqual({
      ...pending,
      state: 'label-created',
      waybillNo: 'SB-1',
      labelCreatedAt: at(1).toISOString(),
      updatedAt: at(1).toISOString(),
      revision: 1,
    });
  });

  test('writes tracking at the revision read, once per event: a replay is seen, a stale read changed', async () => {
    // Prepare
    const { dispatches, writeParts } = await s();
    const pending = pendingDispatch({ at: T0 });
    await writeParts([{ kind: 'dispatch-requested', dispatch: pending }]);
    await dispatches.recordWaybill(pending, 'SB-7', at(1));
    const read = (await dispatches.get(pending.id)) ?? pending;
    const first = event(2);
    const second = event(3, 'delivered');

    // Act
    const saved = await dispatches.saveTracking(read, updateOf(decideTracking(read, first, 'SB-7')), first, at(2));
    const replay = await dispatches.saveTracking(read, updateOf(decideTracking(read, first, 'SB-7')), first, at(2));
    const stale = await dispatches.saveTracking(read, updateOf(decideTracking(read, second, 'SB-7')), second, at(3));
    const fresh = (await dispatches.get(pending.id)) ?? read;
    const next = await dispatches.saveTracking(fresh, updateOf(decideTracking(fresh, second, 'SB-7')), second, at(3));

    // Assess
    expect([saved, replay, stale, next]).toEqual(['saved', 'seen', 'changed', 'saved']);
    const stored = await dispatches.get(pending.id);
    expect(stored).toMatchObject({ state: 'delivered', revision: 3, updatedAt: at(3).toISOString() });
    expect(stored?.tracking.map((e) => e.eventId)).toEqual([first.eventId, second.eventId]);
  });

  test('lists an enterprise’s parcels and a state’s month (Asia/Shanghai) newest first, page by page', async () => {
    // Prepare
    const { dispatches, writeParts } = await s();
    const seed = unique();
    const december = pendingDispatch({ seed, at: new Date('2026-11-30T16:30:00.000Z') }); // 2026-12-01 00:30 Shanghai
    const november = pendingDispatch({ seed, at: new Date('2026-11-30T15:30:00.000Z') }); // 2026-11-30 23:30 Shanghai
    const other = pendingDispatch({ at: new Date('2026-11-30T16:45:00.000Z') });
    await writeParts([december, november, other].map((dispatch) => ({ kind: 'dispatch-requested', dispatch })));
    const ours = new Set([december.id, november.id, other.id]);
    const ids = (items: readonly { id: string }[]) => items.map((d) => d.id).filter((id) => ours.has(id));

    // Act
    const mine = await all((cursor) =>
      dispatches.listByEnterprise(usccFor(seed), { limit: 1, ...(cursor ? { cursor } : {}) }),
    );
    const pendingInDecember = await all((cursor) =>
      dispatches.listByStateAndMonth('pending', '2026-12', { limit: 1, ...(cursor ? { cursor } : {}) }),
    );
    const pendingInNovember = await dispatches.listByStateAndMonth('pending', '2026-11', { limit: 100 });
    const foreign = await dispatches
      .listByStateAndMonth('delivered', '2026-12', {
        cursor: (await dispatches.listByStateAndMonth('pending', '2026-12', { limit: 1 })).cursor ?? 'x',
      })
      .catch((e: unknown) => e);

    // Assess
    expect(ids(mine)).toEqual([december.id, november.id]);
    expect(ids(pendingInDecember)).toEqual([other.id, december.id]);
    expect(ids(pendingInNovember.items)).toEqual([november.id]);
    expect(foreign).toMatchObject({ code: 'INVALID_CURSOR' });
  });
});

describe.each(subjects)('OutboxStore — %s', (_, make) => {
  let subject: Promise<Subject> | undefined;
  const s = () => {
    subject ??= make();
    return subject;
  };

  test('answers the messages due by now, oldest first, at most `limit`', async () => {
    // Prepare
    const { outbox, writeParts } = await s();
    const base = new Date('2031-01-01T00:00:00.000Z'); // apart from the other tests' messages
    const messages = [3, 1, 2, 9].map((m) => dispatchOutboxMessage(new Date(base.getTime() + m * 60_000)));
    await writeParts(messages.map((message) => ({ kind: 'outbox', message })));
    const now = new Date(base.getTime() + 5 * 60_000); // messages 1–3 due (each 2 minutes after its change)

    // Act
    const due = await outbox.dueForRelay(now, 100);
    const two = await outbox.dueForRelay(now, 2);

    // Assess
    const ours = new Set(messages.map((m) => m.id));
    const ids = (items: readonly { id: string }[]) => items.map((m) => m.id).filter((id) => ours.has(id));
    expect(ids(due)).toEqual([messages[1]?.id, messages[2]?.id, messages[0]?.id]);
    expect(due.find((m) => m.id === messages[1]?.id)).toEqual({ ...messages[1], relayCount: 0 });
    expect(two).toHaveLength(2);
  });

  test('claims a message once per read: a second relay with the same read loses; a claim pushes it back', async () => {
    // Prepare
    const { outbox, writeParts } = await s();
    const message = dispatchOutboxMessage(T0);
    await writeParts([{ kind: 'outbox', message }]);
    const read = { ...message, relayCount: 0 };
    const next = at(10);

    // Act
    const first = await outbox.claimRelay(read, next, at(3));
    const second = await outbox.claimRelay(read, at(20), at(3));
    const missing = await outbox.claimRelay({ ...read, id: 'DSP-20269999999' }, next, at(3));

    // Assess
    expect([first, second, missing]).toEqual([true, false, false]);
    expect(await outbox.get(message)).toEqual({ ...message, nextRelayAt: next.toISOString(), relayCount: 1 });
    expect((await outbox.dueForRelay(at(9), 1000)).some((m) => m.id === message.id)).toBe(false);
  });

  test('parks a message off the relay’s list (kept, no longer due); completing removes it, twice harmlessly', async () => {
    // Prepare
    const { outbox, writeParts } = await s();
    const parked = dispatchOutboxMessage(T0);
    const done = dispatchOutboxMessage(T0);
    await writeParts([parked, done].map((message) => ({ kind: 'outbox', message })));
    const read = { ...parked, relayCount: 0 };

    // Act
    const first = await outbox.parkRelay(read, at(5));
    const again = await outbox.parkRelay(read, at(6));
    await outbox.complete([done, done]);
    await outbox.complete([done]);

    // Assess
    expect([first, again]).toEqual([true, false]);
    const { nextRelayAt: _, ...kept } = parked;
    expect(await outbox.get(parked)).toEqual({ ...kept, relayCount: 0, parkedAt: at(5).toISOString() });
    expect((await outbox.dueForRelay(at(60 * 24 * 365), 1000)).some((m) => m.id === parked.id)).toBe(false);
    expect(await outbox.get(done)).toBeUndefined();
    expect(await outbox.claimRelay({ ...done, relayCount: 0 }, at(9), at(9))).toBe(false);
  });
});

async function all<T>(read: (cursor?: string) => Promise<{ items: readonly T[]; cursor?: string }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
}
