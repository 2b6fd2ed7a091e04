/**
 * Where real adapters are built from configuration and handed to use cases. Everything is created once per process
 * (at cold start) and shared by invocations.
 *
 * This module wires what every function may need (storage, clock, catalogue). What only the issuing function needs —
 * the signer and the PDF renderer with its fonts — lives in `composition-issuing.ts`, so the other bundles carry no
 * PDF or signing libraries.
 *
 * @example
 * const deps = readDeps();
 * await getCertificate(deps, { licenceNo, viewer });
 */

import { DynamoCertificateRepository } from './adapters/dynamo/certificate-repository';
import { S3ObjectStore } from './adapters/s3/object-store';
import { clock } from './composition-clock';
import type { Catalogue } from './domain/catalogue';
import { seedCatalogue } from './domain/catalogue-seed';
import type { CertificateRepository } from './ports/certificate-repository';
import type { PdfStore } from './ports/pdf-store';
import { dynamoClient, s3Client } from './shared/clients';
import { config } from './shared/config';
import type { StatusChangeDeps } from './use-cases/change-certificate-status';
import type { ReadDeps } from './use-cases/read-certificates';

/** Build a value on first use and keep it. */
export const once = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
};

/** The process's one clock (`composition-clock.ts`): the system clock, or the local runtime's settable one. */
export { clock };

export const certificateRepository = once<CertificateRepository>(
  () => new DynamoCertificateRepository(dynamoClient(), config().tableName),
);

export const certificatePdfs = once<PdfStore>(() => {
  const store = new S3ObjectStore(s3Client(), config().certificatesBucket);
  return {
    put: (key, bytes) => store.put(key, bytes, { contentType: 'application/pdf' }),
    get: (key) => store.get(key),
    presignDownload: (key, fileName) => store.presignDownload(key, { fileName }),
  };
});

export const catalogue = once<Catalogue>(() => seedCatalogue());

export const readDeps = once<ReadDeps>(() => ({ repository: certificateRepository(), pdfs: certificatePdfs(), clock }));

export const statusChangeDeps = once<StatusChangeDeps>(() => ({ repository: certificateRepository(), clock }));
