/**
 * A paper copy end to end through the local runtime: issuing with `paperCopy` writes the dispatch in the issuance
 * transaction and sends it; the worker creates exactly one waybill at the sandbox carrier; signed carrier pushes move
 * the parcel to in-transit and delivered (replays and out-of-order events change nothing); the enterprise, the
 * certificate and staff lists show it; unsigned, expired or forged pushes are refused; the address never reaches a
 * public route.
 */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { HttpCarrier } from '../../../lambdas/adapters/carrier/http-carrier';
import { carrierEventKey } from '../../../lambdas/adapters/dynamo/dispatch-repository';
import { dispatchRepository } from '../../../lambdas/composition/dispatch';
import { outboxStore } from '../../../lambdas/composition/outbox';
import { type PushNotification, signedHeaders } from '../../../lambdas/contracts/carrier-protocol';
import { localDateOf } from '../../../lambdas/domain/dates';
import type { Dispatch } from '../../../lambdas/domain/dispatch';
import { dynamoClient } from '../../../lambdas/shared/clients';
import { config } from '../../../lambdas/shared/config';
import { type CertificateJson, jsonRequest, readJson } from '../../support/certificates';
import { type DispatchJson, paperCopyBody } from '../../support/dispatch';
import { recordDynamoCommands } from '../../support/dynamo-commands';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime({ schedules: false });
});
afterAll(() => runtime?.stop());

const dispatchOf = (id: string): Promise<Dispatch | undefined> => dispatchRepository().get(id);

/** Wait (bounded) until the worker recorded a waybill. */
const waybillOf = (id: string): Promise<string> =>
  vi.waitFor(
    async () => {
      const d = await dispatchOf(id);
      if (!d?.waybillNo) throw new Error(`no waybill yet for ${id}`);
      return d.waybillNo;
    },
    { timeout: 20_000, interval: 50 },
  );

