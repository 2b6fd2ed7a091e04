/**
 * The register side of a verification: does an issued version match the signed claims, and what of a certificate the
 * public may see. Pure functions over the records the repository returns.
 */
import type { CertificateSnapshot } from '../domain/certificate-snapshot';
import type { CertificateStatus } from '../domain/certificate-status';
import type { IssuedVersion } from '../domain/issued-version';
import { LicenceNumber } from '../domain/licence-number';
import type { CertificateClaims } from '../domain/signing/qr-claims';
import type { PublicCertificate } from '../domain/verification/result';
import type { CertificateHead } from '../ports/certificate-repository';

/**
 * Whether two texts name the same licence (printed or URL-safe form, full-width brackets…). Anything that is not a
 * licence number matches nothing.
 *
 * @example
 * sameLicence('42-XK13-001-00001', '(鄂)XK13-001-00001'); // true
 */
export function sameLicence(a: string, b: string): boolean {
  try {
    return LicenceNumber.parse(a).toString() === LicenceNumber.parse(b).toString();
  } catch {
    return false;
  }
}

/**
 * Whether an issued version is exactly what the verified claims say: number, version, USCC, dates, and the key and
 * second it was signed with. The last two catch a claim set signed with a stolen key and a back-dated `iat`: it may
 * verify offline, but it is not what the authority issued.
 *
 * @example
 * versionMatches(claims, qr.key.kid, await repository.getVersion(claims.licenceNo, claims.version)); // true
 */
export function versionMatches(claims: CertificateClaims, kid: string, issued: IssuedVersion | undefined): boolean {
  if (!issued) return false;
  const c = issued.certificate;
  return (
    sameLicence(issued.licenceNo, claims.licenceNo) &&
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
    licenceNo: head.certificate.licenceNumber,
    version: shown.version,
    latestVersion: head.currentVersion,
    enterpriseName: shown.enterprise.name,
    uscc: shown.enterprise.uscc,
    products: shown.products.map((p) => ({ name: p.name.zh, nameEn: p.name.en })),
    issueDate: shown.issueDate,
    validUntil: shown.validUntil,
    issuingAuthority: shown.issuingAuthority,
    ...statusOf(head.certificate),
  };
}
