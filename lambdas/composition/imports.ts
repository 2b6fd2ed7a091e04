/**
 * Wiring of the licence import (`imports` and `import-worker` functions): the job store on the table, the import files
 * in the documents bucket (under `imports/`), the file reader, the outbox, and — for the worker — issuance itself.
 *
 * @example
 * await startImport(importJobDeps(), input);
 * await runImportMessages(await importWorkerDeps(), bodies);
 */
import { DynamoImportJobStore } from '../adapters/dynamo/import-job-store';
import { fileImportReader } from '../adapters/import/file-reader';
import { S3DocumentStore } from '../adapters/s3/document-store';
import type { ImportJobStore } from '../ports/import-job-store';
import { dynamoClient, s3Client } from '../shared/clients';
import { config } from '../shared/config';
import { type ImportJobDeps, resumeImports } from '../use-cases/imports/jobs';
import type { ImportWorkerDeps } from '../use-cases/imports/worker';
import { clock } from './clock';
import { issuanceDeps } from './issuance';
import { once } from './once';
import { outboxPublisher, outboxStore } from './outbox';

const jobs = once<ImportJobStore>(() => new DynamoImportJobStore(dynamoClient(), config().tableName));
const files = once(() => new S3DocumentStore(s3Client(), config().documentsBucket));

/**
 * Deps of the admin routes; `parts` replace any of them (tests).
 *
 * @example
 * const deps = importJobDeps();
 */
export const importJobDeps = (parts: Partial<ImportJobDeps> = {}): ImportJobDeps => ({
  jobs: jobs(),
  files: files(),
  clock,
  publisher: outboxPublisher(),
  ...parts,
});

/**
 * Deps of the worker (issuance's signing key is loaded first, as every issuing function's is).
 *
 * @example
 * const deps = await importWorkerDeps();
 */
export async function importWorkerDeps(parts: Partial<ImportWorkerDeps> = {}): Promise<ImportWorkerDeps> {
  return {
    ...importJobDeps(),
    reader: fileImportReader(),
    outbox: outboxStore(),
    issuance: parts.issuance ?? (await issuanceDeps()),
    ...parts,
  };
}

/**
 * Queue again the unfinished work of every import (the local runtime at start; in the cloud the relay does it).
 *
 * @example
 * const resumed = await resumeImportsNow(); // [{ id: 'IMP-…', messages: 3 }]
 */
export const resumeImportsNow = () => resumeImports(importJobDeps());
