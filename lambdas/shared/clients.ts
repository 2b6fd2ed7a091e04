/**
 * AWS SDK clients, created once per process and shared. Endpoints come from the SDK's own configuration
 * (`AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_DYNAMODB`, `AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL_SQS`, …), never from
 * code branches, so the same code talks to the cloud or to the local emulators. Where the stage traces with
 * Powertools, each client's calls are X-Ray subsegments (`tracer.ts`).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from './config';
import { traced } from './tracer';

let dynamo: DynamoDBDocumentClient | undefined;
let s3: S3Client | undefined;
let sqs: SQSClient | undefined;
let kms: KMSClient | undefined;
let ssm: SSMClient | undefined;

export function dynamoClient(): DynamoDBDocumentClient {
  dynamo ??= DynamoDBDocumentClient.from(traced(new DynamoDBClient({ region: config().region })), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return dynamo;
}

export function s3Client(): S3Client {
  s3 ??= traced(
    new S3Client({
      region: config().region,
      forcePathStyle: config().s3ForcePathStyle,
      // Checksums only where S3 requires them: identical on AWS, and S3-compatible stores that do not understand the
      // newer flexible checksums (such as the local emulator) store the bytes intact.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
  );
  return s3;
}

export function sqsClient(): SQSClient {
  sqs ??= traced(new SQSClient({ region: config().region }));
  return sqs;
}

export function kmsClient(): KMSClient {
  kms ??= traced(new KMSClient({ region: config().region }));
  return kms;
}

export function ssmClient(): SSMClient {
  ssm ??= traced(new SSMClient({ region: config().region }));
  return ssm;
}
