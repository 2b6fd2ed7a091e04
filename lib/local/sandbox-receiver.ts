/**
 * The sandbox webhook receiver: an HTTP server on 127.0.0.1 that plays a subscriber, so `npm start` users and tests
 * can watch Permit's webhook deliveries arrive. Named receivers each hold the secrets they accept (an admin pastes the
 * one the registration answered); a delivery to `POST /hooks/{name}` is verified with the domain's Standard Webhooks
 * check (`verifyWebhook`) against the runtime's clock, recorded (id, type, licence, sequence, attempt), and answered
 * as the receiver was told: `ok`, `fail` (a status), `timeout` (held open until the client gives up) or `slow`.
 *
 * The local runtime starts one beside the sandbox carrier; developers drive it through `/_sandbox/receivers/*`
 * (docs/webhooks.md, "The local sandbox receiver"), tests in-process through {@link SandboxReceiver}.
 *
 * @example
 * const hooks = await startSandboxReceiver({ now: () => clock.now() });
 * hooks.define('acme', [secret]);
 * hooks.behave('acme', { mode: 'fail', status: 503, count: 2 });
 * // register hooks.hookUrl('acme') as a subscription's URL, change a licence, then:
 * hooks.receiver('acme')?.attempts.get('evt_42-XK06-001-00001_r3'); // 3: two refused with 503, then 200
 * await hooks.stop();
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { z } from 'zod';
import { verifyWebhook, WEBHOOK_SECRET_PREFIX } from '../../lambdas/domain/webhooks/signature';
import { type RuntimeLog, silentLog } from './log';
import { LOOPBACK, listenOnLoopback } from './ports';

/**
 * The codes of the receiver's own control answers (a local tool's closed set, like the sandbox carrier's; a refused
 * delivery answers the catalogue's `WEBHOOK_SIGNATURE_INVALID`, an oversized body `PAYLOAD_TOO_LARGE`).
 *
 * @example
 * SANDBOX_RECEIVER_ERROR_CODES.includes(body.code); // an answer of the sandbox receiver
 */
export const SANDBOX_RECEIVER_ERROR_CODES = [
  'RECEIVER_NOT_FOUND',
  'RECEIVER_NAME_INVALID',
  'RECEIVER_INPUT_INVALID',
  'RECEIVER_BODY_NOT_JSON',
  'RECEIVER_ROUTE_NOT_FOUND',
  'RECEIVER_METHOD_NOT_ALLOWED',
  'RECEIVER_ERROR',
] as const;

/**
 * One control error code of the sandbox receiver.
 *
 * @example
 * const code: SandboxReceiverErrorCode = 'RECEIVER_NOT_FOUND';
 */
export type SandboxReceiverErrorCode = (typeof SANDBOX_RECEIVER_ERROR_CODES)[number];

/** What a receiver's name may be (it is a path segment of its hook URL). @example RECEIVER_NAME.test('acme-1') */
export const RECEIVER_NAME = /^[a-z0-9-]{1,40}$/;
/**
 * Largest body accepted, control or delivery (a bigger one is answered 413).
 * @example Buffer.byteLength(body) <= RECEIVER_MAX_BODY_BYTES
 */
export const RECEIVER_MAX_BODY_BYTES = 64 * 1024;
/**
 * Deliveries kept per receiver by default; older ones are dropped (and counted).
 * @example record.deliveries.length <= RECEIVER_MAX_DELIVERIES
 */
export const RECEIVER_MAX_DELIVERIES = 10_000;

/**
 * How a receiver answers: `ok` 200, `fail` `status`, `timeout` never, `slow` 200 after `delayMs`.
 * @example const mode: ReceiverMode = 'slow';
 */
export type ReceiverMode = 'ok' | 'fail' | 'timeout' | 'slow';

/**
 * A receiver's behaviour; `count` is how many more verified deliveries it applies to before going back to `ok`
 * (absent: until changed).
 *
 * @example
 * const behaviour: ReceiverBehaviour = { mode: 'fail', status: 503, count: 3 };
 */
