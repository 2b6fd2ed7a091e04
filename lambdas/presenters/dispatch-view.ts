/**
 * Maps a dispatch to its API view (owner and staff only: it carries the address).
 *
 * @example
 * json(200, { items: page.items.map(dispatchView) });
 */
import type { z } from 'zod';
import type { DispatchView } from '../contracts/dispatches';
import type { Dispatch } from '../domain/dispatch';
import type { Page } from '../ports/page';

export function dispatchView(d: Dispatch): z.input<typeof DispatchView> {
  return {
    id: d.id,
    licenceNo: d.licenceNo.toString(),
    version: d.version,
    paperSerial: d.paperSerial,
    reason: d.reason,
    state: d.state,
    address: { ...d.address, address: { ...d.address.address } },
    requestedAt: d.requestedAt,
    ...(d.waybillNo ? { waybillNo: d.waybillNo } : {}),
    ...(d.labelCreatedAt ? { labelCreatedAt: d.labelCreatedAt } : {}),
    tracking: [...d.tracking],
    trackingDropped: d.trackingDropped,
    updatedAt: d.updatedAt,
  };
}

/** A page of dispatches as JSON. */
export const dispatchPage = (page: Page<Dispatch>) => ({
  items: page.items.map(dispatchView),
  ...(page.cursor ? { cursor: page.cursor } : {}),
});
