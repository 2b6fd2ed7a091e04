/**
 * The local gateway end to end: real HTTP in, the API Gateway payload 2.0 event a fixture handler receives, the HTTP
 * response that comes back — including binary bodies, cookies, failures, the 10 MB limit (answered, not reset), a
 * repeated Authorization header (refused, as the cloud refuses it) and `nosniff` on every answer the gateway writes.
 */
import { type IncomingHttpHeaders, request } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startGateway } from '../../../lib/local/gateway';
import { createJwtAuthorizer } from '../../../lib/local/jwt-authorizer';
import type { RuntimeLog } from '../../../lib/local/log';
import { SECRET_MESSAGE } from '../../support/fixtures/handlers/failing';
import { fixtureRegistry } from '../../support/fixtures/registry';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

const logged: { message: string; fields?: Record<string, unknown> }[] = [];
const recordingLog: RuntimeLog = {
  info: () => {},
  warn: (message, fields) => logged.push({ message, ...(fields ? { fields } : {}) }),
  error: (message, fields) => logged.push({ message, ...(fields ? { fields } : {}) }),
};

let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime({ registry: fixtureRegistry, pollers: false, schedules: false, log: recordingLog });
});

afterAll(async () => {
  await runtime?.stop();
});

/** Send a request with exact raw headers, repeats and case included (fetch would merge or drop some). */
async function rawRequest(path: string, headers: [string, string][], method = 'GET'): Promise<Response> {
  const url = new URL(path, runtime.baseUrl);
  // A raw header list replaces Node's defaults, so it must carry Host itself.
  const raw = [['Host', url.host], ...headers].flat() as unknown as Record<string, string>;
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: raw }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const v of [value ?? []].flat()) responseHeaders.append(name, v);
        }
        resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0, headers: responseHeaders }));
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('event mapping', () => {
  test('builds a payload 2.0 event with route key, path parameters, query, cookies and lower-cased headers', async () => {
    // Prepare
    const headers: [string, string][] = [
      ['X-Custom-Header', 'first'],
      ['x-custom-header', 'second'],
      ['Cookie', 'a=1; b=2'],
      ['User-Agent', 'permit-test'],
    ];

    // Act
    const response = await rawRequest('/echo/%E9%84%82-42?q=1&q=2&lang=zh-CN&empty=', headers);
    const event = (await response.json()) as APIGatewayProxyEventV2;

    // Assess
    expect(response.status).toBe(200);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /echo/{id}',
      rawPath: '/echo/鄂-42',
      rawQueryString: 'q=1&q=2&lang=zh-CN&empty=',
      cookies: ['a=1', 'b=2'],
      queryStringParameters: { q: '1,2', lang: 'zh-CN', empty: '' },
      pathParameters: { id: '鄂-42' },
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        routeKey: 'GET /echo/{id}',
        stage: '$default',
        http: {
          method: 'GET',
          path: '/echo/鄂-42',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'permit-test',
        },
      },
    });
    expect(event.headers['x-custom-header']).toBe('first,second');
    expect(event.headers).not.toHaveProperty('cookie');
    expect(Object.keys(event.headers).every((h) => h === h.toLowerCase())).toBe(true);
    expect(event.headers['x-forwarded-proto']).toBe('http');
    expect(event.requestContext.requestId).toBe(response.headers.get('apigw-requestid'));
    expect(event.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(Math.abs(event.requestContext.timeEpoch - Date.now())).toBeLessThan(60_000);
    expect(event).not.toHaveProperty('body');
    expect(event.requestContext).not.toHaveProperty('authorizer');
  });

  test('omits query, cookies and path parameters when there are none', async () => {
    // Act
    const event = (await (await runtime.request('/echo/fixed')).json()) as APIGatewayProxyEventV2;

    // Assess
    expect(event.routeKey).toBe('GET /echo/fixed');
    expect(event.rawQueryString).toBe('');
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('cookies');
    expect(event).not.toHaveProperty('pathParameters');
  });

  test('prefers the literal route over the parameter route, and matches greedy {path+}', async () => {
    // Act
    const literal = (await (await runtime.request('/echo/fixed')).json()) as APIGatewayProxyEventV2;
    const greedy = (await (
      await runtime.request('/files/2026/11/%E8%AF%81%E4%B9%A6.pdf')
    ).json()) as APIGatewayProxyEventV2;

    // Assess
    expect(literal.routeKey).toBe('GET /echo/fixed');
    expect(greedy.routeKey).toBe('GET /files/{path+}');
    expect(greedy.pathParameters).toEqual({ path: '2026/11/证书.pdf' });
  });

  test('passes a JSON body as text', async () => {
    // Act
    const response = await runtime.request('/echo/7', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ 名称: '钢筋' }),
    });
    const event = (await response.json()) as APIGatewayProxyEventV2;

    // Assess
    expect(event.isBase64Encoded).toBe(false);
    expect(JSON.parse(event.body ?? '')).toEqual({ 名称: '钢筋' });
  });

  test('round-trips binary bytes: a PDF goes in base64-encoded and comes back as the same bytes', async () => {
    // Prepare: bytes that are not valid UTF-8, as in any real PDF.
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.7\n%'),
      Buffer.from([0xe2, 0xe3, 0xcf, 0xd3, 0x00, 0xff, 0x80]),
      Buffer.from('\n%%EOF\n'),
    ]);

    // Act
    const response = await runtime.request('/binary', {
      method: 'POST',
      headers: { 'content-type': 'application/pdf' },
      body: pdf,
    });
    const returned = Buffer.from(await response.arrayBuffer());

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(returned.equals(pdf)).toBe(true);
  });

  test('treats a body without content type as binary, like API Gateway', async () => {
    // Act
    const response = await rawRequest('/echo/1', [['content-length', '0']], 'POST');
    const event = (await response.json()) as APIGatewayProxyEventV2;
    const form = (await (
      await runtime.request('/echo/1', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'a=1',
      })
    ).json()) as APIGatewayProxyEventV2;

    // Assess
    expect(event).not.toHaveProperty('body');
    expect(form.isBase64Encoded).toBe(true);
    expect(Buffer.from(form.body ?? '', 'base64').toString()).toBe('a=1');
  });
});

