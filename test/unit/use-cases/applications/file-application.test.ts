/**
 * fileApplication on the in-memory fakes: an enterprise files a draft for its own USCC — procedure from the
 * catalogue (the strictest of the products on the clock's day), products de-duplicated, a paper copy's address
 * validated; an idempotency key (scoped to the enterprise) returns the same draft for the same body, 409 for another,
 * and the twin of a race; on a licence: unknown 404, another's 403, not live or not yet renewable 409; what issuance
 * would refuse (unprintable text, text too long for the page, an amendment that changes nothing, no new products) is
 * refused at filing; a refusal stores nothing.
 */

import { describe, expect, test } from 'vitest';
import type { ApplicationRequest } from '../../../../lambdas/domain/application';
import { LicenceNumber } from '../../../../lambdas/domain/licence-number';
import { CommitConflict } from '../../../../lambdas/ports/certificate-repository';
import { fileApplication } from '../../../../lambdas/use-cases/applications/file-application';
import { changeCertificateStatus } from '../../../../lambdas/use-cases/change-certificate-status';
import {
  enterpriseFor,
  enterpriseViewer,
  FakeApplicationRepository,
  FakeWorld,
  fakeApplicationDeps,
  fakeStatusChangeDeps,
  issued,
  newLicence,
  officer,
  postalAddress,
  staff,
  usccFor,
} from '../../../support/fakes';

const repeatTo = (text: string, n: number): string => {
  const chars = [...text];
  return Array.from({ length: n }, (_, i) => chars[i % chars.length]).join('');
};

