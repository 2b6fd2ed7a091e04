/**
 * The sandbox webhook receiver on its own (no runtime), over real HTTP with `fetch`: deliveries signed with the
 * domain's `webhookHeaders` are verified against the receiver's clock, recorded and answered as told (`ok`, `fail`,
 * `slow`, `timeout`, for `count` deliveries); refusals, duplicates, the delivery cap and bad control input are
 * counted or answered with a JSON error. Nothing waits on a timer: `timeout` is the client's own
 * `AbortSignal.timeout`, `slow` is asserted by its answer only.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { webhookHeaders, webhookSecretOf } from '../../../lambdas/domain/webhooks/signature';
import type { RuntimeLog } from '../../../lib/local/log';
import {
  RECEIVER_MAX_BODY_BYTES,
  type ReceivedDelivery,
  type SandboxReceiver,
  startSandboxReceiver,
} from '../../../lib/local/sandbox-receiver';

/** The receiver's clock: fixed, so signed timestamps are "now" and a stale one is stale for sure. */
const NOW = new Date('2026-12-06T03:00:00Z');
const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);

let hooks: SandboxReceiver;
let serial = 0;

beforeAll(async () => {
  hooks = await startSandboxReceiver({ now: () => NOW });
});
afterAll(() => hooks?.stop());

const newSecret = () => webhookSecretOf(randomBytes(32));

const eventBody = (id: string, sequence = 1) =>
  JSON.stringify({
    id,
    type: 'licence.status_changed',
    timestamp: NOW.toISOString(),
    data: { licenceNo: '(鄂)XK06-001-00001', sequence, status: 'revoked' },
  });

/** PUT a fresh receiver over HTTP; resolves with its name and secret. */
async function newReceiver(prefix = 'r'): Promise<{ name: string; secret: string }> {
  serial += 1;
  const name = `${prefix}-${serial}`;
  const secret = newSecret();
  const res = await control('PUT', `/_sandbox/receivers/${name}`, { secrets: [secret] });
  expect(res.status).toBe(201);
  return { name, secret };
}

function control(method: string, path: string, body?: unknown, base = hooks.url): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : {
          headers: { 'content-type': 'application/json' },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
  });
}

interface DeliverOptions {
  readonly secrets: readonly string[];
  readonly id?: string;
  readonly timestamp?: number;
  readonly body?: string;
  /** Sent instead of the signed body (a tampered delivery). */
  readonly sentBody?: string;
  readonly signal?: AbortSignal;
  readonly url?: string;
}

/** POST one delivery signed as Permit signs them. */
function deliver(name: string, options: DeliverOptions): Promise<Response> {
  serial += 1;
  const id = options.id ?? `evt_${name}_${serial}`;
  const body = options.body ?? eventBody(id);
  const headers = webhookHeaders(options.secrets, { id, timestamp: options.timestamp ?? NOW_SECONDS, body });
  return fetch(options.url ?? hooks.hookUrl(name), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: options.sentBody ?? body,
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

const deliveriesOf = (name: string): readonly ReceivedDelivery[] => hooks.receiver(name)?.deliveries ?? [];

describe('verified deliveries', () => {
  test('a signed delivery is answered 200 and recorded with its id, type, licence, sequence and attempt', async () => {
    // Prepare
    const { name, secret } = await newReceiver();
    const body = eventBody('evt_42-XK06-001-00001_r3', 3);

    // Act
    const res = await deliver(name, { secrets: [secret], id: 'evt_42-XK06-001-00001_r3', body });
    const watched = await control('GET', `/_sandbox/receivers/${name}`);

    // Assess
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: 'evt_42-XK06-001-00001_r3', attempt: 1 });
    expect(watched.status).toBe(200);
    expect(await watched.json()).toEqual({
      name,
      hookUrl: `${hooks.url}/hooks/${name}`,
      secrets: 1,
      behaviour: { mode: 'ok' },
      received: 1,
      uniqueIds: 1,
      duplicates: 0,
      refused: 0,
      dropped: 0,
      deliveries: [
        {
          outcome: 'accepted',
          webhookId: 'evt_42-XK06-001-00001_r3',
          type: 'licence.status_changed',
          licenceNo: '(鄂)XK06-001-00001',
          sequence: 3,
          receivedAt: NOW.toISOString(),
          attempt: 1,
          answer: 200,
        },
      ],
    });
  });

  test('the same id again is a duplicate: attempt 2, still one unique id', async () => {
    // Prepare
    const { name, secret } = await newReceiver();
    await deliver(name, { secrets: [secret], id: 'evt_dup' });

    // Act
    const again = await deliver(name, { secrets: [secret], id: 'evt_dup', timestamp: NOW_SECONDS - 60 });

    // Assess
    const record = hooks.receiver(name);
    expect(again.status).toBe(200);
    expect(record?.uniqueIds).toBe(1);
    expect(record?.duplicates).toBe(1);
    expect(record?.attempts.get('evt_dup')).toBe(2);
    expect(deliveriesOf(name).map((d) => d.attempt)).toEqual([1, 2]);
  });

  test('during a rotation a delivery signed with either secret is accepted', async () => {
    // Prepare
    const { name, secret } = await newReceiver();
    const rotated = newSecret();
    const replaced = await control('PUT', `/_sandbox/receivers/${name}`, { secrets: [secret, rotated] });

    // Act
    const withNew = await deliver(name, { secrets: [rotated] });
    const withBoth = await deliver(name, { secrets: [rotated, secret] });

    // Assess
    expect(replaced.status).toBe(200);
    expect([withNew.status, withBoth.status]).toEqual([200, 200]);
    expect(hooks.receiver(name)?.uniqueIds).toBe(2);
  });
});

