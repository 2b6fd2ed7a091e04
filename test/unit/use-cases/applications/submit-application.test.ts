/**
 * submitApplication on the in-memory fakes: the applicant submits its draft once every required document passed the
 * API's own check (checked now and kept, or its kept copy re-verified); a missing, failed or tampered document, a
 * staff viewer, another enterprise's application and a second submission are refused with their codes, and a refusal
 * leaves the application as it was.
 */

import { describe, expect, test } from 'vitest';
import { requiredDocuments } from '../../../../lambdas/domain/application-documents';
import { fileApplication } from '../../../../lambdas/use-cases/applications/file-application';
import { submitApplication } from '../../../../lambdas/use-cases/applications/submit-application';
import {
  enterpriseViewer,
  FakeWorld,
  fakeApplicationDeps,
  filed,
  newLicence,
  reviewed,
  staff,
  submitted,
  uploaded,
} from '../../../support/fakes';

describe('submitApplication', () => {
  test('submits the draft at the clock’s instant, with the comment on the timeline; every document is checked and kept', async () => {
    // Prepare
    const world = new FakeWorld();
    const draft = await filed(world, { seed: 1 });
    world.clock.advance({ hours: 2 });
    const at = world.clock.now().toISOString();

    // Act
    const submittedApp = await submitApplication(fakeApplicationDeps(world), {
      viewer: enterpriseViewer(1),
      applicationId: draft.id,
      comment: '请审查',
    });

    // Assess
    expect(submittedApp).toMatchObject({ id: draft.id, state: 'submitted', updatedAt: at, revision: 2 });
    expect(submittedApp.timeline.at(-1)).toEqual({
      at,
      actor: { id: 'ent-1', role: 'enterprise' },
      action: 'submit',
      from: 'draft',
      to: 'submitted',
      comment: '请审查',
    });
    expect(await world.applications.get(draft.id)).toEqual(submittedApp);
    const stored = await world.applications.getWithDocuments(draft.id);
    expect(stored?.documents.map((d) => [d.type, d.state])).toEqual(
      requiredDocuments('new').map((type) => [type, 'accepted']),
    );
    for (const document of stored?.documents ?? []) {
      expect(document.keptKey).toBe(`applications/${draft.id}/checked/${document.sha256}`);
      expect(world.documentsBucket.objects.has(document.keptKey as string)).toBe(true);
    }
  });

  test('a resubmission after corrections re-verifies the kept copies instead of reading the uploads again', async () => {
    // Prepare
    const world = new FakeWorld();
    const app = await submitted(world, { seed: 2 });
    await reviewed(world, app.id, ['request-corrections']);
    const documents = (await world.applications.getWithDocuments(app.id))?.documents ?? [];
    for (const d of documents) world.documentsBucket.objects.delete(d.key); // the uploads are gone, the kept copies stay

    // Act
    const again = await submitApplication(fakeApplicationDeps(world), {
      viewer: enterpriseViewer(2),
      applicationId: app.id,
    });

    // Assess
    expect(again.state).toBe('submitted');
    expect(again.timeline.map((e) => e.action)).toEqual(['file', 'submit', 'request-corrections', 'submit']);
  });

  test('staff cannot submit (403), another enterprise’s or an unknown application is 404; nothing is written', async () => {
    // Prepare
    const world = new FakeWorld();
    const draft = await filed(world, { seed: 1 });
    const deps = fakeApplicationDeps(world);

    // Act
    const byStaff = await submitApplication(deps, { viewer: staff(), applicationId: draft.id }).catch((e) => e);
    const byOther = await submitApplication(deps, { viewer: enterpriseViewer(2), applicationId: draft.id }).catch(
      (e) => e,
    );
    const unknown = await submitApplication(deps, { viewer: enterpriseViewer(1), applicationId: 'APP-NONE' }).catch(
      (e) => e,
    );

    // Assess
    expect(byStaff).toMatchObject({ kind: 'forbidden', code: 'FORBIDDEN' });
    expect(byOther).toMatchObject({ kind: 'not-found', code: 'APPLICATION_NOT_FOUND' });
    expect(unknown).toMatchObject({ kind: 'not-found', code: 'APPLICATION_NOT_FOUND' });
    expect(await world.applications.get(draft.id)).toEqual(draft);
    const documents = (await world.applications.getWithDocuments(draft.id))?.documents ?? [];
    expect(documents.every((d) => d.state === 'awaiting-upload')).toBe(true);
  });

  test('a required document never uploaded is 409 DOCUMENT_REQUIRED naming its type; the draft stays a draft', async () => {
    // Prepare: the test report is missing
    const world = new FakeWorld();
    const viewer = enterpriseViewer(3);
    const { application: draft } = await fileApplication(fakeApplicationDeps(world), {
      viewer,
      request: newLicence(3),
    });
    await uploaded(world, viewer, draft.id, 'application-form');
    await uploaded(world, viewer, draft.id, 'commitment-letter');

    // Act
    const error = await submitApplication(fakeApplicationDeps(world), { viewer, applicationId: draft.id }).catch(
      (e) => e,
    );

    // Assess
    expect(error).toMatchObject({
      kind: 'conflict',
      code: 'DOCUMENT_REQUIRED',
      details: { documentType: 'test-report' },
    });
    expect((await world.applications.get(draft.id))?.state).toBe('draft');
  });

  test('an upload that fails its check is 422 with the check’s code, then DOCUMENT_REJECTED until uploaded again', async () => {
    // Prepare: the test report is not a PDF
    const world = new FakeWorld();
    const viewer = enterpriseViewer(4);
    const draft = await filed(world, { seed: 4 });
    const bad = await uploaded(world, viewer, draft.id, 'test-report', new TextEncoder().encode('not a pdf at all'));
    const deps = fakeApplicationDeps(world);

    // Act
    const first = await submitApplication(deps, { viewer, applicationId: draft.id }).catch((e) => e);
    const second = await submitApplication(deps, { viewer, applicationId: draft.id }).catch((e) => e);
    await uploaded(world, viewer, draft.id, 'test-report');
    const third = await submitApplication(deps, { viewer, applicationId: draft.id });

    // Assess
    expect(first).toMatchObject({
      kind: 'unprocessable',
      details: { documentId: bad.id, documentType: 'test-report' },
    });
    expect(first.code).not.toBe('DOCUMENT_REJECTED');
    expect(second).toMatchObject({
      kind: 'unprocessable',
      code: 'DOCUMENT_REJECTED',
      details: { documentType: 'test-report', documentId: bad.id, failure: { code: first.code } },
    });
    expect(third.state).toBe('submitted');
  });

  test('a kept copy that no longer hashes to its recorded SHA-256 is 409 DOCUMENT_DIGEST_MISMATCH', async () => {
    // Prepare: corrections requested, then the kept copy of the application form is altered in the bucket
    const world = new FakeWorld();
    const app = await submitted(world, { seed: 5 });
    await reviewed(world, app.id, ['request-corrections']);
    const form = (await world.applications.getWithDocuments(app.id))?.documents.find(
      (d) => d.type === 'application-form',
    );
    world.documentsBucket.put(form?.keptKey as string, new TextEncoder().encode('%PDF-1.7 altered'));

    // Act
    const error = await submitApplication(fakeApplicationDeps(world), {
      viewer: enterpriseViewer(5),
      applicationId: app.id,
    }).catch((e) => e);

    // Assess
    expect(error).toMatchObject({
      kind: 'conflict',
      code: 'DOCUMENT_DIGEST_MISMATCH',
      details: { documentId: form?.id, documentType: 'application-form', sha256: form?.sha256 },
    });
    expect((await world.applications.get(app.id))?.state).toBe('corrections-requested');
  });

  test('a second submission is 409 APPLICATION_TRANSITION_INVALID and changes nothing', async () => {
    // Prepare
    const world = new FakeWorld();
    const app = await submitted(world, { seed: 6 });

    // Act
    const error = await submitApplication(fakeApplicationDeps(world), {
      viewer: enterpriseViewer(6),
      applicationId: app.id,
    }).catch((e) => e);

    // Assess
    expect(error).toMatchObject({ kind: 'conflict', code: 'APPLICATION_TRANSITION_INVALID' });
    expect(await world.applications.get(app.id)).toEqual(app);
  });
});
