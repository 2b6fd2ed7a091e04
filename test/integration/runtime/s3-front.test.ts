/**
 * The local S3 endpoint enforces what S3 enforces: s3rver behind the signature-checking front, through the real
 * @aws-sdk clients, the presigners and fetch. Each refusal gets S3's own status and error code, and leaves storage
 * untouched; the SDK, presigned GET/PUT and POST uploads within their policy keep working.
 *
 * The front's clock is a ManualClock started at the real time (the SDK signs with the real time); tests that need an
 * expired URL sign it in the past with the presigner's `signingDate`, and tests that need an expired POST policy move
 * the front's clock past it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  DeleteBucketCorsCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutBucketCorsCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { emulatorClientConfig } from '../../../lib/local/aws-clients';
import { LOCAL_REGION } from '../../../lib/local/emulators';
import type { RunningEmulator } from '../../../lib/local/running-emulator';
import { startS3Local } from '../../../lib/local/s3-local';
import { FILENAME_VARIABLE } from '../../../lib/local/s3-post-policy';

const BUCKET = 'permit-documents-front';
const KEY_A = 'applications/A/documents/d1/scan.pdf';
const KEY_B = 'applications/B/documents/d1/scan.pdf';
const BYTES_A = Buffer.from('%PDF-1.7 application A');
const BYTES_B = Buffer.from('%PDF-1.7 application B');

const clock = new ManualClock(new Date());
let dataDir: string;
let s3local: RunningEmulator;
let s3: S3Client;

const clientConfig = (overrides: Partial<S3ClientConfig> = {}): S3ClientConfig => ({
  ...emulatorClientConfig(s3local.endpoint, LOCAL_REGION),
  forcePathStyle: true,
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
  ...overrides,
});

/** S3's error code from an XML error body. */
const codeOf = (xml: string): string | undefined => /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];
const messageOf = (xml: string): string | undefined => /<Message>([^<]*)<\/Message>/.exec(xml)?.[1];

async function refusal(response: Response): Promise<{ status: number; code?: string; message?: string }> {
  const body = await response.text();
  return { status: response.status, code: codeOf(body), message: messageOf(body)?.replaceAll('&quot;', '"') };
}

async function stored(key: string): Promise<Buffer | undefined> {
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return Buffer.from((await out.Body?.transformToByteArray()) ?? []);
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

const sendError = async (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: { name?: string; $metadata?: { httpStatusCode?: number } }) => ({
      name: error.name,
      status: error.$metadata?.httpStatusCode,
    }),
  );

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'permit-s3-front-'));
  s3local = await startS3Local({
    port: 0,
    directory: join(dataDir, 's3'),
    region: LOCAL_REGION,
    now: () => clock.now(),
  });
  s3 = new S3Client(clientConfig());
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY_A, Body: BYTES_A, ContentType: 'application/pdf' }));
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY_B, Body: BYTES_B, ContentType: 'application/pdf' }));
});

afterEach(() => {
  clock.set(new Date());
});

