/**
 * Maps stored certificates to the API's JSON views. Internal notes appear for staff only.
 *
 * @example
 * json(200, certificateView(head, version, viewer, clock.now()));
 */
import type { z } from 'zod';
import type { AuditList, CertificateSummaryView, CertificateView } from '../contracts/certificates';
import type { AuditEvent } from '../domain/audit-event';
import type { CertificateSnapshot } from '../domain/certificate-snapshot';
import { isExpired, localDateOf } from '../domain/dates';
import type { IssuedVersion } from '../domain/issued-version';
import type { LicenceNumber } from '../domain/licence-number';
import type { Viewer } from '../domain/viewer';
import type { CertificateSummary } from '../ports/certificate-repository';
import type { Page } from '../ports/page';

export function certificateLinks(licenceNo: LicenceNumber) {
  const key = licenceNo.toUrlSafe();
  return {
    self: `/v1/certificates/${key}`,
    pdf: `/v1/certificates/${key}/pdf`,
    verify: `/v1/verify/${key}`,
    status: `/v1/certificates/${key}/status`,
    dispatches: `/v1/certificates/${key}/dispatches`,
  };
}

export function certificateView(
  certificate: CertificateSnapshot,
  version: IssuedVersion,
  viewer: Viewer,
  now: Date,
): z.input<typeof CertificateView> {
  const expired =
    certificate.status !== 'revoked' &&
    certificate.status !== 'cancelled' &&
    isExpired(certificate.validUntil, localDateOf(now));
  return {
    licenceNo: certificate.licenceNumber.toString(),
    licenceNoUrlSafe: certificate.licenceNumber.toUrlSafe(),
    version: version.version,
    revision: certificate.revision,
    status: expired ? 'expired' : certificate.status,
    storedStatus: certificate.status,
    procedure: certificate.procedure,
    paperSerial: certificate.paperSerial,
    ...(certificate.statusListIndex !== undefined ? { statusListIndex: certificate.statusListIndex } : {}),
    enterprise: { ...certificate.enterprise, productionAddresses: [...certificate.enterprise.productionAddresses] },
    products: certificate.products.map((p) => ({ key: `${p.categoryCode}-${p.productCode}`, ...p })),
    firstIssueDate: certificate.firstIssueDate,
    issueDate: certificate.issueDate,
    validFrom: certificate.validFrom,
    validUntil: certificate.validUntil,
    issuingAuthority: certificate.issuingAuthority,
    pdf: { sha256: version.pdf.sha256, size: version.pdf.size, signature: version.pdf.pades ?? 'none' },
    qr: { text: version.qrText },
    history: certificate.history.map(({ internalNotes, ...change }) =>
      viewer.kind === 'staff' && internalNotes !== undefined ? { ...change, internalNotes } : change,
    ),
    ...(certificate.earlierChanges ? { earlierChanges: certificate.earlierChanges } : {}),
    links: certificateLinks(certificate.licenceNumber),
  };
}

export function summaryView(summary: CertificateSummary): z.input<typeof CertificateSummaryView> {
  return {
    ...summary,
    licenceNo: summary.licenceNo.toString(),
    licenceNoUrlSafe: summary.licenceNo.toUrlSafe(),
    links: { self: certificateLinks(summary.licenceNo).self },
  };
}

/**
 * A page of the audit trail as JSON (staff only: actors and details as recorded).
 *
 * @example
 * json(200, auditPage(await listAudit(deps, { licenceNo, ...query })));
 */
export function auditPage(page: Page<AuditEvent>): z.input<typeof AuditList> {
  return {
    items: page.items.map((event) => ({ ...event, licenceNo: event.licenceNo.toString() })),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}
