/**
 * Reading certificates on the in-memory register: staff see every certificate, an enterprise only its own (another's
 * answers exactly like one that does not exist); lists by USCC, status or all, not both filters; the audit trail of an
 * existing licence; a download is audited (who, which version, which digest) before its short link is handed out.
 */

import { describe, expect, test } from 'vitest';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import { changeCertificateStatus } from '../../../lambdas/use-cases/change-certificate-status';
import {
  downloadCertificate,
  getCertificate,
  listAudit,
  listCertificates,
} from '../../../lambdas/use-cases/read-certificates';
import {
  enterpriseViewer,
  FakeWorld,
  fakeReadDeps,
  fakeStatusChangeDeps,
  issued,
  officer,
  staff,
  usccFor,
} from '../../support/fakes';

/** What a call throws or rejects with (the list use case validates its filters before any read). */
const failureOf = (call: () => Promise<unknown>): Promise<unknown> =>
  Promise.resolve()
    .then(call)
    .then(
      () => undefined,
      (e: unknown) => e,
    );

describe('getCertificate', () => {
  test('staff and the holder read the head and its current version; another enterprise gets 404 like a missing one', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate, version } = await issued(world, { seed: 1 });
    const deps = fakeReadDeps(world);
    const input = (viewer: ReturnType<typeof staff>) => ({ licenceNo: certificate.licenceNumber, viewer });

    // Act
    const byStaff = await getCertificate(deps, input(staff('officer')));
    const byHolder = await getCertificate(deps, input(enterpriseViewer(1)));
    const byOther = await getCertificate(deps, input(enterpriseViewer(2))).catch((e: unknown) => e);
    const missing = await getCertificate(deps, {
      licenceNo: LicenceNumber.parse('(鄂)XK06-001-09999'),
      viewer: staff('officer'),
    }).catch((e: unknown) => e);

    // Assess
    expect(byStaff).toEqual({ head: await world.certificates.get(certificate.licenceNumber), version });
    expect(byHolder).toEqual(byStaff);
    expect(byOther).toMatchObject({ kind: 'not-found', code: 'CERTIFICATE_NOT_FOUND' });
    expect((byOther as Error).message).toBe(`no certificate ${certificate.licenceNumber}`);
    expect(missing).toMatchObject({ code: 'CERTIFICATE_NOT_FOUND' });
  });
});

describe('listCertificates', () => {
  test('by USCC (normalised), by status, or all — not both filters', async () => {
    // Prepare
    const world = new FakeWorld();
    const a = await issued(world, { seed: 1 });
    const b = await issued(world, { seed: 2 });
    await changeCertificateStatus(fakeStatusChangeDeps(world), {
      licenceNo: b.certificate.licenceNumber,
      action: 'suspend',
      actor: officer,
      publicReason: '整改',
      legalBasis: '条例',
    });
    const deps = fakeReadDeps(world);

    // Act
    const mine = await listCertificates(deps, { uscc: ` ${usccFor(1).toLowerCase()} ` });
    const suspended = await listCertificates(deps, { status: 'suspended' });
    const all = await listCertificates(deps, { limit: 1 });
    const both = await failureOf(() => listCertificates(deps, { uscc: usccFor(1), status: 'valid' }));
    const badUscc = await failureOf(() => listCertificates(deps, { uscc: 'not-a-uscc' }));

    // Assess
    expect(mine.items.map((c) => c.licenceNo)).toEqual([a.certificate.licenceNumber]);
    expect(suspended.items.map((c) => [c.licenceNo, c.status])).toEqual([[b.certificate.licenceNumber, 'suspended']]);
    expect(all.items).toHaveLength(1);
    expect(all.cursor).toEqual(expect.any(String));
    expect(both).toMatchObject({ kind: 'invalid', code: 'FILTER_COMBINATION' });
    expect(badUscc).toMatchObject({ kind: 'invalid' });
  });
});

