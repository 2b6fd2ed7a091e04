/**
 * Documents and access through the local runtime: the API checks every upload itself (type by content, size,
 * presence) and refuses with a clear code naming the document; enterprises see and act on their own applications
 * only; lists are index Queries with cursors, never a Scan. (What is kept after a check, the declared size and type,
 * the content checks and the staff's read: `kept-documents.test.ts`.)
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import { type AppJson, Applicant, documentsBucket, THREE_DOCUMENTS, tinyPdf } from '../../support/applications';
import { issueBody, jsonRequest } from '../../support/certificates';
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

/**
 * A problem body with its per-request correlation id removed and the probed id replaced by a placeholder (a licence
 * number in both its printed and URL-safe spelling), so two answers can be compared for anything that tells them
 * apart.
 */
async function problemShape(res: Response, probedId: string): Promise<Record<string, unknown>> {
  const { correlationId: _, ...body } = (await res.json()) as Record<string, unknown>;
  const spellings = probedId.startsWith('APP-') ? [probedId] : [probedId, LicenceNumber.parse(probedId).toString()];
  let text = JSON.stringify(body);
  for (const id of spellings) text = text.replaceAll(id, '{id}');
  return JSON.parse(text) as Record<string, unknown>;
}

describe('documents', () => {
  test('a good upload is accepted with its SHA-256 and the type detected from its content', async () => {
    // Prepare
    const app = await applicant.fileNew(['16-204']);
    const bytes = tinyPdf();
    const { check, postStatus } = await applicant.upload(app.id, 'application-form', bytes);

    // Act
    const res = await applicant.check(check);

    // Assess
    expect(postStatus).toBe(204);
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

  test('too large: refused when declared, and when the uploaded object is larger than the limit', async () => {
    // Prepare: the object is written past the upload policy, as a store that did not enforce it would allow
    const app = await applicant.fileNew(['16-204']);
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(new TextEncoder().encode('%PDF-1.4'));
    const granted = await applicant.requestUpload(app.id, 'test-report', 1000);
    const { upload, links } = (await granted.json()) as {
      upload: { fields: { key: string } };
      links: { check: string };
    };
    await documentsBucket(runtime).put(upload.fields.key, big, 'application/pdf');

    // Act
    const declared = await applicant.requestUpload(app.id, 'test-report', big.byteLength);
    const checked = await applicant.check(links.check);

    // Assess
    expect(declared.status).toBe(400);
    expect((await problem(declared)).code).toBe('DOCUMENT_DECLARED_TOO_LARGE');
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

  test('another enterprise’s application answers exactly like a missing one: 404, same code, same message', async () => {
    // Prepare: the applicant's draft with a document awaiting upload, and an id that exists nowhere
    const app = await applicant.fileNew(['16-204']);
    const requested = (await (await applicant.requestUpload(app.id, 'test-report', 100)).json()) as {
      document: { id: string };
      links: { check: string };
    };
    const missingId = 'APP-20261127-AAAAAAAAAA';
    const probes = (id: string, documentId: string) => [
      () => other.get(id),
      () => other.requestUpload(id, 'test-report', 100),
      () => other.check(`/v1/applications/${id}/documents/${documentId}/check`),
      () => other.submit(id),
    ];

    // Act
    const foreign = await Promise.all(probes(app.id, requested.document.id).map((p) => p()));
    const missing = await Promise.all(probes(missingId, 'DOC-00000000-0000-4000-8000-000000000000').map((p) => p()));

    // Assess
    for (const [i, res] of foreign.entries()) {
      const twin = missing[i] as Response;
      expect([res.status, twin.status]).toEqual([404, 404]);
      expect(res.headers.get('content-type')).toBe(twin.headers.get('content-type'));
      const missingShape = await problemShape(twin, missingId);
      expect(await problemShape(res, app.id)).toEqual(missingShape);
      expect(missingShape.code).toBe('APPLICATION_NOT_FOUND');
    }
    expect(((await (await applicant.get(app.id)).json()) as AppJson).state).toBe('draft');
  });

  test('another enterprise’s certificate, its PDF and its parcels answer exactly like a missing licence', async () => {
    // Prepare: a certificate held by the applicant's enterprise, and a well-formed licence number nobody holds
    const issued = await runtime.request('/v1/certificates', {
      as: 'officer',
      ...jsonRequest(issueBody({ seed: 701 })),
    });
    expect(issued.status).toBe(201);
    const cert = (await issued.json()) as { licenceNoUrlSafe: string };
    const held = cert.licenceNoUrlSafe;
    const nobodys = held.replace(/\d{5}$/, '99999');
    const probes = (lic: string) => [
      `/v1/certificates/${lic}`,
      `/v1/certificates/${lic}/pdf`,
      `/v1/certificates/${lic}/dispatches`,
    ];

    // Act
    const own = await applicant.request(probes(held)[0] as string);
    const foreign = await Promise.all(probes(held).map((path) => other.request(path, { redirect: 'manual' })));
    const missing = await Promise.all(probes(nobodys).map((path) => other.request(path, { redirect: 'manual' })));

    // Assess
    expect(own.status).toBe(200);
    for (const [i, res] of foreign.entries()) {
      const twin = missing[i] as Response;
      expect([res.status, twin.status]).toEqual([404, 404]);
      expect(await problemShape(res, held)).toEqual(await problemShape(twin, nobodys));
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
