/**
 * Create Permit's resources on the emulators from the one definition in `lib/resources.ts`, idempotently: an existing
 * table gains any index or TTL setting it lacks (an on-disk table from an older checkout keeps its data), buckets and
 * queues that exist are reused, and queue attributes (visibility timeout, redrive policy) are brought up to date.
 *
 * A `suffix` gives every name a unique tail, so parallel test files can share one set of emulators.
 *
 * @example
 * const names = await provisionResources(endpoints);              // PermitTable, permit-certificates, …
 * const isolated = await provisionResources(endpoints, { suffix: 'w1a2b' }); // PermitTable-w1a2b, …
 */
import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  type GlobalSecondaryIndexDescription,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutBucketCorsCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import {
  type BucketDefinition,
  buckets,
  type IndexDefinition,
  type QueueDefinition,
  queues,
  type TableDefinition,
  table,
} from '../resources';
import { emulatorClientConfig } from './aws-clients';
import type { EmulatorEndpoints } from './emulators';
import { LocalRuntimeError } from './errors';
import { pollUntil } from './wait';

export type QueueKey = keyof typeof queues;
export type QueueDefinitions = Readonly<Record<QueueKey, QueueDefinition>>;

export interface ProvisionedQueue {
  readonly url: string;
  readonly arn: string;
  readonly deadLetterUrl: string;
  readonly deadLetterArn: string;
  readonly definition: QueueDefinition;
}

/** The concrete names and URLs of one provisioned set of resources. */
export interface ResourceNames {
  readonly tableName: string;
  readonly buckets: Readonly<Record<keyof typeof buckets, string>>;
  readonly queues: Readonly<Record<QueueKey, ProvisionedQueue>>;
}

export interface ProvisionOptions {
  /** Appended to every name (`[a-z0-9-]`, ≤ 20 chars) to isolate parallel test files on shared emulators. */
  readonly suffix?: string;
  /** Queue settings; defaults to `lib/resources.ts` (tests shorten visibility timeouts). */
  readonly queues?: QueueDefinitions;
  /** The console's origin: buckets that take browser uploads allow `POST` from it (CORS), as in the cloud. */
  readonly consoleOrigin?: string;
}

const SECONDS_PER_DAY = 86_400;

/**
 * Create (or bring up to date) the table, buckets and queues on the emulators; returns their names and URLs.
 *
 * @example
 * const { tableName, queues } = await provisionResources(endpoints, { suffix: 'ta1b2c3' });
 */
export async function provisionResources(
  endpoints: EmulatorEndpoints,
  options: ProvisionOptions = {},
): Promise<ResourceNames> {
  const suffix = options.suffix;
  if (suffix !== undefined && !/^[a-z0-9-]{1,20}$/.test(suffix)) {
    throw new LocalRuntimeError('INVALID_ARGUMENT', `resource suffix must match [a-z0-9-]{1,20}, got "${suffix}"`);
  }
  const named = (base: string) => (suffix ? `${base}-${suffix}` : base);
  const dynamo = new DynamoDBClient(emulatorClientConfig(endpoints.dynamodb, endpoints.region));
  const s3 = new S3Client({ ...emulatorClientConfig(endpoints.s3, endpoints.region), forcePathStyle: true });
  const sqs = new SQSClient(emulatorClientConfig(endpoints.sqs, endpoints.region));
  try {
    const tableName = named(table.id);
    const bucketNames = Object.fromEntries(
      Object.entries(buckets).map(([key, b]) => [key, named(b.localName)]),
    ) as Record<keyof typeof buckets, string>;
    const queueDefinitions = options.queues ?? queues;
    const [, , queueEntries] = await Promise.all([
      ensureTable(dynamo, table, tableName),
      Promise.all(
        (Object.keys(buckets) as (keyof typeof buckets)[]).map((key) =>
          ensureBucket(s3, bucketNames[key], buckets[key], options.consoleOrigin),
        ),
      ),
      Promise.all(
        (Object.entries(queueDefinitions) as [QueueKey, QueueDefinition][]).map(
          async ([key, definition]) => [key, await ensureQueue(sqs, definition, named)] as const,
        ),
      ),
    ]);
    return {
      tableName,
      buckets: bucketNames,
      queues: Object.fromEntries(queueEntries) as Record<QueueKey, ProvisionedQueue>,
    };
  } finally {
    dynamo.destroy();
    s3.destroy();
    sqs.destroy();
  }
}

function attributeDefinitions(definition: TableDefinition): AttributeDefinition[] {
  const keys = [
    definition.partitionKey,
    definition.sortKey,
    ...definition.globalIndexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  const unique = new Map(keys.map((k) => [k.name, k.type]));
  return [...unique].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }));
}

const indexSpec = (index: IndexDefinition) => ({
  IndexName: index.indexName,
  KeySchema: [
    { AttributeName: index.partitionKey.name, KeyType: 'HASH' as const },
    { AttributeName: index.sortKey.name, KeyType: 'RANGE' as const },
  ],
  Projection: { ProjectionType: 'ALL' as const },
});

