/** The console pipeline's pure parts: where sign-in may return to (no open redirect) and the reader's preferences. */
import { describe, expect, test } from 'vitest';
import { preferencesOf, safeNext, seeOther } from '../../../lambdas/shared/console-route';

describe('safeNext', () => {
  test.each([
    ['/console', '/console'],
    ['/console/', '/console/'],
    ['/console/licences', '/console/licences'],
    ['/console/applications?kind=new&x=1', '/console/applications?kind=new&x=1'],
    ['/console?lang=en', '/console?lang=en'],
    ['/console/licences/%28%E9%84%82%29XK13', '/console/licences/%28%E9%84%82%29XK13'],
    // a dot segment that stays under /console is resolved, as the browser would
    ['/console/a/../licences', '/console/licences'],
    // a page's redirect to one part of it keeps its fragment
    [
      '/console/applications/APP-20261205-AAAAAAAAAA#doc-test-report',
      '/console/applications/APP-20261205-AAAAAAAAAA#doc-test-report',
    ],
    // a fragment (the part of the page a redirect concerns) is kept
    [
      '/console/applications/APP-1?error=X&document=test-report#doc-test-report',
      '/console/applications/APP-1?error=X&document=test-report#doc-test-report',
    ],
    ['/console#main', '/console#main'],
  ])('keeps the console path %s', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });

  test.each([
    // nothing
    [undefined],
    [null],
    [''],
    // another host, by scheme or scheme-relative
    ['https://evil.example/console'],
    ['http://evil.example'],
    ['//evil.example'],
    ['//evil.example/console'],
    ['///evil.example'],
    ['/\\evil.example'],
    ['\\\\evil.example'],
    ['/console//evil.example'],
    ['/console/\\evil.example'],
    ['javascript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    // encoded variants
    ['%2F%2Fevil.example'],
    ['/%2F/evil.example'],
    ['/%5Cevil.example'],
    ['https%3A%2F%2Fevil.example'],
    // outside /console, plainly or once resolved
    ['/'],
    ['/v1/me/certificates'],
    ['/consoleevil'],
    ['/console.evil.example'],
    ['/console@evil.example'],
    ['console/licences'],
    ['/console/../v1/stats'],
    ['/console/%2e%2e/v1/stats'],
    ['/console/%2E%2E/%2E%2E/etc'],
    ['/console/..'],
    // whitespace and control characters (a split header, a browser stripping tabs into `//`)
    ['/console\r\nSet-Cookie: a=b'],
    ['/console/\t/evil.example'],
    ['/console/ x'],
    ['/console/许可证'],
  ])('refuses %j and goes to the console’s start', (next) => {
    expect(safeNext(next)).toBe('/console');
  });
});

describe('preferencesOf', () => {
  test('reads the language and large-text cookies, Chinese and normal text by default', () => {
    expect(preferencesOf(new Map())).toEqual({ lang: 'zh-CN', largeText: false });
    expect(preferencesOf(new Map([['permit_lang', 'en']]))).toEqual({ lang: 'en', largeText: false });
    expect(preferencesOf(new Map([['permit_text', 'large']]))).toEqual({ lang: 'zh-CN', largeText: true });
    expect(preferencesOf(new Map([['permit_lang', 'fr']]))).toEqual({ lang: 'zh-CN', largeText: false });
  });
});

describe('seeOther', () => {
  test('is a 303 that is not cached, with its cookies', () => {
    expect(seeOther('/console/licences', ['a=b'])).toEqual({
      statusCode: 303,
      headers: { location: '/console/licences', 'cache-control': 'no-store' },
      cookies: ['a=b'],
    });
  });
});
