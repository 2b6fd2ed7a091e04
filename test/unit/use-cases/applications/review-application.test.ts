/**
 * reviewApplication and decideApplication on the in-memory fakes: staff only; accepting starts the 9-working-day
 * clock of a post-issuance-review application from the injected clock (PRC holidays and adjusted working days
 * counted); passing the formal review of an issue-at-once application issues it in the same step; the general
 * procedure goes through the on-site review and the officer's decision; steps that move an application on re-verify
 * the kept documents (409, nothing written) while steps that turn it down do not; a repeated step resumes an
 * interrupted issuance without issuing twice; the entity's refusals keep their codes.
 */

import { describe, expect, test } from 'vitest';
import type { LicenceNumber } from '../../../../lambdas/domain/licence-number';
import { decideApplication, reviewApplication } from '../../../../lambdas/use-cases/applications/review-application';
import {
  enterpriseViewer,
  FakeWorld,
  fakeDecisionDeps,
  newLicence,
  reviewed,
  staff,
  submitted,
} from '../../../support/fakes';

/** Alter the kept copy of the application's test report, as a bucket-level tampering would. */
async function tamperKeptReport(world: FakeWorld, applicationId: string): Promise<void> {
  const report = (await world.applications.getWithDocuments(applicationId))?.documents.find(
    (d) => d.type === 'test-report',
  );
  world.documentsBucket.put(report?.keptKey as string, new TextEncoder().encode('%PDF-1.7 swapped'));
}

