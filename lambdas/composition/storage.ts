/**
 * What most functions share: the certificate register, the certificate PDFs and the catalogue, and the deps of
 * reading certificates and changing their status. Built once per process (at cold start).
 *
 * @example
 * await getCertificate(readDeps(), { licenceNo, viewer });
 */
import { DynamoCertificateRepository } from '../adapters/dynamo/certificate-repository';
import { S3PdfStore } from '../adapters/s3/pdf-store';
import type { Catalogue } from '../domain/catalogue';
import { seedCatalogue } from '../domain/catalogue-seed';
import type { CertificateRepository } from '../ports/certificate-repository';
import type { PdfStore } from '../ports/pdf-store';
import { dynamoClient, s3Client } from '../shared/clients';
import { config } from '../shared/config';
import type { StatusChangeDeps } from '../use-cases/change-certificate-status';
import type { ReadDeps } from '../use-cases/read-certificates';
import { clock } from './clock';
import { once } from './once';
import { outboxPublisher } from './outbox';

export const certificateRepository = once<CertificateRepository>(
  () => new DynamoCertificateRepository(dynamoClient(), config().tableName),
);

export const certificatePdfs = once<PdfStore>(() => new S3PdfStore(s3Client(), config().certificatesBucket));

export const catalogue = once<Catalogue>(() => seedCatalogue());

/**
 * Deps of the certificate reads; `parts` replace any of them (tests).
 *
 * @example
 * const deps = readDeps({ clock: new ManualClock('2026-10-01T09:00:00+08:00') });
 */
export const readDeps = (parts: Partial<ReadDeps> = {}): ReadDeps => ({
  repository: certificateRepository(),
  pdfs: certificatePdfs(),
  clock,
  ...parts,
});

/**
 * Deps of status changes; `parts` replace any of them.
 *
 * @example
 * await changeCertificateStatus(statusChangeDeps(), { licenceNo, action: 'suspend', … });
 */
export const statusChangeDeps = (parts: Partial<StatusChangeDeps> = {}): StatusChangeDeps => ({
  repository: certificateRepository(),
  clock,
  publisher: outboxPublisher(),
  ...parts,
});
