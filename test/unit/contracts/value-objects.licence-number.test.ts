/**
 * The route contracts parse a licence number once, at the edge: a path parameter or an application's body field
 * becomes the `LicenceNumber` value object (printed, URL-safe or full-width form), and a malformed one is the domain's
 * own 400 — its code and message, the detail under the request field's name — exactly as the handlers answered when
 * they parsed it themselves. The OpenAPI document describes the text: a string with its bounds and the canonical
 * pattern, every match of which parses.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fileApplicationRoute } from '../../../lambdas/contracts/applications';
import { getCertificateRoute, LicenceNoParam } from '../../../lambdas/contracts/certificates';
import { isConsoleRoute, type RouteContract } from '../../../lambdas/contracts/route';
import { isPermitError, type PermitError } from '../../../lambdas/domain/errors';
import { LICENCE_NUMBER_PATTERN, LicenceNumber } from '../../../lambdas/domain/licence-number';
import { allRoutes } from '../../../lambdas/functions';
import { parseRequest } from '../../../lambdas/shared/http';
import { buildOpenApi } from '../../../lambdas/shared/openapi';
import { buildHttpApiEvent } from '../../../lib/local/http-event';
import { flattenClaims } from '../../../lib/local/jwt-authorizer';

function request(route: RouteContract, options: { params?: Record<string, string>; body?: unknown }) {
  return buildHttpApiEvent(
    {
      method: route.method,
      url: '/v1/x',
      rawHeaders: options.body === undefined ? [] : ['Content-Type', 'application/json'],
      body: options.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(options.body)),
      sourceIp: '127.0.0.1',
      localPort: 3000,
      httpVersion: '1.1',
    },
    { routeKey: `${route.method} ${route.path}`, pathParameters: options.params ?? {} },
    {
      requestId: 'r',
      now: new Date(0),
      accountId: '000000000000',
      apiId: 'local',
      authorizer: {
        claims: flattenClaims({ sub: 'u', 'cognito:groups': ['officer', 'enterprise'], 'custom:uscc': 'x' }),
        scopes: null,
      },
    },
  );
}

/** What a call throws (a PermitError), as the problem answer shows it. */
function refusal(attempt: () => unknown) {
  try {
    attempt();
  } catch (error) {
    if (!isPermitError(error)) throw error;
    return { code: error.code, kind: error.kind, message: error.message, issues: error.details.issues };
  }
  throw new Error('expected a refusal');
}

/** How the domain itself refuses the text under a field name (what the handlers answered when they parsed it). */
const domainRefusal = (text: string, field: string) =>
  refusal(() => LicenceNumber.parse(text, field)) as ReturnType<typeof refusal> & Pick<PermitError, 'code'>;

describe('a licence number in the path', () => {
  test.each([
    ['printed', '(鄂)XK06-001-00001'],
    ['URL-safe', '42-XK06-001-00001'],
    ['full-width, as an IME types it', '（鄂）ＸＫ０６－００１－００００１'],
    ['URL-safe, lower case', '42-xk06-001-00001'],
  ])('%s: becomes the value object', (_, text) => {
    // Act
    const { params } = parseRequest(
      getCertificateRoute,
      request(getCertificateRoute, { params: { licenceNo: text } }),
      'c',
    );

    // Assess
    expect(params.licenceNo).toBeInstanceOf(LicenceNumber);
    expect(params.licenceNo.toString()).toBe('(鄂)XK06-001-00001');
  });

  test.each([
    '%28鄂%29XK06-001-00001', // decoded once only: an encoded bracket is not a bracket
    'XK06-001-00001', // nationally issued
    '(京X)XK06-001-00001',
    '99-XK06-001-00001',
    '(鄂)XK00-001-00001',
    '(鄂)XK06-000-00001',
    '(鄂)XK06-001-00000',
    '(鄂)XK06-001-0001x',
  ])('%s: the domain’s own code and message, naming path.licenceNo', (text) => {
    // Act
    const refused = refusal(() =>
      parseRequest(getCertificateRoute, request(getCertificateRoute, { params: { licenceNo: text } }), 'c'),
    );

    // Assess
    expect(refused.code).toMatch(/^LICENCE_NUMBER_/);
    expect(refused).toEqual(domainRefusal(text, 'path.licenceNo'));
  });

  test('text too short or too long for any form is the contract’s INVALID_REQUEST, as before', () => {
    for (const text of ['(鄂)XK', 'x'.repeat(41)]) {
      const refused = refusal(() =>
        parseRequest(getCertificateRoute, request(getCertificateRoute, { params: { licenceNo: text } }), 'c'),
      );
      expect(refused).toMatchObject({ code: 'INVALID_REQUEST', message: 'invalid path' });
      expect(refused.issues?.map((i) => i.field)).toEqual(['path.licenceNo']);
    }
  });
});

describe('a licence number in an application', () => {
  test('becomes the value object', () => {
    // Act
    const { body } = parseRequest(
      fileApplicationRoute,
      request(fileApplicationRoute, { body: { kind: 'renew', licenceNo: '42-XK06-001-00001' } }),
      'c',
    );

    // Assess
    expect(body.kind === 'renew' && body.licenceNo.equals(LicenceNumber.parse('(鄂)XK06-001-00001'))).toBe(true);
  });

  test('a malformed one: the domain’s own code and message, naming body.licenceNo', () => {
    // Act
    const refused = refusal(() =>
      parseRequest(
        fileApplicationRoute,
        request(fileApplicationRoute, { body: { kind: 'cancel', licenceNo: '(鄂)XK06-001-00000', reason: '停产' } }),
        'c',
      ),
    );

    // Assess
    expect(refused).toEqual(domainRefusal('(鄂)XK06-001-00000', 'body.licenceNo'));
    expect(refused.code).toBe('LICENCE_NUMBER_SERIAL');
  });
});

describe('the OpenAPI document', () => {
  const document = buildOpenApi(
    allRoutes().filter((r) => !isConsoleRoute(r)),
    { title: 'Permit API', version: 'test' },
  ) as {
    paths: Record<
      string,
      Record<string, { parameters: { name: string; in: string; schema: Record<string, unknown> }[] }>
    >;
  };

  test('describes the path parameter as text: a string, its bounds and the canonical pattern', () => {
    // Act
    const parameter = document.paths['/v1/certificates/{licenceNo}']?.get?.parameters.find(
      (p) => p.name === 'licenceNo',
    );

    // Assess
    expect(parameter?.in).toBe('path');
    expect(parameter?.schema).toMatchObject({
      type: 'string',
      minLength: 10,
      maxLength: 40,
      pattern: LICENCE_NUMBER_PATTERN,
    });
    expect(String(parameter?.schema.description)).toContain('42-XK06-001-00001');
  });

  test('every text the pattern admits is a licence number the contract parses', () => {
    fc.assert(
      fc.property(fc.stringMatching(new RegExp(LICENCE_NUMBER_PATTERN, 'u')), (text) => {
        const parsed = LicenceNoParam.safeParse(text);
        expect(parsed.success && parsed.data.toString()).toBe(LicenceNumber.parse(text).toString());
      }),
      { numRuns: 500 },
    );
    const pattern = new RegExp(LICENCE_NUMBER_PATTERN, 'u');
    expect(['(鄂)XK06-001-00001', '42-XK06-001-00001'].every((t) => pattern.test(t))).toBe(true);
    expect(['(鄂)XK00-001-00001', '99-XK06-001-00001', '(鄂)XK06-001-00000'].some((t) => pattern.test(t))).toBe(false);
  });
});