async function ensureTable(client: DynamoDBClient, definition: TableDefinition, name: string): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributeDefinitions(definition),
        KeySchema: [
          { AttributeName: definition.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: definition.sortKey.name, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: definition.globalIndexes.map(indexSpec),
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    await addMissingIndexes(client, definition, name);
  }
  await ensureTimeToLive(client, definition, name);
}

/** An on-disk table created by an older checkout lacks newer indexes: add them one by one, as CloudFormation would. */
async function addMissingIndexes(client: DynamoDBClient, definition: TableDefinition, name: string): Promise<void> {
  const existing = await describeIndexes(client, name);
  for (const index of definition.globalIndexes) {
    if (existing.some((e) => e.IndexName === index.indexName)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: name,
        AttributeDefinitions: attributeDefinitions(definition),
        GlobalSecondaryIndexUpdates: [{ Create: indexSpec(index) }],
      }),
    );
    await pollUntil(
      async () =>
        (await describeIndexes(client, name)).some(
          (e) => e.IndexName === index.indexName && e.IndexStatus === 'ACTIVE',
        ),
      // Backfilling an index on a busy or large local table can take a while; the wait happens only on an upgrade.
      { timeoutMs: 120_000, description: `index ${index.indexName} on ${name}` },
    );
  }
}

async function describeIndexes(client: DynamoDBClient, name: string): Promise<GlobalSecondaryIndexDescription[]> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
  return Table?.GlobalSecondaryIndexes ?? [];
}

async function ensureTimeToLive(client: DynamoDBClient, definition: TableDefinition, name: string): Promise<void> {
  const { TimeToLiveDescription: ttl } = await client.send(new DescribeTimeToLiveCommand({ TableName: name }));
  if (ttl?.TimeToLiveStatus === 'ENABLED' || ttl?.TimeToLiveStatus === 'ENABLING') {
    if (ttl.AttributeName !== definition.timeToLiveAttribute) {
      throw new LocalRuntimeError(
        'INVALID_ARGUMENT',
        `table ${name} expires items by "${ttl.AttributeName}", but lib/resources.ts says "${definition.timeToLiveAttribute}"; delete the local table data to recreate it`,
      );
    }
    return;
  }
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: name,
      TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true },
    }),
  );
}

async function ensureBucket(
  client: S3Client,
  name: string,
  definition: BucketDefinition,
  consoleOrigin: string | undefined,
): Promise<void> {
  try {
    await client.send(new CreateBucketCommand({ Bucket: name }));
  } catch (error) {
    const code = (error as { name?: string }).name;
    if (code !== 'BucketAlreadyOwnedByYou' && code !== 'BucketAlreadyExists') throw error;
  }
  // The same rule as the cloud's (lib/constructs/record-buckets.ts), set on every start: the console's port may move.
  if (definition.browserPostUploads && consoleOrigin) {
    await client.send(
      new PutBucketCorsCommand({
        Bucket: name,
        CORSConfiguration: {
          CORSRules: [{ AllowedMethods: ['POST'], AllowedOrigins: [consoleOrigin], MaxAgeSeconds: 600 }],
        },
      }),
    );
  }
}

async function ensureQueue(
  client: SQSClient,
  definition: QueueDefinition,
  named: (base: string) => string,
): Promise<ProvisionedQueue> {
  const dead = definition.deadLetter;
  const deadLetterUrl = await createOrUpdateQueue(client, named(dead.localName), {
    MessageRetentionPeriod: String(dead.retentionDays * SECONDS_PER_DAY),
  });
  const deadLetterArn = await queueArn(client, deadLetterUrl);
  const url = await createOrUpdateQueue(client, named(definition.localName), {
    VisibilityTimeout: String(definition.visibilityTimeoutSeconds),
    ReceiveMessageWaitTimeSeconds: String(definition.receiveWaitTimeSeconds),
    MessageRetentionPeriod: String(definition.retentionDays * SECONDS_PER_DAY),
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetterArn, maxReceiveCount: dead.maxReceiveCount }),
  });
  return { url, arn: await queueArn(client, url), deadLetterUrl, deadLetterArn, definition };
}

async function createOrUpdateQueue(
  client: SQSClient,
  name: string,
  attributes: Record<string, string>,
): Promise<string> {
  try {
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
    if (!QueueUrl) throw new LocalRuntimeError('EMULATOR_START_FAILED', `CreateQueue ${name} returned no URL`);
    return QueueUrl;
  } catch (error) {
    // SQS refuses CreateQueue for an existing queue with different attributes; update them instead.
    if (
      (error as { name?: string }).name !== 'QueueAlreadyExists' &&
      (error as { name?: string }).name !== 'QueueNameExists'
    ) {
      throw error;
    }
    const { QueueUrl } = await client.send(new GetQueueUrlCommand({ QueueName: name }));
    if (!QueueUrl) throw error;
    await client.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: attributes }));
    return QueueUrl;
  }
}

async function queueArn(client: SQSClient, url: string): Promise<string> {
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  const arn = Attributes?.QueueArn;
  if (!arn) throw new LocalRuntimeError('EMULATOR_START_FAILED', `queue ${url} has no ARN`);
  return arn;
}
