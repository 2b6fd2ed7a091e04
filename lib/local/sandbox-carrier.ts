/**
 * The sandbox carrier: a courier open API on 127.0.0.1 that speaks the protocol of `docs/carrier-api.md` — signed
 * requests, create-waybill idempotent on the sender's order id, route queries, signed push notifications to Permit's
 * webhook — and that can be told to fail (5xx, timeouts after the waybill was created, slow answers, duplicate-order
 * answers), per request, by rate, or for one order id.
 *
 * The local runtime starts one; tests and the bench drive it through this in-process API, developers through
 * `/_sandbox/*` control endpoints (see the doc).
 *
 * @example
 * const carrier = await startSandboxCarrier({ appKey: 'permit-local', secret: 'sandbox-secret', webhookUrl });
 * carrier.faults.next('error-500', 2);
 * await carrier.push(waybillNo, 'DELIVERED');
 * carrier.waybillCount(); // distinct waybills ever issued
 * await carrier.stop();
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import {
  CARRIER_STATUSES,
  type CarrierStatus,
  type CreateWaybillAnswer,
  type CreateWaybillBody,
  HEADERS,
  type PushNotification,
  type RouteEvent,
  signedHeaders,
  verifySignature,
} from '../../lambdas/contracts/carrier-protocol';
import { LOOPBACK, listenOnLoopback } from './ports';

/** What an injected fault does to one create-waybill call. */
export type FaultMode =
  /** Answer 500 before creating anything. */
  | 'error-500'
  /** Create the waybill, then hold the answer `holdMs` (longer than the client's timeout). */
  | 'timeout'
  /** Create the waybill and answer after `slowMs` (shorter than the client's timeout). */
  | 'slow'
  /** Create the waybill (or find it) and answer 409 `DUPLICATE_ORDER` naming it. */
  | 'duplicate';

export interface SandboxCarrierOptions {
  readonly port?: number;
  readonly appKey: string;
  readonly secret: string;
  /** Permit's `POST /v1/carrier/events` URL. */
  readonly webhookUrl: string;
  /** How long a `timeout` fault holds its answer (default 15 s; the connection is dropped on stop). */
  readonly holdMs?: number;
  /** Delay of a `slow` answer (default 300 ms). */
  readonly slowMs?: number;
  /** Random source for rate faults (tests pass a seeded one). */
  readonly random?: () => number;
}

export interface SandboxFaults {
  /** Fail the next `count` create calls with `mode`. */
  next(mode: FaultMode, count?: number): void;
  /** Fail each create call with probability `rate` (0 turns it off). */
  rate(mode: FaultMode, rate: number): void;
  /** Fail every create call for this order id (a poison order) until cleared. */
  order(orderId: string, mode: FaultMode): void;
  clear(): void;
}

export interface SandboxStats {
  readonly createCalls: number;
  readonly faultsInjected: number;
  /** Distinct waybills ever issued (one per order id, never reissued). */
  readonly waybills: number;
  readonly rejectedSignatures: number;
  readonly notificationsSent: number;
}

export interface SandboxCarrier {
  readonly url: string;
  readonly port: number;
  readonly faults: SandboxFaults;
  /** Environment for Permit's handlers (`CARRIER_BASE_URL`, `CARRIER_APP_KEY`, `CARRIER_APP_SECRET`). */
  readonly handlerEnv: Readonly<Record<string, string>>;
  waybillOf(orderId: string): string | undefined;
  waybillCount(): number;
  /** Every waybill issued per order id (a doubled one would show as a count > 1). */
  issuedPerOrder(): ReadonlyMap<string, number>;
  stats(): SandboxStats;
  /** Record a route event and POST it, signed, to the webhook; resolves with the webhook's status and the event. */
  push(
    waybillNo: string,
    status: CarrierStatus,
    options?: { at?: Date; description?: string },
  ): Promise<{ status: number; event: PushNotification }>;
  /** POST an already-sent notification again (carriers retry; Permit must ignore the replay). */
  resend(event: PushNotification): Promise<number>;
  stop(): Promise<void>;
}

const DESCRIPTIONS: Record<CarrierStatus, string> = {
  PICKED_UP: '快件已揽收 Picked up',
  IN_TRANSIT: '快件在转运中 In transit',
  DELIVERED: '快件已签收 Delivered',
  RETURNED: '快件已退回 Returned to sender',
};

