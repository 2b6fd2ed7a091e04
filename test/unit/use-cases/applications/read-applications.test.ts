/**
 * Reading applications on the in-memory fakes: one application with its documents for its enterprise or staff
 * (another enterprise's answers like a missing one), staff also seeing the latest document reads newest first, capped
 * with a flag for more; the enterprise's own list (staff have none: 403), newest first and paged; the staff list by
 * state, procedure or overdue deadline — overdue judged on the injected clock's day, strictly after the due day.
 */

import { describe, expect, test } from 'vitest';
import { readDocumentContent } from '../../../../lambdas/use-cases/applications/documents';
import {
  DOCUMENT_READS_SHOWN,
  getApplication,
  listApplications,
  listMyApplications,
} from '../../../../lambdas/use-cases/applications/read-applications';
import {
  enterpriseViewer,
  FakeWorld,
  fakeApplicationDeps,
  filed,
  newLicence,
  reviewed,
  staff,
  submitted,
} from '../../../support/fakes';

describe('getApplication', () => {
  test('its enterprise reads it with its documents; staff also see who read which document; others get 404', async () => {
    // Prepare
    const world = new FakeWorld();
    const app = await submitted(world, { seed: 1 });
    const deps = fakeApplicationDeps(world);
    const [form] = (await world.applications.getWithDocuments(app.id))?.documents ?? [];
    world.clock.advance({ minutes: 1 });
    const { read } = await readDocumentContent(deps, {
      viewer: staff('reviewer'),
      applicationId: app.id,
      documentId: form?.id as string,
    });

    // Act
    const byOwner = await getApplication(deps, { viewer: enterpriseViewer(1), applicationId: app.id });
    const byStaff = await getApplication(deps, { viewer: staff('officer'), applicationId: app.id });
    const byOther = await getApplication(deps, { viewer: enterpriseViewer(2), applicationId: app.id }).catch((e) => e);
    const unknown = await getApplication(deps, { viewer: staff(), applicationId: 'APP-NONE' }).catch((e) => e);

    // Assess
    expect(byOwner.application).toEqual(app);
    expect(byOwner.documents.map((d) => [d.type, d.state])).toEqual([
      ['application-form', 'accepted'],
      ['commitment-letter', 'accepted'],
      ['test-report', 'accepted'],
    ]);
    expect(byOwner).not.toHaveProperty('documentReads');
    expect(byStaff.documents).toEqual(byOwner.documents);
    expect(byStaff.documentReads).toEqual({ items: [read], more: false });
    expect(byOther).toMatchObject({ kind: 'not-found', code: 'APPLICATION_NOT_FOUND' });
    expect(unknown).toMatchObject({ kind: 'not-found', code: 'APPLICATION_NOT_FOUND' });
  });

  test(`staff see the latest ${DOCUMENT_READS_SHOWN} document reads, newest first, and that older ones exist`, async () => {
    // Prepare: one read more than shown, a minute apart
    const world = new FakeWorld();
    const app = await submitted(world, { seed: 3 });
    const deps = fakeApplicationDeps(world);
    const [form] = (await world.applications.getWithDocuments(app.id))?.documents ?? [];
    const reads = [];
    for (let i = 0; i <= DOCUMENT_READS_SHOWN; i++) {
      world.clock.advance({ minutes: 1 });
      const { read } = await readDocumentContent(deps, {
        viewer: staff('reviewer', `reviewer-${i}`),
        applicationId: app.id,
        documentId: form?.id as string,
      });
      reads.push(read);
    }

    // Act
    const { documentReads } = await getApplication(deps, { viewer: staff(), applicationId: app.id });

    // Assess
    expect(documentReads?.more).toBe(true);
    expect(documentReads?.items).toEqual(reads.reverse().slice(0, DOCUMENT_READS_SHOWN));
  });
});

