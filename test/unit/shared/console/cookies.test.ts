/** The console's cookies: read from a payload-2.0 event, written scoped, HttpOnly, SameSite=Lax, Secure off loopback. */
import { describe, expect, test } from 'vitest';
import { readCookies, secureCookies, setCookie } from '../../../../lambdas/shared/console/cookies';
import type { HttpEvent } from '../../../../lambdas/shared/http';

describe('readCookies', () => {
  test('reads event.cookies (API Gateway) and a Cookie header, the first of a repeated name winning', () => {
    const fromGateway = readCookies({ cookies: ['permit_lang=en', 'permit_session=v1.a.b.c.d'] } as HttpEvent);
    expect(fromGateway.get('permit_lang')).toBe('en');
    expect(fromGateway.get('permit_session')).toBe('v1.a.b.c.d');
    const fromHeader = readCookies({ headers: { cookie: 'a=1; permit_text=large; a=2; junk; =x' } } as never);
    expect([...fromHeader]).toEqual([
      ['a', '1'],
      ['permit_text', 'large'],
    ]);
  });
});

describe('setCookie', () => {
  test('scopes to /console, HttpOnly, SameSite=Lax, Secure when asked, with a whole-second Max-Age', () => {
    expect(setCookie('permit_lang', 'en', { maxAgeSeconds: 10.7, secure: true })).toBe(
      'permit_lang=en; Path=/console; HttpOnly; SameSite=Lax; Secure; Max-Age=10',
    );
    expect(setCookie('permit_session', 'x', { secure: false })).toBe(
      'permit_session=x; Path=/console; HttpOnly; SameSite=Lax',
    );
    expect(setCookie('permit_text', '', { maxAgeSeconds: -5, secure: false })).toMatch(/Max-Age=0$/);
  });
});

describe('secureCookies', () => {
  test.each([
    ['http://127.0.0.1:3000', false],
    ['http://localhost:3000', false],
    ['http://127.1.2.3', false],
    ['http://[::1]:3000', false],
    ['https://127.0.0.1:3000', true],
    ['https://permit.example.gov.cn', true],
    ['http://permit.example.gov.cn', true],
  ])('%s → Secure %s', (base, secure) => {
    expect(secureCookies(base)).toBe(secure);
  });
});
