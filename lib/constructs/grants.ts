/**
 * Least-privilege grant helpers: turn a registry entry's `grants` (lambdas/functions.ts) into IAM statements on
 * exactly the resources named, and nothing on `*`. Grants name buckets, queues and parameters as `lib/resources.ts`
 * does, so a new one there needs nothing new here.
 */
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { isPaginated } from '../../lambdas/contracts/route';
import type {
  BucketGrant,
  DeadLetterGrant,
  FunctionDefinition,
  FunctionGrants,
  Grant,
  QueueGrant,
} from '../../lambdas/functions';
import {
  type BucketName,
  buckets,
  type ParameterName,
  parameters,
  type QueueName,
  queues,
  table as tableDefinition,
  webhookSecretsKey,
} from '../resources';
import type { StatefulResources } from '../stacks/stateful-stack';
import { acknowledgeScopedWildcards } from './nag';
import type { PermitFunction } from './permit-function';

type KeyAccess = NonNullable<FunctionGrants['signingKey'] | FunctionGrants['logKey']>;

const reads = (g: Grant) => g === 'read' || g === 'readwrite';
const writes = (g: Grant) => g === 'write' || g === 'readwrite';

/**
 * Item reads. Narrower than `grantReadData`: no `Scan` (every list is served by a key or an index, and IAM now
 * enforces it) and no Streams actions; transactions are authorised through these item actions.
 */
export const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
] as const;
/** Item writes, as `grantWriteData` gives them. */
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
] as const;

/**
 * The table and each of its GSIs, named one by one from `lib/resources.ts` rather than `<table>/index/*`
 * (GSIs only serve reads, so writes get the table alone).
 */
export function grantTable(grantee: IGrantable, table: ITable, grant: Grant): void {
  const indexes = tableDefinition.globalIndexes.map((i) => `${table.tableArn}/index/${i.indexName}`);
  if (reads(grant)) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: [...TABLE_READ_ACTIONS], resources: [table.tableArn, ...indexes] }),
    );
  }
  if (writes(grant)) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: [...TABLE_WRITE_ACTIONS], resources: [table.tableArn] }),
    );
  }
}

/**
 * Objects of one bucket. `read` = GetObject on its objects plus ListBucket on the bucket (so a missing key answers
 * 404 rather than 403, and HeadBucket works for health checks); `write` = PutObject only — no delete, no ACLs.
 * With a key `prefix` (e.g. `certificates/`), object actions cover only keys under it. `list-delete` (always with a
 * prefix) = ListBucket with the `s3:prefix` condition limited to that prefix, and DeleteObject on the objects under
 * it — no GetObject, no PutObject, no versions (in a versioned bucket a delete leaves a marker, recoverable).
 * Returns the object ARN pattern granted, for the cdk-nag acknowledgment.
 */
export function grantBucket(grantee: IGrantable, bucket: IBucket, grant: Grant | 'list-delete', prefix = ''): string {
  const objects = bucket.arnForObjects(`${prefix}*`);
  const principal = grantee.grantPrincipal;
  if (grant === 'list-delete') {
    if (!prefix) throw new Error('a list-delete bucket grant must name a key prefix');
    principal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } },
      }),
    );
    principal.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:DeleteObject'], resources: [objects] }));
    return objects;
  }
  if (reads(grant)) {
    principal.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [objects] }));
    principal.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
  }
  if (writes(grant)) {
    principal.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:PutObject'], resources: [objects] }));
  }
  return objects;
}

/**
 * `send` produces messages; `consume` receives, deletes and extends visibility; `inspect` (dead-letter queues) reads
 * the queue's attributes — its depth — and nothing else.
 *
 * @example
 * grantQueue(fn.role, resources.queues.dispatch.deadLetterQueue, 'inspect'); // sqs:GetQueueAttributes
 */
export function grantQueue(grantee: IGrantable, queue: IQueue, access: QueueGrant | DeadLetterGrant): void {
  if (access === 'send' || access === 'send-consume') queue.grantSendMessages(grantee);
  if (access === 'consume' || access === 'send-consume') queue.grantConsumeMessages(grantee);
  if (access === 'inspect') queue.grant(grantee, 'sqs:GetQueueAttributes');
}

/**
 * `sign` = kms:Sign + kms:GetPublicKey; `verify` = kms:GetPublicKey. On this one key's ARN only (the certificate
 * signing key, or the transparency log's checkpoint key for a `logKey` grant).
 *
 * @example
 * grantSigningKey(fn.role, stateful.resources.logKey, 'sign');
 */
export function grantSigningKey(grantee: IGrantable, key: IKey, access: KeyAccess): void {
  const actions = access === 'sign' ? ['kms:Sign', 'kms:GetPublicKey'] : ['kms:GetPublicKey'];
  // The role's policy, not the key policy: the key lives in the stateful stack, and editing its policy from here
  // would make the two stacks depend on each other. The key policy delegates to IAM in the account.
  grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions, resources: [key.keyArn] }));
}

