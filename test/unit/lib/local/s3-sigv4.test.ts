/**
 * The local S3 front's Signature Version 4 against AWS's own published S3 examples ("Signature Calculations for the
 * Authorization Header", "…Query Parameters", "Example: Browser-Based Upload using HTTP POST"): the same example
 * credentials, dates and requests, and the signatures AWS prints for them.
 */
import { describe, expect, test } from 'vitest';
import { authenticateRequest, type IncomingS3Request, type S3Account } from '../../../../lib/local/s3-auth';
import { S3Refusal } from '../../../../lib/local/s3-errors';
import {
  canonicalQuery,
  canonicalUri,
  EMPTY_SHA256,
  parseAmzDate,
  scopeOf,
  signText,
  uriEncode,
} from '../../../../lib/local/s3-sigv4';

const ACCOUNT: S3Account = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
};
const SIGNED_AT = new Date('2013-05-24T00:00:00Z');
const CREDENTIAL = 'AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request';
const HOST = 'examplebucket.s3.amazonaws.com';

const headerSigned = (
  request: { method: string; path: string; headers: Record<string, string> },
  signedHeaders: string,
  signature: string,
): IncomingS3Request => {
  const at = request.path.indexOf('?');
  return {
    method: request.method,
    rawPath: at < 0 ? request.path : request.path.slice(0, at),
    rawQuery: at < 0 ? '' : request.path.slice(at + 1),
    headers: Object.fromEntries(
      Object.entries({
        ...request.headers,
        authorization: `AWS4-HMAC-SHA256 Credential=${CREDENTIAL},SignedHeaders=${signedHeaders},Signature=${signature}`,
      }).map(([k, v]) => [k, [v]]),
    ),
  };
};

