/**
 * Wiring of the orphan-PDF sweep: the certificates bucket as a listing (list and delete under `certificates/` only),
 * the register of PDF digests in the table, and the clock. Built once per process.
 *
 * @example
 * await sweepOrphanPdfs(sweepDeps());
 */
import { DynamoPdfDigestRegister } from './adapters/dynamo/pdf-digest-register';
import { S3SweepStore } from './adapters/s3/sweep-store';
import { clock, once } from './composition';
import { dynamoClient, s3Client } from './shared/clients';
import { config } from './shared/config';
import type { SweepDeps } from './use-cases/sweep-orphan-pdfs';

export const sweepDeps = once<SweepDeps>(() => ({
  store: new S3SweepStore(s3Client(), config().certificatesBucket),
  register: new DynamoPdfDigestRegister(dynamoClient(), config().tableName),
  clock,
}));