afterAll(async () => {
  s3?.destroy();
  await s3local?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('unsigned requests are refused', () => {
  test('an unsigned GET of an object: 403 AccessDenied, no bytes', async () => {
    const response = await fetch(`${s3local.endpoint}/${BUCKET}/${KEY_A}`);

    expect(await refusal(response)).toEqual({ status: 403, code: 'AccessDenied', message: 'Access Denied' });
  });

  test('an unsigned bucket listing: 403 AccessDenied, no keys', async () => {
    const v2 = await fetch(`${s3local.endpoint}/${BUCKET}/?list-type=2`);
    const v1 = await fetch(`${s3local.endpoint}/${BUCKET}`);
    const buckets = await fetch(`${s3local.endpoint}/`);

    for (const response of [v2, v1, buckets]) {
      const body = await response.text();
      expect([response.status, codeOf(body)]).toEqual([403, 'AccessDenied']);
      expect(body).not.toContain('applications/');
    }
  });

  test('an unsigned PUT is refused and stores nothing', async () => {
    const response = await fetch(`${s3local.endpoint}/${BUCKET}/applications/A/unsigned.pdf`, {
      method: 'PUT',
      body: BYTES_A,
    });

    expect((await refusal(response)).code).toBe('AccessDenied');
    expect(await stored('applications/A/unsigned.pdf')).toBeUndefined();
  });
});

describe('presigned URLs are bound to what was signed', () => {
  test("a download URL edited to another application's key: 403 SignatureDoesNotMatch", async () => {
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: BUCKET, Key: KEY_A }), { expiresIn: 300 });
    const edited = url.replace('/applications/A/', '/applications/B/');

    const response = await fetch(edited);

    expect(edited).not.toBe(url);
    expect(await refusal(response)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });

  test('a download URL with a longer expiry written in: 403 SignatureDoesNotMatch', async () => {
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: BUCKET, Key: KEY_A }), { expiresIn: 60 });
    const edited = url.replace('X-Amz-Expires=60', 'X-Amz-Expires=3600');

    const response = await fetch(edited);

    expect(edited).not.toBe(url);
    expect(await refusal(response)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });

  test('a download URL whose response overrides were changed: 403 SignatureDoesNotMatch', async () => {
    const command = new GetObjectCommand({ Bucket: BUCKET, Key: KEY_A, ResponseContentType: 'application/pdf' });
    const url = await getSignedUrl(s3, command, { expiresIn: 60 });

    const response = await fetch(
      url.replace('response-content-type=application%2Fpdf', 'response-content-type=text%2Fhtml'),
    );

    expect(await refusal(response)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });

  test('an expired URL: 403 "Request has expired" — and valid again on a clock moved back into its window', async () => {
    const signedAt = new Date(Date.now() - 10 * 60_000);
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: BUCKET, Key: KEY_A }), {
      expiresIn: 300,
      signingDate: signedAt,
    });

    const expired = await fetch(url);
    clock.set(new Date(signedAt.getTime() + 60_000));
    const withinWindow = await fetch(url);

    expect(await refusal(expired)).toEqual({ status: 403, code: 'AccessDenied', message: 'Request has expired' });
    expect(withinWindow.status).toBe(200);
    expect(Buffer.from(await withinWindow.arrayBuffer())).toEqual(BYTES_A);
  });

  test('an upload URL used with another Content-Type or Content-Length: 403, nothing stored', async () => {
    const key = 'applications/A/documents/d2/scan.pdf';
    const body = Buffer.from('%PDF-1.7 0123456789');
    const url = await getSignedUrl(
      s3,
      new PutObjectCommand({ Bucket: BUCKET, Key: key, ContentType: 'application/pdf', ContentLength: body.length }),
      { expiresIn: 300, signableHeaders: new Set(['content-type', 'content-length']) },
    );

    const otherType = await fetch(url, { method: 'PUT', headers: { 'content-type': 'text/html' }, body });
    const otherLength = await fetch(url, {
      method: 'PUT',
      headers: { 'content-type': 'application/pdf' },
      body: Buffer.concat([body, Buffer.from('<script>')]),
    });

    expect(await refusal(otherType)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(await refusal(otherLength)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(await stored(key)).toBeUndefined();
  });

  test('an upload URL sent with an x-amz header it did not sign: 403 AccessDenied', async () => {
    const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: BUCKET, Key: 'applications/A/x.pdf' }), {
      expiresIn: 300,
    });

    const response = await fetch(url, { method: 'PUT', headers: { 'x-amz-meta-checked': 'yes' }, body: BYTES_A });

    expect(await refusal(response)).toEqual({
      status: 403,
      code: 'AccessDenied',
      message: 'There were headers present in the request which were not signed',
    });
  });
});

