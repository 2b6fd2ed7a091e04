/**
 * completeApplication on the in-memory fakes: a reviewed application is carried out on the decider's word — a new
 * licence issued with the application stored as issued, its post-issuance review scheduled and its paper copy's
 * dispatch and outbox message, all in the issuance's one transaction (the message published after the commit); an
 * amendment issues a new version, a paper reissue a new paper serial, a cancellation cancels the licence (or only
 * closes the application when it already is); a repeated decision never issues twice; an application not ready, or
 * one that changed since it was read, is refused with nothing written.
 */

import { describe, expect, test } from 'vitest';
import { Application, type ApplicationSnapshot } from '../../../../lambdas/domain/application';
import type { LicenceNumber } from '../../../../lambdas/domain/licence-number';
import { completeApplication } from '../../../../lambdas/use-cases/applications/complete-application';
import { reviewApplication } from '../../../../lambdas/use-cases/applications/review-application';
import { changeCertificateStatus } from '../../../../lambdas/use-cases/change-certificate-status';
import {
  FakeWorld,
  fakeDecisionDeps,
  fakeStatusChangeDeps,
  issued,
  newLicence,
  officer,
  postalAddress,
  reviewed,
  staff,
  submitted,
} from '../../../support/fakes';

const decider = { id: 'officer-3', role: 'officer' };

/** A general-procedure (hazardous chemicals) application whose on-site review passed: ready for the decision. */
async function readyGeneral(world: FakeWorld, seed: number, paperCopy = false): Promise<ApplicationSnapshot> {
  const app = await submitted(world, {
    seed,
    request: newLicence(seed, ['85-901']),
    ...(paperCopy ? { paperCopy: { address: postalAddress } } : {}),
  });
  return reviewed(world, app.id, ['accept', 'pass-formal-review', 'pass-on-site-review']);
}

/** An issue-at-once application left at `formal-review-passed` by an issuance that failed (the signer was down). */
async function stuckAtOnce(world: FakeWorld, seed: number, products: readonly string[]): Promise<ApplicationSnapshot> {
  const app = await submitted(world, { seed, request: newLicence(seed, products) });
  await reviewed(world, app.id, ['accept']);
  await reviewApplication(
    fakeDecisionDeps(world, {
      issuance: async () => {
        throw new Error('injected: signer unavailable');
      },
    }),
    { viewer: staff(), applicationId: app.id, action: 'pass-formal-review' },
  ).catch(() => undefined);
  const stuck = await world.applications.get(app.id);
  if (stuck?.state !== 'formal-review-passed') throw new Error(`expected a stuck application, got ${stuck?.state}`);
  return stuck;
}

