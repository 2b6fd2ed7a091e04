/**
 * The issuing service through the local runtime: the same handlers, gateway and @aws-sdk clients as in the cloud,
 * against the emulators.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { issueBody, jsonRequest, readJson, usccFor } from '../../support/certificates';
import { recordDynamoCommands } from '../../support/dynamo-commands';
import { inspectPdf, scanQrCodes } from '../../support/pdf-inspect';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;
let otherEnterprise: string;

beforeAll(async () => {
  runtime = await startTestRuntime();
  otherEnterprise = await runtime.mintToken({ roles: ['enterprise'], uscc: usccFor(999), name: '别家企业' });
});
afterAll(() => runtime?.stop());

const issue = (body: unknown, key?: string) =>
  runtime.request('/v1/certificates', { as: 'officer', ...jsonRequest(body, key) });

describe('POST /v1/certificates', () => {
  test('issues a signed certificate with its PDF and QR', async () => {
    // Act
    const res = await issue(issueBody({ seed: 1 }));
    // Assess
    expect(res.status).toBe(201);
    const cert = await readJson(res);
    expect(cert).toMatchObject({
      licenceNo: expect.stringMatching(/^\(鄂\)XK06-001-\d{5}$/),
      version: 1,
      status: 'valid',
      procedure: 'post-issuance-review',
      validFrom: expect.any(String),
      validUntil: expect.any(String),
      pdf: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: expect.any(Number) },
      qr: { text: expect.stringMatching(new RegExp(`^${runtime.baseUrl}/v/[A-Z2-7]+$`)) },
    });
    expect(res.headers.get('location')).toBe(cert.links.self);
  });

  test('the same key and body return the same certificate; the same key with another body is 409', async () => {
    // Prepare
    const key = randomUUID();
    const first = await readJson(await issue(issueBody({ seed: 2 }), key));
    // Act
    const again = await issue(issueBody({ seed: 2 }), key);
    const different = await issue(issueBody({ seed: 3 }), key);
    // Assess
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toMatchObject({ licenceNo: first.licenceNo, version: 1, pdf: first.pdf });
    expect(different.status).toBe(409);
    expect(await different.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  test('a second issuance for the same enterprise is version 2 of the same number, with both products', async () => {
    // Prepare
    const first = await readJson(await issue(issueBody({ seed: 4, products: ['06-001'] })));
    // Act
    const res = await issue(issueBody({ seed: 4, products: ['05-001'] }));
    // Assess
    expect(res.status).toBe(201);
    const second = await readJson(res);
    expect(second.licenceNo).toBe(first.licenceNo);
    expect(second.version).toBe(2);
    expect(second.validUntil).toBe(first.validUntil);
    expect(second.paperSerial).not.toBe(first.paperSerial);
    expect(second.products.map((p) => p.key)).toEqual(['06-001', '05-001']);
    expect(second.pdf.sha256).not.toBe(first.pdf.sha256);
  });

  test.each([
    [
      'a bad USCC check character',
      { ...issueBody({ seed: 5 }), enterprise: { ...issueBody().enterprise, uscc: '91420100MA4K2X1R08' } },
      400,
      'enterprise.uscc',
    ],
    ['an unknown product', issueBody({ seed: 5, products: ['99-999'] }), 400, 'products.0'],
    ['a missing field', { products: ['06-001'] }, 400, 'body.enterprise'],
    ['a wrongly typed field', { ...issueBody({ seed: 5 }), products: '06-001' }, 400, 'body.products'],
    ['an over-long name', issueBody({ seed: 5, name: '长'.repeat(300) }), 400, 'body.enterprise.name'],
    // TEXT_NOT_PRINTABLE at the edge, as at filing (the renderer's own check, also 400, stays as a defence in depth)
    ['text the font cannot draw', issueBody({ seed: 5, name: '湖北🦄科技有限公司' }), 400, 'enterprise.name'],
  ])('refuses %s with a 4xx naming the field, and writes nothing', async (_, body, status, field) => {
    // Act
    const res = await issue(body);
    // Assess
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = await res.json();
    expect(JSON.stringify(problem)).toContain(field);
    const list = await readJson<{ items: unknown[] }>(
      await runtime.request(`/v1/certificates?uscc=${usccFor(5)}`, { as: 'officer' }),
    );
    expect(list.items).toEqual([]);
  });

  test('refuses a body over the size limit with 413, a missing key with 400, and non-officers with 403', async () => {
    const huge = { ...issueBody({ seed: 6 }), padding: 'x'.repeat(70_000) };
    expect((await issue(huge)).status).toBe(413);
    const noKey = await runtime.request('/v1/certificates', {
      as: 'officer',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(issueBody({ seed: 6 })),
    });
    expect(noKey.status).toBe(400);
    expect(JSON.stringify(await noKey.json())).toContain('header.idempotency-key');
    expect(
      (await runtime.request('/v1/certificates', { as: 'enterprise', ...jsonRequest(issueBody({ seed: 6 })) })).status,
    ).toBe(403);
  });
});

describe('reading and downloading', () => {
  test('the owner downloads its PDF through a presigned URL and it scans back to the QR text; others get 404', async () => {
    // Prepare: issue for the demo enterprise
    const demoUscc = JSON.parse(Buffer.from(runtime.tokens.enterprise.split('.')[1] ?? '', 'base64url').toString())[
      'custom:uscc'
    ];
    const cert = await readJson(await issue(issueBody({ seed: 7, uscc: demoUscc })));
    const path = `/v1/certificates/${cert.licenceNoUrlSafe}`;
    // Act
    const redirect = await runtime.request(`${path}/pdf`, { as: 'enterprise', redirect: 'manual' });
    // Assess
    expect(redirect.status).toBe(302);
    const location = redirect.headers.get('location') ?? '';
    expect(new URL(location).searchParams.get('X-Amz-Expires')).toBe('300');
    const pdfRes = await fetch(location);
    expect(pdfRes.status).toBe(200);
    expect(pdfRes.headers.get('content-disposition')).toContain('attachment');
    const bytes = new Uint8Array(await pdfRes.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(cert.pdf.sha256);
    const inspected = inspectPdf(bytes);
    expect(await scanQrCodes(inspected.png)).toContain(cert.qr.text);

    const foreign = { authorization: `Bearer ${otherEnterprise}` };
    const hidden = await runtime.request(path, { headers: foreign });
    const missing = await runtime.request('/v1/certificates/42-XK06-001-99999', { headers: foreign });
    expect(hidden.status).toBe(404);
    expect((await runtime.request(`${path}/pdf`, { headers: foreign, redirect: 'manual' })).status).toBe(404);
    expect(await hidden.json()).toMatchObject({ code: (await readJson<{ code: string }>(missing)).code });

    expect((await runtime.request(path, { as: 'enterprise' })).status).toBe(200);
    expect((await runtime.request(path, { as: 'reviewer' })).status).toBe(200);
    const mine = await readJson<{ items: { licenceNo: string }[] }>(
      await runtime.request('/v1/me/certificates', { as: 'enterprise' }),
    );
    expect(mine.items.map((i) => i.licenceNo)).toContain(cert.licenceNo);

    const audit = await readJson<{ items: { action: string }[] }>(
      await runtime.request(`${path}/audit`, { as: 'officer' }),
    );
    expect(audit.items.map((e) => e.action)).toEqual(['certificate.downloaded', 'certificate.issued']);
  });
});

describe('POST /v1/certificates/{licenceNo}/status', () => {
  const change = (licence: string, body: Record<string, unknown>) =>
    runtime.request(`/v1/certificates/${licence}/status`, {
      as: 'officer',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        publicReason: '责令整改',
        legalBasis: '《工业产品生产许可证管理条例》第四十五条',
        ...body,
      }),
    });

  test('moves along the lifecycle, records history, and refuses illegal transitions with 409', async () => {
    // Prepare
    const cert = await readJson(await issue(issueBody({ seed: 8 })));
    const key = cert.licenceNoUrlSafe;
    // Act
    const suspended = await change(key, { action: 'suspend', internalNotes: '内部备注' });
    const reinstated = await change(key, { action: 'reinstate' });
    const revoked = await change(key, { action: 'revoke', publicReason: '现场审查不合格' });
    const back = await change(key, { action: 'reinstate' });
    // Assess
    expect(suspended.status).toBe(200);
    expect((await readJson(suspended)).status).toBe('suspended');
    expect((await readJson(reinstated)).status).toBe('valid');
    const final = await readJson(revoked);
    expect(final.status).toBe('revoked');
    expect(final.history.map((h) => h.to)).toEqual(['valid', 'suspended', 'valid', 'revoked']);
    expect(final.history[1]?.internalNotes).toBe('内部备注');
    expect(back.status).toBe(409);
    expect(await back.json()).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    const forEnterprise = await runtime.request(`/v1/certificates/${key}`, { as: 'officer' });
    expect((await readJson(forEnterprise)).status).toBe('revoked');
  });

  test('concurrent changes cannot overwrite each other', async () => {
    // Prepare
    const cert = await readJson(await issue(issueBody({ seed: 9 })));
    // Act: two officers act on the same revision
    const [a, b] = await Promise.all([
      change(cert.licenceNoUrlSafe, { action: 'suspend', expectedRevision: cert.revision }),
      change(cert.licenceNoUrlSafe, { action: 'revoke', expectedRevision: cert.revision }),
    ]);
    // Assess
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect((await readJson<{ code: string }>(loser)).code).toBe('CONCURRENT_MODIFICATION');
  });

  test('only officers change status; unknown licences are 404, malformed ones 400', async () => {
    const cert = await readJson(await issue(issueBody({ seed: 10 })));
    const asReviewer = await runtime.request(`/v1/certificates/${cert.licenceNoUrlSafe}/status`, {
      as: 'reviewer',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'suspend', publicReason: 'x', legalBasis: 'y' }),
    });
    expect(asReviewer.status).toBe(403);
    expect((await change('42-XK06-001-99998', { action: 'suspend' })).status).toBe(404);
    expect((await change('not-a-licence', { action: 'suspend' })).status).toBe(400);
  });
});

describe('lists', () => {
  test('every list is one Query on a key or index, never a Scan, and pages with an opaque cursor', async () => {
    // Prepare: three certificates, then count the commands the handlers send
    for (const seed of [20, 21, 22]) expect((await issue(issueBody({ seed }))).status).toBe(201);
    // The workers those issuances wake — the transparency log's sequencer, the webhook worker — read and write in the
    // background on this process's client: stopped (after their runs in progress) so that only the list handlers'
    // commands are counted.
    await Promise.all(['log-sequencer', 'webhook-worker'].map((name) => runtime.pollers.get(name)?.stop()));
    const log = recordDynamoCommands();
    const { commands } = log;
    try {
      // Act: walk the full list one item per page, and run each filter once
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const res = await runtime.request(`/v1/certificates?limit=1${cursor ? `&cursor=${cursor}` : ''}`, {
          as: 'officer',
        });
        const page = await readJson<{ items: { licenceNo: string }[]; cursor?: string }>(res);
        seen.push(...page.items.map((i) => i.licenceNo));
        cursor = page.cursor;
        pages++;
      } while (cursor && pages < 100);
      const listRequests = [
        `/v1/certificates?uscc=${usccFor(20)}`,
        '/v1/certificates?status=valid&limit=2',
        '/v1/me/certificates',
      ];
      for (const path of listRequests) {
        expect((await runtime.request(path, { as: path.includes('/me/') ? 'enterprise' : 'officer' })).status).toBe(
          200,
        );
      }
      // Assess
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBeGreaterThanOrEqual(3);
      expect(commands).not.toContain('ScanCommand');
      expect(new Set(commands)).toEqual(new Set(['QueryCommand']));
      expect(commands).toHaveLength(pages + listRequests.length);
    } finally {
      log.stop();
    }
  });

  test('a forged cursor is a 400, not a 500', async () => {
    const res = await runtime.request('/v1/certificates?cursor=bm90LWEta2V5', { as: 'officer' });
    expect(res.status).toBe(400);
    expect((await readJson<{ code: string }>(res)).code).toBe('INVALID_CURSOR');
  });
});

test('the same idempotency key with a different paper-copy request is 409, not a silent replay', async () => {
  // Prepare
  const key = randomUUID();
  const address = {
    recipient: '张三',
    phone: '13812345678',
    address: '湖北省武汉市江汉区解放大道1号',
    postcode: '430000',
  };
  const first = await issue({ ...issueBody({ seed: 30 }), paperCopy: { address } }, key);
  // Act
  const other = await issue(
    { ...issueBody({ seed: 30 }), paperCopy: { address: { ...address, postcode: '430010' } } },
    key,
  );
  // Assess
  expect(first.status).toBe(201);
  expect(other.status).toBe(409);
  expect((await readJson<{ code: string }>(other)).code).toBe('IDEMPOTENCY_KEY_REUSED');
});

/** What a Chinese IME types: full-width brackets, letters, digits and hyphens. */
const fullWidth = (text: string): string =>
  [...text]
    .map((ch) => (/[!-~]/.test(ch) ? String.fromCodePoint((ch.codePointAt(0) as number) + 0xfee0) : ch))
    .join('');