describe('fileApplication: a new licence', () => {
  test('files a draft for its own USCC: id of the day, the strictest procedure, products de-duplicated, the filing on the timeline', async () => {
    // Prepare
    const world = new FakeWorld();
    const at = world.clock.now().toISOString();

    // Act
    const { application, replayed } = await fileApplication(fakeApplicationDeps(world), {
      viewer: enterpriseViewer(1),
      request: {
        kind: 'new',
        enterprise: enterpriseFor(1, { uscc: ` ${usccFor(1).toLowerCase()} ` }),
        products: ['16-204', '85-901', '16-204'],
      },
      paperCopy: { address: postalAddress },
    });

    // Assess
    expect(replayed).toBe(false);
    expect(application.id).toMatch(/^APP-20261127-[A-HJ-NP-Z2-9]{10}$/);
    expect(application).toMatchObject({
      kind: 'new',
      uscc: usccFor(1),
      enterpriseName: '武汉长江线缆有限公司',
      procedure: 'general',
      request: { kind: 'new', enterprise: { uscc: usccFor(1) }, products: ['16-204', '85-901'] },
      paperCopy: { address: postalAddress },
      state: 'draft',
      createdAt: at,
      updatedAt: at,
      revision: 1,
      timeline: [{ at, actor: { id: 'ent-1', role: 'enterprise' }, action: 'file', from: null, to: 'draft' }],
    });
    expect(await world.applications.get(application.id)).toEqual(application);
  });

  test('staff cannot file (403 FORBIDDEN); an enterprise filing for another USCC is 403 APPLICATION_FOREIGN_ENTERPRISE', async () => {
    // Prepare
    const world = new FakeWorld();
    const deps = fakeApplicationDeps(world);

    // Act
    const byStaff = await fileApplication(deps, { viewer: staff(), request: newLicence(1) }).catch((e) => e);
    const foreign = await fileApplication(deps, { viewer: enterpriseViewer(2), request: newLicence(1) }).catch(
      (e) => e,
    );

    // Assess
    expect(byStaff).toMatchObject({ kind: 'forbidden', code: 'FORBIDDEN' });
    expect(foreign).toMatchObject({ kind: 'forbidden', code: 'APPLICATION_FOREIGN_ENTERPRISE' });
    expect(world.table.applications.size).toBe(0);
  });

  test('an unprintable character is 400 TEXT_NOT_PRINTABLE naming the applicant’s field; nothing is filed', async () => {
    // Prepare
    const world = new FakeWorld();

    // Act
    const error = await fileApplication(fakeApplicationDeps(world), {
      viewer: enterpriseViewer(3),
      request: {
        kind: 'new',
        enterprise: enterpriseFor(3, { name: '武汉\u200B长江线缆有限公司' }),
        products: ['06-001'],
      },
    }).catch((e) => e);

    // Assess
    expect(error).toMatchObject({ kind: 'invalid', code: 'TEXT_NOT_PRINTABLE' });
    expect(error.details.issues.map((i: { field: string }) => i.field)).toEqual(['enterprise.name']);
    expect(world.table.applications.size).toBe(0);
  });

  test('a blank name and no product are refused together: one 400 naming both fields; nothing is filed', async () => {
    // Prepare
    const world = new FakeWorld();

    // Act
    const error = await fileApplication(fakeApplicationDeps(world), {
      viewer: enterpriseViewer(3),
      request: { kind: 'new', enterprise: enterpriseFor(3, { name: '' }), products: [] },
    }).catch((e) => e);

    // Assess
    expect(error).toMatchObject({ kind: 'invalid' });
    const fields = error.details.issues.map((i: { field: string }) => i.field);
    expect(fields).toContain('enterprise.name');
    expect(fields).toContain('products');
    expect(world.table.applications.size).toBe(0);
  });

  test('more text than the certificate page holds is 400 CERTIFICATE_TEXT_TOO_LONG naming every printed field', async () => {
    // Prepare: every field within its own limit, together too long
    const world = new FakeWorld();
    const street = '湖北省武汉市东湖新技术开发区光谷大道堃猇路𣲗号';
    const enterprise = enterpriseFor(4, {
      name: repeatTo('湖北堃猇𣲗科技有限公司', 100),
      domicile: repeatTo(street, 200),
      productionAddresses: [`1${repeatTo(street, 199)}`, `2${repeatTo(street, 199)}`],
    });

    // Act
    const error = await fileApplication(fakeApplicationDeps(world), {
      viewer: enterpriseViewer(4),
      request: { kind: 'new', enterprise, products: ['16-204'] },
    }).catch((e) => e);

    // Assess
    expect(error).toMatchObject({ kind: 'invalid', code: 'CERTIFICATE_TEXT_TOO_LONG' });
    expect(error.details.issues.map((i: { field: string }) => i.field)).toEqual([
      'enterprise.name',
      'enterprise.domicile',
      'enterprise.productionAddresses',
      'products',
    ]);
    expect(world.table.applications.size).toBe(0);
  });

  test('adding only products the licence already covers is 409 NO_NEW_PRODUCTS at filing', async () => {
    // Prepare
    const world = new FakeWorld();
    await issued(world, { seed: 5, products: ['06-001'] });

    // Act
    const error = await fileApplication(fakeApplicationDeps(world), {
      viewer: enterpriseViewer(5),
      request: { kind: 'add-products', enterprise: enterpriseFor(5), products: ['06-001'] },
    }).catch((e) => e);

    // Assess
    expect(error).toMatchObject({ kind: 'conflict', code: 'NO_NEW_PRODUCTS' });
    expect(world.table.applications.size).toBe(0);
  });
});