describe('completeApplication', () => {
  test('issues with the paper copy: certificate, application and dispatch in one transaction, the message sent after it', async () => {
    // Prepare: the publisher looks at what is committed when it is called
    const world = new FakeWorld();
    const ready = await readyGeneral(world, 1, true);
    let committedAtPublish: { applications: string | undefined; dispatches: number } | undefined;
    world.publisher.onPublish = () => {
      committedAtPublish = {
        applications: world.table.applications.get(ready.id)?.state,
        dispatches: world.table.dispatches.size,
      };
    };

    // Act
    const done = await completeApplication(fakeDecisionDeps(world), Application.rehydrate(ready), decider);

    // Assess
    expect(done).toMatchObject({ state: 'issued', revision: ready.revision + 1, outcome: { version: 1 } });
    expect(done.timeline.at(-1)).toMatchObject({
      action: 'issue',
      actor: decider,
      from: 'on-site-review-passed',
      to: 'issued',
    });
    expect(await world.applications.get(ready.id)).toEqual(done);
    const licenceNo = done.outcome?.licenceNo as LicenceNumber;
    const head = await world.certificates.get(licenceNo);
    expect(head?.certificate).toMatchObject({ status: 'valid', procedure: 'general' });
    const [dispatch] = [...world.table.dispatches.values()];
    expect(dispatch).toMatchObject({
      reason: 'issue',
      uscc: ready.uscc,
      version: 1,
      paperSerial: head?.certificate.paperSerial,
      address: postalAddress,
      state: 'pending',
      requestedBy: decider.id,
    });
    expect(dispatch?.licenceNo.equals(licenceNo)).toBe(true);
    const logged = `log#issuance.${licenceNo.toUrlSafe()}.v1`;
    const webhook = `webhooks#evt_${licenceNo.toUrlSafe()}_r1`;
    expect([...world.table.outbox.keys()]).toEqual([webhook, `dispatch#${dispatch?.id}`]);
    expect([...world.table.pendingLog.keys()]).toEqual([logged.slice('log#'.length)]);
    expect(world.publisher.sentKeys()).toEqual([logged, webhook, `dispatch#${dispatch?.id}`]);
    expect(committedAtPublish).toEqual({ applications: 'issued', dispatches: 1 });
    expect(world.table.inspections.size).toBe(0); // the general procedure reviews before issue
    const audit = await world.certificates.listAudit(licenceNo, {});
    expect(audit.items.map((e) => [e.action, e.actor])).toEqual([['certificate.issued', { type: 'user', ...decider }]]);
  });

  test('a repeated decision on the same read replays the issuance: the stored application, one certificate, one parcel', async () => {
    // Prepare
    const world = new FakeWorld();
    const ready = await readyGeneral(world, 2, true);
    const deps = fakeDecisionDeps(world);
    const first = await completeApplication(deps, Application.rehydrate(ready), decider);

    // Act
    const second = await completeApplication(deps, Application.rehydrate(ready), { id: 'officer-4', role: 'officer' });

    // Assess
    expect(second).toEqual(first);
    expect(world.table.heads.size).toBe(1);
    expect(world.table.dispatches.size).toBe(1);
    expect(world.table.outbox.size).toBe(2); // the parcel's message and the issuance's webhook event
    expect(world.table.pendingLog.size).toBe(1);
  });

  test.each([
    ['post-issuance review', ['06-001'], 'on-site-review'],
    ['notification–commitment', ['16-204'], 'routine-inspection'],
  ] as const)(
    '%s: the review after issue is scheduled in the same transaction, due a month on',
    async (_, products, kind) => {
      // Prepare
      const world = new FakeWorld();
      const stuck = await stuckAtOnce(world, 3, products);
      world.clock.set('2026-12-01T09:30:00+08:00');

      // Act
      const done = await completeApplication(fakeDecisionDeps(world), Application.rehydrate(stuck), decider);

      // Assess
      expect(done.outcome).toMatchObject({ version: 1, on: '2026-12-01' });
      const inspection = await world.inspections.get(`INSP-${stuck.id}`);
      expect(inspection).toMatchObject({
        kind,
        uscc: stuck.uscc,
        enterpriseName: stuck.enterpriseName,
        applicationId: stuck.id,
        scheduledOn: '2026-12-01',
        dueOn: '2027-01-01',
        state: 'scheduled',
        history: [{ at: '2026-12-01T01:30:00.000Z', event: 'scheduled' }],
      });
      expect(inspection?.licenceNo.equals(done.outcome?.licenceNo as LicenceNumber)).toBe(true);
    },
  );

  test('an application not ready is 409 APPLICATION_TRANSITION_INVALID naming the on-site review; nothing is issued', async () => {
    // Prepare
    const world = new FakeWorld();
    const app = await submitted(world, { seed: 4, request: newLicence(4, ['85-901']) });
    const formal = await reviewed(world, app.id, ['accept', 'pass-formal-review']);

    // Act
    const error = await completeApplication(fakeDecisionDeps(world), Application.rehydrate(formal), decider).catch(
      (e) => e,
    );

    // Assess
    expect(error).toMatchObject({
      kind: 'conflict',
      code: 'APPLICATION_TRANSITION_INVALID',
      details: { state: 'formal-review-passed' },
    });
    expect((error as Error).message).toContain('on-site review');
    expect(world.table.heads.size).toBe(0);
    expect(await world.applications.get(app.id)).toEqual(formal);
  });

  test('an application rejected since it was read loses: 409, no certificate, no parcel, the rejection stands', async () => {
    // Prepare: the decision was read, then a reviewer rejected the application
    const world = new FakeWorld();
    const ready = await readyGeneral(world, 5, true);
    await reviewed(world, ready.id, ['reject']);

    // Act
    const error = await completeApplication(fakeDecisionDeps(world), Application.rehydrate(ready), decider).catch(
      (e) => e,
    );

    // Assess
    expect(error).toMatchObject({ kind: 'conflict', code: 'EXTRA_WRITE_CONFLICT' });
    expect(world.table.heads.size).toBe(0);
    expect(world.table.dispatches.size).toBe(0);
    expect(world.table.outbox.size).toBe(0);
    expect(world.publisher.sent).toEqual([]);
    expect((await world.applications.get(ready.id))?.state).toBe('rejected');
  });

  test('an amendment issues the next version with the changed name', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate } = await issued(world, { seed: 6 });
    const app = await submitted(world, {
      seed: 6,
      request: { kind: 'amend', licenceNo: certificate.licenceNumber, changes: { name: '武汉长江新线缆有限公司' } },
    });

    // Act: passing the formal review of an amendment carries it out
    const done = await reviewed(world, app.id, ['accept', 'pass-formal-review']);

    // Assess
    expect(done).toMatchObject({ state: 'issued', outcome: { version: 2 } });
    const head = await world.certificates.get(certificate.licenceNumber);
    expect(head).toMatchObject({ currentVersion: 2, certificate: { enterprise: { name: '武汉长江新线缆有限公司' } } });
    expect(world.table.inspections.size).toBe(0);
  });

  test('a paper reissue keeps the version, prints a new paper serial and mails it', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate } = await issued(world, { seed: 7 });
    const app = await submitted(world, {
      seed: 7,
      request: { kind: 'reissue', licenceNo: certificate.licenceNumber, reason: '证书遗失' },
      paperCopy: { address: postalAddress },
    });

    // Act
    const done = await reviewed(world, app.id, ['accept', 'pass-formal-review']);

    // Assess
    const head = await world.certificates.get(certificate.licenceNumber);
    expect(head?.currentVersion).toBe(1);
    expect(head?.certificate.paperSerial).not.toBe(certificate.paperSerial);
    expect(done).toMatchObject({
      state: 'issued',
      outcome: { version: 1, paperSerial: head?.certificate.paperSerial },
    });
    expect(world.table.prints.size).toBe(1);
    expect([...world.table.dispatches.values()].map((d) => [d.reason, d.paperSerial])).toEqual([
      ['reissue', head?.certificate.paperSerial],
    ]);
  });

  test('a cancellation cancels the licence at the holder’s request, citing the application, and closes it', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate } = await issued(world, { seed: 8 });
    const app = await submitted(world, {
      seed: 8,
      request: { kind: 'cancel', licenceNo: certificate.licenceNumber, reason: '停止生产' },
    });
    world.clock.advance({ hours: 1 });

    // Act
    const closed = await reviewed(world, app.id, ['accept', 'pass-formal-review']);

    // Assess
    expect(closed).toMatchObject({ state: 'closed', outcome: { on: '2026-11-27' } });
    expect(closed.timeline.at(-1)).toMatchObject({ action: 'close', to: 'closed' });
    expect((await world.certificates.get(certificate.licenceNumber))?.certificate.status).toBe('cancelled');
    const [event] = (await world.certificates.listAudit(certificate.licenceNumber, { limit: 1 })).items;
    expect(event).toMatchObject({
      action: 'certificate.cancel',
      actor: { type: 'user', id: 'reviewer-1', role: 'reviewer' },
      details: { to: 'cancelled', legalBasis: expect.stringContaining(app.id) },
    });
  });

  test('a cancellation of a licence already cancelled only closes the application', async () => {
    // Prepare: the officer cancelled the licence while the application was under review
    const world = new FakeWorld();
    const { certificate } = await issued(world, { seed: 9 });
    const app = await submitted(world, {
      seed: 9,
      request: { kind: 'cancel', licenceNo: certificate.licenceNumber, reason: '停止生产' },
    });
    await changeCertificateStatus(fakeStatusChangeDeps(world), {
      licenceNo: certificate.licenceNumber,
      action: 'cancel',
      actor: officer,
      publicReason: '企业申请注销',
      legalBasis: '条例',
    });
    const auditBefore = (await world.certificates.listAudit(certificate.licenceNumber, {})).items;

    // Act
    const closed = await reviewed(world, app.id, ['accept', 'pass-formal-review']);

    // Assess
    expect(closed.state).toBe('closed');
    expect((await world.certificates.listAudit(certificate.licenceNumber, {})).items).toEqual(auditBefore);
  });
});
