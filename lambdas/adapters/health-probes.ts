/**
 * {@link DependencyProbe} for `/health`: one cheap read per dependency (DescribeTable, HeadBucket, GetQueueAttributes),
 * each bounded by a short timeout so a hung dependency reports `down` instead of hanging the check.
 *
 * @example
 * const probes = new AwsDependencyProbe({ dynamo, s3, sqs, tableName, bucketName, queueUrl });
 * await probes.probe(); // { dynamodb: 'up', s3: 'up', sqs: 'down' }
 */
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Dependency, DependencyProbe, DependencyState, DependencyStates } from '../ports/dependency-probe';
import { logger } from '../shared/logger';

export interface ProbeTargets {
  readonly dynamo: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly tableName: string;
  readonly bucketName: string;
  readonly queueUrl: string;
  /** Per-probe limit (default 2 s): well inside API Gateway's 30 s and the function's timeout. */
  readonly timeoutMs?: number;
}

export const DEFAULT_PROBE_TIMEOUT_MS = 2_000;

export class AwsDependencyProbe implements DependencyProbe {
  constructor(private readonly targets: ProbeTargets) {}

  async probe(): Promise<DependencyStates> {
    const targets = this.targets;
    const timeoutMs = targets.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
    const probe = async (
      name: Dependency,
      call: (signal: AbortSignal) => Promise<unknown>,
    ): Promise<DependencyState> => {
      try {
        await call(AbortSignal.timeout(timeoutMs));
        return 'up';
      } catch (error) {
        const { name: errorName, code } = error as { name?: string; code?: string };
        logger.warn('dependency probe failed', { dependency: name, error: code ?? errorName });
        return 'down';
      }
    };
    const [dynamodb, s3, sqs] = await Promise.all([
      // DescribeTable is a plain DynamoDB command; the document client passes it through unchanged.
      probe('dynamodb', (abortSignal) =>
        targets.dynamo.send(new DescribeTableCommand({ TableName: targets.tableName }), { abortSignal }),
      ),
      probe('s3', (abortSignal) =>
        targets.s3.send(new HeadBucketCommand({ Bucket: targets.bucketName }), { abortSignal }),
      ),
      probe('sqs', (abortSignal) =>
        targets.sqs.send(new GetQueueAttributesCommand({ QueueUrl: targets.queueUrl, AttributeNames: ['QueueArn'] }), {
          abortSignal,
        }),
      ),
    ]);
    return { dynamodb, s3, sqs };
  }
}