describe('listAudit', () => {
  test('the trail of an existing licence, newest first; 404 for an unknown one', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate } = await issued(world);
    world.clock.advance({ hours: 1 });
    await downloadCertificate(fakeReadDeps(world), { licenceNo: certificate.licenceNumber, viewer: staff('officer') });

    // Act
    const trail = await listAudit(fakeReadDeps(world), { licenceNo: certificate.licenceNumber });
    const unknown = await listAudit(fakeReadDeps(world), {
      licenceNo: LicenceNumber.parse('(鄂)XK06-001-09999'),
    }).catch((e: unknown) => e);

    // Assess
    expect(trail.items.map((e) => e.action)).toEqual(['certificate.downloaded', 'certificate.issued']);
    expect(unknown).toMatchObject({ code: 'CERTIFICATE_NOT_FOUND' });
  });
});

describe('downloadCertificate', () => {
  test('records who downloaded which version and digest, then hands out a link to that PDF', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate, version } = await issued(world, { seed: 5 });
    world.clock.advance({ minutes: 5 });

    // Act
    const { url, version: shown } = await downloadCertificate(fakeReadDeps(world), {
      licenceNo: certificate.licenceNumber,
      viewer: enterpriseViewer(5),
    });

    // Assess
    expect(shown).toEqual(version);
    const [event] = (await world.certificates.listAudit(certificate.licenceNumber, { limit: 1 })).items;
    expect(event).toMatchObject({
      at: world.clock.now().toISOString(),
      action: 'certificate.downloaded',
      actor: { type: 'user', id: 'ent-5', role: 'enterprise' },
      details: { version: 1, sha256: version.pdf.sha256 },
    });
    const served = world.certificatesBucket.open(url);
    expect(served?.bytes).toEqual(await world.pdfs.get(version.pdf.key));
    expect(served?.headers['content-disposition']).toContain(encodeURIComponent('生产许可证-42-XK06-001-'));
  });

  test('an earlier version on request; a version not issued, or another enterprise’s licence, is 404', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate, version: v1 } = await issued(world, { seed: 6 });
    const v2 = await issued(world, { seed: 6, products: ['16-204'] });
    const deps = fakeReadDeps(world);

    // Act
    const first = await downloadCertificate(deps, {
      licenceNo: certificate.licenceNumber,
      version: 1,
      viewer: staff(),
    });
    const future = await downloadCertificate(deps, {
      licenceNo: certificate.licenceNumber,
      version: 3,
      viewer: staff(),
    }).catch((e: unknown) => e);
    const foreign = await downloadCertificate(deps, {
      licenceNo: certificate.licenceNumber,
      viewer: enterpriseViewer(7),
    }).catch((e: unknown) => e);

    // Assess
    expect(v2.version.version).toBe(2);
    expect(first.version).toEqual(v1);
    expect(future).toMatchObject({ kind: 'not-found', code: 'VERSION_NOT_FOUND' });
    expect(foreign).toMatchObject({ kind: 'not-found', code: 'CERTIFICATE_NOT_FOUND' });
    expect(
      (await world.certificates.listAudit(certificate.licenceNumber, {})).items.filter(
        (e) => e.action === 'certificate.downloaded',
      ),
    ).toHaveLength(1);
  });
});

describe('listCertificates by name prefix', () => {
  test('one filter at a time; an empty prefix is refused against its field', async () => {
    const deps = fakeReadDeps(new FakeWorld());
    const both = await failureOf(() => listCertificates(deps, { namePrefix: '湖北', status: 'valid' }));
    const empty = await failureOf(() => listCertificates(deps, { namePrefix: ' 　' }));
    expect(both).toMatchObject({ code: 'FILTER_COMBINATION' });
    expect(empty).toMatchObject({ code: 'INVALID_FIELDS', details: { issues: [{ field: 'query.namePrefix' }] } });
  });
});
