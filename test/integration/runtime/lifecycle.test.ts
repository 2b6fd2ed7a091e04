/**
 * A runtime with its own emulators and on-disk data: what DynamoDB and S3 hold survives a stop and a start, and
 * `/health` turns 503 and names the dependency when one goes down.
 */

import { rmSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, expect, test } from 'vitest';
import { emulatorClientConfig } from '../../../lib/local/aws-clients';
import type { EmulatorEndpoints } from '../../../lib/local/emulators';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

const running: TestRuntime[] = [];
let dataDir: string | undefined;

afterAll(async () => {
  await Promise.all(running.map((r) => r.stop()));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const clients = (endpoints: EmulatorEndpoints) => ({
  dynamo: DynamoDBDocumentClient.from(new DynamoDBClient(emulatorClientConfig(endpoints.dynamodb, endpoints.region))),
  s3: new S3Client({ ...emulatorClientConfig(endpoints.s3, endpoints.region), forcePathStyle: true }),
});

const pdf = Buffer.from('%PDF-1.7\n\x00\xff binary certificate bytes\n%%EOF\n', 'latin1');

test('DynamoDB items and S3 objects survive a restart', async () => {
  // Prepare: a runtime on disk, with one item and one object written.
  const first = await startTestRuntime({
    ownEmulators: true,
    inMemoryDynamo: false,
    keepDataDir: true,
    pollers: false,
  });
  running.push(first);
  dataDir = first.dataDir;
  const before = clients(first.endpoints);
  await before.dynamo.send(
    new PutCommand({
      TableName: first.names.tableName,
      Item: { pk: 'CERT#(鄂)XK13-001-00001', sk: 'v1', holder: '武汉示例' },
    }),
  );
  await before.s3.send(
    new PutObjectCommand({ Bucket: first.names.buckets.certificates, Key: 'certificates/x/v1.pdf', Body: pdf }),
  );
  before.dynamo.destroy();
  before.s3.destroy();

  // Act: stop everything, start again on the same directory (and ports: handler modules keep their cold-start config).
  await first.stop();
  const second = await startTestRuntime({
    ownEmulators: true,
    inMemoryDynamo: false,
    dataDir: first.dataDir,
    port: first.ports.gateway,
    emulatorPorts: { dynamodb: first.ports.dynamodb, s3: first.ports.s3, sqs: first.ports.sqs },
    pollers: false,
  });
  running.push(second);
  const after = clients(second.endpoints);
  const item = await after.dynamo.send(
    new GetCommand({ TableName: second.names.tableName, Key: { pk: 'CERT#(鄂)XK13-001-00001', sk: 'v1' } }),
  );
  const object = await after.s3.send(
    new GetObjectCommand({ Bucket: second.names.buckets.certificates, Key: 'certificates/x/v1.pdf' }),
  );
  const bytes = Buffer.from(
    await (object.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
  );
  after.dynamo.destroy();
  after.s3.destroy();

  // Assess
  expect(item.Item).toEqual({ pk: 'CERT#(鄂)XK13-001-00001', sk: 'v1', holder: '武汉示例' });
  expect(bytes.equals(pdf)).toBe(true);
  expect((await second.request('/health')).status).toBe(200);
});

test('/health answers 503 and names the dependency that is down', async () => {
  // Prepare
  const runtime = running.at(-1) as TestRuntime;

  // Act
  await runtime.emulators?.s3.stop();
  const s3Down = await runtime.request('/health');
  const s3DownBody = await s3Down.json();
  await runtime.emulators?.dynamodb.stop();
  const bothDown = await runtime.request('/health');

  // Assess
  expect(s3Down.status).toBe(503);
  expect(s3DownBody).toMatchObject({ status: 'down', dependencies: { dynamodb: 'up', s3: 'down', sqs: 'up' } });
  expect(await bothDown.json()).toMatchObject({ dependencies: { dynamodb: 'down', s3: 'down', sqs: 'up' } });
});
