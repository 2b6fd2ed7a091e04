/**
 * One issued version of a certificate: the signed claims, the PDF and who issued it. Immutable once written, but for
 * its PDF: a B-B file later timestamped is replaced by its B-T file (`StoredPdf`), both digests finding the version.
 */

import type { CertificateSnapshot } from './certificate-snapshot';
import type { Actor } from './certificate-status';
import type { LicenceNumber } from './licence-number';
import type { StoredPdf } from './pdf-signature/stored-pdf';

/** One issued version of a certificate: immutable once written (but for a B-B PDF's later timestamp). */
export interface IssuedVersion {
  readonly licenceNo: LicenceNumber;
  readonly version: number;
  readonly paperSerial: string;
  readonly certificate: CertificateSnapshot;
  readonly pdf: StoredPdf;
  readonly qrText: string;
  readonly jws: string;
  readonly kid: string;
  /** ISO instant the claims were signed. */
  readonly signedAt: string;
  readonly issuedBy: Actor;
  /** Where the issuance came from, e.g. `application:APP-…` or `api`. */
  readonly source: string;
}
