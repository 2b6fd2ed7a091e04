/**
 * The handler pipeline against events as the local gateway builds them (the same builder the runtime uses), so the
 * unit tests exercise the cloud event shape, not a hand-written approximation.
 */
import type { Context } from 'aws-lambda';
import { describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import { defineRoute } from '../../../lambdas/contracts/route';
import { PermitError, UnauthenticatedError } from '../../../lambdas/domain/errors';
import { errorToResponse, httpRoute, json, parseRequest } from '../../../lambdas/shared/http';
import { logger } from '../../../lambdas/shared/logger';
import { buildHttpApiEvent } from '../../../lib/local/http-event';
import { flattenClaims } from '../../../lib/local/jwt-authorizer';

const upload = defineRoute({
  operationId: 'upload',
  method: 'PUT',
  path: '/v1/documents/{id}',
  summary: 'Upload',
  tags: ['t'],
  access: ['enterprise'],
  request: {
    params: z.object({ id: z.string().min(1) }),
    body: z.instanceof(Buffer),
    bodyContentTypes: ['application/pdf'],
    maxBodyBytes: 16,
  },
  responses: { 200: { description: 'ok' } },
});

const create = defineRoute({
  operationId: 'create',
  method: 'POST',
  path: '/v1/things',
  summary: 'Create',
  tags: ['t'],
  access: 'public',
  request: { body: z.object({ name: z.string() }) },
  responses: { 200: { description: 'ok' } },
});

function event(options: {
  path: string;
  contentType?: string;
  body?: Buffer;
  groups?: string[];
  params?: Record<string, string>;
}) {
  return buildHttpApiEvent(
    {
      method: 'PUT',
      url: options.path,
      rawHeaders: options.contentType ? ['Content-Type', options.contentType] : [],
      body: options.body ?? Buffer.alloc(0),
      sourceIp: '127.0.0.1',
      localPort: 3000,
      httpVersion: '1.1',
    },
    { routeKey: 'PUT /v1/documents/{id}', pathParameters: options.params ?? {} },
    {
      requestId: 'r',
      now: new Date(),
      accountId: '000000000000',
      apiId: 'local',
      ...(options.groups
        ? { authorizer: { claims: flattenClaims({ sub: 'u', 'cognito:groups': options.groups }), scopes: null } }
        : {}),
    },
  );
}

const kindOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as PermitError).code;
  }
};

describe('parseRequest', () => {
  test('delivers a binary body as the original bytes', () => {
    // Prepare
    const pdf = Buffer.from([0x25, 0x50, 0x44, 0x46, 0xff, 0x00]);

    // Act
    const parsed = parseRequest(
      upload,
      event({
        path: '/v1/documents/d1',
        contentType: 'application/pdf',
        body: pdf,
        groups: ['enterprise'],
        params: { id: 'd1' },
      }),
      'c',
    );

    // Assess
    expect(Buffer.isBuffer(parsed.body) && parsed.body.equals(pdf)).toBe(true);
    expect(parsed.params).toEqual({ id: 'd1' });
    expect(parsed.identity?.roles).toEqual(['enterprise']);
  });

  test.each([
    ['no identity', { groups: undefined }, 'UNAUTHENTICATED'],
    ['wrong role', { groups: ['officer'] }, 'FORBIDDEN'],
    ['wrong content type', { groups: ['enterprise'], contentType: 'image/png' }, 'UNSUPPORTED_MEDIA_TYPE'],
    ['too large', { groups: ['enterprise'], body: Buffer.alloc(17) }, 'PAYLOAD_TOO_LARGE'],
    ['no body', { groups: ['enterprise'], body: Buffer.alloc(0) }, 'BODY_REQUIRED'],
  ])('refuses %s', (_case, overrides, code) => {
    // Prepare
    const e = event({
      path: '/v1/documents/d1',
      contentType: 'application/pdf',
      body: Buffer.from('%PDF'),
      params: { id: 'd1' },
      ...overrides,
    } as Parameters<typeof event>[0]);

    // Act + Assess
    expect(kindOf(() => parseRequest(upload, e, 'c'))).toBe(code);
  });

  test('refuses malformed JSON and schema violations with 400 codes', () => {
    const bad = event({ path: '/v1/things', contentType: 'application/json', body: Buffer.from('{') });
    const wrong = event({ path: '/v1/things', contentType: 'application/json', body: Buffer.from('{"name":1}') });
    expect(kindOf(() => parseRequest(create, bad, 'c'))).toBe('MALFORMED_JSON');
    expect(kindOf(() => parseRequest(create, wrong, 'c'))).toBe('INVALID_REQUEST');
  });
});