describe('typed identifiers and path encodings', () => {
  test('a licence number in the path is decoded once: encoded Chinese and full-width forms find it, %2528 does not', async () => {
    // Prepare
    const cert = await readJson(await issue(issueBody({ seed: 61 })));
    const get = (path: string) => runtime.request(`/v1/certificates/${path}`, { as: 'officer' });

    // Act
    const encoded = await get(encodeURIComponent(cert.licenceNo)); // %28%E9%84%82%29XK06-…
    const typed = await get(encodeURIComponent(fullWidth(cert.licenceNo))); // （鄂）ＸＫ０６－…
    const doubleEncoded = await get(cert.licenceNo.replace('(鄂)', `%2528${encodeURIComponent('鄂')}%2529`));
    const malformed = await get('%E0%A4%A');
    const malformedPdf = await get('%28%E9%84%82%29XK06-001-0%ZZ/pdf');

    // Assess
    expect([encoded.status, typed.status]).toEqual([200, 200]);
    expect((await readJson(typed)).licenceNo).toBe(cert.licenceNo);
    expect(doubleEncoded.status).toBe(400); // `%28鄂%29XK…` is not a licence number: never decoded a second time
    expect(await doubleEncoded.json()).toMatchObject({ code: 'LICENCE_NUMBER_FORMAT' });
    expect([malformed.status, malformedPdf.status]).toEqual([400, 400]);
    expect(await malformed.json()).toMatchObject({ code: 'PATH_ENCODING_INVALID' });
  });

  test('a full-width USCC, in a body or a query, is the same enterprise', async () => {
    // Prepare
    const uscc = usccFor(62);
    const body = issueBody({ seed: 62 });

    // Act
    const issued = await issue({ ...body, enterprise: { ...body.enterprise, uscc: fullWidth(uscc.toLowerCase()) } });
    const list = await runtime.request(`/v1/certificates?uscc=${encodeURIComponent(fullWidth(uscc))}`, {
      as: 'officer',
    });

    // Assess
    expect(issued.status).toBe(201);
    expect((await readJson(issued)).enterprise.uscc).toBe(uscc);
    expect(list.status).toBe(200);
    const items = (await readJson<{ items: { uscc: string }[] }>(list)).items;
    expect(items.map((i) => i.uscc)).toEqual([uscc]);
  });
});
