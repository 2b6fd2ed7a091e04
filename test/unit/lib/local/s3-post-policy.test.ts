/**
 * POST policy checks on AWS's published browser-upload example ("Example: Browser-Based Upload using HTTP POST (Using
 * AWS Signature Version 4)"): its policy, form fields, example credentials and signature, on the day it was signed.
 */
import { describe, expect, test } from 'vitest';
import type { S3Account } from '../../../../lib/local/s3-auth';
import { S3Refusal } from '../../../../lib/local/s3-errors';
import { authorizePost, checkPostSize, FILENAME_VARIABLE, type PostForm } from '../../../../lib/local/s3-post-policy';
import { scopeOf, signText } from '../../../../lib/local/s3-sigv4';

const ACCOUNT: S3Account = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
};
const POLICY =
  'eyAiZXhwaXJhdGlvbiI6ICIyMDE1LTEyLTMwVDEyOjAwOjAwLjAwMFoiLA0KICAiY29uZGl0aW9ucyI6IFsNCiAgICB7ImJ1Y2tldCI6ICJzaWd2NGV4YW1wbGVidWNrZXQifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRrZXkiLCAidXNlci91c2VyMS8iXSwNCiAgICB7ImFjbCI6ICJwdWJsaWMtcmVhZCJ9LA0KICAgIHsic3VjY2Vzc19hY3Rpb25fcmVkaXJlY3QiOiAiaHR0cDovL3NpZ3Y0ZXhhbXBsZWJ1Y2tldC5zMy5hbWF6b25hd3MuY29tL3N1Y2Nlc3NmdWxfdXBsb2FkLmh0bWwifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRDb250ZW50LVR5cGUiLCAiaW1hZ2UvIl0sDQogICAgeyJ4LWFtei1tZXRhLXV1aWQiOiAiMTQzNjUxMjM2NTEyNzQifSwNCiAgICB7IngtYW16LXNlcnZlci1zaWRlLWVuY3J5cHRpb24iOiAiQUVTMjU2In0sDQogICAgWyJzdGFydHMtd2l0aCIsICIkeC1hbXotbWV0YS10YWciLCAiIl0sDQoNCiAgICB7IngtYW16LWNyZWRlbnRpYWwiOiAiQUtJQUlPU0ZPRE5ON0VYQU1QTEUvMjAxNTEyMjkvdXMtZWFzdC0xL3MzL2F3czRfcmVxdWVzdCJ9LA0KICAgIHsieC1hbXotYWxnb3JpdGhtIjogIkFXUzQtSE1BQy1TSEEyNTYifSwNCiAgICB7IngtYW16LWRhdGUiOiAiMjAxNTEyMjlUMDAwMDAwWiIgfQ0KICBdDQp9';
const SIGNATURE = '8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e';
const SIGNED_DAY = new Date('2015-12-29T00:00:00Z');

/** The example's form, field names spelt as the page spells them. */
const exampleFields = (): [string, string][] => [
  ['key', `user/user1/${FILENAME_VARIABLE}`],
  ['acl', 'public-read'],
  ['success_action_redirect', 'http://sigv4examplebucket.s3.amazonaws.com/successful_upload.html'],
  ['Content-Type', 'image/jpeg'],
  ['x-amz-meta-uuid', '14365123651274'],
  ['x-amz-server-side-encryption', 'AES256'],
  ['X-Amz-Credential', 'AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request'],
  ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
  ['X-Amz-Date', '20151229T000000Z'],
  ['x-amz-meta-tag', ''],
  ['Policy', POLICY],
  ['X-Amz-Signature', SIGNATURE],
];

const form = (fields = exampleFields(), fileName: string | undefined = 'MyPhoto.jpg'): PostForm => ({
  bucket: 'sigv4examplebucket',
  fields,
  fileName,
});

const replaced = (name: string, value: string) =>
  exampleFields().map(([n, v]): [string, string] => (n === name ? [n, value] : [n, v]));

