/**
 * changeCertificateStatus on the in-memory register: a change is written with its audit event at the revision read,
 * a revocation or cancellation releases the enterprise's guard, the caller's stale revision and a concurrent change are
 * 409 `CONCURRENT_MODIFICATION`, an unknown licence 404; the status route's view reads the version it shows.
 */

import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import { decodeEntry } from '../../../lambdas/domain/transparency/entries';
import {
  changeCertificateStatus,
  changeCertificateStatusForView,
  changeCertificateStatusOnce,
} from '../../../lambdas/use-cases/change-certificate-status';
import { FakeCertificateRepository, FakeWorld, fakeStatusChangeDeps, issued, officer } from '../../support/fakes';

const reasons = { publicReason: '产品监督抽查不合格', legalBasis: '《工业产品生产许可证管理条例》第四十五条' };

describe('changeCertificateStatus', () => {
  test('suspends at the clock’s instant, with the audit event of who, what and why; the guard stays', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate } = await issued(world);
    world.clock.advance({ days: 3 });
    const at = world.clock.now().toISOString();

    // Act
    const suspended = await changeCertificateStatus(fakeStatusChangeDeps(world), {
      licenceNo: certificate.licenceNumber,
      action: 'suspend',
      actor: officer,
      ...reasons,
      internalNotes: '内部备注',
    });

    // Assess
    expect(suspended).toMatchObject({ status: 'suspended', revision: certificate.revision + 1 });
    expect(suspended.history.at(-1)).toMatchObject({ from: 'valid', to: 'suspended', at, ...reasons });
    const head = await world.certificates.get(certificate.licenceNumber);
    expect(head).toEqual({ certificate: suspended, currentVersion: 1, updatedAt: at });
    const audit = await world.certificates.listAudit(certificate.licenceNumber, {});
    expect(audit.items[0]).toMatchObject({
      at,
      action: 'certificate.suspend',
      actor: officer,
      details: { from: 'valid', to: 'suspended', ...reasons, internalNotes: '内部备注' },
    });
    expect(await world.certificates.guardOf(certificate.enterprise.uscc)).toBe(certificate.licenceNumber);
  });

  test.each(['revoke', 'cancel'] as const)(
    '%s releases the enterprise’s guard (it may hold a licence again)',
    async (action) => {
      // Prepare
      const world = new FakeWorld();
      const { certificate } = await issued(world);

      // Act
      const changed = await changeCertificateStatus(fakeStatusChangeDeps(world), {
        licenceNo: certificate.licenceNumber,
        action,
        actor: officer,
        ...reasons,
      });

      // Assess
      expect(changed.status).toBe(action === 'revoke' ? 'revoked' : 'cancelled');
      expect(await world.certificates.guardOf(certificate.enterprise.uscc)).toBeUndefined();
    },
  );

  test('a revision the caller saw earlier is 409 CONCURRENT_MODIFICATION, and nothing is written', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate } = await issued(world);

    // Act
    const error = await changeCertificateStatus(fakeStatusChangeDeps(world), {
      licenceNo: certificate.licenceNumber,
      action: 'suspend',
      actor: officer,
      expectedRevision: certificate.revision - 1,
      ...reasons,
    }).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({
      kind: 'conflict',
      code: 'CONCURRENT_MODIFICATION',
      details: { expectedRevision: certificate.revision - 1, revision: certificate.revision },
    });
    expect((await world.certificates.get(certificate.licenceNumber))?.certificate.status).toBe('valid');
  });

  test('a change committed between the read and the write loses: 409, the other change stands', async () => {
    // Prepare: another officer's suspension lands while this one is being decided
    const world = new FakeWorld();
    const { certificate } = await issued(world);
    const deps = fakeStatusChangeDeps(world);
    class Racing extends FakeCertificateRepository {
      override async get(licenceNo: LicenceNumber) {
        const read = await super.get(licenceNo);
        await changeCertificateStatus(deps, { licenceNo, action: 'suspend', actor: officer, ...reasons });
        return read;
      }
    }

    // Act
    const error = await changeCertificateStatus(
      { ...deps, repository: new Racing(world.table) },
      { licenceNo: certificate.licenceNumber, action: 'revoke', actor: officer, ...reasons },
    ).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ kind: 'conflict', code: 'CONCURRENT_MODIFICATION' });
    expect((await world.certificates.get(certificate.licenceNumber))?.certificate.status).toBe('suspended');
  });

  test('an unknown licence is 404; a transition the lifecycle forbids keeps the entity’s code', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate } = await issued(world);
    const deps = fakeStatusChangeDeps(world);

    // Act
    const unknown = await changeCertificateStatus(deps, {
      licenceNo: LicenceNumber.parse('(鄂)XK06-001-09999'),
      action: 'suspend',
      actor: officer,
      ...reasons,
    }).catch((e: unknown) => e);
    const reinstateValid = await changeCertificateStatus(deps, {
      licenceNo: certificate.licenceNumber,
      action: 'reinstate',
      actor: officer,
      ...reasons,
    }).catch((e: unknown) => e);

    // Assess
    expect(unknown).toMatchObject({ kind: 'not-found', code: 'CERTIFICATE_NOT_FOUND' });
    expect(reinstateValid).toMatchObject({ kind: 'conflict', code: 'ILLEGAL_TRANSITION' });
  });
});

