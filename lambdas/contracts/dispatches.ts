/**
 * Contracts of the postal-dispatch routes: the enterprise's parcels, staff lists by state and month (postage
 * statement), a certificate's parcels, and the carrier's signed push notifications. Addresses are personal data:
 * they appear only on these authenticated routes, to the owner and to staff.
 */
import { z } from 'zod';
import { DISPATCH_REASONS, DISPATCH_STATES } from '../domain/dispatch';
import { CARRIER_STATUSES } from './carrier-protocol';
import { LicenceNoParam } from './certificates';
import { PostalAddressView } from './postal-address';
import { defineRoute, STAFF } from './route';

const TrackingEventView = z.object({
  eventId: z.string(),
  state: z.enum(DISPATCH_STATES),
  at: z.string(),
  description: z.string(),
});

export const DispatchView = z
  .object({
    id: z.string().describe('DSP- and the paper serial; also the order id at the carrier'),
    licenceNo: z.string(),
    version: z.number().int(),
    paperSerial: z.string(),
    reason: z.enum(DISPATCH_REASONS),
    state: z.enum(DISPATCH_STATES),
    address: PostalAddressView,
    requestedAt: z.string(),
    waybillNo: z.string().optional().describe('The carrier’s waybill (运单号), once created'),
    labelCreatedAt: z.string().optional(),
    tracking: z.array(TrackingEventView).describe('The latest 100 carrier events, oldest first'),
    trackingDropped: z.number().int().min(0).describe('How many older carrier events were dropped from `tracking`'),
    updatedAt: z.string(),
  })
  .meta({ id: 'Dispatch' });

export const DispatchList = z
  .object({ items: z.array(DispatchView), cursor: z.string().optional().describe('Pass back for the next page') })
  .meta({ id: 'DispatchList' });

const dispatchExample = {
  id: 'DSP-20260000001',
  licenceNo: '(鄂)XK06-001-00001',
  version: 1,
  paperSerial: '20260000001',
  reason: 'issue',
  state: 'in-transit',
  address: {
    recipient: '张三',
    phone: '13812345678',
    address: { line: '湖北省武汉市洪山区珞喻路1号' },
    postcode: '430074',
  },
  requestedAt: '2026-11-27T02:00:00.000Z',
  waybillNo: 'SB000000000001',
  labelCreatedAt: '2026-11-27T02:00:01.000Z',
  tracking: [{ eventId: 'EV-1', state: 'in-transit', at: '2026-11-27T06:00:00.000Z', description: '快件已揽收' }],
  trackingDropped: 0,
  updatedAt: '2026-11-27T06:00:01.000Z',
};

const PageQuery = {
  cursor: z.string().max(2048).optional().describe('Cursor from the previous page'),
  limit: z.coerce.number().int().min(1).max(100).optional().describe('Page size (default 25)'),
};

export const listMyDispatchesRoute = defineRoute({
  operationId: 'listMyDispatches',
  method: 'GET',
  path: '/v1/me/dispatches',
  summary: 'The calling enterprise’s parcels (paper certificates mailed free of charge), newest first',
  tags: ['dispatch'],
  access: ['enterprise'],
  request: { query: z.object(PageQuery) },
  responses: {
    200: { description: 'A page of dispatches', schema: DispatchList, example: { items: [dispatchExample] } },
  },
});

export const listDispatchesRoute = defineRoute({
  operationId: 'listDispatches',
  method: 'GET',
  path: '/v1/dispatches',
  summary: 'Dispatches in one state requested in one month (Asia/Shanghai), for the postage statement',
  tags: ['dispatch'],
  access: STAFF,
  request: {
    query: z.object({
      state: z.enum(DISPATCH_STATES),
      month: z
        .string()
        .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM')
        .describe('Month the dispatch was requested, YYYY-MM'),
      ...PageQuery,
    }),
  },
  responses: {
    200: { description: 'A page of dispatches', schema: DispatchList, example: { items: [dispatchExample] } },
  },
});

export const listCertificateDispatchesRoute = defineRoute({
  operationId: 'listCertificateDispatches',
  method: 'GET',
  path: '/v1/certificates/{licenceNo}/dispatches',
  summary: 'Parcels of one certificate’s paper copies (its holder and staff)',
  tags: ['dispatch'],
  access: [...STAFF, 'enterprise'],
  request: { params: z.object({ licenceNo: LicenceNoParam }), query: z.object(PageQuery) },
  responses: {
    200: { description: 'A page of dispatches', schema: DispatchList, example: { items: [dispatchExample] } },
    404: { description: 'No such certificate (or not the caller’s)' },
  },
});

export const CarrierNotificationBody = z
  .object({
    eventId: z.string().min(1).max(128),
    orderId: z.string().regex(/^DSP-\d{11}$/),
    waybillNo: z.string().min(1).max(64),
    status: z.enum(CARRIER_STATUSES),
    at: z.iso.datetime({ offset: true }),
    description: z.string().max(500),
  })
  .meta({ id: 'CarrierNotification' });

export const carrierEventsRoute = defineRoute({
  operationId: 'receiveCarrierEvent',
  method: 'POST',
  path: '/v1/carrier/events',
  summary: 'Carrier push notification (HMAC-SHA256 over `timestamp + "." + body`; see docs/carrier-api.md)',
  tags: ['dispatch'],
  access: 'signed',
  request: {
    body: CarrierNotificationBody,
    maxBodyBytes: 8 * 1024,
    bodyExample: {
      eventId: 'EV-1',
      orderId: 'DSP-20260000001',
      waybillNo: 'SB000000000001',
      status: 'IN_TRANSIT',
      at: '2026-11-27T06:00:00.000Z',
      description: '快件已揽收',
    },
  },
  responses: {
    200: {
      description:
        'Recorded; `outcome` says what it did — also for a replayed event, an unknown order, or an event whose ' +
        'waybill is not the named order’s (`mismatch`), none of which changes anything',
    },
    401: { description: 'Missing, expired (outside 5 minutes) or wrong signature (checked before the body)' },
    409: { description: 'WAYBILL_NOT_RECORDED: the order has no waybill recorded yet; retry later' },
  },
});
