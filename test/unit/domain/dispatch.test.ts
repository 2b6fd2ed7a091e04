/**
 * The pure rule for a carrier event (`decideTracking`): the order and the waybill must both match, the state moves
 * only forward, the history keeps the latest 100 events and counts the rest, and a replay is recognised from the
 * dispatch alone — by its id among the kept events, or by its time once events were dropped.
 */
import { describe, expect, it } from 'vitest';
import {
  type Dispatch,
  decideTracking,
  MAX_TRACKING_EVENTS,
  type TrackingEvent,
  type TrackingUpdate,
} from '../../../lambdas/domain/dispatch';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import { parsePostalAddress } from '../../../lambdas/domain/postal-address';

const start = Date.parse('2026-11-27T02:00:00.000Z');
const event = (n: number, state: TrackingEvent['state'] = 'in-transit'): TrackingEvent => ({
  eventId: `EV-${String(n).padStart(4, '0')}`,
  state,
  at: new Date(start + n * 60_000).toISOString(),
  description: `第${n}站`,
});

function dispatch(overrides: Partial<Dispatch> = {}): Dispatch {
  return {
    id: 'DSP-20260000001',
    licenceNo: LicenceNumber.parse('(鄂)XK06-001-00001'),
    uscc: '91420100MA4K0A0A1E',
    version: 1,
    paperSerial: '20260000001',
    reason: 'issue',
    address: parsePostalAddress(
      { recipient: '张三', phone: '13812345678', address: '湖北省武汉市洪山区珞喻路1号', postcode: '430074' },
      'a',
    ),
    state: 'label-created',
    requestedBy: 'officer-1',
    requestedAt: new Date(start).toISOString(),
    waybillNo: 'SB000000000001',
    tracking: [],
    trackingDropped: 0,
    updatedAt: new Date(start).toISOString(),
    revision: 1,
    ...overrides,
  };
}

/** Apply events one by one as the use case would (every decision that is an update is written). */
function feed(initial: Dispatch, events: readonly TrackingEvent[]): { dispatch: Dispatch; outcomes: string[] } {
  let current = initial;
  const outcomes: string[] = [];
  for (const e of events) {
    const decision = decideTracking(current, e, 'SB000000000001');
    outcomes.push(decision.outcome);
    if ('tracking' in decision) {
      const { outcome: _, ...fields } = decision as TrackingUpdate;
      current = { ...current, ...fields, revision: current.revision + 1 };
    }
  }
  return { dispatch: current, outcomes };
}

describe('decideTracking', () => {
  it('applies an event only to the dispatch whose waybill it names, and waits while there is none', () => {
    expect(decideTracking(dispatch(), event(1), 'SB000000000002')).toEqual({ outcome: 'mismatch' });
    const pending = dispatch({ state: 'pending' });
    const { waybillNo: _, ...withoutWaybill } = pending;
    expect(decideTracking(withoutWaybill, event(1), 'SB000000000001')).toEqual({ outcome: 'waybill-pending' });
    expect(decideTracking(dispatch(), event(1), 'SB000000000001')).toMatchObject({
      outcome: 'applied',
      state: 'in-transit',
    });
  });

  it('keeps the latest 100 of 150 events in time order and counts the 50 dropped', () => {
    // Act
    const { dispatch: after, outcomes } = feed(
      dispatch(),
      Array.from({ length: 150 }, (_, i) => event(i + 1)),
    );

    // Assess
    expect(after.tracking).toHaveLength(MAX_TRACKING_EVENTS);
    expect(after.tracking[0]?.eventId).toBe('EV-0051');
    expect(after.tracking.at(-1)?.eventId).toBe('EV-0150');
    expect(after.trackingDropped).toBe(50);
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'recorded-only')).toHaveLength(149);
  });

  it('never moves the state backwards, whatever the arrival order', () => {
    const { dispatch: after } = feed(dispatch(), [event(3, 'delivered'), event(1), event(2)]);
    expect(after.state).toBe('delivered');
    expect(after.tracking.map((e) => e.eventId)).toEqual(['EV-0001', 'EV-0002', 'EV-0003']);
  });

  it('recognises a replay by id among the kept events, and a dropped one by its time', () => {
    // Prepare
    const events = Array.from({ length: 150 }, (_, i) => event(i + 1));
    const { dispatch: full } = feed(dispatch(), events);

    // Act + Assess
    expect(decideTracking(full, events[120] as TrackingEvent, 'SB000000000001')).toEqual({ outcome: 'duplicate' });
    expect(decideTracking(full, events[0] as TrackingEvent, 'SB000000000001')).toEqual({ outcome: 'duplicate' });
    expect(decideTracking(full, events[50] as TrackingEvent, 'SB000000000001')).toEqual({ outcome: 'duplicate' });
  });

  it('trade-off: once events were dropped, a never-seen event at or before the oldest kept one is treated as seen', () => {
    // Prepare
    const { dispatch: full } = feed(
      dispatch(),
      Array.from({ length: 101 }, (_, i) => event(i + 10)),
    );
    const late = { ...event(5), eventId: 'EV-late' };
    const lateButForward = { ...event(5, 'delivered'), eventId: 'EV-late-delivered' };

    // Act
    const ignored = decideTracking(full, late, 'SB000000000001');
    const forward = decideTracking(full, lateButForward, 'SB000000000001');

    // Assess: it could not have moved the state, and it would have been dropped at once; a forward move still counts
    expect(full.trackingDropped).toBe(1);
    expect(ignored).toEqual({ outcome: 'duplicate' });
    expect(forward).toMatchObject({ outcome: 'applied', state: 'delivered', trackingDropped: 2 });
    expect((forward as TrackingUpdate).tracking).toEqual(full.tracking);
  });

  it('before any drop, a late event joins the history (nothing is treated as seen by time alone)', () => {
    const { dispatch: some } = feed(dispatch(), [event(10), event(11)]);
    expect(decideTracking(some, event(5), 'SB000000000001')).toMatchObject({
      outcome: 'recorded-only',
      trackingDropped: 0,
    });
  });
});
