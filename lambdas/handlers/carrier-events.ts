/**
 * POST /v1/carrier/events — the carrier's signed push notifications (access `signed`: no token). The HMAC-SHA256 over
 * `timestamp + "." + body` is checked first, on the raw request, before the body is parsed or validated: a missing,
 * expired (outside 5 minutes) or wrong signature is 401 and tells nothing about the schema. A signed event applies
 * only to the dispatch whose order id and waybill it names (`mismatch`: 200, nothing changes); a replayed event is
 * answered 200 and changes nothing; an out-of-order one never moves the state backwards.
 */

import { carrierSecret, workerDeps } from '../composition/dispatch';
import { invocationMetrics } from '../composition/metrics';
import { stateOfCarrierStatus, verifySignature } from '../contracts/carrier-protocol';
import { carrierEventsRoute } from '../contracts/dispatches';
import { httpRoute, json } from '../shared/http';
import { logger } from '../shared/logger';
import { recordCarrierEvent } from '../use-cases/dispatch/dispatch';

export const handler = httpRoute(
  carrierEventsRoute,
  async ({ body }) => {
    const outcome = await recordCarrierEvent(workerDeps(), {
      dispatchId: body.orderId,
      waybillNo: body.waybillNo,
      event: {
        eventId: body.eventId,
        state: stateOfCarrierStatus(body.status),
        at: new Date(body.at).toISOString(),
        description: body.description,
      },
    });
    if (outcome === 'unknown-dispatch') logger.warn('carrier event for an unknown order', { orderId: body.orderId });
    return json(200, { code: 'OK', outcome });
  },
  {
    authenticate: async ({ event, rawBody }) =>
      verifySignature({
        headers: event.headers ?? {},
        body: rawBody?.toString('utf8') ?? '',
        secret: await carrierSecret().get(),
        now: new Date(), // a transport check, on real time like token checks (the carrier's clock is real)
      }),
    // The event's outcome (`DispatchOutcome`), counted by the use case.
    metrics: invocationMetrics(),
  },
);