describe('result mapping', () => {
  test('turns cookies into one Set-Cookie header each and stringifies header values', async () => {
    // Act
    const response = await runtime.request('/cookies');

    // Assess
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie()).toEqual(['session=abc; Path=/; HttpOnly', 'theme=dark']);
    expect(response.headers.get('x-count')).toBe('2');
  });

  test('answers a bare string or an object without statusCode as 200 JSON, like API Gateway', async () => {
    // Act
    const text = await runtime.request('/string');
    const object = await runtime.request('/object');

    // Assess
    expect(text.status).toBe(200);
    expect(text.headers.get('content-type')).toBe('application/json');
    expect(await text.text()).toBe('plain result');
    expect(object.status).toBe(200);
    expect(await object.json()).toEqual({ answer: 42 });
  });

  test('answers a malformed result with a 500', async () => {
    // Act
    const response = await runtime.request('/malformed');

    // Assess
    expect(response.status).toBe(500);
  });

  test('answers a throwing handler with a generic 500 problem and logs the cause, never leaking it', async () => {
    // Act
    const response = await runtime.request('/fail');
    const text = await response.text();

    // Assess
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(text)).toMatchObject({ status: 500, code: 'INTERNAL', message: 'Internal Server Error' });
    expect(text).not.toContain('hunter2');
    expect(
      logged.some(
        (l) => l.message === 'function failed' && String((l.fields?.error as Error)?.message) === SECRET_MESSAGE,
      ),
    ).toBe(true);
  });

  test('answers an unknown route or method with 404 ROUTE_NOT_FOUND', async () => {
    // Act
    const unknown = await runtime.request('/nowhere');
    const wrongMethod = await runtime.request('/string', { method: 'DELETE' });

    // Assess
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await unknown.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND', status: 404 });
    expect(wrongMethod.status).toBe(404);
  });

  test('answers a function that exceeds its timeout with a 500, as the cloud does', async () => {
    // Act
    const response = await runtime.request('/hang');

    // Assess
    expect(response.status).toBe(500);
    expect(logged.some((l) => l.message === 'function timed out' && l.fields?.function === 'hanging')).toBe(true);
  });

  test('refuses a request whose event would exceed Lambda’s 6 MB invocation limit with 413', async () => {
    // Prepare: under API Gateway’s 10 MB, but base64-encoded (binary) it no longer fits a Lambda event.
    const body = Buffer.alloc(5 * 1024 * 1024, 0x01);

    // Act
    const response = await runtime.request('/binary', {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body,
    });

    // Assess
    expect(response.status).toBe(413);
  });

  test('refuses a body over API Gateway’s 10 MB limit with 413', async () => {
    // Prepare
    const body = Buffer.alloc(10 * 1024 * 1024 + 1, 0x61);

    // Act
    const response = await runtime.request('/echo/big', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body,
    });

    // Assess
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ message: 'Request Entity Too Large' });
  });
});

/**
 * POST `size` bytes with node:http, 64 KiB at a time and honouring backpressure (as a real client streams a file),
 * with a `content-length` or chunked. Resolves once the whole request went out **and** the whole answer came back;
 * rejects on a broken connection (EPIPE, ECONNRESET) — what a client sees when the server closes while it sends.
 */