describe('header-signed requests', () => {
  test('another access key: 403 InvalidAccessKeyId; the right key with another secret: 403 SignatureDoesNotMatch', async () => {
    const stranger = new S3Client(clientConfig({ credentials: { accessKeyId: 'AKIAOTHER', secretAccessKey: 'x' } }));
    const wrongSecret = new S3Client(
      clientConfig({ credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'guess' } }),
    );

    const unknownKey = await sendError(stranger.send(new ListObjectsV2Command({ Bucket: BUCKET })));
    const badSecret = await sendError(wrongSecret.send(new GetObjectCommand({ Bucket: BUCKET, Key: KEY_A })));
    stranger.destroy();
    wrongSecret.destroy();

    expect(unknownKey).toEqual({ name: 'InvalidAccessKeyId', status: 403 });
    expect(badSecret).toEqual({ name: 'SignatureDoesNotMatch', status: 403 });
  });

  test('signed for another region: 400 AuthorizationHeaderMalformed', async () => {
    const elsewhere = new S3Client(clientConfig({ region: 'us-east-1' }));

    const error = await sendError(elsewhere.send(new GetObjectCommand({ Bucket: BUCKET, Key: KEY_A })));
    elsewhere.destroy();

    expect(error).toEqual({ name: 'AuthorizationHeaderMalformed', status: 400 });
  });

  test('a request more than 15 minutes from the server clock: 403 RequestTimeTooSkewed', async () => {
    // One attempt: like S3's, the refusal names the server time, from which the SDK corrects its clock and retries.
    const [forHead, forListing] = [
      new S3Client(clientConfig({ maxAttempts: 1 })),
      new S3Client(clientConfig({ maxAttempts: 1 })),
    ];
    clock.advance({ minutes: 16 });

    const head = await sendError(forHead.send(new HeadObjectCommand({ Bucket: BUCKET, Key: KEY_A })));
    const listing = await sendError(forListing.send(new ListObjectsV2Command({ Bucket: BUCKET })));
    forHead.destroy();
    forListing.destroy();

    expect(head?.status).toBe(403); // a HEAD answer has no body to name the error
    expect(listing).toEqual({ name: 'RequestTimeTooSkewed', status: 403 });
  });

  test('a body that is not the one whose SHA-256 was signed: 400 XAmzContentSHA256Mismatch, nothing stored', async () => {
    const key = 'applications/A/swapped.pdf';
    const tampering = new S3Client(clientConfig());
    // Last in the finalize step, after signing: swap the body for other bytes of the same length, as a man in the
    // middle would.
    tampering.middlewareStack.add(
      (next) => async (args) => {
        (args.request as { body: unknown }).body = Buffer.from(BYTES_A.toString().toUpperCase());
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'swapBodyAfterSigning' },
    );

    const error = await sendError(tampering.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: BYTES_A })));
    tampering.destroy();

    expect(error).toEqual({ name: 'XAmzContentSHA256Mismatch', status: 400 });
    expect(await stored(key)).toBeUndefined();
  });
});