const postSigned = (body: string, headers: Record<string, string>) =>
  fetch(`${runtime.baseUrl}/v1/carrier/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

describe('a certificate issued with a paper copy', () => {
  let cert: CertificateJson;
  let dispatchId: string;
  let waybillNo: string;

  beforeAll(async () => {
    const res = await runtime.request('/v1/certificates', {
      as: 'officer',
      ...jsonRequest(paperCopyBody({ demo: true })),
    });
    expect(res.status).toBe(201);
    cert = await readJson(res);
    dispatchId = `DSP-${cert.paperSerial}`;
    waybillNo = await waybillOf(dispatchId);
  });

  test('gets exactly one waybill from the carrier, recorded as label-created; its outbox message is completed', async () => {
    // Act
    const dispatch = await dispatchOf(dispatchId);
    const completed = await vi.waitFor(
      async () => {
        if (await outboxStore().get({ topic: 'dispatch', id: dispatchId })) throw new Error('not completed yet');
        return true;
      },
      { timeout: 20_000, interval: 50 },
    );

    // Assess
    expect(dispatch).toMatchObject({ state: 'label-created', waybillNo, reason: 'issue' });
    expect(dispatch?.licenceNo.toString()).toBe(cert.licenceNo);
    expect(runtime.carrier.waybillOf(dispatchId)).toBe(waybillNo);
    expect(runtime.carrier.issuedPerOrder().get(dispatchId)).toBe(1);
    expect(completed).toBe(true);
  });

  test('moves forward on signed pushes; replays and late events change nothing', async () => {
    // Act
    const transit = await runtime.carrier.push(waybillNo, 'IN_TRANSIT');
    const delivered = await runtime.carrier.push(waybillNo, 'DELIVERED');
    const replay = await runtime.carrier.resend(transit.event);
    const late = await runtime.carrier.push(waybillNo, 'PICKED_UP', { at: new Date(Date.now() - 3_600_000) });

    // Assess
    expect([transit.status, delivered.status, replay, late.status]).toEqual([200, 200, 200, 200]);
    const dispatch = await dispatchOf(dispatchId);
    expect(dispatch?.state).toBe('delivered');
    expect(dispatch?.tracking.map((e) => e.eventId)).toEqual([
      late.event.eventId,
      transit.event.eventId,
      delivered.event.eventId,
    ]);
  });

  test('has the same route at the carrier, queried through the signed tracking API', async () => {
    // Prepare
    const carrier = new HttpCarrier({
      baseUrl: runtime.carrier.url,
      appKey: runtime.env.CARRIER_APP_KEY ?? '',
      secret: async () => runtime.env.CARRIER_APP_SECRET ?? '',
      timeoutMs: 5_000,
    });

    // Act
    const route = await carrier.tracking(waybillNo);

    // Assess
    expect(route.events.map((e) => e.state)).toEqual(['in-transit', 'delivered', 'in-transit']);
  });

  test('shows to its enterprise, on its certificate and in the staff list of the month', async () => {
    // Prepare
    const month = localDateOf(new Date()).slice(0, 7);

    // Act
    const mine = await runtime.request('/v1/me/dispatches', { as: 'enterprise' });
    const onCertificate = await runtime.request(cert.links.dispatches, { as: 'enterprise' });
    const staff = await runtime.request(`/v1/dispatches?state=delivered&month=${month}`, { as: 'officer' });
    const pending = await runtime.request(`/v1/dispatches?state=pending&month=${month}`, { as: 'officer' });
    const forbidden = await runtime.request(`/v1/dispatches?state=delivered&month=${month}`, { as: 'enterprise' });

    // Assess
    for (const res of [mine, onCertificate, staff]) {
      expect(res.status).toBe(200);
      const items = (await readJson<{ items: DispatchJson[] }>(res)).items;
      expect(items.map((d) => [d.id, d.state, d.waybillNo])).toContainEqual([dispatchId, 'delivered', waybillNo]);
    }
    expect((await readJson<{ items: DispatchJson[] }>(pending)).items.map((d) => d.id)).not.toContain(dispatchId);
    expect(forbidden.status).toBe(403);
  });

  test('never shows the address on public routes', async () => {
    // Act
    const res = await fetch(`${runtime.baseUrl}/v1/verify/${cert.licenceNoUrlSafe}`, {
      headers: { accept: 'application/json' },
    });
    const text = await res.text();

    // Assess
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('珞喻路');
  });
});

describe("another enterprise's parcels", () => {
  test('are not shown to the demo enterprise, on the certificate or in its own list', async () => {
    // Prepare
    const res = await runtime.request('/v1/certificates', {
      as: 'officer',
      ...jsonRequest(paperCopyBody({ seed: 403 })),
    });
    const other = await readJson<CertificateJson>(res);

    // Act
    const onCertificate = await runtime.request(other.links.dispatches, { as: 'enterprise' });
    const asStaff = await runtime.request(other.links.dispatches, { as: 'officer' });
    const mine = await readJson<{ items: DispatchJson[] }>(
      await runtime.request('/v1/me/dispatches', { as: 'enterprise' }),
    );

    // Assess
    expect(onCertificate.status).toBe(404);
    expect(asStaff.status).toBe(200);
    expect((await readJson<{ items: DispatchJson[] }>(asStaff)).items.map((d) => d.id)).toEqual([
      `DSP-${other.paperSerial}`,
    ]);
    expect(mine.items.map((d) => d.licenceNo)).not.toContain(other.licenceNo);
  });
});

describe('the carrier webhook', () => {
  const body = JSON.stringify({
    eventId: 'EV-forged',
    orderId: 'DSP-20269999990',
    waybillNo: 'SB000000000999',
    status: 'DELIVERED',
    at: new Date().toISOString(),
    description: 'x',
  });

  test('refuses a missing, forged or expired signature with 401', async () => {
    // Prepare
    const secret = runtime.env.CARRIER_APP_SECRET ?? '';
    const appKey = runtime.env.CARRIER_APP_KEY ?? '';

    // Act
    const unsigned = await postSigned(body, {});
    const forged = await postSigned(body, signedHeaders(appKey, 'not-the-secret', body, new Date()));
    const expired = await postSigned(body, signedHeaders(appKey, secret, body, new Date(Date.now() - 6 * 60_000)));
    const tampered = await postSigned(
      body.replace('DELIVERED', 'RETURNED'),
      signedHeaders(appKey, secret, body, new Date()),
    );

    // Assess
    expect([unsigned.status, forged.status, expired.status, tampered.status]).toEqual([401, 401, 401, 401]);
    expect((await readJson<{ code: string }>(expired)).code).toBe('SIGNATURE_EXPIRED');
  });

  test('accepts a signed event for an unknown order without changing anything', async () => {
    // Act
    const res = await postSigned(
      body,
      signedHeaders(runtime.env.CARRIER_APP_KEY ?? '', runtime.env.CARRIER_APP_SECRET ?? '', body, new Date()),
    );

    // Assess
    expect(res.status).toBe(200);
    expect(await readJson(res)).toEqual({ code: 'OK', outcome: 'unknown-dispatch' });
  });

  test('checks the signature before the body: an unsigned or forged caller learns nothing about the schema', async () => {
    // Prepare: bodies that fail validation in every way
    const appKey = runtime.env.CARRIER_APP_KEY ?? '';
    const secret = runtime.env.CARRIER_APP_SECRET ?? '';
    const bad = ['{}', '{"orderId":"x","status":"LOST","at":"yesterday"}', '{', ''];

    // Act
    const unsigned = await Promise.all(bad.map((b) => postSigned(b, {})));
    const forged = await Promise.all(
      bad.map((b) => postSigned(b, signedHeaders(appKey, 'not-the-secret', b, new Date()))),
    );
    const signed = await postSigned(bad[1] as string, signedHeaders(appKey, secret, bad[1] as string, new Date()));

    // Assess
    for (const res of [...unsigned, ...forged]) {
      expect(res.status).toBe(401);
      const text = await res.text();
      expect(text).not.toMatch(/orderId|waybillNo|eventId|"errors"|body\.|JSON/);
    }
    expect(signed.status).toBe(400);
    const problem = await readJson<{ errors: { field: string }[] }>(signed);
    expect(problem.errors.map((e) => e.field)).toEqual(expect.arrayContaining(['body.orderId', 'body.status']));
  });
});

describe('a signed event naming one order with another order’s waybill', () => {
  test('changes neither dispatch, answers 200 mismatch, and is not remembered as seen', async () => {
    // Prepare: two parcels with their waybills
    const ids: string[] = [];
    for (const seed of [411, 412]) {
      const res = await runtime.request('/v1/certificates', { as: 'officer', ...jsonRequest(paperCopyBody({ seed })) });
      ids.push(`DSP-${(await readJson<CertificateJson>(res)).paperSerial}`);
    }
    const [a, b] = ids as [string, string];
    const waybillB = await waybillOf(b);
    await waybillOf(a);
    const before = await Promise.all([dispatchOf(a), dispatchOf(b)]);
    const event = {
      eventId: `EV-mismatch-${Date.now()}`,
      orderId: a,
      waybillNo: waybillB,
      status: 'DELIVERED',
      at: new Date().toISOString(),
      description: '快件已签收',
    };
    const body = JSON.stringify(event);
    const sign = (text: string) =>
      signedHeaders(runtime.env.CARRIER_APP_KEY ?? '', runtime.env.CARRIER_APP_SECRET ?? '', text, new Date());

    // Act
    const res = await postSigned(body, sign(body));
    const after = await Promise.all([dispatchOf(a), dispatchOf(b)]);
    const rightPair = JSON.stringify({ ...event, orderId: b });
    const corrected = await postSigned(rightPair, sign(rightPair));

    // Assess
    expect(res.status).toBe(200);
    expect(await readJson(res)).toEqual({ code: 'OK', outcome: 'mismatch' });
    expect(after).toEqual(before);
    expect(after.map((d) => d?.state)).toEqual(['label-created', 'label-created']);
    expect(await readJson(corrected)).toEqual({ code: 'OK', outcome: 'applied' });
    expect((await dispatchOf(b))?.state).toBe('delivered');
  });

  test('is refused with 409 WAYBILL_NOT_RECORDED while the named order has no waybill yet', async () => {
    // Prepare: the carrier refuses every waybill for now, so the new parcel stays pending
    runtime.carrier.faults.rate('error-500', 1);
    try {
      const res = await runtime.request('/v1/certificates', {
        as: 'officer',
        ...jsonRequest(paperCopyBody({ seed: 413 })),
      });
      const id = `DSP-${(await readJson<CertificateJson>(res)).paperSerial}`;
      const body = JSON.stringify({
        eventId: `EV-early-${Date.now()}`,
        orderId: id,
        waybillNo: 'SB999999999999',
        status: 'IN_TRANSIT',
        at: new Date().toISOString(),
        description: '快件在转运中',
      });

      // Act
      const early = await postSigned(
        body,
        signedHeaders(runtime.env.CARRIER_APP_KEY ?? '', runtime.env.CARRIER_APP_SECRET ?? '', body, new Date()),
      );

      // Assess
      expect(early.status).toBe(409);
      expect((await readJson<{ code: string }>(early)).code).toBe('WAYBILL_NOT_RECORDED');
      const dispatch = await dispatchOf(id);
      expect(dispatch).toMatchObject({ state: 'pending', tracking: [] });
      expect(dispatch?.waybillNo).toBeUndefined();
    } finally {
      runtime.carrier.faults.clear();
    }
  });
});

describe('a chatty carrier', () => {
  test('150 events keep the latest 100 with a count of 50 dropped; replays — dropped ones too — change nothing', async () => {
    // Prepare: a parcel with its waybill, and 150 signed pushes a second apart (the 120th: delivered)
    const res = await runtime.request('/v1/certificates', {
      as: 'officer',
      ...jsonRequest(paperCopyBody({ seed: 421 })),
    });
    const cert = await readJson<CertificateJson>(res);
    const id = `DSP-${cert.paperSerial}`;
    const waybillNo = await waybillOf(id);
    const start = Date.now() - 86_400_000;
    const pushes: Awaited<ReturnType<TestRuntime['carrier']['push']>>[] = [];

    // Act
    for (let i = 0; i < 150; i++) {
      pushes.push(
        await runtime.carrier.push(waybillNo, i === 119 ? 'DELIVERED' : 'IN_TRANSIT', {
          at: new Date(start + i * 1000),
        }),
      );
    }
    const view = async () => {
      const page = await readJson<{ items: DispatchJson[] }>(
        await runtime.request(cert.links.dispatches, { as: 'officer' }),
      );
      return page.items.find((d) => d.id === id) as DispatchJson;
    };
    const afterAll150 = await view();
    const first = pushes[0]?.event as PushNotification;
    const replayWithMarker = await runtime.carrier.resend(first);
    // The marker of the first event expires (DynamoDB TTL): only the dispatch itself can tell the replay now.
    await dynamoClient().send(
      new DeleteCommand({ TableName: config().tableName, Key: carrierEventKey(first.eventId) }),
    );
    const replayWithoutMarker = await runtime.carrier.resend(first);
    const replayKept = await runtime.carrier.resend(pushes[149]?.event as PushNotification);
    const afterReplays = await view();

    // Assess
    expect(pushes.every((p) => p.status === 200)).toBe(true);
    expect(afterAll150.tracking).toHaveLength(100);
    expect(afterAll150.tracking.map((e) => e.eventId)).toEqual(pushes.slice(50).map((p) => p.event.eventId));
    expect(afterAll150.trackingDropped).toBe(50);
    expect(afterAll150.state).toBe('delivered');
    expect([replayWithMarker, replayWithoutMarker, replayKept]).toEqual([200, 200, 200]);
    expect(afterReplays).toEqual(afterAll150);
  });
});

describe('a bad paper-copy address', () => {
  test('is refused with 400 naming each field, before anything is issued', async () => {
    // Prepare
    const body = paperCopyBody({ seed: 77 });
    const bad = { ...body, paperCopy: { address: { ...body.paperCopy.address, phone: '12345', postcode: '4300' } } };

    // Act
    const res = await runtime.request('/v1/certificates', { as: 'officer', ...jsonRequest(bad) });
    const list = await runtime.request(`/v1/certificates?uscc=${body.enterprise.uscc}`, { as: 'officer' });

    // Assess
    expect(res.status).toBe(400);
    const problem = await readJson<{ errors: { field: string }[] }>(res);
    expect(problem.errors.map((e) => e.field)).toEqual([
      'body.paperCopy.address.phone',
      'body.paperCopy.address.postcode',
    ]);
    expect((await readJson<{ items: unknown[] }>(list)).items).toEqual([]);
  });
});

describe('the staff list for the postage statement', () => {
  test('pages through one state and month with Queries only, and refuses a malformed month or state', async () => {
    // Prepare: two more parcels with waybills
    const ids: string[] = [];
    for (const seed of [401, 402]) {
      const res = await runtime.request('/v1/certificates', { as: 'officer', ...jsonRequest(paperCopyBody({ seed })) });
      ids.push(`DSP-${(await readJson<CertificateJson>(res)).paperSerial}`);
    }
    for (const id of ids) await waybillOf(id);
    const month = localDateOf(new Date()).slice(0, 7);
    const log = recordDynamoCommands();
    const { commands } = log;
    try {
      // Act
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const res = await runtime.request(
          `/v1/dispatches?state=label-created&month=${month}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
          { as: 'reviewer' },
        );
        const page = await readJson<{ items: DispatchJson[]; cursor?: string }>(res);
        seen.push(...page.items.map((d) => d.id));
        cursor = page.cursor;
        pages++;
      } while (cursor && pages < 50);
      const badMonth = await runtime.request('/v1/dispatches?state=pending&month=2026-13', { as: 'officer' });
      const badState = await runtime.request(`/v1/dispatches?state=lost&month=${month}`, { as: 'officer' });

      // Assess
      expect(seen).toEqual(expect.arrayContaining(ids));
      expect(new Set(seen).size).toBe(seen.length);
      expect(new Set(commands)).toEqual(new Set(['QueryCommand']));
      expect(commands).toHaveLength(pages);
      expect([badMonth.status, badState.status]).toEqual([400, 400]);
    } finally {
      log.stop();
    }
  });
});
