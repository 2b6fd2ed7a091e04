/**
 * The S3 buckets from `lib/resources.ts`, plus the bucket that receives their server access logs.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { BucketDefinition } from '../resources';

export interface RecordBucketsProps<K extends string> {
  readonly definitions: Readonly<Record<K, BucketDefinition>>;
  /** Days the server access logs are kept. */
  readonly accessLogDays: number;
  /** The console's origin (`https://permit.example.gov.cn`): browsers POST uploads from there to buckets that take them. */
  readonly consoleOrigin: string;
}

/**
 * The CORS rule of a bucket that takes browser uploads: `POST` from the console's origin only, no other method, no
 * request header beyond the CORS-safelisted ones (a multipart form sends none), the preflight cached ten minutes.
 *
 * @example
 * new Bucket(this, 'Documents', { cors: browserUploadCors('https://permit.example.gov.cn') });
 */
export function browserUploadCors(consoleOrigin: string) {
  return [{ allowedMethods: [HttpMethods.POST], allowedOrigins: [consoleOrigin], maxAge: 600 }];
}

/** Settings every bucket shares: private, encrypted, TLS 1.2+ only, owner-enforced (no ACLs). */
const COMMON = {
  blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
  // SSE-S3 rather than SSE-KMS: the data is not shared across accounts, presigned downloads need no key grants,
  // and every reader's IAM grant stays one statement.
  encryption: BucketEncryption.S3_MANAGED,
  enforceSSL: true,
  minimumTLSVersion: 1.2,
  objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
  removalPolicy: RemovalPolicy.RETAIN,
} as const;

/**
 * Versioned, private, TLS-only buckets; noncurrent versions expire after the definition's days; server access logs
 * go to one log bucket under a prefix per bucket.
 *
 * @example
 * const { buckets } = new RecordBuckets(this, 'Buckets', { definitions: buckets, accessLogDays: 365, consoleOrigin });
 * buckets.certificates.bucketName;
 */
export class RecordBuckets<K extends string> extends Construct {
  readonly buckets: Readonly<Record<K, Bucket>>;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: RecordBucketsProps<K>) {
    super(scope, id);
    // Log delivery by bucket policy (the logging service principal) rather than the legacy LogDeliveryWrite ACL,
    // which would need ACLs re-enabled on the log bucket. Set here so it holds whatever cdk.json says.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    // Not logged itself (cdk-nag S1 treats a log target as compliant): it would log its own log writes.
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      ...COMMON,
      lifecycleRules: [{ expiration: Duration.days(props.accessLogDays) }],
    });
    const entries = Object.entries(props.definitions) as [K, BucketDefinition][];
    this.buckets = Object.fromEntries(
      entries.map(([key, def]) => [
        key,
        new Bucket(this, def.id, {
          ...COMMON,
          versioned: true,
          serverAccessLogsBucket: this.accessLogs,
          serverAccessLogsPrefix: `${def.id}/`,
          ...(def.browserPostUploads ? { cors: browserUploadCors(props.consoleOrigin) } : {}),
          lifecycleRules: [
            {
              noncurrentVersionExpiration: Duration.days(def.noncurrentVersionExpirationDays),
              abortIncompleteMultipartUploadAfter: Duration.days(7),
            },
          ],
        }),
      ]),
    ) as Record<K, Bucket>;
  }
}