describe('refused deliveries', () => {
  test('a tampered body, a wrong secret and a stale timestamp are answered 401 and counted as refused', async () => {
    // Prepare
    const { name, secret } = await newReceiver();
    const body = eventBody('evt_tampered');

    // Act
    const tampered = await deliver(name, {
      secrets: [secret],
      id: 'evt_tampered',
      body,
      sentBody: body.replace('revoked', 'valid'),
    });
    const wrongSecret = await deliver(name, { secrets: [newSecret()] });
    const stale = await deliver(name, { secrets: [secret], timestamp: NOW_SECONDS - 301 });
    const unsigned = await fetch(hooks.hookUrl(name), { method: 'POST', body: '{}' });

    // Assess
    expect([tampered.status, wrongSecret.status, stale.status, unsigned.status]).toEqual([401, 401, 401, 401]);
    expect(await tampered.json()).toEqual({
      code: 'WEBHOOK_SIGNATURE_INVALID',
      message: expect.stringContaining('no signature matches'),
    });
    expect(((await stale.json()) as { message: string }).message).toContain('timestamp');
    const record = hooks.receiver(name);
    expect(record?.refused).toBe(4);
    expect(record?.uniqueIds).toBe(0);
    expect(deliveriesOf(name).map((d) => [d.outcome, d.answer])).toEqual(Array(4).fill(['refused', 401]));
    expect(deliveriesOf(name)[0]).toMatchObject({ webhookId: 'evt_tampered', reason: expect.any(String) });
  });

  test('a refused delivery uses up no count of a behaviour', async () => {
    // Prepare
    const { name, secret } = await newReceiver();
    await control('POST', `/_sandbox/receivers/${name}/behaviour`, { mode: 'fail', count: 1 });

    // Act
    const refused = await deliver(name, { secrets: [newSecret()] });
    const failed = await deliver(name, { secrets: [secret] });
    const ok = await deliver(name, { secrets: [secret] });

    // Assess
    expect([refused.status, failed.status, ok.status]).toEqual([401, 503, 200]);
  });
});

