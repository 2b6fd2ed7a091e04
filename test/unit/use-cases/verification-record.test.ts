/**
 * The register side of a verification: a version matching the signed claims
 * exactly (number, version, USCC, dates, key, second of signing), the status and when it took effect, and what the
 * public may see of a certificate — never the actors, addresses or internal notes.
 */
import { describe, expect, test } from 'vitest';
import { Certificate } from '../../../lambdas/domain/certificate';
import type { IssuedVersion } from '../../../lambdas/domain/issued-version';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import type { CertificateClaims } from '../../../lambdas/domain/signing/qr-claims';
import { publicCertificate, statusOf, versionMatches } from '../../../lambdas/use-cases/verification-record';
import { FakeWorld, issued, officer } from '../../support/fakes';

const claimsOf = (v: IssuedVersion): CertificateClaims => ({
  licenceNo: v.licenceNo.toString(),
  version: v.version,
  uscc: v.certificate.enterprise.uscc,
  issueDate: v.certificate.issueDate,
  validUntil: v.certificate.validUntil,
  signedAt: Math.floor(Date.parse(v.signedAt) / 1000),
});

describe('versionMatches', () => {
  test('is true only when the issued version is exactly what the claims say, signed with that key then', async () => {
    // Prepare
    const world = new FakeWorld();
    const { version } = await issued(world);
    const claims = claimsOf(version);

    // Act
    const no = version.licenceNo;
    const kid = version.kid;
    const verdicts = {
      exact: versionMatches(claims, no, kid, version),
      missing: versionMatches(claims, no, kid, undefined),
      otherKey: versionMatches(claims, no, 'another-kid', version),
      backDated: versionMatches({ ...claims, signedAt: claims.signedAt - 1 }, no, kid, version),
      otherVersion: versionMatches({ ...claims, version: 2 }, no, kid, version),
      otherUscc: versionMatches({ ...claims, uscc: '91420100MA4K2X1R09' }, no, kid, version),
      otherValidity: versionMatches({ ...claims, validUntil: '2099-12-31' }, no, kid, version),
      otherNumber: versionMatches(claims, LicenceNumber.of({ ...no, serial: no.serial + 1 }), kid, version),
      urlSafeNumber: versionMatches(claims, LicenceNumber.parse(no.toUrlSafe()), kid, version),
    };

    // Assess
    expect(verdicts).toEqual({
      exact: true,
      missing: false,
      otherKey: false,
      backDated: false,
      otherVersion: false,
      otherUscc: false,
      otherValidity: false,
      otherNumber: false,
      urlSafeNumber: true,
    });
  });
});

describe('statusOf and publicCertificate', () => {
  test('a valid certificate that never changed: valid, no date of change, no reason', async () => {
    const world = new FakeWorld();
    const { certificate } = await issued(world);
    expect(statusOf(certificate)).toEqual({ status: 'valid' });
  });

  test('a revoked one: the date it took effect and the published reason, never the internal notes or actor', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate, version } = await issued(world);
    world.clock.advance({ days: 10 });
    const at = world.clock.now();
    const revoked = Certificate.rehydrate(certificate)
      .changeStatus('revoke', {
        actor: officer,
        at,
        publicReason: '产品监督抽查不合格',
        legalBasis: '《工业产品生产许可证管理条例》第四十五条',
        internalNotes: '内部备注：勿公开',
      })
      .toSnapshot();
    const head = { certificate: revoked, currentVersion: 2, updatedAt: at.toISOString() };

    // Act
    const shown = publicCertificate(head, version.certificate);

    // Assess
    expect(statusOf(revoked)).toEqual({
      status: 'revoked',
      statusChangedAt: at.toISOString(),
      publicReason: '产品监督抽查不合格',
    });
    expect(shown).toEqual({
      licenceNo: certificate.licenceNumber.toString(),
      version: 1,
      latestVersion: 2,
      enterpriseName: certificate.enterprise.name,
      uscc: certificate.enterprise.uscc,
      products: [{ name: '电线电缆', nameEn: 'Wires and cables' }],
      issueDate: certificate.issueDate,
      validUntil: certificate.validUntil,
      issuingAuthority: certificate.issuingAuthority,
      status: 'revoked',
      statusChangedAt: at.toISOString(),
      publicReason: '产品监督抽查不合格',
      statusListIndex: revoked.statusListIndex,
    });
    expect(Number.isInteger(shown.statusListIndex)).toBe(true);
    expect(JSON.stringify(shown)).not.toMatch(/内部备注|officer-7|domicile|第四十五条/);
  });

  test('reinstated: valid again since the reinstatement, with no reason shown', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate } = await issued(world);
    const reasons = { actor: officer, publicReason: '整改', legalBasis: '条例' };
    const suspended = Certificate.rehydrate(certificate).changeStatus('suspend', { ...reasons, at: world.clock.now() });
    world.clock.advance({ days: 1 });
    const reinstated = suspended.changeStatus('reinstate', { ...reasons, at: world.clock.now() }).toSnapshot();

    // Act
    const status = statusOf(reinstated);

    // Assess
    expect(status).toEqual({ status: 'valid', statusChangedAt: world.clock.now().toISOString() });
  });
});
