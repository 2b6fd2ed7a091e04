/**
 * Documents stay what was checked, through the local runtime: the upload grant (a presigned POST pinned to key,
 * exact size and type, ≤ 5 minutes), the check of the stored object against its declaration and of the content to
 * its last byte, the kept copy every later reader uses (and re-verifies), and the staff's audited read.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type AppJson,
  Applicant,
  documentsBucket,
  pdfOfSize,
  postUpload,
  review,
  THREE_DOCUMENTS,
  tinyPdf,
  type UploadGrant,
} from '../../support/applications';
import { pdfLibPdf, pngWithHtmlAppended } from '../../support/document-vectors';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;
let applicant: Applicant;
let other: Applicant;

beforeAll(async () => {
  runtime = await startTestRuntime();
  applicant = await Applicant.create(runtime, 801);
  other = await Applicant.create(runtime, 802);
});
afterAll(() => runtime?.stop());

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const problem = async (res: Response) => (await res.json()) as { code: string; detail?: string };
const appJson = async (res: Response) => (await res.json()) as AppJson;
const read = (appId: string, documentId: string, as: 'officer' | 'reviewer' | 'admin') =>
  runtime.request(`/v1/applications/${appId}/documents/${documentId}/content`, { as, redirect: 'manual' });
const staffView = async (appId: string) =>
  appJson(await runtime.request(`/v1/applications/${appId}`, { as: 'officer' }));

/** A drafted application with all three documents uploaded and checked; the ids by type. */
async function checkedApplication(): Promise<{ app: AppJson; ids: Record<string, string> }> {
  const app = await applicant.fileNew(['16-204']);
  const ids: Record<string, string> = {};
  for (const d of THREE_DOCUMENTS) {
    const { id, check } = await applicant.upload(app.id, d.type, d.bytes(), { contentType: d.contentType });
    expect((await applicant.check(check)).status).toBe(200);
    ids[d.type] = id;
  }
  return { app, ids };
}

/** The kept copy's key, as the check names it. */
const keptKey = (appId: string, digest: string) => `applications/${appId}/checked/${digest}`;

describe('the upload grant', () => {
  test('is a presigned POST whose policy pins the key, the exact size and the type, for at most 5 minutes', async () => {
    // Prepare
    const app = await applicant.fileNew(['16-204']);

    // Act
    const res = await applicant.requestUpload(app.id, 'test-report', 600);
    const { upload } = (await res.json()) as { upload: UploadGrant };

    // Assess
    expect(res.status).toBe(201);
    expect(upload.method).toBe('POST');
    const policy = JSON.parse(Buffer.from(upload.fields.Policy as string, 'base64').toString('utf8')) as {
      expiration: string;
      conditions: unknown[];
    };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 600, 600],
        ['eq', '$Content-Type', 'application/pdf'],
        { key: upload.fields.key },
        { bucket: runtime.names.buckets.documents },
      ]),
    );
    expect(upload.fields.key).toMatch(new RegExp(`^applications/${app.id}/DOC-[0-9a-f-]{36}$`));
    const signedAt = (upload.fields['X-Amz-Date'] as string).replace(
      /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/,
      '$1-$2-$3T$4:$5:$6Z',
    );
    expect(Date.parse(policy.expiration) - Date.parse(signedAt)).toBe(300_000);
    expect(upload.expiresAt).toBe(new Date(policy.expiration).toISOString());
  });
});