/**
 * `seal` = kms:Encrypt, `open` = kms:Decrypt, `seal-open` = both, on the webhook secrets key's ARN only, and only for
 * requests whose encryption context names the key's purpose (`permit-webhook-secret`), as every sealed secret's does.
 *
 * @example
 * grantWebhookSecrets(fn.role, stateful.resources.webhookSecretsKey, 'open');
 */
export function grantWebhookSecrets(
  grantee: IGrantable,
  key: IKey,
  access: NonNullable<FunctionGrants['webhookSecrets']>,
): void {
  const actions = [
    ...(access === 'seal' || access === 'seal-open' ? ['kms:Encrypt'] : []),
    ...(access === 'open' || access === 'seal-open' ? ['kms:Decrypt'] : []),
  ];
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions,
      resources: [key.keyArn],
      conditions: { StringEquals: { 'kms:EncryptionContext:purpose': webhookSecretsKey.encryptionPurpose } },
    }),
  );
}

/**
 * `ssm:GetParameter` on exactly one parameter (the carrier app secret, the cursor key set). A SecureString under the
 * account's `aws/ssm` key is decrypted by SSM for a caller allowed to read the parameter, so no kms grant is needed.
 *
 * @example
 * grantParameterRead(fn.role, Stack.of(fn).formatArn({ service: 'ssm', resource: 'parameter', resourceName: 'permit/dev/carrier/app-secret' }));
 */
export function grantParameterRead(grantee: IGrantable, parameterArn: string): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ actions: ['ssm:GetParameter'], resources: [parameterArn] }),
  );
}

/** What a grant needs beyond the stateful resources: the ARN of every parameter of `lib/resources.ts` for the stage. */
export interface StageGrantTargets {
  readonly parameterArns?: Readonly<Partial<Record<ParameterName, string>>>;
}

/**
 * A function's grants as written in the registry, plus those its routes imply: serving a paginated route (a
 * `cursor` query parameter) means sealing and opening cursors, so reading the cursor key set.
 *
 * @example
 * grantsOf({ routes: [listCertificatesRoute], grants: { table: 'read' } }); // { table: 'read', parameters: { cursorKeys: 'read' } }
 */
export function grantsOf(def: Pick<FunctionDefinition, 'routes' | 'grants'>): FunctionGrants {
  const paginated = (def.routes ?? []).some(isPaginated);
  return paginated ? { ...def.grants, parameters: { ...def.grants.parameters, cursorKeys: 'read' } } : def.grants;
}

/** The names of one kind of resource, in the order `lib/resources.ts` defines them (stable policies). */
const namesOf = <K extends string>(definitions: Readonly<Record<K, unknown>>): K[] => Object.keys(definitions) as K[];

/**
 * Apply every grant a registry entry lists to its function's role.
 *
 * @example
 * grantFunctionAccess(fn, { table: 'read', signingKey: 'verify' }, stateful.resources);
 */
export function grantFunctionAccess(
  fn: PermitFunction,
  grants: FunctionGrants,
  resources: StatefulResources,
  targets: StageGrantTargets = {},
): void {
  const role = fn.role;
  for (const name of namesOf<ParameterName>(parameters)) {
    if (!grants.parameters?.[name]) continue;
    const arn = targets.parameterArns?.[name];
    if (!arn) throw new Error(`a grant on parameter ${name} without its ARN`);
    grantParameterRead(role, arn);
  }
  if (grants.table) grantTable(role, resources.table, grants.table);
  const objectPatterns: string[] = [];
  for (const name of namesOf<BucketName>(buckets)) {
    const bucketGrant: BucketGrant | undefined = grants.buckets?.[name];
    if (!bucketGrant) continue;
    const { grant, prefix } = typeof bucketGrant === 'string' ? { grant: bucketGrant, prefix: '' } : bucketGrant;
    objectPatterns.push(grantBucket(role, resources.buckets[name], grant, prefix));
  }
  for (const name of namesOf<QueueName>(queues)) {
    const queueGrant = grants.queues?.[name];
    if (queueGrant) grantQueue(role, resources.queues[name].queue, queueGrant);
  }
  for (const name of namesOf<QueueName>(queues)) {
    const deadLetterGrant = grants.deadLetterQueues?.[name];
    if (deadLetterGrant) grantQueue(role, resources.queues[name].deadLetterQueue, deadLetterGrant);
  }
  if (grants.signingKey) grantSigningKey(role, resources.signingKey, grants.signingKey);
  if (grants.logKey) grantSigningKey(role, resources.logKey, grants.logKey);
  if (grants.webhookSecrets) grantWebhookSecrets(role, resources.webhookSecretsKey, grants.webhookSecrets);
  if (objectPatterns.length > 0) {
    acknowledgeScopedWildcards(
      role,
      objectPatterns,
      'S3 object actions need an object ARN; <bucket ARN>/<prefix>* is the objects (under one key prefix where the ' +
        'registry names one) of one named Permit bucket, with only the actions its registry grant lists ' +
        '(GetObject and/or PutObject; DeleteObject only for a list-delete grant, which always names its prefix).',
    );
  }
}
