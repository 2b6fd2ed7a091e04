/**
 * Resources come from `lib/resources.ts`, idempotently: the table with its GSIs and TTL, both buckets, the queue with
 * its redrive policy; a second run changes nothing, and an older on-disk table gains the indexes it lacks.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { emulatorClientConfig } from '../../../lib/local/aws-clients';
import { type EmulatorEndpoints, type Emulators, startEmulators } from '../../../lib/local/emulators';
import { provisionResources } from '../../../lib/local/provision';
import { queues, table } from '../../../lib/resources';
import { uniqueSuffix } from '../../support/emulators';

let emulators: Emulators;
let dataDir: string;
let endpoints: EmulatorEndpoints;
let dynamo: DynamoDBClient;
let s3: S3Client;
let sqs: SQSClient;

// Own emulators: adding an index to a live table must not queue behind other test files' traffic.
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'permit-provision-'));
  emulators = await startEmulators({ dataDir, inMemoryDynamo: true });
  endpoints = emulators.endpoints;
  dynamo = new DynamoDBClient(emulatorClientConfig(endpoints.dynamodb, endpoints.region));
  s3 = new S3Client({ ...emulatorClientConfig(endpoints.s3, endpoints.region), forcePathStyle: true });
  sqs = new SQSClient(emulatorClientConfig(endpoints.sqs, endpoints.region));
});

afterAll(async () => {
  dynamo?.destroy();
  s3?.destroy();
  sqs?.destroy();
  await emulators?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('creates the table, buckets and queues described in lib/resources.ts, and a second run is a no-op', async () => {
  // Prepare
  const suffix = uniqueSuffix();

  // Act
  const names = await provisionResources(endpoints, { suffix });
  const again = await provisionResources(endpoints, { suffix });

  // Assess
  expect(again).toEqual(names);
  const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: names.tableName }));
  expect(Table?.KeySchema).toEqual([
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ]);
  expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(
    table.globalIndexes.map((i) => i.indexName),
  );
  const ttl = await dynamo.send(new DescribeTimeToLiveCommand({ TableName: names.tableName }));
  expect(ttl.TimeToLiveDescription).toMatchObject({
    TimeToLiveStatus: 'ENABLED',
    AttributeName: table.timeToLiveAttribute,
  });
  for (const bucket of Object.values(names.buckets)) {
    await expect(s3.send(new HeadBucketCommand({ Bucket: bucket }))).resolves.toBeDefined();
  }
  const dispatch = names.queues.dispatch;
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: dispatch.url, AttributeNames: ['All'] }),
  );
  expect(JSON.parse(Attributes?.RedrivePolicy ?? '{}')).toEqual({
    deadLetterTargetArn: dispatch.deadLetterArn,
    maxReceiveCount: queues.dispatch.deadLetter.maxReceiveCount,
  });
  expect(Attributes?.VisibilityTimeout).toBe(String(queues.dispatch.visibilityTimeoutSeconds));
  // Queue URLs point at the emulator the SDK was configured with (see lib/local/sqs-local.ts).
  expect(new URL(dispatch.url).origin).toBe(endpoints.sqs);
});

test('adds the indexes an older table lacks', async () => {
  // Prepare: a table as an older checkout would have created it, with only gsi1.
  const suffix = uniqueSuffix();
  const tableName = `${table.id}-${suffix}`;
  await dynamo.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk'].map((n) => ({ AttributeName: n, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );

  // Act
  await provisionResources(endpoints, { suffix });

  // Assess
  const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: tableName }));
  expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(['gsi1', 'gsi2', 'gsi3']);
});