export interface ReceiverBehaviour {
  readonly mode: ReceiverMode;
  /** `fail` only: the status answered (default 503). */
  readonly status?: number;
  /** `slow` only: how long before the 200 (default 1,000 ms). */
  readonly delayMs?: number;
  readonly count?: number;
}

/**
 * One attempt that reached a receiver, verified (`accepted`) or not (`refused`, answered 401).
 *
 * @example
 * const late = record.deliveries.filter((d) => d.outcome === 'accepted' && d.answer === 'timeout');
 */
export interface ReceivedDelivery {
  readonly outcome: 'accepted' | 'refused';
  /** The `webhook-id` header as received ('' when missing). */
  readonly webhookId: string;
  /** From the body of an accepted delivery (absent when the body is not an event). */
  readonly type?: string;
  readonly licenceNo?: string;
  readonly sequence?: number;
  /** ISO instant on the receiver's clock (the runtime's clock under `npm start`). */
  readonly receivedAt: string;
  /** Accepted deliveries: 1 for the first arrival of this id, 2 for its first repeat, … */
  readonly attempt?: number;
  /** The status answered, or `timeout` when the request was held open without an answer. */
  readonly answer: number | 'timeout';
  /** `slow`: the delay before the answer. */
  readonly delayMs?: number;
  /** Refused deliveries: why (the signature check's message). */
  readonly reason?: string;
}

/**
 * A receiver as kept in memory (a live view: it changes as deliveries arrive).
 *
 * @example
 * const acme = hooks.receiver('acme');
 * expect(acme?.uniqueIds).toBe(1000);
 * expect(acme?.duplicates).toBeGreaterThan(0);
 */
export interface ReceiverRecord {
  readonly name: string;
  readonly secrets: readonly string[];
  readonly behaviour: ReceiverBehaviour;
  /** Oldest first, at most the receiver's cap (older ones are dropped). */
  readonly deliveries: readonly ReceivedDelivery[];
  /** Accepted arrivals per `webhook-id`, every id ever accepted (dropping old deliveries forgets none). */
  readonly attempts: ReadonlyMap<string, number>;
  /** Distinct ids accepted. */
  readonly uniqueIds: number;
  /** Accepted arrivals of an id already accepted before. */
  readonly duplicates: number;
  /** Attempts answered 401. */
  readonly refused: number;
  /** Deliveries dropped from the list to keep it under the cap. */
  readonly dropped: number;
}

/**
 * How to start a receiver.
 *
 * @example
 * const options: SandboxReceiverOptions = { port: 0, now: () => clock.now(), maxDeliveries: 100 };
 */
export interface SandboxReceiverOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** The clock timestamps are checked against and deliveries stamped with (default: real time). */
  readonly now?: () => Date;
  /** A line per delivery and per refusal (info). */
  readonly log?: RuntimeLog;
  /** Deliveries kept per receiver (default {@link RECEIVER_MAX_DELIVERIES}). */
  readonly maxDeliveries?: number;
}

/**
 * A running receiver, driven in-process (tests) or over HTTP (`/_sandbox/receivers/*`).
 *
 * @example
 * hooks.define('acme', [secret]);
 * const url = hooks.hookUrl('acme'); // register this as the subscription's URL
 * hooks.receiver('acme')?.uniqueIds;
 */
export interface SandboxReceiver {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** The URL to register for a receiver: `${url}/hooks/${name}`. */
  hookUrl(name: string): string;
  /** Create a receiver, or replace its secrets (keeping what it received); in-process twin of the `PUT` route. */
  define(name: string, secrets: readonly string[]): ReceiverRecord;
  /** Set a receiver's behaviour; in-process twin of the `POST …/behaviour` route. */
  behave(name: string, behaviour: ReceiverBehaviour): ReceiverRecord;
  /** The in-memory record of a receiver, or undefined. */
  receiver(name: string): ReceiverRecord | undefined;
  /** Close the server, answering nothing more: held (`timeout`) and slow requests are cut off. */
  stop(): Promise<void>;
}

