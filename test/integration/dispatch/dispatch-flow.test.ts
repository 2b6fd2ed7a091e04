/**
 * A paper copy end to end through the local runtime: issuing with `paperCopy` writes the dispatch in the issuance
 * transaction and sends it; the worker creates exactly one waybill at the sandbox carrier; signed carrier pushes move
 * the parcel to in-transit and delivered (replays and out-of-order events change nothing); the enterprise, the
 * certificate and staff lists show it; unsigned, expired or forged pushes are refused; the address never reaches a
 * public route.
 */
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { HttpCarrier } from '../../../lambdas/adapters/carrier/http-carrier';
import { signedHeaders } from '../../../lambdas/adapters/carrier/protocol';
import { dispatchDeps } from '../../../lambdas/composition-dispatch';
import { localDateOf } from '../../../lambdas/domain/dates';
import type { Dispatch } from '../../../lambdas/domain/dispatch';
import { type CertificateJson, jsonRequest, readJson } from '../../support/certificates';
import { type DispatchJson, paperCopyBody } from '../../support/dispatch';
import { recordDynamoCommands } from '../../support/dynamo-commands';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime({ schedules: false });
});
afterAll(() => runtime?.stop());

const dispatchOf = (id: string): Promise<Dispatch | undefined> => dispatchDeps().repository.get(id);

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

  test('gets exactly one waybill from the carrier, recorded as label-created', async () => {
    // Act
    const dispatch = await dispatchOf(dispatchId);

    // Assess
    expect(dispatch).toMatchObject({ state: 'label-created', waybillNo, licenceNo: cert.licenceNo, reason: 'issue' });
    expect(runtime.carrier.waybillOf(dispatchId)).toBe(waybillNo);
    expect(runtime.carrier.issuedPerOrder().get(dispatchId)).toBe(1);
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
