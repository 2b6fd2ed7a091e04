/**
 * Wiring of `/health`: the dependency probes on the process's shared clients and configured resources (the table, the
 * certificates bucket, the dispatch queue).
 *
 * @example
 * const health = await checkHealth(healthDeps());
 */
import { AwsDependencyProbe } from '../adapters/health-probes';
import { dynamoClient, s3Client, sqsClient } from '../shared/clients';
import { config } from '../shared/config';
import type { HealthDeps } from '../use-cases/check-health';
import { clock } from './clock';
import { once } from './once';

const probe = once(() => {
  const { tableName, certificatesBucket, dispatchQueueUrl } = config();
  return new AwsDependencyProbe({
    dynamo: dynamoClient(),
    s3: s3Client(),
    sqs: sqsClient(),
    tableName,
    bucketName: certificatesBucket,
    queueUrl: dispatchQueueUrl,
  });
});

/**
 * Deps of the health check; `parts` replace any of them.
 *
 * @example
 * await checkHealth(healthDeps());
 */
export const healthDeps = (parts: Partial<HealthDeps> = {}): HealthDeps => ({ probe: probe(), clock, ...parts });