describe('reviewApplication', () => {
  test('accepting a post-issuance-review application sets the deadline 9 working days on, over the National Day holiday', async () => {
    // Prepare: accepted on Monday 2026-09-28; 10-01..10-07 are holidays, Saturday 10-10 a working day
    const world = new FakeWorld({ at: '2026-09-28T10:00:00+08:00' });
    const app = await submitted(world, { seed: 1, request: newLicence(1, ['06-001']) });

    // Act
    const accepted = await reviewApplication(fakeDecisionDeps(world), {
      viewer: staff('reviewer'),
      applicationId: app.id,
      action: 'accept',
    });

    // Assess
    expect(accepted).toMatchObject({
      state: 'accepted',
      acceptedOn: '2026-09-28',
      deadline: { workingDays: 9, dueOn: '2026-10-15', provisional: false, unannouncedYears: [] },
      revision: app.revision + 1,
    });
    expect(accepted.timeline.at(-1)).toEqual({
      at: world.clock.now().toISOString(),
      actor: { id: 'reviewer-1', role: 'reviewer' },
      action: 'accept',
      from: 'submitted',
      to: 'accepted',
    });
    expect(await world.applications.get(app.id)).toEqual(accepted);
  });

  test('a notification–commitment application is accepted without a deadline', async () => {
    // Prepare
    const world = new FakeWorld();
    const app = await submitted(world, { seed: 2, request: newLicence(2, ['16-204']) });

    // Act
    const accepted = await reviewed(world, app.id, ['accept']);

    // Assess
    expect(accepted.state).toBe('accepted');
    expect(accepted.acceptedOn).toBe('2026-11-27');
    expect(accepted.deadline).toBeUndefined();
  });

  test('passing the formal review of an issue-at-once application issues it, with its post-issuance review scheduled', async () => {
    // Prepare
    const world = new FakeWorld();
    const app = await submitted(world, { seed: 3, request: newLicence(3, ['06-001']) });
    await reviewed(world, app.id, ['accept']);

    // Act
    const issuedApp = await reviewApplication(fakeDecisionDeps(world), {
      viewer: staff('reviewer', 'reviewer-9'),
      applicationId: app.id,
      action: 'pass-formal-review',
      comment: '材料齐全',
    });

    // Assess
    expect(issuedApp.state).toBe('issued');
    expect(issuedApp.timeline.slice(-2).map((e) => [e.action, e.actor.id])).toEqual([
      ['pass-formal-review', 'reviewer-9'],
      ['issue', 'reviewer-9'],
    ]);
    expect(issuedApp.outcome).toMatchObject({ version: 1, on: '2026-11-27' });
    const head = await world.certificates.get(issuedApp.outcome?.licenceNo as LicenceNumber);
    expect(head?.certificate.enterprise.uscc).toBe(app.uscc);
    expect(await world.inspections.get(`INSP-${app.id}`)).toMatchObject({
      kind: 'on-site-review',
      state: 'scheduled',
      dueOn: '2026-12-27',
    });
    expect(await world.applications.get(app.id)).toEqual(issuedApp);
  });

  test('the general procedure stops after the formal review; the on-site review then the officer’s approval issue it', async () => {
    // Prepare: hazardous chemicals
    const world = new FakeWorld();
    const app = await submitted(world, { seed: 4, request: newLicence(4, ['85-901']) });
    const deps = fakeDecisionDeps(world);

    // Act
    const formal = await reviewed(world, app.id, ['accept', 'pass-formal-review']);
    const onSite = await reviewed(world, app.id, ['pass-on-site-review']);
    const approved = await decideApplication(deps, {
      viewer: staff('officer'),
      applicationId: app.id,
      decision: 'approve',
    });

    // Assess
    expect(formal.state).toBe('formal-review-passed');
    expect(formal.deadline).toBeUndefined();
    expect(onSite.state).toBe('on-site-review-passed');
    expect(approved.state).toBe('issued');
    expect(approved.timeline.at(-1)).toMatchObject({ action: 'issue', actor: { id: 'officer-1', role: 'officer' } });
    expect(world.table.heads.size).toBe(1);
    expect(world.table.inspections.size).toBe(0); // reviewed before issue: none after
  });

  test('the on-site review steps apply to the general procedure only: 409 APPLICATION_TRANSITION_INVALID', async () => {
    // Prepare: a notification–commitment application (passing its formal review would issue it, so it is accepted)
    const world = new FakeWorld();
    const app = await submitted(world, { seed: 5, request: newLicence(5, ['16-204']) });
    const accepted = await reviewed(world, app.id, ['accept']);

    // Act
    const error = await reviewApplication(fakeDecisionDeps(world), {
      viewer: staff(),
      applicationId: app.id,
      action: 'pass-on-site-review',
    }).catch((e) => e);

    // Assess
    expect(error).toMatchObject({ kind: 'conflict', code: 'APPLICATION_TRANSITION_INVALID' });
    expect(await world.applications.get(app.id)).toEqual(accepted);
  });

  test('an enterprise cannot review (403); a turn-down needs a comment (400); unknown is 404; nothing is written', async () => {
    // Prepare
    const world = new FakeWorld();
    const app = await submitted(world, { seed: 6 });
    const deps = fakeDecisionDeps(world);

    // Act
    const byEnterprise = await reviewApplication(deps, {
      viewer: enterpriseViewer(6),
      applicationId: app.id,
      action: 'accept',
    }).catch((e) => e);
    const silentReject = await reviewApplication(deps, {
      viewer: staff(),
      applicationId: app.id,
      action: 'reject',
      comment: '  ',
    }).catch((e) => e);
    const unknown = await reviewApplication(deps, {
      viewer: staff(),
      applicationId: 'APP-NONE',
      action: 'accept',
    }).catch((e) => e);

    // Assess
    expect(byEnterprise).toMatchObject({ kind: 'forbidden', code: 'FORBIDDEN' });
    expect(silentReject).toMatchObject({ kind: 'invalid', code: 'APPLICATION_COMMENT_REQUIRED' });
    expect(unknown).toMatchObject({ kind: 'not-found', code: 'APPLICATION_NOT_FOUND' });
    expect(await world.applications.get(app.id)).toEqual(app);
  });

  test('a tampered kept document blocks accepting (409 DOCUMENT_DIGEST_MISMATCH, nothing written) but not rejecting', async () => {
    // Prepare
    const world = new FakeWorld();
    const app = await submitted(world, { seed: 7 });
    await tamperKeptReport(world, app.id);
    const deps = fakeDecisionDeps(world);

    // Act
    const accept = await reviewApplication(deps, { viewer: staff(), applicationId: app.id, action: 'accept' }).catch(
      (e) => e,
    );
    const stillSubmitted = await world.applications.get(app.id);
    const rejected = await reviewApplication(deps, {
      viewer: staff(),
      applicationId: app.id,
      action: 'reject',
      comment: '检测报告被替换',
    });

    // Assess
    expect(accept).toMatchObject({
      kind: 'conflict',
      code: 'DOCUMENT_DIGEST_MISMATCH',
      details: { documentType: 'test-report' },
    });
    expect(stillSubmitted).toEqual(app);
    expect(rejected).toMatchObject({ state: 'rejected' });
    expect(rejected.timeline.at(-1)).toMatchObject({ action: 'reject', comment: '检测报告被替换' });
  });

  test('a pass-formal-review repeated after a failed issuance resumes it, once', async () => {
    // Prepare: the signer is unavailable during the first pass
    const world = new FakeWorld();
    const app = await submitted(world, { seed: 8 });
    await reviewed(world, app.id, ['accept']);
    const broken = fakeDecisionDeps(world, {
      issuance: async () => {
        throw new Error('injected: signer unavailable');
      },
    });
    const failure = await reviewApplication(broken, {
      viewer: staff(),
      applicationId: app.id,
      action: 'pass-formal-review',
    }).catch((e) => e);
    const stuck = await world.applications.get(app.id);

    // Act
    const resumed = await reviewApplication(fakeDecisionDeps(world), {
      viewer: staff('reviewer', 'reviewer-2'),
      applicationId: app.id,
      action: 'pass-formal-review',
    });
    const again = await reviewApplication(fakeDecisionDeps(world), {
      viewer: staff(),
      applicationId: app.id,
      action: 'pass-formal-review',
    }).catch((e) => e);

    // Assess
    expect((failure as Error).message).toContain('signer unavailable');
    expect(stuck?.state).toBe('formal-review-passed');
    expect(resumed.state).toBe('issued');
    expect(resumed.timeline.filter((e) => e.action === 'pass-formal-review')).toHaveLength(1);
    expect(resumed.timeline.at(-1)).toMatchObject({ action: 'issue', actor: { id: 'reviewer-2' } });
    expect(again).toMatchObject({ kind: 'conflict', code: 'APPLICATION_TRANSITION_INVALID' });
    expect(world.table.heads.size).toBe(1);
  });

  test('a resumed issuance re-verifies the kept documents first: 409 DOCUMENT_DIGEST_MISMATCH, nothing issued', async () => {
    // Prepare: a stuck application whose test report was then swapped
    const world = new FakeWorld();
    const app = await submitted(world, { seed: 9 });
    await reviewed(world, app.id, ['accept']);
    await reviewApplication(
      fakeDecisionDeps(world, {
        issuance: async () => {
          throw new Error('injected: signer unavailable');
        },
      }),
      { viewer: staff(), applicationId: app.id, action: 'pass-formal-review' },
    ).catch(() => undefined);
    await tamperKeptReport(world, app.id);

    // Act
    const error = await reviewApplication(fakeDecisionDeps(world), {
      viewer: staff(),
      applicationId: app.id,
      action: 'pass-formal-review',
    }).catch((e) => e);

    // Assess
    expect(error).toMatchObject({ kind: 'conflict', code: 'DOCUMENT_DIGEST_MISMATCH' });
    expect((await world.applications.get(app.id))?.state).toBe('formal-review-passed');
    expect(world.table.heads.size).toBe(0);
  });
});

