import { describe, expect, test } from 'vitest';
import {
  apiGatewayTime,
  buildHttpApiEvent,
  collectHeaders,
  collectQuery,
  decodeRequestPath,
  eventSizeBound,
  type IncomingRequestParts,
  isTextContentType,
  newRequestId,
} from '../../../../lib/local/http-event';

const request = (overrides: Partial<IncomingRequestParts> = {}): IncomingRequestParts => ({
  method: 'POST',
  url: '/v1/things/%E9%84%82?b=2&a=1&a=3',
  rawHeaders: ['Host', '127.0.0.1:3000', 'Content-Type', 'application/json', 'User-Agent', 'ua'],
  body: Buffer.from('{"x":1}'),
  sourceIp: '127.0.0.1',
  localPort: 3000,
  httpVersion: '1.1',
  ...overrides,
});

const context = {
  requestId: 'req-1',
  now: new Date('2026-11-27T08:00:00.123Z'),
  accountId: '000000000000',
  apiId: 'local',
};

describe('collectHeaders', () => {
  test('lower-cases names, joins repeats with commas and moves cookies out', () => {
    // Act
    const { headers, cookies } = collectHeaders(['X-A', '1', 'x-a', '2', 'Cookie', 'a=1; b=2', 'cookie', 'c=3']);

    // Assess
    expect(headers).toEqual({ 'x-a': '1,2' });
    expect(cookies).toEqual(['a=1', 'b=2', 'c=3']);
  });
});

describe('collectQuery', () => {
  test('joins repeated parameters with commas; none → undefined', () => {
    expect(collectQuery('a=1&b=x%20y&a=2')).toEqual({ a: '1,2', b: 'x y' });
    expect(collectQuery('')).toBeUndefined();
  });
});

describe('isTextContentType', () => {
  test.each([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['text/html', true],
    ['application/xml', true],
    ['application/javascript', true],
    ['application/pdf', false],
    ['application/x-www-form-urlencoded', false],
    ['multipart/form-data; boundary=x', false],
    [undefined, false],
  ])('%s → %s', (type, expected) => {
    expect(isTextContentType(type)).toBe(expected);
  });
});

describe('decodeRequestPath (what HTTP APIs hand on as rawPath and route on)', () => {
  test('decodes every escape exactly once', () => {
    expect(decodeRequestPath('/v1/certificates/%28%E9%84%82%29XK06-001-00001')).toBe(
      '/v1/certificates/(鄂)XK06-001-00001',
    );
    expect(decodeRequestPath('/capture/space%20value')).toBe('/capture/space value');
    expect(decodeRequestPath('/v1/certificates/%2528%E9%84%82%2529XK06')).toBe('/v1/certificates/%28鄂%29XK06');
    expect(decodeRequestPath('/capture/slash%2Fvalue')).toBe('/capture/slash/value');
  });

  test('a decoded ? ends the path; a path that cannot be decoded is refused (undefined → 400)', () => {
    expect(decodeRequestPath('/capture/question%3Fvalue')).toBe('/capture/question');
    expect(decodeRequestPath('/v1/certificates/%E0%A4%A')).toBeUndefined();
    expect(decodeRequestPath('/v1/certificates/%zz')).toBeUndefined();
    expect(decodeRequestPath('/v1/certificates/%C3')).toBeUndefined(); // not UTF-8
  });
});

describe('buildHttpApiEvent', () => {
  test('builds the payload 2.0 shape', () => {
    // Act
    const event = buildHttpApiEvent(
      request(),
      { routeKey: 'POST /v1/things/{id}', pathParameters: { id: '鄂' } },
      context,
    );

    // Assess
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /v1/things/{id}',
      rawPath: '/v1/things/鄂',
      rawQueryString: 'b=2&a=1&a=3',
      queryStringParameters: { a: '1,3', b: '2' },
      pathParameters: { id: '鄂' },
      body: '{"x":1}',
      isBase64Encoded: false,
      requestContext: {
        domainName: '127.0.0.1:3000',
        requestId: 'req-1',
        stage: '$default',
        time: '27/Nov/2026:08:00:00 +0000',
        timeEpoch: Date.parse('2026-11-27T08:00:00.123Z'),
        http: { method: 'POST', path: '/v1/things/鄂', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'ua' },
      },
    });
    expect(event.headers).toMatchObject({
      'content-type': 'application/json',
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-port': '3000',
    });
    expect(event.headers['x-amzn-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  });

  test('base64-encodes a binary body', () => {
    // Prepare
    const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]);

    // Act
    const event = buildHttpApiEvent(
      request({ rawHeaders: ['Content-Type', 'application/pdf'], body: bytes }),
      { routeKey: 'POST /x', pathParameters: {} },
      context,
    );

    // Assess
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? '', 'base64').equals(bytes)).toBe(true);
  });

  test('adds the authorizer block only when given', () => {
    // Act
    const open = buildHttpApiEvent(request(), { routeKey: 'POST /x', pathParameters: {} }, context);
    const closed = buildHttpApiEvent(
      request(),
      { routeKey: 'POST /x', pathParameters: {} },
      {
        ...context,
        authorizer: { claims: { sub: 'u' }, scopes: null },
      },
    );

    // Assess
    expect(open.requestContext).not.toHaveProperty('authorizer');
    expect((closed.requestContext as unknown as { authorizer: unknown }).authorizer).toEqual({
      jwt: { claims: { sub: 'u' }, scopes: null },
    });
  });

  test('formats requestContext.time like API Gateway', () => {
    expect(apiGatewayTime(new Date('2026-01-05T01:02:03Z'))).toBe('05/Jan/2026:01:02:03 +0000');
  });
});

describe('eventSizeBound (spares measuring an event that cannot be near the 6 MB limit)', () => {
  const size = (parts: IncomingRequestParts, pathParameters: Record<string, string>) =>
    Buffer.byteLength(
      JSON.stringify(buildHttpApiEvent(parts, { routeKey: 'POST /v/{payload+}', pathParameters }, context)),
    );

  test.each([
    ['an ordinary request', request(), {}],
    [
      'escapes that decode to control characters, in the path, its parameter and the query',
      request({ url: `/v/${'%01'.repeat(500)}?q=${'%01'.repeat(500)}` }),
      { payload: '\u0001'.repeat(500) },
    ],
    [
      'control characters and quotes in the host, the user agent and a cookie',
      request({
        rawHeaders: [
          'Host',
          '\u0001"'.repeat(300),
          'User-Agent',
          '\u0002'.repeat(300),
          'Cookie',
          'a=\u0003;'.repeat(100),
        ],
      }),
      {},
    ],
    [
      'a text body of control characters',
      request({ rawHeaders: ['Content-Type', 'text/plain'], body: Buffer.alloc(10_000, 1) }),
      {},
    ],
    [
      'a binary body (base64)',
      request({ rawHeaders: ['Content-Type', 'application/pdf'], body: Buffer.alloc(10_000, 0xff) }),
      {},
    ],
  ])('is never below the real size: %s', (_name, parts, params) => {
    // Act
    const bound = eventSizeBound(parts.url, parts.rawHeaders, parts.body);

    // Assess
    expect(bound).toBeGreaterThanOrEqual(size(parts, params));
  });
});

describe('newRequestId', () => {
  test('is 11 random bytes in base64, different every time across pool refills', () => {
    // Act
    const ids = Array.from({ length: 1000 }, () => newRequestId());

    // Assess
    for (const id of ids) expect(Buffer.from(id, 'base64')).toHaveLength(11);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
