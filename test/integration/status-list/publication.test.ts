/**
 * The signed status list through the local runtime: licences are suspended, reinstated, revoked and cancelled over
 * HTTP; each change's message travels through the real SQS queue to the publisher; the list downloaded from
 * `GET /status-lists/1` then says so, verified with the JWKS from `/.well-known/jwks.json` alone; a tampered list
 * and one signed by a key outside the JWKS are refused, by the library and by the offline CLI; a lost message is
 * re-sent by the relay and still published; the lookup answers 200, 400 and 404 as documented. Pollers are off: the
 * test receives the queue's messages and hands them to the publisher as the Lambda event source would, and time
 * comes from a manual clock set to the real time at start (the route's one-second cache expires by moving it).
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { relayDeps } from '../../../lambdas/composition/outbox';
import { statusListPublisherDeps } from '../../../lambdas/composition/status-list';
import type { CertificateStatus } from '../../../lambdas/domain/certificate-status';
import { KeySet } from '../../../lambdas/domain/signing/key-set';
import { licenceStatusOf } from '../../../lambdas/domain/status-list/licence-status';
import { STATUS_LIST_SIZE, StatusList } from '../../../lambdas/domain/status-list/status-list';
import { signStatusList, verifyStatusListToken } from '../../../lambdas/domain/status-list/status-list-token';
import { RELAY_GRACE_MS } from '../../../lambdas/use-cases/outbox/message';
import { relayOutbox } from '../../../lambdas/use-cases/outbox/relay';
import { publishStatusList } from '../../../lambdas/use-cases/status-list/publish';
import { emulatorClientConfig } from '../../../lib/local/aws-clients';
import { type CertificateJson, issueBody, jsonRequest, readJson } from '../../support/certificates';
import { runVerifyCli } from '../../support/processes';
import { drainQueue } from '../../support/queues';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;
let sqs: SQSClient;
// Real time to start with: the offline CLI checks the downloaded list's expiry against the machine's own clock.
const clock = new ManualClock(new Date(Math.floor(Date.now() / 1000) * 1000));
const dir = mkdtempSync(join(tmpdir(), 'permit-status-list-'));

beforeAll(async () => {
  runtime = await startTestRuntime({ pollers: false, schedules: false, overrides: { clock } });
  sqs = new SQSClient(emulatorClientConfig(runtime.endpoints.sqs, runtime.endpoints.region));
});
afterAll(async () => {
  sqs?.destroy();
  await runtime?.stop();
});

async function issue(seed: number): Promise<CertificateJson> {
  const res = await runtime.request('/v1/certificates', { as: 'officer', ...jsonRequest(issueBody({ seed })) });
  expect(res.status).toBe(201);
  return readJson(res);
}

async function act(licence: CertificateJson, action: 'suspend' | 'reinstate' | 'revoke' | 'cancel'): Promise<void> {
  const res = await runtime.request(`/v1/certificates/${licence.licenceNoUrlSafe}/status`, {
    as: 'officer',
    ...jsonRequest({ action, publicReason: '监督抽查', legalBasis: '《工业产品生产许可证管理条例》第四十五条' }),
  });
  expect(res.status).toBe(200);
}

const receiveAll = (): Promise<string[]> => drainQueue(sqs, runtime.names.queues.statusList.url);

/** The publisher run on what the queue holds, then the clock moved past the route's cache. */
async function deliver(): Promise<void> {
  await publishStatusList(statusListPublisherDeps({ clock }), { bodies: await receiveAll() });
  clock.advance({ seconds: 2 });
}

async function download(): Promise<{ jwt: string; res: Response }> {
  const res = await runtime.request('/status-lists/1');
  expect(res.status).toBe(200);
  return { jwt: await res.text(), res };
}

async function jwks(): Promise<KeySet> {
  const res = await runtime.request('/.well-known/jwks.json');
  expect(res.status).toBe(200);
  return KeySet.fromJwks(await res.json());
}

/** The downloaded list, verified with the JWKS alone, read at each licence's index from its API view. */
async function statusesOf(licences: readonly CertificateJson[]): Promise<CertificateStatus[]> {
  const { jwt } = await download();
  const { list } = await verifyStatusListToken(jwt, await jwks(), {
    now: clock.now(),
    expectedSubject: `${runtime.baseUrl}/status-lists/1`,
  });
  return licences.map((l) => licenceStatusOf(list.get(l.statusListIndex as number)));
}