describe('POST uploads are held to their policy', () => {
  const POST_KEY = 'applications/A/documents/d3/scan.pdf';
  const MIN = 10;
  const MAX = 1000;
  const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7 '), randomBytes(size)]).subarray(0, size);

  const presignedPost = (key = POST_KEY) =>
    createPresignedPost(s3, {
      Bucket: BUCKET,
      Key: key,
      Conditions: [
        ['content-length-range', MIN, MAX],
        ['eq', '$Content-Type', 'application/pdf'],
      ],
      Fields: { 'Content-Type': 'application/pdf' },
      Expires: 300,
    });

  /** A browser form: the presigned fields (some replaced or added), then the file, last. */
  function form(fields: Record<string, string>, file: Buffer, fileName = 'scan.pdf'): FormData {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.append(name, value);
    data.append('file', new Blob([file], { type: 'application/pdf' }), fileName);
    return data;
  }

  test('within the policy: 204, stored with the signed Content-Type', async () => {
    const { url, fields } = await presignedPost();
    const file = pdf(500);

    const response = await fetch(url, { method: 'POST', body: form(fields, file) });

    expect(response.status).toBe(204);
    expect(response.headers.get('location')).toBe(`${s3local.endpoint}/${BUCKET}/${POST_KEY}`);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: POST_KEY }));
    expect(head.ContentType).toBe('application/pdf');
    expect(await stored(POST_KEY)).toEqual(file);
  });

  test('from a browser page: the answer (success or refusal) carries CORS headers only for an origin the bucket allows', async () => {
    // Prepare: the console's rule (lib/local/provision.ts), as a page's upload.js meets it
    const console = 'http://127.0.0.1:3000';
    await s3.send(
      new PutBucketCorsCommand({
        Bucket: BUCKET,
        CORSConfiguration: { CORSRules: [{ AllowedMethods: ['POST'], AllowedOrigins: [console], MaxAgeSeconds: 600 }] },
      }),
    );
    try {
      const { url, fields } = await presignedPost();
      const post = (origin: string, file: Buffer) =>
        fetch(url, { method: 'POST', headers: { origin }, body: form(fields, file) });

      // Act
      const preflight = await fetch(url, {
        method: 'OPTIONS',
        headers: { origin: console, 'access-control-request-method': 'POST' },
      });
      const allowed = await post(console, pdf(500));
      const refused = await post(console, pdf(MAX + 1));
      const elsewhere = await post('https://attacker.example', pdf(500));

      // Assess
      expect(preflight.status).toBe(200);
      expect(preflight.headers.get('access-control-allow-methods')).toBe('POST');
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(console);
      expect(refused.status).toBe(400);
      expect(refused.headers.get('access-control-allow-origin')).toBe(console);
      expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await s3.send(new DeleteBucketCorsCommand({ Bucket: BUCKET }));
    }
  });

  test('a file larger than the range: 400 EntityTooLarge, nothing stored', async () => {
    const key = 'applications/A/documents/d4/scan.pdf';
    const { url, fields } = await presignedPost(key);

    const response = await fetch(url, { method: 'POST', body: form(fields, pdf(MAX + 1)) });

    expect(await refusal(response)).toMatchObject({ status: 400, code: 'EntityTooLarge' });
    expect(await stored(key)).toBeUndefined();
  });

  test('a file smaller than the range: 400 EntityTooSmall, nothing stored', async () => {
    const key = 'applications/A/documents/d5/scan.pdf';
    const { url, fields } = await presignedPost(key);

    const response = await fetch(url, { method: 'POST', body: form(fields, pdf(MIN - 1)) });

    expect(await refusal(response)).toMatchObject({ status: 400, code: 'EntityTooSmall' });
    expect(await stored(key)).toBeUndefined();
  });

  test('another Content-Type: 403 "Policy Condition failed"', async () => {
    const key = 'applications/A/documents/d6/scan.pdf';
    const { url, fields } = await presignedPost(key);

    const response = await fetch(url, {
      method: 'POST',
      body: form({ ...fields, 'Content-Type': 'text/html' }, pdf(100)),
    });

    expect(await refusal(response)).toEqual({
      status: 403,
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Policy Condition failed: ["eq", "$Content-Type", "application/pdf"]',
    });
    expect(await stored(key)).toBeUndefined();
  });

  test("another application's key: 403, that application's document untouched", async () => {
    const { url, fields } = await presignedPost('applications/A/documents/d7/scan.pdf');

    const response = await fetch(url, { method: 'POST', body: form({ ...fields, key: KEY_B }, pdf(100)) });

    expect(await refusal(response)).toEqual({
      status: 403,
      code: 'AccessDenied',
      message:
        'Invalid according to Policy: Policy Condition failed: ["eq", "$key", "applications/A/documents/d7/scan.pdf"]',
    });
    expect(await stored(KEY_B)).toEqual(BYTES_B);
  });

  test('an expired policy: 403 "Policy expired."', async () => {
    const key = 'applications/A/documents/d8/scan.pdf';
    const { url, fields } = await presignedPost(key);
    clock.advance({ minutes: 5, seconds: 1 });

    const response = await fetch(url, { method: 'POST', body: form(fields, pdf(100)) });

    expect(await refusal(response)).toEqual({
      status: 403,
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Policy expired.',
    });
    expect(await stored(key)).toBeUndefined();
  });

  test('a changed signature: 403 SignatureDoesNotMatch', async () => {
    const key = 'applications/A/documents/d9/scan.pdf';
    const { url, fields } = await presignedPost(key);
    const signature = fields['X-Amz-Signature'] as string;
    const changed = `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`;

    const response = await fetch(url, {
      method: 'POST',
      body: form({ ...fields, 'X-Amz-Signature': changed }, pdf(100)),
    });

    expect(await refusal(response)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(await stored(key)).toBeUndefined();
  });

  test('an extra field the policy does not cover: 403 "Extra input fields"', async () => {
    const key = 'applications/A/documents/d10/scan.pdf';
    const { url, fields } = await presignedPost(key);

    const response = await fetch(url, {
      method: 'POST',
      body: form({ ...fields, 'x-amz-meta-reviewed': 'yes' }, pdf(100)),
    });

    expect(await refusal(response)).toEqual({
      status: 403,
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Extra input fields: x-amz-meta-reviewed',
    });
    expect(await stored(key)).toBeUndefined();
  });

  test('a key ending in the file-name variable takes the file name (without its path); 201 answers with XML', async () => {
    const { url, fields } = await createPresignedPost(s3, {
      Bucket: BUCKET,
      Key: `applications/A/uploads/${FILENAME_VARIABLE}`,
      Conditions: [['content-length-range', MIN, MAX], { success_action_status: '201' }],
      Fields: { success_action_status: '201' },
      Expires: 300,
    });
    const file = pdf(100);

    const response = await fetch(url, {
      method: 'POST',
      body: form(fields, file, 'C:\\Users\\qiye\\营业执照.pdf'),
    });

    expect(response.status).toBe(201);
    expect(await response.text()).toContain('<Key>applications/A/uploads/营业执照.pdf</Key>');
    expect(await stored('applications/A/uploads/营业执照.pdf')).toEqual(file);
  });

  test('a form that is not multipart, or has no file: 400', async () => {
    const { url, fields } = await presignedPost('applications/A/documents/d11/scan.pdf');
    const withoutFile = new FormData();
    for (const [name, value] of Object.entries(fields)) withoutFile.append(name, value);

    const malformed = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: 'this is not a multipart body',
    });
    const noFile = await fetch(url, { method: 'POST', body: withoutFile });

    expect(await refusal(malformed)).toMatchObject({ status: 400, code: 'MalformedPOSTRequest' });
    expect(await refusal(noFile)).toMatchObject({ status: 400, code: 'IncorrectNumberOfFilesInPostRequest' });
  });

  test('a form without a policy: 403 AccessDenied (an anonymous upload)', async () => {
    const response = await fetch(`${s3local.endpoint}/${BUCKET}`, {
      method: 'POST',
      body: form({ key: 'applications/A/anonymous.pdf' }, pdf(100)),
    });

    expect(await refusal(response)).toEqual({ status: 403, code: 'AccessDenied', message: 'Access Denied' });
    expect(await stored('applications/A/anonymous.pdf')).toBeUndefined();
  });
});

