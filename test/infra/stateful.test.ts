import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buckets, logKey, queues, signingKey, table } from '../../lib/resources';
import { selectStage } from '../../lib/stage-config';
import { fixtureRegistry } from './fixtures';
import { logicalIdOf, type Synthesised, synth } from './support';

let s: Synthesised;
beforeAll(() => {
  s = synth({ registry: fixtureRegistry });
});

/** What every record bucket's properties say about public access and ownership. */
const PRIVATE_BUCKET = {
  PublicAccessBlockConfiguration: {
    BlockPublicAcls: true,
    BlockPublicPolicy: true,
    IgnorePublicAcls: true,
    RestrictPublicBuckets: true,
  },
  OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
} as const;

describe('DynamoDB table, from lib/resources.ts', () => {
  it('has the defined keys, generic GSIs and TTL attribute', () => {
    // Assess
    s.statefulTemplate.resourceCountIs('AWS::DynamoDB::Table', 1);
    s.statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: table.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: table.sortKey.name, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: table.globalIndexes.map((i) => ({
        IndexName: i.indexName,
        KeySchema: [
          { AttributeName: i.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: i.sortKey.name, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      TimeToLiveSpecification: { AttributeName: table.timeToLiveAttribute, Enabled: true },
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('is protected: PITR, deletion protection, encryption, retained', () => {
    s.statefulTemplate.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        // SSEEnabled without a key ARN: the AWS managed key aws/dynamodb.
        SSESpecification: { SSEEnabled: true },
      }),
    });
  });
});

describe('S3 buckets', () => {
  const recordBuckets = () =>
    Object.values(s.statefulTemplate.findResources('AWS::S3::Bucket', { Properties: { VersioningConfiguration: {} } }));

  it('creates one versioned bucket per definition, plus the access-log bucket', () => {
    expect(recordBuckets()).toHaveLength(Object.keys(buckets).length);
    s.statefulTemplate.resourceCountIs('AWS::S3::Bucket', Object.keys(buckets).length + 1);
  });

  it('encrypts, blocks public access, logs access, expires noncurrent versions and retains every record bucket', () => {
    for (const def of Object.values(buckets)) {
      s.statefulTemplate.hasResource('AWS::S3::Bucket', {
        DeletionPolicy: 'Retain',
        Properties: Match.objectLike({
          VersioningConfiguration: { Status: 'Enabled' },
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
          },
          ...PRIVATE_BUCKET,
          LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: `${def.id}/` },
          LifecycleConfiguration: {
            Rules: Match.arrayWith([
              Match.objectLike({
                NoncurrentVersionExpiration: { NoncurrentDays: def.noncurrentVersionExpirationDays },
                Status: 'Enabled',
              }),
            ]),
          },
        }),
      });
    }
  });

  it('lets browsers POST uploads from the console’s origin to the buckets that take them, and no other', () => {
    const withCors = recordBuckets().filter(
      (b) => (b as { Properties: { CorsConfiguration?: unknown } }).Properties.CorsConfiguration,
    );
    expect(withCors).toHaveLength(Object.values(buckets).filter((b) => 'browserPostUploads' in b).length);
    s.statefulTemplate.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: {
        CorsRules: [
          { AllowedMethods: ['POST'], AllowedOrigins: [new URL(selectStage('dev').publicBaseUrl).origin], MaxAge: 600 },
        ],
      },
    });
  });

  it('keeps the transparency log’s bucket private: public access blocked, TLS only, no CORS, retained', () => {
    // Prepare
    const [logBucketId, logBucket] = Object.entries(s.statefulTemplate.findResources('AWS::S3::Bucket')).find(([id]) =>
      id.includes(buckets.log.id),
    ) ?? ['', undefined];
    const policy = Object.values(s.statefulTemplate.findResources('AWS::S3::BucketPolicy')).find(
      (p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: logBucketId }),
    );

    // Assess
    expect(logBucket?.DeletionPolicy).toBe('Retain');
    expect(logBucket?.Properties).toMatchObject({
      ...PRIVATE_BUCKET,
    });
    expect(logBucket?.Properties.CorsConfiguration).toBeUndefined();
    const statements = policy?.Properties.PolicyDocument.Statement as Record<string, unknown>[];
    expect(statements.every((st) => st.Effect === 'Deny')).toBe(true);
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('denies every request without TLS (and below TLS 1.2) on every bucket', () => {
    const policies = Object.values(s.statefulTemplate.findResources('AWS::S3::BucketPolicy'));
    expect(policies).toHaveLength(Object.keys(buckets).length + 1);
    for (const policy of policies) {
      const statements = policy.Properties.PolicyDocument.Statement as Record<string, unknown>[];
      expect(statements).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
      expect(statements).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
        }),
      );
    }
  });
});