describe('decideApplication', () => {
  test('refuse rejects an on-site-passed application with the officer’s comment; nothing is issued', async () => {
    // Prepare
    const world = new FakeWorld();
    const app = await submitted(world, { seed: 10, request: newLicence(10, ['85-902']) });
    await reviewed(world, app.id, ['accept', 'pass-formal-review', 'pass-on-site-review']);

    // Act
    const refused = await decideApplication(fakeDecisionDeps(world), {
      viewer: staff('officer'),
      applicationId: app.id,
      decision: 'refuse',
      comment: '不予许可',
    });

    // Assess
    expect(refused.state).toBe('rejected');
    expect(refused.timeline.at(-1)).toMatchObject({
      action: 'refuse',
      from: 'on-site-review-passed',
      to: 'rejected',
      comment: '不予许可',
      actor: { id: 'officer-1', role: 'officer' },
    });
    expect(world.table.heads.size).toBe(0);
  });

  test('an enterprise cannot decide (403); approving before the on-site review passed is 409 naming it', async () => {
    // Prepare
    const world = new FakeWorld();
    const app = await submitted(world, { seed: 11, request: newLicence(11, ['85-901']) });
    const formal = await reviewed(world, app.id, ['accept', 'pass-formal-review']);
    const deps = fakeDecisionDeps(world);

    // Act
    const byEnterprise = await decideApplication(deps, {
      viewer: enterpriseViewer(11),
      applicationId: app.id,
      decision: 'approve',
    }).catch((e) => e);
    const early = await decideApplication(deps, {
      viewer: staff('officer'),
      applicationId: app.id,
      decision: 'approve',
    }).catch((e) => e);
    const refuseEarly = await decideApplication(deps, {
      viewer: staff('officer'),
      applicationId: app.id,
      decision: 'refuse',
      comment: '不予许可',
    }).catch((e) => e);

    // Assess
    expect(byEnterprise).toMatchObject({ kind: 'forbidden', code: 'FORBIDDEN' });
    expect(early).toMatchObject({
      kind: 'conflict',
      code: 'APPLICATION_TRANSITION_INVALID',
      details: { state: 'formal-review-passed' },
    });
    expect((early as Error).message).toContain('on-site review');
    expect(refuseEarly).toMatchObject({ kind: 'conflict', code: 'APPLICATION_TRANSITION_INVALID' });
    expect(await world.applications.get(app.id)).toEqual(formal);
    expect(world.table.heads.size).toBe(0);
  });
});
