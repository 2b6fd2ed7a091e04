import {
  type CreateWaybillAnswer,
  type CreateWaybillBody,
  type RouteEvent,
  signedHeaders,
  stateOfCarrierStatus,
} from '../../contracts/carrier-protocol';
import { addressLine } from '../../domain/postal-address';
import {
  type Carrier,
  CarrierError,
  type CarrierTracking,
  type Waybill,
  type WaybillRequest,
} from '../../ports/carrier';
import type { Clock } from '../../ports/clock';
import { systemClock } from '../clock/system-clock';

export interface HttpCarrierOptions {
  /** e.g. `https://open.carrier.example.cn` (no trailing slash needed). */
  readonly baseUrl: string;
  readonly appKey: string;
  /** The app secret (resolved per call, so a cached SSM value can refresh). */
  readonly secret: () => Promise<string>;
  /** Per-request timeout. */
  readonly timeoutMs: number;
  readonly clock?: Clock;
  /** Replaceable for tests. */
  readonly fetch?: typeof fetch;
}

export class HttpCarrier implements Carrier {
  readonly #options: HttpCarrierOptions;
  readonly #base: string;

  constructor(options: HttpCarrierOptions) {
    this.#options = options;
    this.#base = options.baseUrl.replace(/\/+$/, '');
  }

  async createWaybill(request: WaybillRequest): Promise<Waybill> {
    const body: CreateWaybillBody = {
      orderId: request.orderId,
      cargo: request.contents,
      recipient: {
        name: request.recipient.recipient,
        phone: request.recipient.phone,
        address: addressLine(request.recipient.address),
        postcode: request.recipient.postcode,
      },
    };
    const { status, json } = await this.#call('POST', '/open/v1/waybills', JSON.stringify(body), [409]);
    const answer = json as Partial<CreateWaybillAnswer>;
    // 409 DUPLICATE_ORDER still names the waybill issued for this order id: the call was a replay, not a failure.
    if (status === 409 && answer.code !== 'DUPLICATE_ORDER') {
      throw new CarrierError('CARRIER_REJECTED', `carrier refused the order (${answer.code ?? 409})`, false, {
        status,
      });
    }
    if (typeof answer.waybillNo !== 'string' || answer.orderId !== request.orderId) {
      throw new CarrierError('CARRIER_BAD_RESPONSE', 'carrier answer lacks the waybill of this order', true);
    }
    return { orderId: request.orderId, waybillNo: answer.waybillNo };
  }

  async tracking(waybillNo: string): Promise<CarrierTracking> {
    const { json } = await this.#call('GET', `/open/v1/waybills/${encodeURIComponent(waybillNo)}/routes`, '', []);
    const events = (json as { events?: RouteEvent[] }).events;
    if (!Array.isArray(events)) throw new CarrierError('CARRIER_BAD_RESPONSE', 'tracking answer has no events', true);
    return {
      waybillNo,
      events: events.map((e) => ({
        eventId: e.eventId,
        state: stateOfCarrierStatus(e.status),
        at: e.at,
        description: e.description,
      })),
    };
  }

  async #call(
    method: 'GET' | 'POST',
    path: string,
    body: string,
    acceptedErrors: readonly number[],
  ): Promise<{ status: number; json: unknown }> {
    const secret = await this.#options.secret();
    const now = (this.#options.clock ?? systemClock).now();
    const doFetch = this.#options.fetch ?? fetch;
    let response: Response;
    try {
      response = await doFetch(`${this.#base}${path}`, {
        method,
        headers: {
          ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
          ...signedHeaders(this.#options.appKey, secret, body, now),
        },
        ...(method === 'POST' ? { body } : {}),
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      });
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new CarrierError('CARRIER_TIMEOUT', `carrier did not answer within ${this.#options.timeoutMs} ms`, true, {
          cause: error,
        });
      }
      throw new CarrierError('CARRIER_UNAVAILABLE', 'carrier unreachable', true, { cause: error });
    }
    let json: unknown;
    try {
      const text = await response.text();
      json = text ? JSON.parse(text) : {};
    } catch (error) {
      throw new CarrierError('CARRIER_BAD_RESPONSE', `unreadable carrier answer (${response.status})`, true, {
        cause: error,
        status: response.status,
      });
    }
    const status = response.status;
    if (status < 400 || acceptedErrors.includes(status)) return { status, json };
    const code = (json as { code?: string }).code ?? String(status);
    if (status === 429) throw new CarrierError('CARRIER_RATE_LIMITED', 'carrier rate limit', true, { status });
    if (status >= 500) throw new CarrierError('CARRIER_UNAVAILABLE', `carrier error ${code}`, true, { status });
    if (status === 401 || status === 403) {
      throw new CarrierError('CARRIER_AUTH', `carrier refused our credentials (${code})`, false, { status });
    }
    throw new CarrierError('CARRIER_REJECTED', `carrier refused the request (${code})`, false, { status });
  }
}
