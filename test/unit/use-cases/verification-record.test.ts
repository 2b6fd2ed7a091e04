/**
 * The register side of a verification: the same licence in any written form, a version matching the signed claims
 * exactly (number, version, USCC, dates, key, second of signing), the status and when it took effect, and what the
 * public may see of a certificate — never the actors, addresses or internal notes.
 */
import { describe, expect, test } from 'vitest';
import { Certificate } from '../../../lambdas/domain/certificate';
import type { IssuedVersion } from '../../../lambdas/domain/issued-version';
import type { CertificateClaims } from '../../../lambdas/domain/signing/qr-claims';
import {
  publicCertificate,
  sameLicence,
  statusOf,
  versionMatches,
} from '../../../lambdas/use-cases/verification-record';
import { FakeWorld, issued, officer } from '../../support/fakes';

const claimsOf = (v: IssuedVersion): CertificateClaims => ({
  licenceNo: v.licenceNo,
  version: v.version,
  uscc: v.certificate.enterprise.uscc,
  issueDate: v.certificate.issueDate,
  validUntil: v.certificate.validUntil,
  signedAt: Math.floor(Date.parse(v.signedAt) / 1000),
});

describe('sameLicence', () => {
  test('matches the printed, URL-safe and full-width forms of one number; nothing else', () => {
    expect(sameLicence('42-XK06-001-00001', '(鄂)XK06-001-00001')).toBe(true);
    expect(sameLicence('（鄂）XK06-001-00001', '(鄂)XK06-001-00001')).toBe(true);
    expect(sameLicence('(鄂)XK06-001-00002', '(鄂)XK06-001-00001')).toBe(false);
    expect(sameLicence('garbage', 'garbage')).toBe(false);
  });
});

describe('versionMatches', () => {
  test('is true only when the issued version is exactly what the claims say, signed with that key then', async () => {
    // Prepare
    const world = new FakeWorld();
    const { version } = await issued(world);
    const claims = claimsOf(version);

    // Act
    const verdicts = {
      exact: versionMatches(claims, version.kid, version),
      missing: versionMatches(claims, version.kid, undefined),
      otherKey: versionMatches(claims, 'another-kid', version),
      backDated: versionMatches({ ...claims, signedAt: claims.signedAt - 1 }, version.kid, version),
      otherVersion: versionMatches({ ...claims, version: 2 }, version.kid, version),
      otherUscc: versionMatches({ ...claims, uscc: '91420100MA4K2X1R09' }, version.kid, version),
      otherValidity: versionMatches({ ...claims, validUntil: '2099-12-31' }, version.kid, version),
      urlSafeNumber: versionMatches(
        { ...claims, licenceNo: claims.licenceNo.replace('(鄂)', '42-') },
        version.kid,
        version,
      ),
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
      licenceNo: certificate.licenceNumber,
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
    });
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
