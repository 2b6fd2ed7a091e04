/**
 * One application as staff review it, on the in-memory fakes: the API's read with working days left and the steps
 * its state allows; a document opened in the page is the API's audited read — recorded before the page reads the
 * application, so the reads list already shows it — with a short URL of the kept copy and the type to draw it as; an
 * unknown document is 404 like the API's; an enterprise never reaches it.
 */
import { describe, expect, test } from 'vitest';
import { applicationForReview } from '../../../../lambdas/use-cases/applications/application-review';
import { enterpriseViewer, FakeWorld, fakeApplicationDeps, reviewed, staff, submitted } from '../../../support/fakes';

describe('applicationForReview', () => {
  test('the steps its state allows, working days left, and no document opened unless asked', async () => {
    // Prepare
    const world = new FakeWorld();
    const app = await submitted(world, { seed: 1 });
    const deps = fakeApplicationDeps(world);

    // Act
    const waiting = await applicationForReview(deps, { viewer: staff('reviewer'), applicationId: app.id });
    await reviewed(world, app.id, ['accept']);
    const accepted = await applicationForReview(deps, { viewer: staff('officer'), applicationId: app.id });

    // Assess
    expect(waiting.reviewActions).toEqual(['accept', 'request-corrections', 'reject']);
    expect(waiting.workingDaysLeft).toBeUndefined();
    expect(waiting.opened).toBeUndefined();
    expect(waiting.documentReads).toEqual({ items: [], more: false });
    expect(accepted.reviewActions).toEqual(['request-corrections', 'reject', 'pass-formal-review']);
    expect(accepted.decisions).toEqual([]);
    expect(accepted.workingDaysLeft).toEqual({ count: 9, provisional: false, overdue: false });
  });

  test('a document opened in the page is an audited read, listed at once, with a URL of the kept copy', async () => {
    // Prepare
    const world = new FakeWorld();
    const app = await submitted(world, { seed: 2 });
    const deps = fakeApplicationDeps(world);
    const [form] = (await world.applications.getWithDocuments(app.id))?.documents ?? [];

    // Act
    const opened = await applicationForReview(deps, {
      viewer: staff('reviewer', 'reviewer-7'),
      applicationId: app.id,
      openDocumentId: form?.id as string,
    });
    const missing = await applicationForReview(deps, {
      viewer: staff('reviewer'),
      applicationId: app.id,
      openDocumentId: 'DOC-00000000-0000-4000-8000-999999999999',
    }).catch((error: unknown) => error);
    const byEnterprise = await applicationForReview(deps, {
      viewer: enterpriseViewer(2),
      applicationId: app.id,
      openDocumentId: form?.id as string,
    }).catch((error: unknown) => error);

    // Assess
    expect(opened.opened).toMatchObject({ documentId: form?.id, contentType: form?.contentType });
    expect(decodeURIComponent(opened.opened?.url ?? '')).toContain(form?.keptKey);
    expect(opened.documentReads.items).toHaveLength(1);
    expect(opened.documentReads.items[0]).toMatchObject({ documentId: form?.id, actor: { id: 'reviewer-7' } });
    expect(missing).toMatchObject({ code: 'DOCUMENT_NOT_FOUND' });
    expect(byEnterprise).toMatchObject({ code: 'FORBIDDEN' });
  });
});
