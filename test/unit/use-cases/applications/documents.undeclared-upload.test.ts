/**
 * Undeclared uploads — the console's plain form without JavaScript, which cannot state a file's size or type before
 * it is chosen: the grant pins key, 1 byte to the limit and the redirect back, and writes nothing; the check judges
 * the stored bytes alone (limit, detected type, format) and records the detected type and measured size. Declared
 * uploads keep their exact rules (the declaration still binds them).
 */
import { describe, expect, test } from 'vitest';
import { checkDocumentBytes, DOCUMENT_LIMITS } from '../../../../lambdas/domain/application-documents';
import {
  checkApplicationDocument,
  checkUndeclaredUpload,
  undeclaredUploadGrant,
} from '../../../../lambdas/use-cases/applications/documents';
import { fileApplication } from '../../../../lambdas/use-cases/applications/file-application';
import { tinyPdf, tinyPng } from '../../../support/applications';
import { pngWithHtmlAppended } from '../../../support/document-vectors';
import { fakeApplicationDeps } from '../../../support/fakes/deps';
import { enterpriseViewer, newLicence, uploaded } from '../../../support/fakes/scenarios';
import { FakeWorld } from '../../../support/fakes/world';

/** What an async call threw (the test asserts its code and details). */
const thrown = async (attempt: () => Promise<unknown>): Promise<unknown> => {
  try {
    await attempt();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
};

describe('the check without a declaration', () => {
  test('takes the type from the content and the size as measured', async () => {
    expect(await checkDocumentBytes(tinyPng())).toMatchObject({
      ok: true,
      contentType: 'image/png',
      size: tinyPng().byteLength,
    });
    expect(await checkDocumentBytes(tinyPdf())).toMatchObject({ ok: true, contentType: 'application/pdf' });
  });

  test('still refuses what is not an accepted type, a malformed or doctored file, and more than the limit', async () => {
    const html = new TextEncoder().encode('<!doctype html><script>alert(1)</script>');
    expect(await checkDocumentBytes(html)).toMatchObject({ ok: false, code: 'DOCUMENT_TYPE_NOT_ALLOWED' });
    const fakePdf = new TextEncoder().encode('%PDF-1.7\n<html><script>alert(1)</script></html>');
    expect(await checkDocumentBytes(fakePdf)).toMatchObject({ ok: false, code: 'DOCUMENT_MALFORMED' });
    expect(await checkDocumentBytes(pngWithHtmlAppended())).toMatchObject({
      ok: false,
      code: 'DOCUMENT_TRAILING_DATA',
    });
    const big = new Uint8Array(DOCUMENT_LIMITS.maxBytes + 1);
    big.set(tinyPdf().subarray(0, 8));
    expect(await checkDocumentBytes(big)).toMatchObject({ ok: false, code: 'DOCUMENT_TOO_LARGE' });
    expect(await checkDocumentBytes(new Uint8Array())).toMatchObject({ ok: false, code: 'DOCUMENT_EMPTY' });
  });

  test('a declaration still binds: the same bytes declared as another type or size are refused', async () => {
    expect(
      await checkDocumentBytes(tinyPng(), { contentType: 'application/pdf', size: tinyPng().byteLength }),
    ).toMatchObject({ ok: false, code: 'DOCUMENT_TYPE_MISMATCH' });
    expect(await checkDocumentBytes(tinyPng(), { contentType: 'image/png', size: 1 })).toMatchObject({
      ok: false,
      code: 'DOCUMENT_SIZE_MISMATCH',
    });
  });
});

async function draft(world: FakeWorld, seed: number) {
  const { application } = await fileApplication(fakeApplicationDeps(world), {
    viewer: enterpriseViewer(seed),
    request: newLicence(seed),
  });
  return application;
}

describe('undeclared grants and their check', () => {
  test('the grant pins the key and the redirect, no type; it writes nothing until the file comes back', async () => {
    // Prepare
    const world = new FakeWorld({ at: '2026-11-27T10:00:00+08:00' });
    const application = await draft(world, 21);
    // Act
    const { documentId, upload } = await undeclaredUploadGrant(
      fakeApplicationDeps(world),
      application,
      (id) => `https://console.example/back/${id}`,
    );
    // Assess
    expect(upload.fields).toEqual({
      key: `applications/${application.id}/${documentId}`,
      success_action_redirect: `https://console.example/back/${documentId}`,
    });
    expect(Date.parse(upload.expiresAt) - world.clock.now().getTime()).toBeLessThanOrEqual(300_000);
    expect((await world.applications.getWithDocuments(application.id))?.documents).toEqual([]);
  });

  test('the file that came back is recorded as detected, kept as that type, and a reload answers the same', async () => {
    // Prepare
    const world = new FakeWorld({ at: '2026-11-27T10:00:00+08:00' });
    const deps = fakeApplicationDeps(world);
    const application = await draft(world, 22);
    const viewer = enterpriseViewer(22);
    const { documentId, upload } = await undeclaredUploadGrant(deps, application, () => 'https://console.example/b');
    expect(world.documents.post(upload, tinyPng())).toBe(204);
    const input = { viewer, applicationId: application.id, documentId, type: 'commitment-letter' as const };
    // Act
    const checked = await checkUndeclaredUpload(deps, input);
    const again = await checkUndeclaredUpload(deps, input);
    // Assess
    expect(checked).toMatchObject({
      state: 'accepted',
      contentType: 'image/png',
      size: tinyPng().byteLength,
      fileName: '承诺书.png',
    });
    expect(checked.declaredContentType).toBeUndefined();
    expect(world.documentsBucket.objects.get(checked.keptKey as string)?.contentType).toBe('image/png');
    expect(again).toEqual(checked);
  });

  test('a disguised file is recorded as refused with the inspection’s code; no file at all records nothing', async () => {
    const world = new FakeWorld({ at: '2026-11-27T10:00:00+08:00' });
    const deps = fakeApplicationDeps(world);
    const application = await draft(world, 23);
    const viewer = enterpriseViewer(23);
    const html = await undeclaredUploadGrant(deps, application, () => 'https://console.example/b');
    world.documents.post(html.upload, new TextEncoder().encode('<html><script>alert(1)</script></html>'));
    const none = await undeclaredUploadGrant(deps, application, () => 'https://console.example/b');

    const refused = await thrown(() =>
      checkUndeclaredUpload(deps, {
        viewer,
        applicationId: application.id,
        documentId: html.documentId,
        type: 'test-report',
      }),
    );
    const missing = await thrown(() =>
      checkUndeclaredUpload(deps, {
        viewer,
        applicationId: application.id,
        documentId: none.documentId,
        type: 'test-report',
      }),
    );

    expect(refused).toMatchObject({ code: 'DOCUMENT_TYPE_NOT_ALLOWED', details: { documentType: 'test-report' } });
    expect(missing).toMatchObject({ code: 'DOCUMENT_MISSING' });
    const documents = (await world.applications.getWithDocuments(application.id))?.documents ?? [];
    expect(documents.map((d) => [d.id, d.state, d.failure?.code])).toEqual([
      [html.documentId, 'rejected', 'DOCUMENT_TYPE_NOT_ALLOWED'],
    ]);
  });

  test('an id already recorded by a declared upload is judged by its declaration, not as undeclared', async () => {
    const world = new FakeWorld({ at: '2026-11-27T10:00:00+08:00' });
    const deps = fakeApplicationDeps(world);
    const application = await draft(world, 24);
    const viewer = enterpriseViewer(24);
    const declared = await uploaded(world, viewer, application.id, 'test-report', tinyPdf('报告'));
    // The declared grant's key now holds a PNG (as if swapped): the declaration refuses it.
    world.documentsBucket.put(declared.key, tinyPng(), 'application/pdf');
    const out = await thrown(() =>
      checkUndeclaredUpload(deps, {
        viewer,
        applicationId: application.id,
        documentId: declared.id,
        type: 'test-report',
      }),
    );
    expect(out).toMatchObject({ code: 'DOCUMENT_SIZE_MISMATCH' });
    await expect(
      checkApplicationDocument(deps, { viewer, applicationId: application.id, documentId: declared.id }),
    ).rejects.toMatchObject({ code: 'DOCUMENT_SIZE_MISMATCH' });
  });

  test('another enterprise’s application answers as missing', async () => {
    const world = new FakeWorld({ at: '2026-11-27T10:00:00+08:00' });
    const deps = fakeApplicationDeps(world);
    const application = await draft(world, 25);
    const out = await thrown(() =>
      checkUndeclaredUpload(deps, {
        viewer: enterpriseViewer(26),
        applicationId: application.id,
        documentId: `DOC-${crypto.randomUUID()}`,
        type: 'test-report',
      }),
    );
    expect(out).toMatchObject({ code: 'APPLICATION_NOT_FOUND' });
  });
});