describe('the status list', () => {
  let a: CertificateJson;
  let b: CertificateJson;
  let c: CertificateJson;

  beforeAll(async () => {
    [a, b, c] = [await issue(1), await issue(2), await issue(3)];
  });

  test('is published at start, signed, cacheable 5 s, and answers 304 to its own ETag', async () => {
    // Act
    const { jwt, res } = await download();
    const again = await runtime.request('/status-lists/1', {
      headers: { 'if-none-match': res.headers.get('etag') ?? '' },
    });

    // Assess
    expect(res.headers.get('content-type')).toBe('application/statuslist+jwt');
    expect(res.headers.get('cache-control')).toBe('public, max-age=5');
    expect(jwt.split('.')).toHaveLength(3);
    expect(again.status).toBe(304);
    expect(await statusesOf([a, b, c])).toEqual(['valid', 'valid', 'valid']);
  });

  test('reads back each suspension, reinstatement, revocation and cancellation from the signed list', async () => {
    const steps: [CertificateJson, 'suspend' | 'reinstate' | 'revoke' | 'cancel', CertificateStatus[]][] = [
      [a, 'suspend', ['suspended', 'valid', 'valid']],
      [a, 'reinstate', ['valid', 'valid', 'valid']],
      [b, 'revoke', ['valid', 'revoked', 'valid']],
      [c, 'cancel', ['valid', 'revoked', 'cancelled']],
    ];
    for (const [licence, action, expected] of steps) {
      // Act
      await act(licence, action);
      await deliver();

      // Assess
      expect(await statusesOf([a, b, c]), `${action} ${licence.licenceNo}`).toEqual(expected);
    }
  });

  test('a message lost on its way is re-sent by the relay and still published', async () => {
    // Prepare: a suspension whose message never reaches the publisher
    const d = await issue(4);
    await act(d, 'suspend');
    await receiveAll(); // lost

    // Act
    clock.advance({ ms: RELAY_GRACE_MS + 1000 });
    await relayOutbox(relayDeps({ clock }));
    await deliver();

    // Assess
    expect(await statusesOf([d])).toEqual(['suspended']);
  });

  test('a tampered list and a list signed by a key outside the JWKS are refused, here and by the offline CLI', async () => {
    // Prepare
    const { jwt } = await download();
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const tampered = [
      header,
      Buffer.from(JSON.stringify({ ...claims, iat: Number(claims.iat) + 1 })).toString('base64url'),
      signature,
    ].join('.');
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const stranger = await signStatusList(
      StatusList.fromEntries(STATUS_LIST_SIZE, []),
      { sub: `${runtime.baseUrl}/status-lists/1`, iat: Number(claims.iat), exp: Number(claims.exp), ttl: 5 },
      {
        kid: 'not-in-the-jwks',
        sign: async (data) => sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' }),
      },
    );
    const keys = await jwks();
    const jwksFile = join(dir, 'jwks.json');
    writeFileSync(jwksFile, await (await runtime.request('/.well-known/jwks.json')).text());

    // Act
    const refusals = await Promise.all(
      [tampered, stranger].map((token) =>
        verifyStatusListToken(token, keys, { now: clock.now() }).catch((e: unknown) => e),
      ),
    );
    const cli = await Promise.all(
      [
        ['tampered', tampered],
        ['stranger', stranger],
        ['genuine', jwt],
      ].map(([name, token]) => {
        const file = join(dir, `${name}.jwt`);
        writeFileSync(file, token as string);
        return runVerifyCli([
          '--status-list',
          file,
          '--index',
          String(b.statusListIndex),
          '--jwks',
          jwksFile,
          '--json',
        ]);
      }),
    );

    // Assess
    expect(refusals).toMatchObject([{ code: 'STATUS_LIST_SIGNATURE_INVALID' }, { code: 'STATUS_LIST_KEY_UNKNOWN' }]);
    expect(cli.map((r) => r.code)).toEqual([1, 1, 1]);
    expect(cli[0]?.stdout).toContain('STATUS_LIST_SIGNATURE_INVALID');
    expect(cli[1]?.stdout).toContain('STATUS_LIST_KEY_UNKNOWN');
    expect(JSON.parse(cli[2]?.stdout ?? '{}')).toMatchObject({ status: 'revoked' });
  });

  test('the lookup: 200 with the entry, 400 outside the list, 404 for a slot no licence holds', async () => {
    // Prepare
    const held = new Set([a, b, c].map((l) => l.statusListIndex));
    let free = 0;
    while (held.has(free)) free++;

    // Act
    const found = await runtime.request(`/status-lists/1/${b.statusListIndex}`);
    const outside = await runtime.request(`/status-lists/1/${STATUS_LIST_SIZE}`);
    const notANumber = await runtime.request('/status-lists/1/abc');
    const unheld = await runtime.request(`/status-lists/1/${free}`);

    // Assess
    expect(found.status).toBe(200);
    expect(await found.json()).toMatchObject({ index: b.statusListIndex, status: 'revoked', statusValue: 1 });
    expect([outside.status, notANumber.status, unheld.status]).toEqual([400, 400, 404]);
    expect(await outside.json()).toMatchObject({ code: 'STATUS_LIST_INDEX_OUT_OF_RANGE' });
    expect(await notANumber.json()).toMatchObject({ code: 'STATUS_LIST_INDEX_OUT_OF_RANGE' });
    expect(await unheld.json()).toMatchObject({ code: 'STATUS_LIST_INDEX_NOT_ALLOCATED' });
  });
});
