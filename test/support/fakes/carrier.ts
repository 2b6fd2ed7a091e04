/**
 * In-memory {@link Carrier} with the courier's contract: one waybill per order id (asking again answers the same
 * waybill, as the real API does), waybills numbered `SB1`, `SB2`, … in the order first asked, failures injected for
 * the next calls or one order, and the route events of a waybill.
 *
 * @example
 * const carrier = new FakeCarrier();
 * carrier.failNext(1); // the next create call fails with a retryable CARRIER_UNAVAILABLE
 */
import type { TrackingEvent } from '../../../lambdas/domain/dispatch';
import {
  type Carrier,
  CarrierError,
  type CarrierTracking,
  type Waybill,
  type WaybillRequest,
} from '../../../lambdas/ports/carrier';

const unavailable = () => new CarrierError('CARRIER_UNAVAILABLE', 'injected: carrier error 500', true, { status: 500 });

export class FakeCarrier implements Carrier {
  /** Create-waybill calls, failed ones included. */
  calls = 0;
  /** Order id → its waybill. */
  readonly waybills = new Map<string, string>();
  /** Order id → the request that first asked for its waybill. */
  readonly orders = new Map<string, WaybillRequest>();
  /** Waybill → its route events. */
  readonly routes = new Map<string, TrackingEvent[]>();
  readonly #failures: CarrierError[] = [];
  readonly #poisoned = new Map<string, CarrierError>();

  /**
   * Fail the next `count` create calls with `error` (default: a retryable 500).
   *
   * @example
   * carrier.failNext(2, new CarrierError('CARRIER_REJECTED', 'bad address', false));
   */
  failNext(count = 1, error: CarrierError = unavailable()): void {
    for (let i = 0; i < count; i++) this.#failures.push(error);
  }

  /** Fail every create call for this order id until {@link heal}. @example carrier.poison('DSP-20260000001'); */
  poison(orderId: string, error: CarrierError = unavailable()): void {
    this.#poisoned.set(orderId, error);
  }

  heal(orderId: string): void {
    this.#poisoned.delete(orderId);
  }

  async createWaybill(request: WaybillRequest): Promise<Waybill> {
    this.calls++;
    const failure = this.#failures.shift() ?? this.#poisoned.get(request.orderId);
    if (failure) throw failure;
    let waybillNo = this.waybills.get(request.orderId);
    if (!waybillNo) {
      waybillNo = `SB${this.waybills.size + 1}`;
      this.waybills.set(request.orderId, waybillNo);
      this.orders.set(request.orderId, request);
    }
    return { orderId: request.orderId, waybillNo };
  }

  async tracking(waybillNo: string): Promise<CarrierTracking> {
    const events = this.routes.get(waybillNo);
    if (!events) {
      throw new CarrierError('CARRIER_REJECTED', `carrier refused the request (NOT_FOUND)`, false, { status: 404 });
    }
    return { waybillNo, events: [...events] };
  }
}