const refusalOf = (act: () => unknown): S3Refusal => {
  try {
    act();
  } catch (error) {
    if (error instanceof S3Refusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('AWS published header-signed examples', () => {
  const emptyGetHeaders = { host: HOST, 'x-amz-date': '20130524T000000Z', 'x-amz-content-sha256': EMPTY_SHA256 };

  test('GET Object with a Range header', () => {
    const request = headerSigned(
      { method: 'GET', path: '/test.txt', headers: { ...emptyGetHeaders, range: 'bytes=0-9' } },
      'host;range;x-amz-content-sha256;x-amz-date',
      'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );

    expect(authenticateRequest(request, ACCOUNT, SIGNED_AT)).toEqual({
      mechanism: 'header',
      payload: { kind: 'sha256', sha256: EMPTY_SHA256 },
    });
  });

  test('PUT Object whose key needs escaping, with a signed payload digest', () => {
    const request = headerSigned(
      {
        method: 'PUT',
        path: '/test$file.text',
        headers: {
          host: HOST,
          date: 'Fri, 24 May 2013 00:00:00 GMT',
          'x-amz-date': '20130524T000000Z',
          'x-amz-storage-class': 'REDUCED_REDUNDANCY',
          'x-amz-content-sha256': '44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072',
        },
      },
      'date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class',
      '98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd',
    );

    expect(authenticateRequest(request, ACCOUNT, SIGNED_AT).payload).toEqual({
      kind: 'sha256',
      sha256: '44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072',
    });
  });

  test('GET Bucket lifecycle (a sub-resource without a value)', () => {
    const request = headerSigned(
      { method: 'GET', path: '/?lifecycle', headers: emptyGetHeaders },
      'host;x-amz-content-sha256;x-amz-date',
      'fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543',
    );

    expect(authenticateRequest(request, ACCOUNT, SIGNED_AT).mechanism).toBe('header');
  });

  test('GET Bucket (List Objects): parameters in any order on the wire', () => {
    const request = headerSigned(
      { method: 'GET', path: '/?prefix=J&max-keys=2', headers: emptyGetHeaders },
      'host;x-amz-content-sha256;x-amz-date',
      '34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7',
    );

    expect(authenticateRequest(request, ACCOUNT, SIGNED_AT).mechanism).toBe('header');
  });

  test('the same listing with one parameter changed no longer matches', () => {
    const request = headerSigned(
      { method: 'GET', path: '/?prefix=K&max-keys=2', headers: emptyGetHeaders },
      'host;x-amz-content-sha256;x-amz-date',
      '34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7',
    );

    const refusal = refusalOf(() => authenticateRequest(request, ACCOUNT, SIGNED_AT));

    expect(refusal.code).toBe('SignatureDoesNotMatch');
    expect(refusal.details.CanonicalRequest).toContain('max-keys=2&prefix=K');
  });

  test('sixteen minutes later the same request is refused as skewed', () => {
    const request = headerSigned(
      { method: 'GET', path: '/test.txt', headers: { ...emptyGetHeaders, range: 'bytes=0-9' } },
      'host;range;x-amz-content-sha256;x-amz-date',
      'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );

    const refusal = refusalOf(() => authenticateRequest(request, ACCOUNT, new Date(SIGNED_AT.getTime() + 16 * 60_000)));

    expect([refusal.status, refusal.code]).toEqual([403, 'RequestTimeTooSkewed']);
  });
});

describe('AWS published presigned URL', () => {
  const presigned = (query: string, headers: Record<string, string> = { host: HOST }): IncomingS3Request => ({
    method: 'GET',
    rawPath: '/test.txt',
    rawQuery: query,
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
  });
  const QUERY =
    'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request' +
    '&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host' +
    '&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404';

  test('is accepted until it expires, with an unsigned payload', () => {
    const lastSecond = new Date(SIGNED_AT.getTime() + 86_400_000);

    expect(authenticateRequest(presigned(QUERY), ACCOUNT, lastSecond)).toEqual({
      mechanism: 'query',
      payload: { kind: 'unsigned' },
    });
  });

  test('is refused one second after it expires', () => {
    const refusal = refusalOf(() =>
      authenticateRequest(presigned(QUERY), ACCOUNT, new Date(SIGNED_AT.getTime() + 86_401_000)),
    );

    expect([refusal.status, refusal.code, refusal.message]).toEqual([403, 'AccessDenied', 'Request has expired']);
  });

  test('is refused for another key, a longer life or an unsigned x-amz header', () => {
    const otherKey = { ...presigned(QUERY), rawPath: '/other.txt' };
    const longer = presigned(QUERY.replace('X-Amz-Expires=86400', 'X-Amz-Expires=604800'));
    const extraHeader = presigned(QUERY, { host: HOST, 'x-amz-meta-note': 'added' });

    expect(refusalOf(() => authenticateRequest(otherKey, ACCOUNT, SIGNED_AT)).code).toBe('SignatureDoesNotMatch');
    expect(refusalOf(() => authenticateRequest(longer, ACCOUNT, SIGNED_AT)).code).toBe('SignatureDoesNotMatch');
    expect(refusalOf(() => authenticateRequest(extraHeader, ACCOUNT, SIGNED_AT)).details).toEqual({
      HeadersNotSigned: 'x-amz-meta-note',
    });
  });

  test('is refused in another region and with another access key', () => {
    const region = refusalOf(() =>
      authenticateRequest(presigned(QUERY), { ...ACCOUNT, region: 'cn-north-1' }, SIGNED_AT),
    );
    const key = refusalOf(() =>
      authenticateRequest(presigned(QUERY), { ...ACCOUNT, accessKeyId: 'S3RVER' }, SIGNED_AT),
    );

    expect([region.status, region.code]).toEqual([400, 'AuthorizationQueryParametersError']);
    expect([key.status, key.code]).toEqual([403, 'InvalidAccessKeyId']);
  });
});

describe('requests without Signature Version 4', () => {
  test('no credentials at all: Access Denied', () => {
    const refusal = refusalOf(() =>
      authenticateRequest(
        { method: 'GET', rawPath: '/bucket/', rawQuery: 'list-type=2', headers: {} },
        ACCOUNT,
        SIGNED_AT,
      ),
    );

    expect([refusal.status, refusal.code, refusal.message]).toEqual([403, 'AccessDenied', 'Access Denied']);
  });

  test('Signature Version 2 is not supported, as in every region opened since 2014', () => {
    const refusal = refusalOf(() =>
      authenticateRequest(
        { method: 'GET', rawPath: '/bucket/k', rawQuery: 'AWSAccessKeyId=S3RVER&Expires=1&Signature=x', headers: {} },
        ACCOUNT,
        SIGNED_AT,
      ),
    );

    expect([refusal.status, refusal.code]).toEqual([400, 'InvalidRequest']);
  });
});

describe('canonical forms', () => {
  test('UriEncode leaves only the unreserved characters', () => {
    expect(uriEncode("a b*(c)!'~-_.")).toBe('a%20b%2A%28c%29%21%27~-_.');
    expect(uriEncode('许可证')).toBe('%E8%AE%B8%E5%8F%AF%E8%AF%81');
  });

  test('equivalent spellings of a path or query canonicalise the same', () => {
    expect(canonicalUri('/b/a%7Eb/%c3%bc')).toBe(canonicalUri('/b/a~b/%C3%BC'));
    expect(canonicalQuery('delete')).toBe('delete=');
    expect(canonicalQuery('b=2&a=%2F&a=1')).toBe('a=%2F&a=1&b=2');
  });

  test('dates are the ISO 8601 basic format only', () => {
    expect(parseAmzDate('20130524T000000Z')?.toISOString()).toBe('2013-05-24T00:00:00.000Z');
    expect(parseAmzDate('20130230T000000Z')).toBeUndefined();
    expect(parseAmzDate('2013-05-24T00:00:00Z')).toBeUndefined();
  });

  test('the POST policy example signs to the published signature', () => {
    const policy =
      'eyAiZXhwaXJhdGlvbiI6ICIyMDE1LTEyLTMwVDEyOjAwOjAwLjAwMFoiLA0KICAiY29uZGl0aW9ucyI6IFsNCiAgICB7ImJ1Y2tldCI6ICJzaWd2NGV4YW1wbGVidWNrZXQifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRrZXkiLCAidXNlci91c2VyMS8iXSwNCiAgICB7ImFjbCI6ICJwdWJsaWMtcmVhZCJ9LA0KICAgIHsic3VjY2Vzc19hY3Rpb25fcmVkaXJlY3QiOiAiaHR0cDovL3NpZ3Y0ZXhhbXBsZWJ1Y2tldC5zMy5hbWF6b25hd3MuY29tL3N1Y2Nlc3NmdWxfdXBsb2FkLmh0bWwifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRDb250ZW50LVR5cGUiLCAiaW1hZ2UvIl0sDQogICAgeyJ4LWFtei1tZXRhLXV1aWQiOiAiMTQzNjUxMjM2NTEyNzQifSwNCiAgICB7IngtYW16LXNlcnZlci1zaWRlLWVuY3J5cHRpb24iOiAiQUVTMjU2In0sDQogICAgWyJzdGFydHMtd2l0aCIsICIkeC1hbXotbWV0YS10YWciLCAiIl0sDQoNCiAgICB7IngtYW16LWNyZWRlbnRpYWwiOiAiQUtJQUlPU0ZPRE5ON0VYQU1QTEUvMjAxNTEyMjkvdXMtZWFzdC0xL3MzL2F3czRfcmVxdWVzdCJ9LA0KICAgIHsieC1hbXotYWxnb3JpdGhtIjogIkFXUzQtSE1BQy1TSEEyNTYifSwNCiAgICB7IngtYW16LWRhdGUiOiAiMjAxNTEyMjlUMDAwMDAwWiIgfQ0KICBdDQp9';

    expect(signText(ACCOUNT.secretAccessKey, scopeOf('20151229', 'us-east-1'), policy)).toBe(
      '8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e',
    );
  });
});
