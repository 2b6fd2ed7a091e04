/**
 * Wiring of PDF signatures (PAdES, `docs/pdf-signatures.md`): the sealer the issuing functions and the timestamper
 * use, and the check the file-verification function uses. Certificate chains and trust anchors are PEM text in an SSM
 * parameter (cloud) or a file beside the local keys (`npm run keys`); the TSA is `TSA_URL`, when set.
 *
 * A signing key without a certificate is not an error: certificates are issued unsigned and each one logs
 * {@link PDF_UNSIGNED} (a metric filter in the stateless stack counts them and alarms).
 *
 * @example
 * const sealed = await pdfSealer().seal(rendered, await signer(), at);
 * const finding = await pdfSignatureCheck().check(uploaded);
 */
import { readFile } from 'node:fs/promises';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { type BundleText, PemCertificateBundle } from '../adapters/pades/certificate-bundle';
import { HttpTimestampAuthority } from '../adapters/pades/http-tsa';
import { PadesCheck } from '../adapters/pades/pades-check';
import { PadesSealer } from '../adapters/pades/pades-sealer';
import { derFromPem } from '../adapters/pades/x509';
import { PROVINCES } from '../domain/province';
import type { PdfSealer } from '../ports/pdf-sealer';
import type { PdfSignatureCheck } from '../ports/pdf-signature-check';
import { type CursorKeysConfig, config, readPadesConfig } from '../shared/config';
import { logger } from '../shared/logger';
import { once } from './once';

/** The log line of a certificate PDF issued without a signature (no certificate for the signing key). */
export const PDF_UNSIGNED = 'certificate PDF issued without a PDF signature: no certificate for the signing key';
/** The log line of a signature made without its timestamp (the TSA did not answer; it is added later). */
export const PDF_TIMESTAMP_DEFERRED = 'certificate PDF signed without a timestamp: the TSA did not answer';

const padesConfig = once(() => readPadesConfig(process.env));
const ssm = once(() => new SSMClient({ region: config().region }));
const CACHE_MS = 5 * 60_000;

/** PEM text at a location; undefined while there is none (no file yet, no parameter yet). Cached 5 min from SSM. */
function textAt(location: CursorKeysConfig): BundleText {
  if (location.kind === 'file') {
    return () =>
      readFile(location.path, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      });
  }
  let cached: { text: string | undefined; until: number } | undefined;
  return async () => {
    if (cached && cached.until > Date.now()) return cached.text;
    const out = await ssm()
      .send(new GetParameterCommand({ Name: location.parameter, WithDecryption: true }))
      .catch((error: Error) => {
        if (error.name === 'ParameterNotFound') return undefined;
        throw error;
      });
    cached = { text: out?.Parameter?.Value, until: Date.now() + CACHE_MS };
    return cached.text;
  };
}

/** The process-wide sealer. */
export const pdfSealer = once<PdfSealer>(() => {
  const settings = padesConfig();
  const province = PROVINCES.find((p) => p.abbr === config().province);
  return new PadesSealer({
    certificates: new PemCertificateBundle(textAt(settings.certificates)),
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

/** The process-wide PDF signature check (the file-verification function). */
export const pdfSignatureCheck = once<PdfSignatureCheck>(() => {
  const anchors = textAt(padesConfig().trustAnchors);
  return new PadesCheck(async () => derFromPem((await anchors()) ?? ''));
});