describe('what keeps working', () => {
  test('the SDK: put, head, get, list and delete through the front', async () => {
    const key = 'applications/C/certificate.pdf';
    const body = Buffer.from('%PDF-1.7 certificate');

    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: key,
        Body: body,
        ContentType: 'application/pdf',
        Metadata: { sha256: 'x' },
      }),
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    const got = await stored(key);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'applications/C/' }));
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));

    expect([head.ContentLength, head.ContentType, head.Metadata]).toEqual([
      body.length,
      'application/pdf',
      { sha256: 'x' },
    ]);
    expect(got).toEqual(body);
    expect(listed.Contents?.map((c) => c.Key)).toEqual([key]);
    expect(await stored(key)).toBeUndefined();
  });

  test('a 5 MB document passes through whole, both ways', async () => {
    const key = 'applications/C/large.pdf';
    const body = randomBytes(5 * 1024 * 1024);

    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));

    expect((await stored(key))?.equals(body)).toBe(true);
  });

  test('a presigned GET with Content-Disposition and Content-Type overrides', async () => {
    const url = await getSignedUrl(
      s3,
      new GetObjectCommand({
        Bucket: BUCKET,
        Key: KEY_A,
        ResponseContentDisposition: `attachment; filename="scan.pdf"; filename*=UTF-8''${encodeURIComponent('许可证.pdf')}`,
        ResponseContentType: 'application/pdf',
      }),
      { expiresIn: 300 },
    );

    const response = await fetch(url);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="scan.pdf"; filename*=UTF-8''${encodeURIComponent('许可证.pdf')}`,
    );
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(BYTES_A);
  });

  test('a presigned PUT with the signed Content-Type and Content-Length', async () => {
    const key = 'applications/C/uploaded.pdf';
    const body = Buffer.from('%PDF-1.7 uploaded through a presigned PUT');
    const url = await getSignedUrl(
      s3,
      new PutObjectCommand({ Bucket: BUCKET, Key: key, ContentType: 'application/pdf', ContentLength: body.length }),
      { expiresIn: 300, signableHeaders: new Set(['content-type', 'content-length']) },
    );

    const response = await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/pdf' }, body });

    expect(response.status).toBe(200);
    expect(await stored(key)).toEqual(body);
  });

  test('a chunked upload, and Expect: 100-continue answered before the body is sent', async () => {
    const key = 'applications/C/chunked.pdf';
    const url = new URL(await getSignedUrl(s3, new PutObjectCommand({ Bucket: BUCKET, Key: key }), { expiresIn: 300 }));
    const put = (target: URL, expectContinue: boolean) =>
      new Promise<{ status: number; continued: boolean }>((resolve, reject) => {
        let continued = false;
        const outgoing = httpRequest(target, {
          method: 'PUT',
          headers: { 'transfer-encoding': 'chunked', ...(expectContinue ? { expect: '100-continue' } : {}) },
        });
        const sendBody = () => {
          outgoing.write('%PDF-1.7 ');
          outgoing.end('sent in chunks');
        };
        outgoing.on('continue', () => {
          continued = true;
          sendBody();
        });
        outgoing.on('response', (response) => {
          response.resume();
          response.on('end', () => resolve({ status: response.statusCode ?? 0, continued }));
        });
        outgoing.on('error', reject);
        if (!expectContinue) sendBody();
      });
    const forged = new URL(url);
    forged.pathname = forged.pathname.replace('/applications/C/', '/applications/B/');

    const refused = await put(forged, true);
    const chunked = await put(url, false);
    const accepted = await put(url, true);

    expect(refused).toEqual({ status: 403, continued: false });
    expect(chunked).toEqual({ status: 200, continued: false });
    expect(accepted).toEqual({ status: 200, continued: true });
    expect((await stored(key))?.toString()).toBe('%PDF-1.7 sent in chunks');
  });

  test('stopping closes kept-alive connections and releases the port', async () => {
    const own = await startS3Local({ port: 0, directory: join(dataDir, 'own'), region: LOCAL_REGION });
    const agent = new Agent({ keepAlive: true });
    const client = new S3Client({ ...clientConfig(), endpoint: own.endpoint });
    await client.send(new CreateBucketCommand({ Bucket: 'kept-alive' }));
    const held = await new Promise<number>((resolve, reject) =>
      httpRequest(`${own.endpoint}/`, { agent }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      })
        .on('error', reject)
        .end(),
    );

    await own.stop();
    const afterStop = await fetch(`${own.endpoint}/`).then(
      () => 'answered',
      () => 'refused',
    );
    client.destroy();
    agent.destroy();

    expect(held).toBe(403);
    expect(afterStop).toBe('refused');
  });
});