const MAX_BODY = 64 * 1024;

/**
 * Start the sandbox carrier.
 *
 * @example
 * const carrier = await startSandboxCarrier({ appKey: 'k', secret: 's', webhookUrl: 'http://127.0.0.1:3000/v1/carrier/events' });
 */
export async function startSandboxCarrier(options: SandboxCarrierOptions): Promise<SandboxCarrier> {
  const waybills = new Map<string, string>();
  const issued = new Map<string, number>();
  const orderOfWaybill = new Map<string, string>();
  const routes = new Map<string, RouteEvent[]>();
  const poison = new Map<string, FaultMode>();
  const pending: FaultMode[] = [];
  let rateFault: { mode: FaultMode; rate: number } | undefined;
  let sequence = 0;
  const counters = { createCalls: 0, faultsInjected: 0, rejectedSignatures: 0, notificationsSent: 0 };
  const random = options.random ?? Math.random;
  const holdMs = options.holdMs ?? 15_000;
  const slowMs = options.slowMs ?? 300;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const send = (res: ServerResponse, status: number, body: unknown) => {
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const faultFor = (orderId: string): FaultMode | undefined => {
    const forOrder = poison.get(orderId);
    if (forOrder) return forOrder;
    const queued = pending.shift();
    if (queued) return queued;
    if (rateFault && random() < rateFault.rate) return rateFault.mode;
    return undefined;
  };

  /** The waybill of an order, created on first request (synchronous: concurrent calls cannot both create one). */
  const waybillFor = (orderId: string): { waybillNo: string; created: boolean } => {
    const existing = waybills.get(orderId);
    if (existing) return { waybillNo: existing, created: false };
    sequence += 1;
    const waybillNo = `SB${String(sequence).padStart(12, '0')}`;
    waybills.set(orderId, waybillNo);
    issued.set(orderId, (issued.get(orderId) ?? 0) + 1);
    orderOfWaybill.set(waybillNo, orderId);
    routes.set(waybillNo, []);
    return { waybillNo, created: true };
  };

  const createWaybill = (res: ServerResponse, raw: string) => {
    counters.createCalls += 1;
    let body: CreateWaybillBody;
    try {
      body = JSON.parse(raw) as CreateWaybillBody;
    } catch {
      return send(res, 400, { code: 'INVALID_JSON', message: 'body is not JSON' });
    }
    const orderId = body?.orderId;
    if (typeof orderId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(orderId)) {
      return send(res, 400, { code: 'INVALID_ORDER_ID', message: 'orderId: 1–64 of [A-Za-z0-9_-]' });
    }
    const r = body.recipient;
    if (!r?.name || !r.phone || !r.address || !/^\d{6}$/.test(r.postcode ?? '')) {
      return send(res, 400, { code: 'INVALID_ADDRESS', message: 'recipient name, phone, address, postcode required' });
    }
    const fault = faultFor(orderId);
    if (fault) counters.faultsInjected += 1;
    if (fault === 'error-500') return send(res, 500, { code: 'SYSTEM_BUSY', message: '系统繁忙 injected' });
    const { waybillNo, created } = waybillFor(orderId);
    const answer = (code: CreateWaybillAnswer['code']): CreateWaybillAnswer => ({ code, orderId, waybillNo });
    if (fault === 'timeout') return later(holdMs, () => send(res, 201, answer('OK')));
    if (fault === 'slow') return later(slowMs, () => send(res, created ? 201 : 200, answer('OK')));
    if (fault === 'duplicate') return send(res, 409, answer('DUPLICATE_ORDER'));
    return send(res, created ? 201 : 200, answer('OK'));
  };

  const control = (req: IncomingMessage, res: ServerResponse, path: string, raw: string) => {
    if (req.method === 'GET' && path === '/_sandbox/stats') return send(res, 200, stats());
    if (req.method === 'DELETE' && path === '/_sandbox/faults') {
      faults.clear();
      return send(res, 204, {});
    }
    if (req.method === 'POST' && path === '/_sandbox/faults') {
      const f = JSON.parse(raw || '{}') as { mode?: FaultMode; count?: number; rate?: number; orderId?: string };
      if (!f.mode || !['error-500', 'timeout', 'slow', 'duplicate'].includes(f.mode)) {
        return send(res, 400, { code: 'INVALID_MODE' });
      }
      if (f.orderId) faults.order(f.orderId, f.mode);
      else if (f.rate !== undefined) faults.rate(f.mode, f.rate);
      else faults.next(f.mode, f.count ?? 1);
      return send(res, 204, {});
    }
    const m = /^\/_sandbox\/waybills\/([A-Za-z0-9]+)\/events$/.exec(path);
    if (req.method === 'POST' && m?.[1]) {
      const status = (JSON.parse(raw || '{}') as { status?: CarrierStatus }).status;
      if (!status || !CARRIER_STATUSES.includes(status)) return send(res, 400, { code: 'INVALID_STATUS' });
      if (!orderOfWaybill.has(m[1])) return send(res, 404, { code: 'WAYBILL_NOT_FOUND' });
      return void push(m[1], status).then(
        (out) => send(res, 200, { webhookStatus: out.status, event: out.event }),
        (error: unknown) => send(res, 502, { code: 'WEBHOOK_FAILED', message: String(error) }),
      );
    }
    return send(res, 404, { code: 'NOT_FOUND' });
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
      try {
        if (path.startsWith('/_sandbox/')) return control(req, res, path, raw);
        const headers = req.headers as Record<string, string | undefined>;
        try {
          if (headers[HEADERS.appKey] !== options.appKey) throw new Error('unknown app key');
          verifySignature({ headers, body: raw, secret: options.secret, now: new Date() });
        } catch {
          counters.rejectedSignatures += 1;
          return send(res, 401, { code: 'AUTH_FAILED', message: 'bad app key or signature' });
        }
        if (req.method === 'POST' && path === '/open/v1/waybills') return createWaybill(res, raw);
        const m = /^\/open\/v1\/waybills\/([A-Za-z0-9]+)\/routes$/.exec(path);
        if (req.method === 'GET' && m?.[1]) {
          const events = routes.get(m[1]);
          if (!events) return send(res, 404, { code: 'WAYBILL_NOT_FOUND' });
          return send(res, 200, { code: 'OK', waybillNo: m[1], orderId: orderOfWaybill.get(m[1]), events });
        }
        return send(res, 404, { code: 'NOT_FOUND' });
      } catch (error) {
        return send(res, 500, { code: 'SANDBOX_ERROR', message: String(error) });
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listenOnLoopback(server, options.port ?? 0);
  const url = `http://${LOOPBACK}:${port}`;

  const deliver = async (event: PushNotification): Promise<number> => {
    const body = JSON.stringify(event);
    const res = await fetch(options.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signedHeaders(options.appKey, options.secret, body, new Date()),
      },
      body,
    });
    await res.arrayBuffer();
    counters.notificationsSent += 1;
    return res.status;
  };

  const push: SandboxCarrier['push'] = async (waybillNo, status, pushOptions = {}) => {
    const orderId = orderOfWaybill.get(waybillNo);
    if (!orderId) throw new Error(`sandbox carrier issued no waybill ${waybillNo}`);
    const event: PushNotification = {
      eventId: `EV-${randomUUID()}`,
      orderId,
      waybillNo,
      status,
      at: (pushOptions.at ?? new Date()).toISOString(),
      description: pushOptions.description ?? DESCRIPTIONS[status],
    };
    const { orderId: _o, waybillNo: _w, ...route } = event;
    routes.get(waybillNo)?.push(route);
    return { status: await deliver(event), event };
  };

  const faults: SandboxFaults = {
    next: (mode, count = 1) => {
      for (let i = 0; i < count; i++) pending.push(mode);
    },
    rate: (mode, rate) => {
      rateFault = rate > 0 ? { mode, rate } : undefined;
    },
    order: (orderId, mode) => {
      poison.set(orderId, mode);
    },
    clear: () => {
      pending.length = 0;
      rateFault = undefined;
      poison.clear();
    },
  };

  const stats = (): SandboxStats => ({ ...counters, waybills: waybills.size });

  return {
    url,
    port,
    faults,
    handlerEnv: { CARRIER_BASE_URL: url, CARRIER_APP_KEY: options.appKey, CARRIER_APP_SECRET: options.secret },
    waybillOf: (orderId) => waybills.get(orderId),
    waybillCount: () => waybills.size,
    issuedPerOrder: () => issued,
    stats,
    push,
    resend: deliver,
    stop: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