describe('behaviours', () => {
  test('fail answers the status given (503 by default), and the delivery is still recorded', async () => {
    // Prepare
    const { name, secret } = await newReceiver();
    const set = await control('POST', `/_sandbox/receivers/${name}/behaviour`, { mode: 'fail', status: 500 });

    // Act
    const first = await deliver(name, { secrets: [secret] });
    await control('POST', `/_sandbox/receivers/${name}/behaviour`, { mode: 'fail' });
    const second = await deliver(name, { secrets: [secret] });

    // Assess
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ name, behaviour: { mode: 'fail', status: 500 } });
    expect([first.status, second.status]).toEqual([500, 503]);
    expect(deliveriesOf(name).map((d) => [d.outcome, d.answer])).toEqual([
      ['accepted', 500],
      ['accepted', 503],
    ]);
  });

  test('slow answers 200 after its delay', async () => {
    // Prepare
    const { name, secret } = await newReceiver();
    await control('POST', `/_sandbox/receivers/${name}/behaviour`, { mode: 'slow', delayMs: 30 });

    // Act
    const res = await deliver(name, { secrets: [secret] });

    // Assess
    expect(res.status).toBe(200);
    expect(deliveriesOf(name)[0]).toMatchObject({ outcome: 'accepted', answer: 200, delayMs: 30 });
  });

  test('timeout holds the request until the client gives up, and the delivery is recorded', async () => {
    // Prepare
    const { name, secret } = await newReceiver();
    await control('POST', `/_sandbox/receivers/${name}/behaviour`, { mode: 'timeout' });

    // Act
    const outcome = await deliver(name, { secrets: [secret], id: 'evt_held', signal: AbortSignal.timeout(200) }).then(
      (res) => res.status,
      (error: Error) => error.name,
    );

    // Assess
    expect(outcome).toBe('TimeoutError');
    expect(deliveriesOf(name)).toEqual([expect.objectContaining({ webhookId: 'evt_held', answer: 'timeout' })]);
  });

  test('count applies a behaviour to that many deliveries, then the receiver answers ok again', async () => {
    // Prepare
    const { name, secret } = await newReceiver();
    await control('POST', `/_sandbox/receivers/${name}/behaviour`, { mode: 'fail', status: 502, count: 2 });

    // Act
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await deliver(name, { secrets: [secret], id: 'evt_retried' })).status);
    const watched = (await (await control('GET', `/_sandbox/receivers/${name}`)).json()) as Record<string, unknown>;

    // Assess
    expect(statuses).toEqual([502, 502, 200, 200]);
    expect(watched).toMatchObject({ behaviour: { mode: 'ok' }, uniqueIds: 1, duplicates: 3 });
  });

  test('ok again ends a behaviour given without a count', async () => {
    // Prepare
    const { name, secret } = await newReceiver();
    hooks.behave(name, { mode: 'fail', status: 429 });
    const failing = await deliver(name, { secrets: [secret] });

    // Act
    hooks.behave(name, { mode: 'ok' });
    const recovered = await deliver(name, { secrets: [secret] });

    // Assess
    expect([failing.status, recovered.status]).toEqual([429, 200]);
  });
});

describe('limits', () => {
  test('past its cap a receiver drops its oldest deliveries and counts them, keeping every id', async () => {
    // Prepare
    const small = await startSandboxReceiver({ now: () => NOW, maxDeliveries: 3 });
    const secret = newSecret();
    small.define('capped', [secret]);

    try {
      // Act
      for (let i = 1; i <= 5; i++) {
        const res = await deliver('capped', { secrets: [secret], id: `evt_${i}`, url: small.hookUrl('capped') });
        expect(res.status).toBe(200);
      }

      // Assess
      const record = small.receiver('capped');
      expect(record?.deliveries.map((d) => d.webhookId)).toEqual(['evt_3', 'evt_4', 'evt_5']);
      expect(record?.dropped).toBe(2);
      expect(record?.uniqueIds).toBe(5);
    } finally {
      await small.stop();
    }
  });

  test('a body over 64 KB is answered 413 and not recorded', async () => {
    // Prepare
    const { name, secret } = await newReceiver();
    const body = JSON.stringify({ type: 'licence.issued', padding: 'x'.repeat(RECEIVER_MAX_BODY_BYTES) });

    // Act
    const res = await deliver(name, { secrets: [secret], body });

    // Assess
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(deliveriesOf(name)).toEqual([]);
  });

  test('stop cuts off a request held open by timeout', async () => {
    // Prepare
    let arrived: () => void = () => {};
    const recorded = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const log: RuntimeLog = { info: () => arrived(), warn: () => {}, error: () => {} };
    const held = await startSandboxReceiver({ now: () => NOW, log });
    const secret = newSecret();
    held.define('held', [secret]);
    held.behave('held', { mode: 'timeout' });
    const pending = deliver('held', { secrets: [secret], url: held.hookUrl('held') }).then(
      (res) => res.status,
      () => 'cut off',
    );
    await recorded;

    // Act
    await held.stop();

    // Assess
    expect(await pending).toBe('cut off');
  });
});