function postLarge(
  path: string,
  size: number,
  options: { chunked?: boolean; expectContinue?: boolean } = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  const url = new URL(path, runtime.baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.chunked ? {} : { 'content-length': String(size) }),
        ...(options.expectContinue ? { expect: '100-continue' } : {}),
      },
    });
    let sentAll = false;
    let answer: { status: number; headers: IncomingHttpHeaders; body: string } | undefined;
    const settle = () => {
      if (answer && (sentAll || options.expectContinue)) resolve(answer);
    };
    req.on('finish', () => {
      sentAll = true;
      settle();
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        answer = { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() };
        settle();
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = (): void => {
      while (sent < size) {
        const n = Math.min(chunk.length, size - sent);
        sent += n;
        if (!req.write(chunk.subarray(0, n))) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    if (options.expectContinue) req.on('continue', pump);
    else pump();
  });
}

describe('the 10 MB limit', () => {
  const TOO_LARGE = 10 * 1024 * 1024 + 1;

  test('a 10 MB JSON body sent with fetch gets its 413, every time', async () => {
    // Prepare: a JSON document one byte over the limit
    const padding = 'x'.repeat(TOO_LARGE - '{"pad":""}'.length);
    const body = `{"pad":"${padding}"}`;

    // Act
    const answers = [];
    for (let i = 0; i < 3; i++) {
      const res = await runtime.request('/echo/big', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      answers.push({ status: res.status, body: await res.json(), nosniff: res.headers.get('x-content-type-options') });
    }

    // Assess
    expect(Buffer.byteLength(body)).toBe(TOO_LARGE);
    for (const answer of answers) {
      expect(answer).toEqual({ status: 413, body: { message: 'Request Entity Too Large' }, nosniff: 'nosniff' });
    }
  });

  test.each([
    ['10 MB + 1 with a content-length', TOO_LARGE, {}],
    ['16 MB chunked', 16 * 1024 * 1024, { chunked: true }],
  ])(
    'a raw node:http client streaming %s receives the 413 instead of a broken connection',
    async (_case, size, options) => {
      // Act
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await postLarge('/echo/big', size, options));

      // Assess
      for (const answer of answers) {
        expect(answer.status).toBe(413);
        expect(JSON.parse(answer.body)).toEqual({ message: 'Request Entity Too Large' });
      }
    },
  );

  test('a client that asks `Expect: 100-continue` is told 413 before it sends the body', async () => {
    // Act
    const answer = await postLarge('/echo/big', TOO_LARGE, { expectContinue: true });

    // Assess
    expect(answer.status).toBe(413);
  });

  test('a body at the limit still reaches the function', async () => {
    // Act
    const answer = await postLarge('/echo/1', 1024 * 1024);

    // Assess
    expect(answer.status).toBe(200);
  });
});

describe('a repeated Authorization header', () => {
  test('is refused with 401, as API Gateway refuses the comma-joined value — whichever copy is valid', async () => {
    // Prepare
    const valid = `Bearer ${runtime.tokens.officer}`;

    // Act
    const single = await rawRequest('/secure-echo', [['Authorization', valid]]);
    const twiceValid = await rawRequest('/secure-echo', [
      ['Authorization', valid],
      ['Authorization', valid],
    ]);
    const validThenGarbage = await rawRequest('/secure-echo', [
      ['Authorization', valid],
      ['authorization', 'Bearer garbage'],
    ]);
    const garbageThenValid = await rawRequest('/secure-echo', [
      ['authorization', 'Bearer garbage'],
      ['Authorization', valid],
    ]);

    // Assess
    expect(single.status).toBe(200);
    for (const response of [twiceValid, validThenGarbage, garbageThenValid]) {
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: 'Unauthorized' });
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    }
  });
});

describe('responses the gateway writes itself', () => {
  test('a request head too large to parse gets 431 in API Gateway’s shape, with nosniff', async () => {
    // Prepare: a query string of 24 KiB — past node:http's 16 KiB header limit
    const query = '%E9%84%82'.repeat(2700);

    // Act
    const response = await runtime.request(`/echo/1?q=${query}`);

    // Assess
    expect(response.status).toBe(431);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.json()).toEqual({ message: 'Request Header Fields Too Large' });
  });

  test('carry x-content-type-options: nosniff (404, 401, 413, 500, 503 and the identity documents)', async () => {
    // Prepare: a second gateway that never mounts its handlers answers 503 while "starting"
    const starting = await startGateway({
      port: 0,
      registry: fixtureRegistry,
      authorizer: createJwtAuthorizer({ issuer: 'https://idp.invalid', audiences: ['x'], jwks: () => ({ keys: [] }) }),
      region: 'cn-north-1',
      accountId: '000000000000',
      log: recordingLog,
    });
    try {
      // Act
      const answers = {
        404: await runtime.request('/nowhere'),
        401: await runtime.request('/secure-echo'),
        413: await runtime.request('/binary', {
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream' },
          body: Buffer.alloc(5 * 1024 * 1024, 0x01),
        }),
        500: await runtime.request('/fail'),
        malformed: await runtime.request('/malformed'),
        503: await fetch(`${starting.baseUrl}/echo/1`),
        jwks: await runtime.request('/local-idp/.well-known/jwks.json'),
      };

      // Assess
      for (const [name, res] of Object.entries(answers)) {
        await res.arrayBuffer();
        expect([name, res.headers.get('x-content-type-options')]).toEqual([name, 'nosniff']);
      }
      expect([answers[404].status, answers[401].status, answers[413].status]).toEqual([404, 401, 413]);
      expect([answers[500].status, answers.malformed.status, answers[503].status]).toEqual([500, 500, 503]);
    } finally {
      await starting.close();
    }
  });
});