/** The in-memory record, mutable inside this module. */
interface Receiver {
  name: string;
  secrets: string[];
  behaviour: ReceiverBehaviour;
  deliveries: ReceivedDelivery[];
  attempts: Map<string, number>;
  uniqueIds: number;
  duplicates: number;
  refused: number;
  dropped: number;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const isSecret = (value: string): boolean => {
  const text = value.slice(WEBHOOK_SECRET_PREFIX.length);
  if (!value.startsWith(WEBHOOK_SECRET_PREFIX) || !BASE64.test(text)) return false;
  const bytes = Buffer.from(text, 'base64').length;
  return bytes >= 24 && bytes <= 64;
};

const SecretsBody = z.strictObject({
  secrets: z
    .array(z.string().refine(isSecret, 'a secret is whsec_ and the base64 of 24 to 64 bytes'))
    .min(1, 'at least one secret')
    .max(5, 'at most 5 secrets'),
});

const count = z.number().int().min(1).max(1_000_000).optional();
const BehaviourBody = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('ok') }),
  z.strictObject({ mode: z.literal('fail'), status: z.number().int().min(300).max(599).optional(), count }),
  z.strictObject({ mode: z.literal('timeout'), count }),
  z.strictObject({ mode: z.literal('slow'), delayMs: z.number().int().min(0).max(60_000).optional(), count }),
]);

/** A control input that failed its schema; `message` names the field. */
class InputError extends Error {
  constructor(
    readonly code: SandboxReceiverErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const parseWith = <T>(schema: z.ZodType<T>, value: unknown): T => {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
  throw new InputError('RECEIVER_INPUT_INVALID', issues.join('; '));
};

const assertName = (name: string): void => {
  if (!RECEIVER_NAME.test(name)) {
    throw new InputError('RECEIVER_NAME_INVALID', `a receiver name is 1 to 40 of a-z, 0-9 and -, not "${name}"`);
  }
};

/** Fields of an event body worth recording; nothing when it is not one. */
function eventFields(body: string): Pick<ReceivedDelivery, 'type' | 'licenceNo' | 'sequence'> {
  let event: unknown;
  try {
    event = JSON.parse(body);
  } catch {
    return {};
  }
  if (typeof event !== 'object' || event === null) return {};
  const { type, data } = event as { type?: unknown; data?: { licenceNo?: unknown; sequence?: unknown } };
  return {
    ...(typeof type === 'string' ? { type } : {}),
    ...(typeof data?.licenceNo === 'string' ? { licenceNo: data.licenceNo } : {}),
    ...(typeof data?.sequence === 'number' ? { sequence: data.sequence } : {}),
  };
}

const HARD_BODY_LIMIT = 1024 * 1024;

/** The whole body, or `undefined` past the limit (the rest is read and thrown away, so the 413 reaches the client). */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > HARD_BODY_LIMIT) req.destroy();
      else if (size <= RECEIVER_MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > RECEIVER_MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
    // Destroyed past the hard limit, or the client went away: nothing to answer.
    req.on('close', () => resolve(undefined));
  });
}

/**
 * Start the sandbox receiver.
 *
 * @example
 * const hooks = await startSandboxReceiver({ port: 0, now: () => clock.now(), log });
 * console.log(hooks.hookUrl('acme')); // http://127.0.0.1:41234/hooks/acme
 */
