/** The console's response finishing: the encoding chosen by `Accept-Encoding`, compression, and the security headers. */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { chooseEncoding, consoleCsp, finishConsoleResponse } from '../../../../lambdas/shared/console/response';
import type { HttpEvent } from '../../../../lambdas/shared/http';

describe('chooseEncoding', () => {
  test.each([
    [undefined, undefined],
    ['', undefined],
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['GZIP, BR', 'br'],
    ['deflate', undefined],
    ['identity', undefined],
    // q-values: the higher wins, br on a tie; q=0 refuses
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0.8, gzip;q=0.8', 'br'],
    ['gzip;q=0.9, br;q=1.0', 'br'],
    ['br;q=0, gzip;q=0.1', 'gzip'],
    ['br;q=0, gzip;q=0', undefined],
    ['gzip ; q=0.5', 'gzip'],
    // identity preferred to both: send it as it is
    ['identity;q=1, gzip;q=0.5', undefined],
    ['identity;q=0, gzip;q=0.5', 'gzip'],
    // * stands for what is not named
    ['*', 'br'],
    ['*;q=0.5, br;q=0', 'gzip'],
    ['*;q=0', undefined],
    ['gzip;q=0.2, *;q=0.5', 'br'],
    ['*;q=0.1, identity', undefined],
    // malformed q-values are ignored, not trusted
    ['br;q=2, gzip', 'gzip'],
    ['br;q=abc', undefined],
  ])('%j → %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

const eventWith = (acceptEncoding?: string): HttpEvent =>
  ({ headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }) as unknown as HttpEvent;
const page = `<!doctype html><title>许可证</title>${'<p>我的许可证</p>'.repeat(100)}`;

describe('finishConsoleResponse', () => {
  test('compresses a page with brotli or gzip as asked, and says it varies by Accept-Encoding', () => {
    // Act
    const br = finishConsoleResponse({ statusCode: 200, headers: {}, body: page }, eventWith('br, gzip'), {});
    const gz = finishConsoleResponse({ statusCode: 200, headers: {}, body: page }, eventWith('gzip'), {});
    const plain = finishConsoleResponse({ statusCode: 200, headers: {}, body: page }, eventWith(), {});

    // Assess
    expect(br.headers).toMatchObject({ 'content-encoding': 'br', vary: 'accept-encoding' });
    expect(br.isBase64Encoded).toBe(true);
    expect(brotliDecompressSync(Buffer.from(br.body as string, 'base64')).toString('utf8')).toBe(page);
    expect(gz.headers?.['content-encoding']).toBe('gzip');
    expect(gunzipSync(Buffer.from(gz.body as string, 'base64')).toString('utf8')).toBe(page);
    expect(plain.headers?.['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(page);
    expect(plain.headers?.vary).toBe('accept-encoding');
  });

  test('sends a small body as it is', () => {
    const small = finishConsoleResponse({ statusCode: 200, headers: {}, body: '<p>ok</p>' }, eventWith('br'), {});
    expect(small.body).toBe('<p>ok</p>');
    expect(small.headers?.['content-encoding']).toBeUndefined();
  });

  test('puts the strict CSP and the other security headers on every response, redirects included', () => {
    const result = finishConsoleResponse({ statusCode: 303, headers: { location: '/console' } }, eventWith(), {
      storageOrigin: 'https://docs.s3.cn-north-1.amazonaws.com.cn',
      identityOrigin: 'https://sso.example.gov.cn',
    });
    const csp = String(result.headers?.['content-security-policy']);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("form-action 'self' https://docs.s3.cn-north-1.amazonaws.com.cn https://sso.example.gov.cn");
    expect(result.headers).toMatchObject({
      location: '/console',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'same-origin',
    });
  });

  test('the CSP names no origin it was not given', () => {
    expect(consoleCsp({})).toContain("form-action 'self';");
    expect(consoleCsp({})).toContain("connect-src 'self';");
    expect(consoleCsp({})).toContain("img-src 'self' data:;");
    expect(consoleCsp({})).toContain("frame-src 'none';");
  });

  test('documents opened in a page: images and frames from exactly the storage origin, frames from nowhere else', () => {
    const csp = consoleCsp({ storageOrigin: 'https://docs.s3.cn-north-1.amazonaws.com.cn' });
    expect(csp).toContain("img-src 'self' data: https://docs.s3.cn-north-1.amazonaws.com.cn;");
    expect(csp).toContain('frame-src https://docs.s3.cn-north-1.amazonaws.com.cn;');
  });
});
