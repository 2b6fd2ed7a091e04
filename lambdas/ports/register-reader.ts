/**
 * Port: the register reads a verification needs. Adapter: `lambdas/adapters/status-cache.ts` over the certificate
 * repository.
 */

import type { IssuedVersion } from '../domain/issued-version';
import type { LicenceNumber } from '../domain/licence-number';
import type { CertificateHead } from './certificate-repository';

/** The register reads a verification needs (a status cache may answer them). */
export interface RegisterReader {
  /** The head and the time it was read from the register (a cache answers with its own read time). */
  head(licenceNo: LicenceNumber): Promise<{ readonly head: CertificateHead | undefined; readonly readAt: Date }>;
  version(licenceNo: LicenceNumber, version: number): Promise<IssuedVersion | undefined>;
  versionByPdfSha256(
    sha256: string,
  ): Promise<{ readonly licenceNo: LicenceNumber; readonly version: number } | undefined>;
}
