/**
 * Documents and access through the local runtime: the API checks every upload itself (type by content, size,
 * presence) and refuses with a clear code naming the document; enterprises see and act on their own applications
 * only; lists are index Queries with cursors, never a Scan.
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { emulatorClientConfig } from '../../../lib/local/aws-clients';
import { type AppJson, Applicant, THREE_DOCUMENTS, tinyPdf } from '../../support/applications';
import { recordDynamoCommands } from '../../support/dynamo-commands';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;
let applicant: Applicant;
let other: Applicant;

beforeAll(async () => {
  runtime = await startTestRuntime();
  applicant = await Applicant.create(runtime, 701);
  other = await Applicant.create(runtime, 702);
});
afterAll(() => runtime?.stop());

const problem = async (res: Response) => (await res.json()) as { code: string; detail?: string; status: number };

describe('documents', () => {
  test('a good upload is accepted with its SHA-256 and the type detected from its content', async () => {
    // Prepare
    const app = await applicant.fileNew(['16-204']);
    const bytes = tinyPdf();
    const { check, putStatus } = await applicant.upload(app.id, 'application-form', bytes);

    // Act
    const res = await applicant.check(check);

    // Assess
    expect(putStatus).toBe(200);
    expect(res.status).toBe(200);
    const { createHash } = await import('node:crypto');
    expect(await res.json()).toMatchObject({
      state: 'accepted',
      contentType: 'application/pdf',
      size: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  });

  test('a file whose content is not PDF/JPEG/PNG is refused, whatever its name and declared type', async () => {
    // Prepare
    const app = await applicant.fileNew(['16-204']);
    const fake = new TextEncoder().encode('GIF89a… not really a PDF');
    const { check } = await applicant.upload(app.id, 'test-report', fake);

    // Act
    const res = await applicant.check(check);

    // Assess
    expect(res.status).toBe(422);
    expect(await problem(res)).toMatchObject({
      code: 'DOCUMENT_TYPE_NOT_ALLOWED',
      detail: expect.stringContaining('test-report'),
    });
  });

  test('a PNG declared as a PDF is a mismatch', async () => {
    const app = await applicant.fileNew(['16-204']);
    const png = (THREE_DOCUMENTS[1] as (typeof THREE_DOCUMENTS)[number]).bytes();
    const { check } = await applicant.upload(app.id, 'test-report', png, { contentType: 'application/pdf' });
    const res = await applicant.check(check);
    expect(res.status).toBe(422);
    expect((await problem(res)).code).toBe('DOCUMENT_TYPE_MISMATCH');
  });

  test('too large: refused when declared, refused by storage past the signed length, and refused on check', async () => {
    // Prepare
    const app = await applicant.fileNew(['16-204']);
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(new TextEncoder().encode('%PDF-1.4'));
    const requested = await applicant.requestUpload(app.id, 'test-report', 1000);
    const { upload, links } = (await requested.json()) as {
      upload: { url: string; headers: Record<string, string> };
      links: { check: string };
    };

    // Act
    const declared = await applicant.requestUpload(app.id, 'test-report', big.byteLength);
    const put = await fetch(upload.url, {
      method: 'PUT',
      headers: { 'content-type': upload.headers['content-type'] ?? 'application/pdf' },
      body: big,
    });
    // Storage refuses it, as S3 does; put the object there directly (a writer with its own credentials) to show
    // that the check enforces the limit itself.
    const [, bucket, ...key] = new URL(upload.url).pathname.split('/');
    const s3 = new S3Client({
      ...emulatorClientConfig(runtime.endpoints.s3, runtime.endpoints.region),
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: decodeURIComponent(key.join('/')),
        Body: big,
        ContentType: 'application/pdf',
      }),
    );
    s3.destroy();
    const checked = await applicant.check(links.check);

    // Assess
    expect(declared.status).toBe(400);
    expect((await problem(declared)).code).toBe('DOCUMENT_TOO_LARGE');
    expect(put.status).toBe(403); // the presigned PUT signs Content-Length: 1000
    expect(checked.status).toBe(422);
    expect((await problem(checked)).code).toBe('DOCUMENT_TOO_LARGE');
  });

  test('checking before uploading says the document is missing', async () => {
    const app = await applicant.fileNew(['16-204']);
    const res = await applicant.requestUpload(app.id, 'test-report', 100);
    const { links } = (await res.json()) as { links: { check: string } };
    const checked = await applicant.check(links.check);
    expect(checked.status).toBe(422);
    expect((await problem(checked)).code).toBe('DOCUMENT_MISSING');
  });

  test('submit names the missing or failed required document', async () => {
    // Prepare
    const app = await applicant.fileNew(['16-204']);
    await applicant.uploadAll(app.id, THREE_DOCUMENTS.slice(0, 2));

    // Act
    const missing = await applicant.submit(app.id);
    await applicant.upload(app.id, 'test-report', new TextEncoder().encode('plain text'));
    const failed = await applicant.submit(app.id);

    // Assess
    expect(missing.status).toBe(409);
    expect(await problem(missing)).toMatchObject({
      code: 'DOCUMENT_REQUIRED',
      detail: expect.stringContaining('检测报告'),
    });
    expect(failed.status).toBe(422);
    expect((await problem(failed)).code).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
    expect(((await (await applicant.get(app.id)).json()) as AppJson).state).toBe('draft');
  });

  test('a document type the kind does not take is refused', async () => {
    const res = await applicant.file({ kind: 'new', enterprise: applicant.enterprise(), products: ['16-204'] });
    const app = (await res.json()) as AppJson;
    const bad = await applicant.requestUpload(app.id, 'birth-certificate', 100);
    expect(bad.status).toBe(400);
  });
});

describe('foreign applications', () => {
  test('an enterprise cannot file for another USCC', async () => {
    const res = await applicant.file({ kind: 'new', enterprise: other.enterprise(), products: ['16-204'] });
    expect(res.status).toBe(403);
    expect((await problem(res)).code).toBe('APPLICATION_FOREIGN_ENTERPRISE');
  });

  test('an enterprise cannot read, upload to or submit another’s application', async () => {
    // Prepare
    const app = await applicant.fileNew(['16-204']);

    // Act
    const read = await other.get(app.id);
    const upload = await other.requestUpload(app.id, 'test-report', 100);
    const submit = await other.submit(app.id);

    // Assess
    for (const res of [read, upload, submit]) {
      expect(res.status).toBe(403);
      expect((await problem(res)).code).toBe('APPLICATION_NOT_YOURS');
    }
  });

  test('an unknown application is 404', async () => {
    const res = await applicant.get('APP-20261127-AAAAAAAAAA');
    expect(res.status).toBe(404);
    expect((await problem(res)).code).toBe('APPLICATION_NOT_FOUND');
  });
});

describe('lists', () => {
  test('my applications, and staff lists by state, procedure and overdue: Queries only, with cursors', async () => {
    // Prepare
    const mine = await Applicant.create(runtime, 703);
    for (const products of [['16-204'], ['06-001'], ['85-901']]) await mine.fileNew(products);
    const log = recordDynamoCommands();
    const { commands } = log;
    try {
      // Act
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const res = await mine.request(`/v1/me/applications?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        const page = (await res.json()) as { items: AppJson[]; cursor?: string };
        ids.push(...page.items.map((a) => a.id));
        cursor = page.cursor;
      } while (cursor);
      const byState = await runtime.request('/v1/applications?state=draft&procedure=general', { as: 'officer' });
      const byProcedure = await runtime.request('/v1/applications?procedure=post-issuance-review', { as: 'reviewer' });
      const overdue = await runtime.request('/v1/applications?overdue=true', { as: 'admin' });

      // Assess
      expect(ids).toHaveLength(3);
      expect(new Set(ids).size).toBe(3);
      const drafts = ((await byState.json()) as { items: AppJson[] }).items;
      expect(drafts.length).toBeGreaterThanOrEqual(1);
      expect(drafts.every((a) => a.state === 'draft' && a.procedure === 'general')).toBe(true);
      expect(
        ((await byProcedure.json()) as { items: AppJson[] }).items.every((a) => a.procedure === 'post-issuance-review'),
      ).toBe(true);
      expect(overdue.status).toBe(200);
      expect(commands).not.toContain('ScanCommand');
      expect(new Set(commands)).toEqual(new Set(['QueryCommand']));
    } finally {
      log.stop();
    }
  });
});

describe('idempotent filing', () => {
  const fileWithKey = (who: Applicant, key: string, products: string[]) =>
    who.request('/v1/applications', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ kind: 'new', enterprise: who.enterprise(), products }),
    });

  test('a retried filing with the same key returns the same draft; another body under it is 409', async () => {
    // Prepare
    const key = `file-${Date.now()}-retry`;
    // Act
    const first = await fileWithKey(applicant, key, ['16-204']);
    const retry = await fileWithKey(applicant, key, ['16-204']);
    const different = await fileWithKey(applicant, key, ['06-001']);
    // Assess
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(((await retry.json()) as AppJson).id).toBe(((await first.json()) as AppJson).id);
    expect(different.status).toBe(409);
    expect((await problem(different)).code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  test('keys are scoped to the enterprise: another enterprise’s identical key files its own draft', async () => {
    const key = `file-${Date.now()}-scoped`;
    const mine = (await (await fileWithKey(applicant, key, ['16-204'])).json()) as AppJson;
    const theirs = await fileWithKey(other, key, ['16-204']);
    expect(theirs.status).toBe(201);
    expect(((await theirs.json()) as AppJson).id).not.toBe(mine.id);
  });
});