describe('fileApplication: idempotency', () => {
  test('the same key and body return the same draft; another body is 409 IDEMPOTENCY_KEY_REUSED; keys are per enterprise', async () => {
    // Prepare
    const world = new FakeWorld();
    const deps = fakeApplicationDeps(world);
    const first = await fileApplication(deps, {
      viewer: enterpriseViewer(1),
      request: newLicence(1),
      idempotencyKey: 'k-0001',
    });
    world.clock.advance({ minutes: 1 });

    // Act
    const again = await fileApplication(deps, {
      viewer: enterpriseViewer(1),
      request: newLicence(1),
      idempotencyKey: 'k-0001',
    });
    const otherBody = await fileApplication(deps, {
      viewer: enterpriseViewer(1),
      request: newLicence(1, ['16-204']),
      idempotencyKey: 'k-0001',
    }).catch((e) => e);
    const otherEnterprise = await fileApplication(deps, {
      viewer: enterpriseViewer(2),
      request: newLicence(2),
      idempotencyKey: 'k-0001',
    });

    // Assess
    expect(again).toEqual({ application: first.application, replayed: true });
    expect(otherBody).toMatchObject({ kind: 'conflict', code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(otherEnterprise.replayed).toBe(false);
    expect(otherEnterprise.application.uscc).toBe(usccFor(2));
    expect(world.table.applications.size).toBe(2);
  });

  test('a twin with the same key that committed first is answered with its draft', async () => {
    // Prepare: the twin files between this request's look-up and its write
    const world = new FakeWorld();
    const input = { viewer: enterpriseViewer(6), request: newLicence(6), idempotencyKey: 'k-twin-01' };
    let conflicts = 0;
    class Racing extends FakeApplicationRepository {
      #raced = false;
      override async findFiling(key: string) {
        if (!this.#raced) {
          this.#raced = true;
          await fileApplication(fakeApplicationDeps(world), input);
          return undefined; // read before the twin committed
        }
        return super.findFiling(key);
      }
      override create(...args: Parameters<FakeApplicationRepository['create']>) {
        return super.create(...args).catch((e: unknown) => {
          if (e instanceof CommitConflict) conflicts++;
          throw e;
        });
      }
    }
    const counting = new Racing(world.table);

    // Act
    const result = await fileApplication(fakeApplicationDeps(world, { applications: counting }), input);

    // Assess
    expect(conflicts).toBe(1);
    expect(result.replayed).toBe(true);
    expect(world.table.applications.size).toBe(1);
    expect(result.application).toEqual([...world.table.applications.values()][0]);
  });
});

describe('fileApplication: on a licence', () => {
  test('an unknown licence is 404; another enterprise’s is 403; a revoked one is 409 CERTIFICATE_NOT_LIVE', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate } = await issued(world, { seed: 7 });
    const { certificate: revoked } = await issued(world, { seed: 8 });
    await changeCertificateStatus(fakeStatusChangeDeps(world), {
      licenceNo: revoked.licenceNumber,
      action: 'revoke',
      actor: officer,
      publicReason: '抽查不合格',
      legalBasis: '条例',
    });
    const deps = fakeApplicationDeps(world);
    const reissue = (licenceNo: LicenceNumber): ApplicationRequest => ({ kind: 'reissue', licenceNo, reason: '遗失' });

    // Act
    const unknown = await fileApplication(deps, {
      viewer: enterpriseViewer(7),
      request: reissue(LicenceNumber.parse('(鄂)XK06-001-09999')),
    }).catch((e) => e);
    const foreign = await fileApplication(deps, {
      viewer: enterpriseViewer(9),
      request: reissue(certificate.licenceNumber),
    }).catch((e) => e);
    const notLive = await fileApplication(deps, {
      viewer: enterpriseViewer(8),
      request: reissue(revoked.licenceNumber),
    }).catch((e) => e);

    // Assess
    expect(unknown).toMatchObject({ kind: 'not-found', code: 'CERTIFICATE_NOT_FOUND' });
    expect(foreign).toMatchObject({ kind: 'forbidden', code: 'APPLICATION_FOREIGN_ENTERPRISE' });
    expect(notLive).toMatchObject({ kind: 'conflict', code: 'CERTIFICATE_NOT_LIVE', details: { status: 'revoked' } });
    expect(world.table.applications.size).toBe(0);
  });

  test('a renewal before its window is 409 RENEWAL_NOT_OPEN with the opening day; within it, the catalogue’s procedure', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate } = await issued(world, { seed: 10, products: ['06-001'] });
    const deps = fakeApplicationDeps(world);
    const renew: ApplicationRequest = { kind: 'renew', licenceNo: certificate.licenceNumber };

    // Act
    const early = await fileApplication(deps, { viewer: enterpriseViewer(10), request: renew }).catch((e) => e);
    world.clock.set(`${early.details.opensOn}T09:00:00+08:00`);
    const filed = await fileApplication(deps, { viewer: enterpriseViewer(10), request: renew });

    // Assess
    expect(early).toMatchObject({ kind: 'conflict', code: 'RENEWAL_NOT_OPEN' });
    expect(early.details.opensOn > '2031-01-01').toBe(true);
    expect(filed.application).toMatchObject({ kind: 'renew', procedure: 'post-issuance-review', state: 'draft' });
    expect(filed.application.request).toEqual(renew);
  });

  test('an amendment that changes nothing is 409 NO_CHANGE, products added to a suspended licence 409 CERTIFICATE_SUSPENDED; an unprintable change names changes.name', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate } = await issued(world, { seed: 11 });
    const { certificate: suspended } = await issued(world, { seed: 13 });
    await changeCertificateStatus(fakeStatusChangeDeps(world), {
      licenceNo: suspended.licenceNumber,
      action: 'suspend',
      actor: officer,
      publicReason: '抽查不合格',
      legalBasis: '条例',
    });
    const deps = fakeApplicationDeps(world);
    const amend = (name: string): ApplicationRequest => ({
      kind: 'amend',
      licenceNo: certificate.licenceNumber,
      changes: { name },
    });

    // Act
    const noChange = await fileApplication(deps, {
      viewer: enterpriseViewer(11),
      request: amend(certificate.enterprise.name),
    }).catch((e) => e);
    const broken = await fileApplication(deps, {
      viewer: enterpriseViewer(11),
      request: amend('武汉新名称\n有限公司'),
    }).catch((e) => e);
    const amended = await fileApplication(deps, {
      viewer: enterpriseViewer(11),
      request: amend('武汉长江新线缆有限公司'),
    });
    const whileSuspended = await fileApplication(deps, {
      viewer: enterpriseViewer(13),
      request: { kind: 'add-products', enterprise: enterpriseFor(13), products: ['05-001'] },
    }).catch((e) => e);

    // Assess
    expect(noChange).toMatchObject({ kind: 'conflict', code: 'NO_CHANGE' });
    expect(broken).toMatchObject({ kind: 'invalid', code: 'TEXT_NOT_PRINTABLE' });
    expect(broken.details.issues.map((i: { field: string }) => i.field)).toEqual(['changes.name']);
    expect(amended.application).toMatchObject({
      kind: 'amend',
      procedure: certificate.procedure,
      request: { changes: { name: '武汉长江新线缆有限公司' } },
    });
    expect(whileSuspended).toMatchObject({ kind: 'conflict', code: 'CERTIFICATE_SUSPENDED' });
    expect(world.table.applications.size).toBe(1);
  });

  test('a cancellation takes no paper copy (400 PAPER_COPY_NOT_APPLICABLE); its reason is kept', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate } = await issued(world, { seed: 12 });
    const deps = fakeApplicationDeps(world);
    const request: ApplicationRequest = { kind: 'cancel', licenceNo: certificate.licenceNumber, reason: ' 停止生产 ' };

    // Act
    const withCopy = await fileApplication(deps, {
      viewer: enterpriseViewer(12),
      request,
      paperCopy: { address: postalAddress },
    }).catch((e) => e);
    const filed = await fileApplication(deps, { viewer: enterpriseViewer(12), request });

    // Assess
    expect(withCopy).toMatchObject({
      kind: 'invalid',
      code: 'PAPER_COPY_NOT_APPLICABLE',
      details: { issues: [{ field: 'paperCopy' }] },
    });
    expect(filed.application.request).toMatchObject({ kind: 'cancel', reason: '停止生产' });
    expect(filed.application.paperCopy).toBeUndefined();
    expect(world.table.applications.size).toBe(1);
  });
});
