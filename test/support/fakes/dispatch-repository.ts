/**
 * In-memory {@link DispatchRepository} on the shared {@link FakeTable} (a dispatch is created as a transaction part of
 * its certificate), with the adapter's conditional writes: the waybill is recorded only on a pending dispatch without
 * one (`already` otherwise, naming the waybill stored), a tracking update only at the revision read and only once per
 * carrier event (its marker: `seen`; a moved revision: `changed`); the enterprise's parcels and the staff's
 * state-and-month lists newest first, with opaque positions.
 *
 * @example
 * const dispatches = new FakeDispatchRepository(table);
 * await dispatches.recordWaybill(dispatch, 'SF1234567890123', clock.now()); // { outcome: 'recorded', … }
 * table.carrierEvents.clear(); // the event markers expired
 */
import { localDateOf } from '../../../lambdas/domain/dates';
import type { Dispatch, DispatchState, TrackingEvent, TrackingUpdate } from '../../../lambdas/domain/dispatch';
import type { DispatchRepository, TrackingWrite, WaybillOutcome } from '../../../lambdas/ports/dispatch-repository';
import type { Page, PageRequest } from '../../../lambdas/ports/page';
import { pageOf, stored } from './storage';
import { FakeTable } from './table';

/** How long a carrier event's marker lives: the adapter's 30 days. */
const MARKER_SECONDS = 30 * 86_400;

const newestFirst = (d: Dispatch): string => `${d.requestedAt}#${d.id}`;

export class FakeDispatchRepository implements DispatchRepository {
  constructor(readonly table: FakeTable = new FakeTable()) {}

  async get(id: string): Promise<Dispatch | undefined> {
    const found = this.table.dispatches.get(id);
    return found ? stored(found) : undefined;
  }

  async getMany(ids: readonly string[]): Promise<ReadonlyMap<string, Dispatch>> {
    const found = new Map<string, Dispatch>();
    for (const id of new Set(ids)) {
      const dispatch = this.table.dispatches.get(id);
      if (dispatch) found.set(id, stored(dispatch));
    }
    return found;
  }

  async recordWaybill(dispatch: Dispatch, waybillNo: string, at: Date): Promise<WaybillOutcome> {
    if (dispatch.waybillNo) return { outcome: 'already', waybillNo: dispatch.waybillNo };
    const current = this.table.dispatches.get(dispatch.id);
    if (current?.state !== 'pending' || current.waybillNo) {
      return { outcome: 'already', waybillNo: current?.waybillNo ?? waybillNo };
    }
    const now = at.toISOString();
    this.table.dispatches.set(dispatch.id, {
      ...current,
      state: 'label-created',
      waybillNo,
      labelCreatedAt: now,
      updatedAt: now,
      revision: current.revision + 1,
    });
    return { outcome: 'recorded', waybillNo };
  }

  async saveTracking(read: Dispatch, update: TrackingUpdate, event: TrackingEvent, at: Date): Promise<TrackingWrite> {
    const current = this.table.dispatches.get(read.id);
    if (this.table.carrierEvents.has(event.eventId)) return 'seen';
    if (!current || current.revision !== read.revision) return 'changed';
    this.table.carrierEvents.set(event.eventId, {
      dispatchId: read.id,
      at: at.toISOString(),
      expiresAt: Math.floor(at.getTime() / 1000) + MARKER_SECONDS,
    });
    this.table.dispatches.set(read.id, {
      ...current,
      state: update.state,
      tracking: stored(update.tracking),
      trackingDropped: update.trackingDropped,
      updatedAt: at.toISOString(),
      revision: current.revision + 1,
    });
    return 'saved';
  }

  async listByEnterprise(uscc: string, page: PageRequest): Promise<Page<Dispatch>> {
    const entries = [...this.table.dispatches.values()]
      .filter((d) => d.uscc === uscc)
      .map((d) => ({ sortKey: newestFirst(d), item: d }));
    return pageOf(`DISPATCHES#ENT#${uscc}`, entries, 'desc', page);
  }

  async listByStateAndMonth(state: DispatchState, month: string, page: PageRequest): Promise<Page<Dispatch>> {
    const entries = [...this.table.dispatches.values()]
      .filter((d) => d.state === state && localDateOf(new Date(d.requestedAt)).slice(0, 7) === month)
      .map((d) => ({ sortKey: newestFirst(d), item: d }));
    return pageOf(`DISPATCHES#${state}#${month}`, entries, 'desc', page);
  }
}