describe('what was checked is what is kept', () => {
  test('a second POST to the same grant after the check changes nothing reviewers read or the digest says', async () => {
    // Prepare: the form is checked and accepted …
    const app = await applicant.fileNew(['16-204']);
    const checkedBytes = tinyPdf('checked version A');
    const swapped = tinyPdf('swapped version B');
    expect(swapped.byteLength).toBe(checkedBytes.byteLength);
    const form = await applicant.upload(app.id, 'application-form', checkedBytes);
    const accepted = await applicant.check(form.check);
    for (const d of THREE_DOCUMENTS.slice(1)) {
      const { check } = await applicant.upload(app.id, d.type, d.bytes(), { contentType: d.contentType });
      await applicant.check(check);
    }

    // Act: … then different bytes of the same length go to the same (unexpired) grant, and the applicant submits
    const second = await postUpload(form.upload, swapped);
    const submitted = await applicant.submit(app.id);
    const accept = await review(runtime, app.id, 'accept');
    const redirect = await read(app.id, form.id, 'reviewer');
    const served = await fetch(redirect.headers.get('location') as string);
    const servedBytes = new Uint8Array(await served.arrayBuffer());

    // Assess: the swap landed on the upload key, but the evidence is still the checked bytes with their digest
    expect(accepted.status).toBe(200);
    expect(((await accepted.json()) as { sha256: string }).sha256).toBe(sha256(checkedBytes));
    expect(second.status).toBe(204);
    expect(await documentsBucket(runtime).get(form.upload.fields.key as string)).toEqual(swapped);
    expect(submitted.status).toBe(200);
    expect(accept.status).toBe(200);
    expect(redirect.status).toBe(302);
    expect(servedBytes).toEqual(checkedBytes);
    const recorded = (await staffView(app.id)).documents?.find((d) => d.id === form.id);
    expect(recorded?.sha256).toBe(sha256(servedBytes));
  });

  test('a kept copy that no longer matches its digest stops submit and review with 409, writing nothing', async () => {
    // Prepare: two checked applications; one is submitted before its report's kept copy is tampered with
    const draft = await checkedApplication();
    const submitted = await checkedApplication();
    expect((await applicant.submit(submitted.app.id)).status).toBe(200);
    const bucket = documentsBucket(runtime);
    for (const { app } of [draft, submitted]) {
      const report = (await staffView(app.id)).documents?.find((d) => d.type === 'test-report');
      await bucket.put(keptKey(app.id, report?.sha256 as string), tinyPdf('tampered in storage'), 'application/pdf');
    }

    // Act
    const submit = await applicant.submit(draft.app.id);
    const accept = await review(runtime, submitted.app.id, 'accept');
    const reject = await review(runtime, submitted.app.id, 'reject', '检测报告存储副本校验失败');

    // Assess
    expect(submit.status).toBe(409);
    expect(await problem(submit)).toMatchObject({
      code: 'DOCUMENT_DIGEST_MISMATCH',
      detail: expect.stringContaining('检测报告'),
    });
    expect((await staffView(draft.app.id)).state).toBe('draft');
    expect(accept.status).toBe(409);
    expect((await problem(accept)).code).toBe('DOCUMENT_DIGEST_MISMATCH');
    expect(reject.status).toBe(200);
    expect((await appJson(reject)).timeline.map((t) => t.action)).toEqual(['file', 'submit', 'reject']);
  });
});

describe('the check compares the stored object with the declaration', () => {
  test('a 4,612-byte file on a 600-byte declaration is refused, even when the store did not enforce the policy', async () => {
    // Prepare: written straight to the upload key, past the policy's content-length-range
    const app = await applicant.fileNew(['16-204']);
    const granted = await applicant.requestUpload(app.id, 'test-report', 600);
    const { upload, links, document } = (await granted.json()) as {
      upload: UploadGrant;
      links: { check: string };
      document: { id: string };
    };
    const oversized = pdfOfSize(4612);
    await documentsBucket(runtime).put(upload.fields.key as string, oversized, 'application/pdf');

    // Act
    const checked = await applicant.check(links.check);
    const submitted = await applicant.submit(app.id);

    // Assess
    expect(oversized.byteLength).toBe(4612);
    expect(checked.status).toBe(422);
    expect(await problem(checked)).toMatchObject({
      code: 'DOCUMENT_SIZE_MISMATCH',
      detail: expect.stringMatching(/4612 bytes, but 600 were declared/),
    });
    const stored = (await staffView(app.id)).documents?.find((d) => d.id === document.id);
    expect(stored).toMatchObject({ state: 'rejected', failure: { code: 'DOCUMENT_SIZE_MISMATCH' } });
    expect(submitted.status).toBe(409); // the other two documents were never uploaded
  });

  test('an object stored with another Content-Type than declared is refused', async () => {
    const app = await applicant.fileNew(['16-204']);
    const bytes = tinyPdf();
    const granted = await applicant.requestUpload(app.id, 'test-report', bytes.byteLength);
    const { upload, links } = (await granted.json()) as { upload: UploadGrant; links: { check: string } };
    await documentsBucket(runtime).put(upload.fields.key as string, bytes, 'text/html');

    const checked = await applicant.check(links.check);

    expect(checked.status).toBe(422);
    expect((await problem(checked)).code).toBe('DOCUMENT_STORED_TYPE_MISMATCH');
  });

  test('polyglots and active content are refused with the code that names why', async () => {
    const app = await applicant.fileNew(['16-204']);
    const png = await applicant.upload(app.id, 'commitment-letter', pngWithHtmlAppended(), {
      contentType: 'image/png',
    });
    const pdf = await applicant.upload(app.id, 'test-report', await pdfLibPdf({ javaScript: true }));

    const pngChecked = await applicant.check(png.check);
    const pdfChecked = await applicant.check(pdf.check);

    expect(pngChecked.status).toBe(422);
    expect((await problem(pngChecked)).code).toBe('DOCUMENT_TRAILING_DATA');
    expect(pdfChecked.status).toBe(422);
    expect((await problem(pdfChecked)).code).toBe('DOCUMENT_ACTIVE_CONTENT');
  });
});