const refusalOf = (act: () => unknown): S3Refusal => {
  try {
    act();
  } catch (error) {
    if (error instanceof S3Refusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('the AWS example form', () => {
  test('is accepted on the day, the key taking the file name', () => {
    const post = authorizePost(form(), ACCOUNT, SIGNED_DAY);

    expect(post.key).toBe('user/user1/MyPhoto.jpg');
    expect(post.fields.get('content-type')).toBe('image/jpeg');
    expect(post.sizeRange).toBeUndefined();
  });

  test('is refused once the policy has expired', () => {
    const refusal = refusalOf(() => authorizePost(form(), ACCOUNT, new Date('2015-12-30T12:00:01Z')));

    expect([refusal.status, refusal.code, refusal.message]).toEqual([
      403,
      'AccessDenied',
      'Invalid according to Policy: Policy expired.',
    ]);
  });

  test('is refused with a Content-Type the policy does not allow', () => {
    const refusal = refusalOf(() => authorizePost(form(replaced('Content-Type', 'text/html')), ACCOUNT, SIGNED_DAY));

    expect(refusal.message).toBe(
      'Invalid according to Policy: Policy Condition failed: ["starts-with", "$Content-Type", "image/"]',
    );
  });

  test('is refused for a key outside the allowed prefix', () => {
    const refusal = refusalOf(() =>
      authorizePost(form(replaced('key', `user/user2/${FILENAME_VARIABLE}`)), ACCOUNT, SIGNED_DAY),
    );

    expect(refusal.message).toContain('["starts-with", "$key", "user/user1/"]');
  });

  test('is refused for another bucket', () => {
    const refusal = refusalOf(() => authorizePost({ ...form(), bucket: 'otherbucket' }, ACCOUNT, SIGNED_DAY));

    expect(refusal.message).toContain('["eq", "$bucket", "sigv4examplebucket"]');
  });

  test('is refused with a field no condition covers, unless it is x-ignore-', () => {
    const extra = refusalOf(() =>
      authorizePost(form([...exampleFields(), ['x-amz-meta-owner', 'someone']]), ACCOUNT, SIGNED_DAY),
    );
    const ignored = authorizePost(form([...exampleFields(), ['x-ignore-submit', 'Upload']]), ACCOUNT, SIGNED_DAY);

    expect(extra.message).toBe('Invalid according to Policy: Extra input fields: x-amz-meta-owner');
    expect(ignored.key).toBe('user/user1/MyPhoto.jpg');
  });

  test('is refused with a changed signature or policy', () => {
    const signature = refusalOf(() =>
      authorizePost(form(replaced('X-Amz-Signature', SIGNATURE.replace('8a', '8b'))), ACCOUNT, SIGNED_DAY),
    );
    const policy = refusalOf(() => authorizePost(form(replaced('Policy', `${POLICY}=`)), ACCOUNT, SIGNED_DAY));

    expect([signature.status, signature.code]).toEqual([403, 'SignatureDoesNotMatch']);
    expect(policy.code).toBe('SignatureDoesNotMatch');
  });

  test('is refused without a policy: an anonymous upload', () => {
    const refusal = refusalOf(() =>
      authorizePost(form(exampleFields().filter(([n]) => n !== 'Policy')), ACCOUNT, SIGNED_DAY),
    );

    expect([refusal.status, refusal.code]).toEqual([403, 'AccessDenied']);
  });
});

describe('content-length-range', () => {
  const policyWith = (conditions: unknown[]): [string, string][] => {
    const policy = Buffer.from(
      JSON.stringify({
        expiration: '2015-12-30T12:00:00.000Z',
        conditions: [
          { bucket: 'sigv4examplebucket' },
          { key: 'k' },
          { 'x-amz-algorithm': 'AWS4-HMAC-SHA256' },
          { 'x-amz-credential': 'AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request' },
          { 'x-amz-date': '20151229T000000Z' },
          ...conditions,
        ],
      }),
    ).toString('base64');
    return [
      ['key', 'k'],
      ['x-amz-algorithm', 'AWS4-HMAC-SHA256'],
      ['x-amz-credential', 'AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request'],
      ['x-amz-date', '20151229T000000Z'],
      ['policy', policy],
      ['x-amz-signature', signText(ACCOUNT.secretAccessKey, scopeOf('20151229', 'us-east-1'), policy)],
    ];
  };

  test('every range applies: the narrowest bounds win', () => {
    const post = authorizePost(
      form(
        policyWith([
          ['content-length-range', 1, 1000],
          ['content-length-range', '10', '2000'],
        ]),
      ),
      ACCOUNT,
      SIGNED_DAY,
    );

    expect(post.sizeRange).toEqual({ min: 10, max: 1000 });
  });

  test('a file above or below the range is refused with S3 size errors', () => {
    const range = { min: 10, max: 1000 };

    const large = refusalOf(() => checkPostSize(1001, range));
    const small = refusalOf(() => checkPostSize(9, range));

    expect([large.status, large.code, large.details]).toEqual([
      400,
      'EntityTooLarge',
      { ProposedSize: 1001, MaxSizeAllowed: 1000 },
    ]);
    expect([small.status, small.code, small.details]).toEqual([
      400,
      'EntityTooSmall',
      { ProposedSize: 9, MinSizeAllowed: 10 },
    ]);
    expect(() => checkPostSize(10, range)).not.toThrow();
    expect(() => checkPostSize(1000, range)).not.toThrow();
  });

  test('a malformed condition makes the policy invalid', () => {
    const refusal = refusalOf(() =>
      authorizePost(form(policyWith([['content-length-range', 5, 1]])), ACCOUNT, SIGNED_DAY),
    );

    expect([refusal.status, refusal.code]).toEqual([400, 'InvalidPolicyDocument']);
  });
});
