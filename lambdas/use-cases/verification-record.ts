/**
 * The register side of a verification: does an issued version match the signed claims, and what of a certificate the
 * public may see. Pure functions over the records the repository returns (licence numbers as value objects: the
 * verification parses the claims' number once and compares with `equals`).
 */
import type { CertificateSnapshot } from '../domain/certificate-snapshot';
import type { CertificateStatus } from '../domain/certificate-status';
import type { IssuedVersion } from '../domain/issued-version';
import type { LicenceNumber } from '../domain/licence-number';
import type { CertificateClaims } from '../domain/signing/qr-claims';
import type { PublicCertificate } from '../domain/verification/result';
import type { CertificateHead } from '../ports/certificate-repository';

/**
 * Whether an issued version is exactly what the verified claims say: number (`licenceNo`, the claims' number parsed),
 * version, USCC, dates, and the key and second it was signed with. The last two catch a claim set signed with a
 * stolen key and a back-dated `iat`: it may verify offline, but it is not what the authority issued.
 *
 * @example
 * versionMatches(claims, licenceNo, qr.key.kid, await register.version(licenceNo, claims.version)); // true
 */
export function versionMatches(
  claims: CertificateClaims,
  licenceNo: LicenceNumber,
  kid: string,
  issued: IssuedVersion | undefined,
): boolean {
  if (!issued) return false;
  const c = issued.certificate;
  return (
    issued.licenceNo.equals(licenceNo) &&
    issued.version === claims.version &&
    c.version === claims.version &&
    c.enterprise.uscc === claims.uscc &&
    c.issueDate === claims.issueDate &&
    c.validUntil === claims.validUntil &&
    issued.kid === kid &&
    Math.floor(Date.parse(issued.signedAt) / 1000) === claims.signedAt
  );
}

/**
 * The register's status of a licence and when it took effect (absent while it never changed since issue).
 *
 * @example
 * statusOf(head.certificate); // { status: 'revoked', statusChangedAt: '2026-11-20T02:30:00.000Z', publicReason: '…' }
 */
export function statusOf(current: CertificateSnapshot): {
  readonly status: CertificateStatus;
  readonly statusChangedAt?: string;
  readonly publicReason?: string;
} {
  const status = current.status;
  const change = [...current.history].reverse().find((h) => h.to === status && h.from !== h.to);
  const changed = change && change.from !== null ? change : undefined;
  return {
    status,
    ...(changed ? { statusChangedAt: changed.at } : {}),
    // The published reason of a suspension, revocation or cancellation; never the internal notes or the actor.
    ...(status !== 'valid' && changed ? { publicReason: changed.publicReason } : {}),
  };
}

/**
 * What the public may see of a certificate: the fields of the version in hand (what is printed on that paper), the
 * status from the head. Public fields only — no legal representative, addresses, actors or internal notes.
 *
 * @example
 * publicCertificate(head, issued.certificate); // the QR's version
 * publicCertificate(head, head.certificate);   // a lookup: the latest version
 */
export function publicCertificate(head: CertificateHead, shown: CertificateSnapshot): PublicCertificate {
  return {
    licenceNo: head.certificate.licenceNumber.toString(),
    version: shown.version,
    latestVersion: head.currentVersion,
    enterpriseName: shown.enterprise.name,
    uscc: shown.enterprise.uscc,
    products: shown.products.map((p) => ({ name: p.name.zh, nameEn: p.name.en })),
    issueDate: shown.issueDate,
    validUntil: shown.validUntil,
    issuingAuthority: shown.issuingAuthority,
    ...statusOf(head.certificate),
    ...(head.certificate.statusListIndex !== undefined ? { statusListIndex: head.certificate.statusListIndex } : {}),
  };
}
