/**
 * Wiring of the PDF sealer (PAdES, `docs/pdf-signatures.md`) the issuing functions and the timestamper use: the
 * signing keys' certificate chains (`pades-settings.ts`) and the TSA (`TSA_URL`, when set).
 *
 * A signing key without a certificate is not an error: certificates are issued unsigned and each one logs
 * {@link PDF_UNSIGNED} (a metric filter in the stateless stack counts them and alarms).
 *
 * @example
 * const sealed = await pdfSealer().seal(rendered, await signer(), at);
 */
import { PemCertificateBundle } from '../adapters/pades/certificate-bundle';
import { HttpTimestampAuthority } from '../adapters/pades/http-tsa';
import { PadesSealer } from '../adapters/pades/pades-sealer';
import { PROVINCES } from '../domain/province';
import type { PdfSealer } from '../ports/pdf-sealer';
import { config } from '../shared/config';
import { logger } from '../shared/logger';
import { PDF_TIMESTAMP_DEFERRED, PDF_UNSIGNED } from '../use-cases/certificate-pdf';
import { once } from './once';
import { padesConfig, pemTextAt } from './pades-settings';

/** The process-wide sealer. */
export const pdfSealer = once<PdfSealer>(() => {
  const settings = padesConfig();
  const province = PROVINCES.find((p) => p.abbr === config().province);
  return new PadesSealer({
    certificates: new PemCertificateBundle(pemTextAt(settings.certificates)),
    ...(settings.tsaUrl ? { tsa: new HttpTimestampAuthority({ url: settings.tsaUrl }) } : {}),
    signatory: {
      name: config().issuingAuthority,
      reason: '签发全国工业产品生产许可证电子证书 (issuance of the production licence certificate)',
      location: province ? `中国${province.name}` : '中国',
    },
    report: (event) => {
      if (event.kind === 'no-certificate') logger.warn(PDF_UNSIGNED, { kid: event.kid });
      else logger.warn(PDF_TIMESTAMP_DEFERRED, { error: String(event.error) });
    },
  });
});