describe('control routes', () => {
  test('GET /_sandbox/receivers summarises every receiver; DELETE removes one', async () => {
    // Prepare
    const { name, secret } = await newReceiver('listed');
    await deliver(name, { secrets: [secret] });

    // Act
    const listed = (await (await control('GET', '/_sandbox/receivers')).json()) as {
      receivers: { name: string; received: number; uniqueIds: number }[];
    };
    const removed = await control('DELETE', `/_sandbox/receivers/${name}`);
    const afterwards = await control('GET', `/_sandbox/receivers/${name}`);
    const delivery = await deliver(name, { secrets: [secret] });

    // Assess
    expect(listed.receivers.find((r) => r.name === name)).toMatchObject({ received: 1, uniqueIds: 1 });
    expect(listed.receivers.some((r) => 'deliveries' in r)).toBe(false);
    expect(removed.status).toBe(204);
    expect(afterwards.status).toBe(404);
    expect(delivery.status).toBe(404);
    expect(hooks.receiver(name)).toBeUndefined();
  });

  test.each([
    ['a delivery to an unknown receiver', 'POST', '/hooks/nobody', '{}', 404, 'RECEIVER_NOT_FOUND'],
    ['reading an unknown receiver', 'GET', '/_sandbox/receivers/nobody', undefined, 404, 'RECEIVER_NOT_FOUND'],
    [
      'behaviour of an unknown receiver',
      'POST',
      '/_sandbox/receivers/nobody/behaviour',
      { mode: 'ok' },
      404,
      'RECEIVER_NOT_FOUND',
    ],
    [
      'a name with capitals',
      'PUT',
      '/_sandbox/receivers/Acme',
      { secrets: [newSecret()] },
      400,
      'RECEIVER_NAME_INVALID',
    ],
    [
      'a name of 41 characters',
      'PUT',
      `/_sandbox/receivers/${'a'.repeat(41)}`,
      { secrets: [newSecret()] },
      400,
      'RECEIVER_NAME_INVALID',
    ],
    ['a body that is not JSON', 'PUT', '/_sandbox/receivers/bad-json', '{"secrets":', 400, 'RECEIVER_BODY_NOT_JSON'],
    ['no secrets', 'PUT', '/_sandbox/receivers/no-secrets', { secrets: [] }, 400, 'RECEIVER_INPUT_INVALID'],
    [
      'a secret without whsec_',
      'PUT',
      '/_sandbox/receivers/bad-secret',
      { secrets: ['c2VjcmV0'] },
      400,
      'RECEIVER_INPUT_INVALID',
    ],
    [
      'an unknown field',
      'PUT',
      '/_sandbox/receivers/extra',
      { secrets: [newSecret()], url: 'x' },
      400,
      'RECEIVER_INPUT_INVALID',
    ],
    ['an unknown route', 'GET', '/_sandbox/nothing', undefined, 404, 'RECEIVER_ROUTE_NOT_FOUND'],
    ['a GET of a hook', 'GET', '/hooks/anyone', undefined, 405, 'RECEIVER_METHOD_NOT_ALLOWED'],
  ])('%s is answered with a JSON error', async (_what, method, path, body, status, code) => {
    // Act
    const res = await control(method, path, body);

    // Assess
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ code, message: expect.any(String) });
  });

  test.each([
    ['an unknown mode', { mode: 'explode' }, 'mode'],
    ['a status below 300', { mode: 'fail', status: 200 }, 'status'],
    ['a status on ok', { mode: 'ok', status: 503 }, 'status'],
    ['a negative delay', { mode: 'slow', delayMs: -1 }, 'delayMs'],
    ['a count of 0', { mode: 'timeout', count: 0 }, 'count'],
  ])('a behaviour with %s is answered 400 naming the field', async (_what, behaviour, field) => {
    // Prepare
    const { name } = await newReceiver();

    // Act
    const res = await control('POST', `/_sandbox/receivers/${name}/behaviour`, behaviour);

    // Assess
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { code: string; message: string };
    expect(answer.code).toBe('RECEIVER_INPUT_INVALID');
    expect(answer.message).toContain(field);
    expect(hooks.receiver(name)?.behaviour).toEqual({ mode: 'ok' });
  });
});
