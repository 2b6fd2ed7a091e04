/**
 * Wiring of the application workflow: the application, inspection and calendar repositories on the one table, and
 * the documents bucket. What issues (the signer and renderer) stays in `composition-issuing.ts`; only the decision
 * function imports `decisionDeps` (from `composition-application-decisions.ts`).
 *
 * @example
 * const deps = applicationDeps();
 * await fileApplication(deps, { viewer, request });
 */
import { DynamoApplicationRepository } from './adapters/dynamo/application-repository';
import { DynamoCalendarRepository } from './adapters/dynamo/calendar-repository';
import { DynamoInspectionRepository } from './adapters/dynamo/inspection-repository';
import { TableCertificatePrintCheck } from './adapters/pdf/print-check';
import { S3ObjectStore } from './adapters/s3/object-store';
import { catalogue, certificateRepository, clock, once, statusChangeDeps } from './composition';
import type { DocumentStore } from './ports/document-store';
import { dynamoClient, s3Client } from './shared/clients';
import { config } from './shared/config';
import type { ApplicationDeps } from './use-cases/applications/deps';
import type { InspectionDeps } from './use-cases/applications/inspections';

const documentStore = once<DocumentStore>(() => {
  const store = new S3ObjectStore(s3Client(), config().documentsBucket);
  return {
    presignUpload: (key, options) => store.presignUpload(key, options),
    head: async (key) => {
      const head = await store.head(key);
      return head ? { size: head.size, ...(head.contentType ? { contentType: head.contentType } : {}) } : undefined;
    },
    get: (key) => store.get(key),
    keep: async (key, bytes, options) => {
      const stored = await store.put(key, bytes, { contentType: options.contentType });
      if (stored.sha256 !== options.sha256) throw new Error(`kept copy ${key} does not hash to its key`);
    },
    presignRead: (key, options) => store.presignDownload(key, options),
  };
});

export const applicationDeps = once<ApplicationDeps>(() => ({
  applications: new DynamoApplicationRepository(dynamoClient(), config().tableName),
  inspections: new DynamoInspectionRepository(dynamoClient(), config().tableName),
  calendars: new DynamoCalendarRepository(dynamoClient(), config().tableName),
  documents: documentStore(),
  certificates: certificateRepository(),
  catalogue: catalogue(),
  clock,
  printCheck: new TableCertificatePrintCheck(),
  issuing: { province: config().province, issuingAuthority: config().issuingAuthority },
}));

export const inspectionDeps = once<InspectionDeps>(() => ({ ...applicationDeps(), statusChange: statusChangeDeps() }));