describe('staff read documents through the API', () => {
  test('a 60-second link to the kept copy, inline as the detected type, each read audited on the application', async () => {
    // Prepare
    const { app, ids } = await checkedApplication();
    const letter = ids['commitment-letter'] as string;

    // Act
    const byReviewer = await read(app.id, letter, 'reviewer');
    const byOfficer = await read(app.id, letter, 'officer');
    const byAdmin = await read(app.id, ids['test-report'] as string, 'admin');
    const location = new URL(byReviewer.headers.get('location') as string);
    const served = await fetch(location);
    const staff = await staffView(app.id);
    const enterprise = await appJson(await applicant.get(app.id));

    // Assess: the redirect
    expect([byReviewer.status, byOfficer.status, byAdmin.status]).toEqual([302, 302, 302]);
    expect(byReviewer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(byReviewer.headers.get('cache-control')).toBe('no-store');
    expect(location.searchParams.get('X-Amz-Expires')).toBe('60');
    expect(location.pathname).toContain(`/applications/${app.id}/checked/`);
    // … what S3 serves
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('content-disposition')).toMatch(/^inline; filename="commitment-letter\.pdf"/);
    const letterSha = staff.documents?.find((d) => d.id === letter)?.sha256;
    expect(sha256(new Uint8Array(await served.arrayBuffer()))).toBe(letterSha);
    // … and the audit: who, role, when, which document, which digest — newest first, for staff only
    expect(staff.documentReads?.items.map((r) => [r.actor.role, r.documentId])).toEqual([
      ['admin', ids['test-report']],
      ['officer', letter],
      ['reviewer', letter],
    ]);
    expect(staff.documentReads?.items[2]).toMatchObject({
      actor: { id: expect.any(String), role: 'reviewer' },
      documentType: 'commitment-letter',
      copy: 'kept',
      sha256: letterSha,
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(staff.documentReads?.more).toBe(false);
    expect(staff.documents?.find((d) => d.id === letter)?.links?.content).toBe(
      `/v1/applications/${app.id}/documents/${letter}/content`,
    );
    expect(enterprise.documentReads).toBeUndefined();
    expect(enterprise.documents?.every((d) => d.links === undefined)).toBe(true);
  });

  test('a refused upload is served only as an octet-stream attachment; nothing checked yet is 409', async () => {
    // Prepare
    const app = await applicant.fileNew(['16-204']);
    const bad = await applicant.upload(app.id, 'test-report', pngWithHtmlAppended(), {
      contentType: 'image/png',
      fileName: '检测报告 "终版".png',
    });
    await applicant.check(bad.check);
    const pending = await applicant.requestUpload(app.id, 'application-form', 100);
    const { document: unchecked } = (await pending.json()) as { document: { id: string } };

    // Act
    const refused = await read(app.id, bad.id, 'reviewer');
    const served = await fetch(refused.headers.get('location') as string);
    const notChecked = await read(app.id, unchecked.id, 'reviewer');
    const unknown = await read(app.id, 'DOC-00000000-0000-4000-8000-000000000000', 'reviewer');

    // Assess
    expect(refused.status).toBe(302);
    expect(served.headers.get('content-type')).toBe('application/octet-stream');
    expect(served.headers.get('content-disposition')).toBe(
      `attachment; filename="download.png"; filename*=UTF-8''${encodeURIComponent('检测报告 "终版".png')}`,
    );
    expect(notChecked.status).toBe(409);
    expect((await problem(notChecked)).code).toBe('DOCUMENT_NOT_CHECKED');
    expect(unknown.status).toBe(404);
    expect((await problem(unknown)).code).toBe('DOCUMENT_NOT_FOUND');
    const reads = (await staffView(app.id)).documentReads?.items;
    expect(reads).toHaveLength(1);
    expect(reads?.[0]).toMatchObject({ documentId: bad.id, copy: 'upload' });
    expect(reads?.[0]?.sha256).toBeUndefined();
  });

  test('enterprises cannot use the route: 403 for their own documents and for another’s alike, nothing recorded', async () => {
    // Prepare
    const { app, ids } = await checkedApplication();
    const form = ids['application-form'] as string;

    // Act
    const own = await applicant.request(`/v1/applications/${app.id}/documents/${form}/content`, { redirect: 'manual' });
    const foreign = await other.request(`/v1/applications/${app.id}/documents/${form}/content`, {
      redirect: 'manual',
    });
    const anonymous = await fetch(`${runtime.baseUrl}/v1/applications/${app.id}/documents/${form}/content`, {
      redirect: 'manual',
    });

    // Assess
    for (const res of [own, foreign]) {
      expect(res.status).toBe(403);
      expect((await problem(res)).code).toBe('FORBIDDEN');
    }
    expect(anonymous.status).toBe(401);
    expect((await staffView(app.id)).documentReads?.items).toEqual([]);
  });
});