describe('SQS work queues and DLQs', () => {
  it.each(Object.values(queues))(
    '$id redrives to its DLQ after maxReceiveCount, with the defined visibility and retention',
    (def) => {
      const dlqId = Object.keys(
        s.statefulTemplate.findResources('AWS::SQS::Queue', {
          Properties: { MessageRetentionPeriod: def.deadLetter.retentionDays * 86_400, RedrivePolicy: Match.absent() },
        }),
      ).find((id) => id.includes(def.deadLetter.id));
      expect(dlqId).toBeDefined();
      s.statefulTemplate.hasResourceProperties('AWS::SQS::Queue', {
        VisibilityTimeout: def.visibilityTimeoutSeconds,
        ReceiveMessageWaitTimeSeconds: def.receiveWaitTimeSeconds,
        MessageRetentionPeriod: def.retentionDays * 86_400,
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
          maxReceiveCount: def.deadLetter.maxReceiveCount,
        },
      });
    },
  );

  it('encrypts every queue and DLQ and denies non-TLS access to them', () => {
    const all = Object.values(s.statefulTemplate.findResources('AWS::SQS::Queue'));
    expect(all).toHaveLength(2 * Object.keys(queues).length);
    for (const q of all) expect(q.Properties.SqsManagedSseEnabled).toBe(true);
    for (const policy of Object.values(s.statefulTemplate.findResources('AWS::SQS::QueuePolicy'))) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('alarms on a single visible message in the DLQ and notifies the encrypted, TLS-only alarm topic', () => {
    s.statefulTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        { Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('DeadLetterQueue'), 'QueueName'] } },
      ],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('AlarmsTopic') }],
    });
    s.statefulTemplate.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('AlarmsKey'), 'Arn'] },
    });
    s.statefulTemplate.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('lets CloudWatch use the alarm topic key, which rotates', () => {
    s.statefulTemplate.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
  });

  it('subscribes the alarm e-mail only when the stage gives one', () => {
    s.statefulTemplate.resourceCountIs('AWS::SNS::Subscription', 0);
    const withEmail = synth({
      registry: fixtureRegistry,
      stage: selectStage('dev', { alarmEmail: 'ops@example.gov.cn' }),
    });
    withEmail.statefulTemplate.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.gov.cn',
    });
  });
});

describe('certificate-signing key', () => {
  it('is an asymmetric ECC P-256 signing key, retained, with a stage alias', () => {
    s.statefulTemplate.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ KeySpec: signingKey.keySpec, KeyUsage: signingKey.keyUsage }),
    });
    s.statefulTemplate.hasResourceProperties('AWS::KMS::Alias', {
      AliasName: 'alias/permit-dev-certificate-signing',
      TargetKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp(signingKey.id), 'Arn'] },
    });
  });
});

describe('transparency-log checkpoint key', () => {
  it('is an asymmetric Ed25519 signing key (the stage default), retained, with a stage alias', () => {
    // Prepare
    const keyId = logicalIdOf(s.statefulTemplate, 'AWS::KMS::Key', { KeySpec: 'ECC_NIST_EDWARDS25519' });

    // Assess
    expect(keyId).toContain(logKey.id);
    s.statefulTemplate.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ KeySpec: 'ECC_NIST_EDWARDS25519', KeyUsage: 'SIGN_VERIFY' }),
    });
    s.statefulTemplate.hasResourceProperties('AWS::KMS::Alias', {
      AliasName: 'alias/permit-dev-transparency-log',
      TargetKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
  });

  it('is a key of its own, beside the certificate-signing key', () => {
    // Assess
    expect(s.stateful.resources.logKey).not.toBe(s.stateful.resources.signingKey);
    expect(
      Object.keys(s.statefulTemplate.findResources('AWS::KMS::Key', { Properties: { KeyUsage: 'SIGN_VERIFY' } })),
    ).toHaveLength(2);
  });

  it('takes its key spec from the stage (prod names Ed25519 explicitly)', () => {
    // Prepare
    const prod = synth({ registry: fixtureRegistry, stage: selectStage('prod') });

    // Assess
    expect(selectStage('prod').logKeySpec).toBe('ECC_NIST_EDWARDS25519');
    prod.statefulTemplate.hasResourceProperties('AWS::KMS::Key', {
      KeySpec: 'ECC_NIST_EDWARDS25519',
      KeyUsage: 'SIGN_VERIFY',
    });
    prod.statefulTemplate.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/permit-prod-transparency-log' });
  });
});