describe('listMyApplications', () => {
  test('the enterprise’s own applications only, newest first, paged; staff have none (403)', async () => {
    // Prepare
    const world = new FakeWorld();
    const deps = fakeApplicationDeps(world);
    const first = await filed(world, { seed: 4 });
    world.clock.advance({ minutes: 1 });
    const second = await filed(world, { seed: 4, request: newLicence(4, ['16-204']) });
    world.clock.advance({ minutes: 1 });
    await filed(world, { seed: 5 });

    // Act
    const page1 = await listMyApplications(deps, { viewer: enterpriseViewer(4), limit: 1 });
    const page2 = await listMyApplications(deps, {
      viewer: enterpriseViewer(4),
      limit: 1,
      cursor: page1.cursor as string,
    });
    const all = await listMyApplications(deps, { viewer: enterpriseViewer(4) });
    const byStaff = await Promise.resolve()
      .then(() => listMyApplications(deps, { viewer: staff() }))
      .catch((e) => e);

    // Assess
    expect(page1.items.map((a) => a.id)).toEqual([second.id]);
    expect(page2.items.map((a) => a.id)).toEqual([first.id]);
    expect(all.items.map((a) => a.id)).toEqual([second.id, first.id]);
    expect(all.cursor).toBeUndefined();
    expect(byStaff).toMatchObject({ kind: 'forbidden', code: 'FORBIDDEN' });
  });
});

describe('listApplications', () => {
  test('by state (latest change first), narrowed by procedure', async () => {
    // Prepare
    const world = new FakeWorld();
    const deps = fakeApplicationDeps(world);
    const cables = await submitted(world, { seed: 6, request: newLicence(6, ['06-001']) });
    world.clock.advance({ minutes: 1 });
    const chemicals = await submitted(world, { seed: 7, request: newLicence(7, ['85-901']) });
    world.clock.advance({ minutes: 1 });
    await filed(world, { seed: 8 });

    // Act
    const submittedOnes = await listApplications(deps, { state: 'submitted' });
    const general = await listApplications(deps, { state: 'submitted', procedure: 'general' });
    const drafts = await listApplications(deps, { state: 'draft' });

    // Assess
    expect(submittedOnes.items.map((a) => a.id)).toEqual([chemicals.id, cables.id]);
    expect(general.items.map((a) => a.id)).toEqual([chemicals.id]);
    expect(drafts.items).toHaveLength(1);
  });

  test('overdue: open applications whose deadline passed before the clock’s day, earliest first; issued ones never', async () => {
    // Prepare: three accepted on 2026-11-27 (due 2026-12-10) and one a week later; one of the first is issued
    const world = new FakeWorld();
    const deps = fakeApplicationDeps(world);
    const a = await submitted(world, { seed: 9 });
    const b = await submitted(world, { seed: 10 });
    const c = await submitted(world, { seed: 11 });
    await reviewed(world, a.id, ['accept']);
    await reviewed(world, b.id, ['accept']);
    await reviewed(world, c.id, ['accept', 'pass-formal-review']);
    world.clock.set('2026-12-04T10:00:00+08:00');
    const d = await submitted(world, { seed: 12 });
    const later = await reviewed(world, d.id, ['accept']);

    // Act
    world.clock.set('2026-12-10T23:00:00+08:00');
    const onDueDay = await listApplications(deps, { overdue: true });
    world.clock.set('2026-12-11T00:30:00+08:00');
    const dayAfter = await listApplications(deps, { overdue: true });
    const dayAfterPage = await listApplications(deps, { overdue: true, limit: 1 });

    // Assess
    expect(later.deadline?.dueOn).toBe('2026-12-17');
    expect(onDueDay.items).toEqual([]);
    expect(new Set(dayAfter.items.map((x) => x.id))).toEqual(new Set([a.id, b.id]));
    expect(dayAfter.items.every((x) => x.deadline?.dueOn === '2026-12-10')).toBe(true);
    expect(dayAfterPage.items).toHaveLength(1);
    expect(dayAfterPage.cursor).toEqual(expect.any(String));
  });
});
