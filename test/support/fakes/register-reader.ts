/**
 * {@link RegisterReader} straight over a certificate repository (no cache): every head is read now, at the clock's
 * time. The status cache in front of the register is an adapter with its own tests; use cases see only this port.
 *
 * @example
 * const register = new FakeRegisterReader(certificates, clock);
 * (await register.head(licenceNo)).readAt; // clock.now()
 */
import type { IssuedVersion } from '../../../lambdas/domain/issued-version';
import type { LicenceNumber } from '../../../lambdas/domain/licence-number';
import type { CertificateHead, CertificateRepository } from '../../../lambdas/ports/certificate-repository';
import type { Clock } from '../../../lambdas/ports/clock';
import type { RegisterReader } from '../../../lambdas/ports/register-reader';

export class FakeRegisterReader implements RegisterReader {
  constructor(
    readonly repository: Pick<CertificateRepository, 'get' | 'getVersion' | 'findVersionByPdfSha256'>,
    readonly clock: Clock,
  ) {}

  async head(licenceNo: LicenceNumber): Promise<{ readonly head: CertificateHead | undefined; readonly readAt: Date }> {
    const readAt = this.clock.now();
    return { head: await this.repository.get(licenceNo), readAt };
  }

  version(licenceNo: LicenceNumber, version: number): Promise<IssuedVersion | undefined> {
    return this.repository.getVersion(licenceNo, version);
  }

  versionByPdfSha256(
    sha256: string,
  ): Promise<{ readonly licenceNo: LicenceNumber; readonly version: number } | undefined> {
    return this.repository.findVersionByPdfSha256(sha256);
  }
}
