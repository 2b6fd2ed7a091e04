/**
 * Wiring for the functions that issue: the certificate signer (`certificate-signer.ts`), the PDF renderer with its
 * fonts, and the outbox publisher (paper copies). Only their bundles import this module.
 *
 * @example
 * await issueCertificate(await issuanceDeps(), input);
 */
import { PdfCertificateRenderer } from '../adapters/pdf/certificate-renderer';
import { config } from '../shared/config';
import type { IssuanceDeps } from '../use-cases/issue-certificate';
import { signer } from './certificate-signer';
import { clock } from './clock';
import { once } from './once';
import { outboxPublisher } from './outbox';
import { pdfSealer } from './pdf-sealer';
import { catalogue, certificatePdfs, certificateRepository } from './storage';

const renderer = once(() => new PdfCertificateRenderer());

/**
 * Deps of issuance; `parts` replace any of them (tests, benchmarks). The signing key is loaded first, so an unusable
 * key fails the cold start rather than the first request.
 *
 * @example
 * const deps = await issuanceDeps();
 */
export async function issuanceDeps(parts: Partial<IssuanceDeps> = {}): Promise<IssuanceDeps> {
  if (!parts.signer) await signer();
  return {
    repository: certificateRepository(),
    pdfs: certificatePdfs(),
    signer,
    renderer: renderer(),
    sealer: pdfSealer(),
    catalogue: catalogue(),
    clock,
    settings: {
      province: config().province,
      issuingAuthority: config().issuingAuthority,
      publicBaseUrl: config().publicBaseUrl,
    },
    publisher: outboxPublisher(),
    ...parts,
  };
}