describe('changeCertificateStatusForView', () => {
  test('answers the changed certificate with the version record it shows', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate, version } = await issued(world);

    // Act
    const view = await changeCertificateStatusForView(fakeStatusChangeDeps(world), {
      licenceNo: certificate.licenceNumber,
      action: 'suspend',
      actor: officer,
      ...reasons,
    });

    // Assess
    expect(view.certificate.status).toBe('suspended');
    expect(view.version).toEqual(version);
  });
});

describe('changeCertificateStatusOnce', () => {
  const reasons = { publicReason: '责令停产整改', legalBasis: '《工业产品生产许可证管理条例》第四十五条' };

  test('a double submit of the same confirmed change changes the certificate once and answers as done', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate } = await issued(world, { seed: 1 });
    const deps = fakeStatusChangeDeps(world);
    const input = {
      licenceNo: certificate.licenceNumber,
      action: 'suspend' as const,
      actor: officer,
      expectedRevision: certificate.revision,
      ...reasons,
    };

    // Act
    const first = await changeCertificateStatusOnce(deps, input);
    const second = await changeCertificateStatusOnce(deps, input);

    // Assess
    expect(first).toMatchObject({ replayed: false, certificate: { status: 'suspended' } });
    expect(second).toMatchObject({ replayed: true, certificate: { status: 'suspended' } });
    const head = await world.certificates.get(certificate.licenceNumber);
    expect(head?.certificate.history.filter((h) => h.to === 'suspended')).toHaveLength(1);
    const audit = await world.certificates.listAudit(certificate.licenceNumber, {});
    expect(audit.items.filter((e) => e.action === 'certificate.suspend')).toHaveLength(1);
  });

  test('a different change made since the revision confirmed is still a conflict', async () => {
    const world = new FakeWorld();
    const { certificate } = await issued(world, { seed: 1 });
    const deps = fakeStatusChangeDeps(world);
    const base = { licenceNo: certificate.licenceNumber, actor: officer, expectedRevision: certificate.revision };
    await changeCertificateStatusOnce(deps, { ...base, action: 'suspend', ...reasons });

    const other = await changeCertificateStatusOnce(deps, {
      ...base,
      action: 'revoke',
      ...reasons,
    }).catch((e: unknown) => e);
    const otherReason = await changeCertificateStatusOnce(deps, {
      ...base,
      action: 'suspend',
      publicReason: '另一个理由',
      legalBasis: reasons.legalBasis,
    }).catch((e: unknown) => e);

    expect(other).toMatchObject({ code: 'CONCURRENT_MODIFICATION' });
    expect(otherReason).toMatchObject({ code: 'CONCURRENT_MODIFICATION' });
  });
});

describe('changeCertificateStatus and the transparency log', () => {
  test('the change’s log entry is written in its commit (from, to, time, the public reason’s SHA-256) and announced after', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate } = await issued(world);
    world.publisher.forget();
    world.clock.advance({ days: 1 });

    // Act
    const revoked = await changeCertificateStatus(fakeStatusChangeDeps(world), {
      licenceNo: certificate.licenceNumber,
      action: 'revoke',
      actor: officer,
      ...reasons,
    });

    // Assess
    const key = `status.${certificate.licenceNumber.toUrlSafe()}.r${revoked.revision}`;
    const pending = world.table.pendingLog.get(key);
    expect(pending && decodeEntry(pending.entry)).toEqual({
      type: 'status-change',
      licenceNumber: certificate.licenceNumber.toString(),
      from: 'valid',
      to: 'revoked',
      time: world.clock.now().toISOString(),
      reasonSha256: createHash('sha256').update(reasons.publicReason).digest('hex'),
    });
    const lic = certificate.licenceNumber.toUrlSafe();
    expect(world.publisher.calls).toEqual([
      [`log#${key}`, `statusList#${key}`, `webhooks#evt_${lic}_r${revoked.revision}`],
    ]);
  });

  test('the change tells the status list in its commit: a message naming the licence, its id the change’s key', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate } = await issued(world);

    // Act
    const suspended = await changeCertificateStatus(fakeStatusChangeDeps(world), {
      licenceNo: certificate.licenceNumber,
      action: 'suspend',
      actor: officer,
      ...reasons,
    });

    // Assess: stored with the change (the relay re-sends it until the publisher completes it)
    const id = `status.${certificate.licenceNumber.toUrlSafe()}.r${suspended.revision}`;
    const stored = await world.outbox.get({ topic: 'statusList', id });
    expect(stored?.body).toEqual({ changeKey: id, licenceNo: certificate.licenceNumber.toString() });
  });
});
