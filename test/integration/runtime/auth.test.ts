/**
 * The local JWT authorizer behaves like the cloud's: 401 `{"message":"Unauthorized"}` for a missing, expired,
 * wrong-issuer, wrong-audience or badly signed token; valid claims reach the handler flattened to strings; the
 * handler pipeline (not the gateway) answers 403 for a wrong role; public routes ignore tokens.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_ENTERPRISE } from '../../../lib/local/demo-users';
import { LocalIdentityProvider } from '../../../lib/local/identity';
import { fixtureRegistry } from '../../support/fixtures/registry';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;
let otherKeyDir: string;

beforeAll(async () => {
  runtime = await startTestRuntime({ registry: fixtureRegistry, pollers: false, schedules: false });
  otherKeyDir = mkdtempSync(join(tmpdir(), 'permit-other-idp-'));
});

afterAll(async () => {
  await runtime?.stop();
  rmSync(otherKeyDir, { recursive: true, force: true });
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('401 from the authorizer', () => {
  test.each([
    ['missing', async () => ({})],
    ['empty bearer', async () => ({ authorization: 'Bearer ' })],
    ['garbage', async () => bearer('not.a.jwt')],
    ['expired', async () => bearer(await runtime.mintToken({ roles: ['officer'], ttlSeconds: -60 }))],
    [
      'not yet valid',
      async () => bearer(await runtime.mintToken({ roles: ['officer'], notBefore: new Date(Date.now() + 3_600_000) })),
    ],
    [
      'wrong issuer',
      async () => bearer(await runtime.mintToken({ roles: ['officer'], issuer: 'https://evil.example' })),
    ],
    ['wrong audience', async () => bearer(await runtime.mintToken({ roles: ['officer'], audience: 'another-client' }))],
    [
      'signed by another key',
      async () => bearer(await (await LocalIdentityProvider.open(otherKeyDir)).mint({ roles: ['officer'] })),
    ],
    [
      'tampered payload',
      async () => {
        const [header, , signature] = runtime.tokens.enterprise.split('.');
        const payload = Buffer.from(JSON.stringify({ sub: 'x', 'cognito:groups': ['officer'] })).toString('base64url');
        return bearer(`${header}.${payload}.${signature}`);
      },
    ],
  ])('%s token → 401 Unauthorized', async (_case, headers) => {
    // Prepare
    const requestHeaders = await headers();

    // Act
    const response = await runtime.request('/staff/1', { headers: requestHeaders });

    // Assess
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: 'Unauthorized' });
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });
});

describe('valid tokens', () => {
  test('present claims to the handler as API Gateway does: strings, arrays flattened', async () => {
    // Prepare
    const token = await runtime.mintToken({ roles: ['officer', 'admin'], name: '张三' });

    // Act
    const response = await runtime.request('/staff/1', { headers: bearer(token) });
    const body = (await response.json()) as {
      identity: { roles: string[]; name: string };
      claims: { claims: Record<string, unknown>; scopes: unknown };
    };

    // Assess
    expect(response.status).toBe(200);
    expect(body.identity).toMatchObject({ roles: ['officer', 'admin'], name: '张三' });
    expect(body.claims.scopes).toBeNull();
    expect(body.claims.claims['cognito:groups']).toBe('[officer admin]');
    expect(body.claims.claims.token_use).toBe('id');
    expect(typeof body.claims.claims.exp).toBe('string');
    expect(Object.values(body.claims.claims).every((v) => typeof v === 'string')).toBe(true);
  });

  test('accept the token without the Bearer prefix, as API Gateway does', async () => {
    // Act
    const response = await runtime.request('/secure-echo', { headers: { authorization: runtime.tokens.officer } });

    // Assess
    expect(response.status).toBe(200);
  });

  test('carry the enterprise USCC to the handler', async () => {
    // Act
    const response = await runtime.request('/secure-echo', { as: 'officer' });
    const event = (await response.json()) as APIGatewayProxyEventV2 & {
      requestContext: { authorizer: { jwt: { claims: Record<string, string> } } };
    };
    const enterprise = await runtime.request('/staff/1', { as: 'enterprise' });

    // Assess
    expect(event.requestContext.authorizer.jwt.claims['cognito:groups']).toBe('[officer]');
    expect(enterprise.status).toBe(403);
    expect(DEMO_ENTERPRISE.uscc).toHaveLength(18);
  });
});

describe('roles and public routes', () => {
  test('a valid token without the route’s role passes the authorizer and gets 403 from the handler', async () => {
    // Act
    const response = await runtime.request('/staff/1', { as: 'reviewer' });

    // Assess
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ code: 'FORBIDDEN', status: 403 });
  });

  test('a public route ignores any token, valid or not', async () => {
    // Act
    const response = await runtime.request('/echo/1', { headers: bearer('garbage') });
    const event = (await response.json()) as APIGatewayProxyEventV2;

    // Assess
    expect(response.status).toBe(200);
    expect(event.requestContext).not.toHaveProperty('authorizer');
    expect(event.headers.authorization).toBe('Bearer garbage');
  });

  test('the gateway serves the identity provider’s JWKS', async () => {
    // Act
    const response = await runtime.request('/local-idp/.well-known/jwks.json');
    const jwks = (await response.json()) as { keys: { kid: string; alg: string; d?: string }[] };

    // Assess
    expect(response.status).toBe(200);
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kid: runtime.identity.kid, alg: 'RS256' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });
});