export async function startSandboxReceiver(options: SandboxReceiverOptions = {}): Promise<SandboxReceiver> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? silentLog();
  const maxDeliveries = options.maxDeliveries ?? RECEIVER_MAX_DELIVERIES;
  const receivers = new Map<string, Receiver>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let url = '';

  const send = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
    if (res.destroyed || res.writableEnded) return;
    if (body === undefined) {
      res.writeHead(status, headers).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const fail = (
    res: ServerResponse,
    status: number,
    code: SandboxReceiverErrorCode | 'WEBHOOK_SIGNATURE_INVALID' | 'PAYLOAD_TOO_LARGE',
    message: string,
    headers: Record<string, string> = {},
  ) => send(res, status, { code, message }, headers);

  const define = (name: string, secrets: readonly string[]): Receiver => {
    assertName(name);
    const checked = parseWith(SecretsBody, { secrets }).secrets;
    const existing = receivers.get(name);
    if (existing) {
      existing.secrets = checked;
      return existing;
    }
    const created: Receiver = {
      name,
      secrets: checked,
      behaviour: { mode: 'ok' },
      deliveries: [],
      attempts: new Map(),
      uniqueIds: 0,
      duplicates: 0,
      refused: 0,
      dropped: 0,
    };
    receivers.set(name, created);
    return created;
  };

  const existing = (name: string): Receiver => {
    const found = receivers.get(name);
    if (!found) throw new InputError('RECEIVER_NOT_FOUND', `no receiver "${name}": PUT /_sandbox/receivers/${name}`);
    return found;
  };

  const behave = (name: string, behaviour: ReceiverBehaviour): Receiver => {
    const receiver = existing(name);
    receiver.behaviour = parseWith(BehaviourBody, behaviour);
    return receiver;
  };

  const keep = (receiver: Receiver, delivery: ReceivedDelivery) => {
    receiver.deliveries.push(delivery);
    const excess = receiver.deliveries.length - maxDeliveries;
    if (excess > 0) {
      receiver.deliveries.splice(0, excess);
      receiver.dropped += excess;
    }
  };

  /** The behaviour for this delivery, using up one of its `count`. */
  const takeBehaviour = (receiver: Receiver): ReceiverBehaviour => {
    const current = receiver.behaviour;
    if (current.count !== undefined) {
      receiver.behaviour = current.count > 1 ? { ...current, count: current.count - 1 } : { mode: 'ok' };
    }
    return current;
  };

  const deliver = (req: IncomingMessage, res: ServerResponse, receiver: Receiver, body: string) => {
    const headers = req.headers as Record<string, string | undefined>;
    const webhookId = headers['webhook-id'] ?? '';
    const receivedAt = now();
    let reason: string | undefined;
    const verified = receiver.secrets.some((secret) => {
      try {
        verifyWebhook(secret, headers, body, { now: receivedAt });
        return true;
      } catch (error) {
        reason ??= (error as Error).message;
        return false;
      }
    });
    if (!verified) {
      receiver.refused += 1;
      const message = reason ?? 'webhook refused';
      keep(receiver, { outcome: 'refused', webhookId, receivedAt: receivedAt.toISOString(), answer: 401, reason });
      log.info('webhook refused', { receiver: receiver.name, id: webhookId, reason: message });
      return fail(res, 401, 'WEBHOOK_SIGNATURE_INVALID', message);
    }
    const attempt = (receiver.attempts.get(webhookId) ?? 0) + 1;
    receiver.attempts.set(webhookId, attempt);
    if (attempt === 1) receiver.uniqueIds += 1;
    else receiver.duplicates += 1;
    const behaviour = takeBehaviour(receiver);
    const status = behaviour.mode === 'fail' ? (behaviour.status ?? 503) : 200;
    const delayMs = behaviour.mode === 'slow' ? (behaviour.delayMs ?? 1_000) : undefined;
    const answer = behaviour.mode === 'timeout' ? 'timeout' : status;
    const fields = eventFields(body);
    keep(receiver, {
      outcome: 'accepted',
      webhookId,
      ...fields,
      receivedAt: receivedAt.toISOString(),
      attempt,
      answer,
      ...(delayMs !== undefined ? { delayMs } : {}),
    });
    log.info('webhook received', { receiver: receiver.name, id: webhookId, ...fields, attempt, answer });
    const reply = { received: webhookId, attempt };
    if (behaviour.mode === 'timeout') return; // held open: the client gives up, or stop() cuts it off
    if (delayMs === undefined) return send(res, status, reply);
    const timer = setTimeout(() => {
      timers.delete(timer);
      send(res, status, reply);
    }, delayMs);
    timers.add(timer);
  };

  const summary = (receiver: Receiver) => ({
    name: receiver.name,
    hookUrl: `${url}/hooks/${receiver.name}`,
    secrets: receiver.secrets.length,
    behaviour: receiver.behaviour,
    received: receiver.deliveries.length,
    uniqueIds: receiver.uniqueIds,
    duplicates: receiver.duplicates,
    refused: receiver.refused,
    dropped: receiver.dropped,
  });
  const detail = (receiver: Receiver) => ({ ...summary(receiver), deliveries: receiver.deliveries });

  const jsonOf = (raw: string): unknown => {
    try {
      return JSON.parse(raw);
    } catch {
      throw new InputError('RECEIVER_BODY_NOT_JSON', 'the body is not JSON');
    }
  };

  const methodNotAllowed = (res: ServerResponse, allow: string) =>
    fail(res, 405, 'RECEIVER_METHOD_NOT_ALLOWED', `this path answers ${allow}`, { allow });

  const route = (req: IncomingMessage, res: ServerResponse, path: string, raw: string) => {
    const method = req.method ?? '';
    const hook = /^\/hooks\/([^/]+)$/.exec(path);
    if (hook?.[1] !== undefined) {
      if (method !== 'POST') return methodNotAllowed(res, 'POST');
      const receiver = receivers.get(hook[1]);
      if (!receiver) return fail(res, 404, 'RECEIVER_NOT_FOUND', `no receiver "${hook[1]}"`);
      return deliver(req, res, receiver, raw);
    }
    if (path === '/_sandbox/receivers') {
      if (method !== 'GET') return methodNotAllowed(res, 'GET');
      return send(res, 200, { receivers: [...receivers.values()].map(summary) });
    }
    const behaviour = /^\/_sandbox\/receivers\/([^/]+)\/behaviour$/.exec(path);
    if (behaviour?.[1] !== undefined) {
      if (method !== 'POST') return methodNotAllowed(res, 'POST');
      assertName(behaviour[1]);
      return send(res, 200, summary(behave(behaviour[1], jsonOf(raw) as ReceiverBehaviour)));
    }
    const one = /^\/_sandbox\/receivers\/([^/]+)$/.exec(path);
    if (one?.[1] !== undefined) {
      const name = one[1];
      assertName(name);
      if (method === 'PUT') {
        const created = !receivers.has(name);
        const { secrets } = parseWith(SecretsBody, jsonOf(raw));
        return send(res, created ? 201 : 200, summary(define(name, secrets)));
      }
      if (method === 'GET') return send(res, 200, detail(existing(name)));
      if (method === 'DELETE') {
        existing(name);
        receivers.delete(name);
        return send(res, 204);
      }
      return methodNotAllowed(res, 'GET, PUT, DELETE');
    }
    return fail(res, 404, 'RECEIVER_ROUTE_NOT_FOUND', `no route ${method} ${path} (see docs/webhooks.md)`);
  };

  const server = createServer((req, res) => {
    readBody(req).then(
      (raw) => {
        const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
        if (raw === undefined) {
          return fail(res, 413, 'PAYLOAD_TOO_LARGE', `bodies are at most ${RECEIVER_MAX_BODY_BYTES} bytes`);
        }
        try {
          route(req, res, path, raw);
        } catch (error) {
          if (error instanceof InputError) {
            const status = error.code === 'RECEIVER_NOT_FOUND' ? 404 : 400;
            return fail(res, status, error.code, error.message);
          }
          log.error('sandbox receiver failed', { error });
          return fail(res, 500, 'RECEIVER_ERROR', String(error));
        }
      },
      () => res.destroy(),
    );
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listenOnLoopback(server, options.port ?? 0);
  url = `http://${LOOPBACK}:${port}`;

  return {
    url,
    port,
    hookUrl: (name) => `${url}/hooks/${name}`,
    define,
    behave,
    receiver: (name) => receivers.get(name),
    stop: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
