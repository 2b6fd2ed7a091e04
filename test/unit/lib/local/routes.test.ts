import { describe, expect, test } from 'vitest';
import { decodeRequestPath } from '../../../../lib/local/http-event';
import { compileTemplate, RouteTable } from '../../../../lib/local/routes';

const table = new RouteTable([
  { method: 'GET', path: '/v1/certificates/{licenceNo}', value: 'get' },
  { method: 'GET', path: '/v1/certificates/search', value: 'search' },
  { method: 'GET', path: '/v1/certificates/{licenceNo}/pdf', value: 'pdf' },
  { method: 'GET', path: '/files/{key+}', value: 'files' },
  { method: 'POST', path: '/v1/certificates', value: 'issue' },
  { method: 'GET', path: '/', value: 'root' },
]);

describe('RouteTable', () => {
  test('matches a parameter of the decoded path', () => {
    // Act
    const match = table.match('GET', decodeRequestPath('/v1/certificates/%28%E9%84%82%29XK13-001-00001') ?? '');

    // Assess
    expect(match).toEqual({
      value: 'get',
      routeKey: 'GET /v1/certificates/{licenceNo}',
      params: { licenceNo: '(鄂)XK13-001-00001' },
    });
  });

  test('never decodes a parameter again: a decoded %28 stays %28, a decoded %2F separates segments', () => {
    // Act
    const doubleEncoded = table.match('GET', decodeRequestPath('/v1/certificates/%2528%E9%84%82%2529XK13') ?? '');
    const encodedSlash = table.match('GET', decodeRequestPath('/v1/certificates/X%2Fpdf') ?? '');

    // Assess
    expect(doubleEncoded?.params).toEqual({ licenceNo: '%28鄂%29XK13' });
    expect(encodedSlash?.value).toBe('pdf');
  });

  test('prefers a literal segment over a parameter, as API Gateway does', () => {
    expect(table.match('GET', '/v1/certificates/search')?.value).toBe('search');
  });

  test('matches deeper templates exactly, and the method too', () => {
    expect(table.match('GET', '/v1/certificates/X/pdf')?.params).toEqual({ licenceNo: 'X' });
    expect(table.match('POST', '/v1/certificates')?.value).toBe('issue');
    expect(table.match('get', '/v1/certificates/X')?.value).toBe('get');
    expect(table.match('DELETE', '/v1/certificates/X')).toBeUndefined();
  });

  test('greedy {key+} takes one or more segments', () => {
    expect(table.match('GET', '/files/a/b/c.pdf')?.params).toEqual({ key: 'a/b/c.pdf' });
    expect(table.match('GET', '/files/')).toBeUndefined();
    expect(table.match('GET', '/files')).toBeUndefined();
  });

  test('does not match extra, missing or empty segments', () => {
    expect(table.match('GET', '/v1/certificates/X/pdf/more')).toBeUndefined();
    expect(table.match('GET', '/v1/certificates/')).toBeUndefined();
    expect(table.match('GET', '/v1')).toBeUndefined();
  });

  test('ANY takes every method, but a more specific path or a route naming the method comes first', () => {
    // Prepare
    const withAny = new RouteTable([
      { method: 'GET', path: '/console/licences', value: 'licences' },
      { method: 'GET', path: '/console/licences/{licenceNo}', value: 'licence' },
      { method: 'ANY', path: '/console/{proxy+}', value: 'not-found' },
      { method: 'GET', path: '/files/{key+}', value: 'files' },
      { method: 'ANY', path: '/files/{key+}', value: 'files-any' },
    ]);
    // Act, Assess
    expect(withAny.match('GET', '/console/licences')?.value).toBe('licences');
    expect(withAny.match('GET', '/console/licences/X')?.value).toBe('licence');
    expect(withAny.match('POST', '/console/licences')?.routeKey).toBe('ANY /console/{proxy+}');
    expect(withAny.match('DELETE', '/console/licences/X/more')?.params).toEqual({ proxy: 'licences/X/more' });
    expect(withAny.match('GET', '/console/nope')?.value).toBe('not-found');
    expect(withAny.match('GET', '/files/a/b')?.value).toBe('files');
    expect(withAny.match('PUT', '/files/a/b')?.value).toBe('files-any');
    expect(withAny.match('GET', '/console')).toBeUndefined();
  });

  test('a route opening with a parameter competes with the literal routes of every first segment', () => {
    // Prepare
    const open = new RouteTable([
      { method: 'GET', path: '/{tenant}/licences', value: 'tenant-licences' },
      { method: 'GET', path: '/v/{payload+}', value: 'verify' },
      { method: 'GET', path: '/{any+}', value: 'fallback' },
    ]);
    // Act, Assess
    expect(open.match('GET', '/v/licences')?.value).toBe('verify');
    expect(open.match('GET', '/acme/licences')?.value).toBe('tenant-licences');
    expect(open.match('GET', '/v')?.value).toBe('fallback');
    expect(open.match('GET', '/elsewhere/x/y')?.params).toEqual({ any: 'elsewhere/x/y' });
  });

  test('matches the root path', () => {
    expect(table.match('GET', '/')?.value).toBe('root');
  });

  test('refuses duplicate route keys and malformed templates', () => {
    expect(
      () =>
        new RouteTable([
          { method: 'GET', path: '/a', value: 1 },
          { method: 'GET', path: '/a', value: 2 },
        ]),
    ).toThrow(/duplicate route GET \/a/);
    expect(() => compileTemplate('/a/{b+}/c')).toThrow(/must be last/);
    expect(() => compileTemplate('/a/x{b}')).toThrow(/malformed/);
    expect(() => compileTemplate('a')).toThrow(/must start/);
  });
});