describe('errorToResponse', () => {
  test('exposes 4xx messages and hides anything unexpected, logging it instead', () => {
    // Prepare
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => {});

    // Act
    const forbidden = errorToResponse(new PermitError('FORBIDDEN', 'not yours'), 'c-1');
    const crash = errorToResponse(new Error('db password is hunter2'), 'c-2');

    // Assess
    expect(forbidden.statusCode).toBe(403);
    expect(JSON.parse(forbidden.body ?? '')).toMatchObject({
      code: 'FORBIDDEN',
      detail: 'not yours',
      correlationId: 'c-1',
    });
    expect(crash.statusCode).toBe(500);
    expect(crash.body).not.toContain('hunter2');
    expect(crash.headers?.['content-type']).toMatch(/^application\/problem\+json/);
    expect(logged).toHaveBeenCalledWith('unhandled error', expect.objectContaining({ correlationId: 'c-2' }));
    logged.mockRestore();
  });
});

describe('httpRoute', () => {
  test('answers with the handler result and echoes the correlation id', async () => {
    // Prepare
    const handler = httpRoute(create, async ({ body }) => json(200, { hello: body.name }));
    const e = event({ path: '/v1/things', contentType: 'application/json', body: Buffer.from('{"name":"鄂"}') });
    e.headers['x-correlation-id'] = 'trace-123';

    // Act
    const result = await handler(e, { awsRequestId: 'aws-1' } as Context);

    // Assess
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body ?? '')).toEqual({ hello: '鄂' });
    expect(result.headers?.['x-correlation-id']).toBe('trace-123');
  });
});

describe('a signed route', () => {
  const webhook = defineRoute({
    operationId: 'webhook',
    method: 'POST',
    path: '/v1/hooks',
    summary: 'Webhook',
    tags: ['t'],
    access: 'signed',
    request: { body: z.object({ orderId: z.string().regex(/^DSP-\d{11}$/), status: z.enum(['A', 'B']) }) },
    responses: { 200: { description: 'ok' } },
  });
  const handler = httpRoute(webhook, async ({ body }) => json(200, { got: body.orderId }), {
    authenticate: async ({ event, rawBody }) => {
      if (event.headers['x-signature'] !== `sig:${rawBody?.length ?? 0}`) {
        throw new UnauthenticatedError('SIGNATURE_INVALID', 'the signature does not match');
      }
    },
  });
  const call = (body: string, signed: boolean) => {
    const e = event({ path: '/v1/hooks', contentType: 'application/json', body: Buffer.from(body) });
    if (signed) e.headers['x-signature'] = `sig:${Buffer.byteLength(body)}`;
    return handler(e, { awsRequestId: 'aws-1' } as Context);
  };

  test.each([
    ['a schema violation', '{"orderId":"x","status":"C"}'],
    ['malformed JSON', '{'],
    ['an empty body', ''],
  ])('checks the signature before the body: unsigned %s is 401 and names no field', async (_case, body) => {
    // Act
    const result = await call(body, false);

    // Assess
    expect(result.statusCode).toBe(401);
    expect(JSON.parse(result.body ?? '')).toMatchObject({ code: 'SIGNATURE_INVALID' });
    expect(result.body).not.toMatch(/orderId|body\.|"errors"|JSON/);
  });

  test('validates the body of a signed request as strictly as any other route', async () => {
    // Act
    const invalid = await call('{"orderId":"x","status":"C"}', true);
    const valid = await call('{"orderId":"DSP-20260000001","status":"A"}', true);

    // Assess
    expect(invalid.statusCode).toBe(400);
    expect(JSON.parse(invalid.body ?? '').errors.map((e: { field: string }) => e.field)).toEqual([
      'body.orderId',
      'body.status',
    ]);
    expect(valid.statusCode).toBe(200);
  });

  test('cannot be built without an authenticator', () => {
    // @ts-expect-error the types require the authenticator too
    expect(() => httpRoute(webhook, async () => json(200, {}))).toThrow(/signed route but names no authenticator/);
  });
});
