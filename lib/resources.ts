/**
 * The one definition of Permit's stateful resources, read by BOTH the CDK stateful stack and the local runtime
 * (`lib/local/`), so the cloud and the laptop cannot drift.
 *
 * Single-table design: every entity lives in one table under overloaded keys (`pk`/`sk`), and three generic GSIs
 * (`gsiNpk`/`gsiNsk`) serve all secondary access patterns. A new feature adds a new *key shape* on an existing index,
 * never a new index (CloudFormation can add only one GSI per update, and the on-disk local table keeps its own).
 * Key shapes in use are documented next to the repository that writes them.
 */
export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N';
}

export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
}

export interface TableDefinition {
  /** Logical id in CDK and the table name locally; in the cloud CloudFormation names it. */
  readonly id: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  readonly globalIndexes: readonly IndexDefinition[];
  /** Epoch-seconds attribute DynamoDB uses to expire items (idempotency records, caches). */
  readonly timeToLiveAttribute: string;
  /** Environment variable through which functions learn the table name. */
  readonly envVar: string;
}

const gsi = (n: number): IndexDefinition => ({
  indexName: `gsi${n}`,
  partitionKey: { name: `gsi${n}pk`, type: 'S' },
  sortKey: { name: `gsi${n}sk`, type: 'S' },
});

export const table: TableDefinition = {
  id: 'PermitTable',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalIndexes: [gsi(1), gsi(2), gsi(3)],
  timeToLiveAttribute: 'expiresAt',
  envVar: 'TABLE_NAME',
};

export interface BucketDefinition {
  readonly id: string;
  /** Bucket name used by the local runtime (cloud names are generated). */
  readonly localName: string;
  readonly envVar: string;
  /** Versions kept for audit; noncurrent versions expire after this many days in the cloud. */
  readonly noncurrentVersionExpirationDays: number;
  /**
   * Browsers POST presigned uploads to it from the console's pages. With JavaScript the upload is an XMLHttpRequest
   * with a progress listener — a cross-origin request with a CORS preflight — so the bucket carries a CORS rule that
   * allows `POST` from the console's origin only (the plain form's navigation needs none).
   */
  readonly browserPostUploads?: boolean;
}

export const buckets = {
  /** Issued certificate PDFs: `certificates/{licenceKey}/v{version}/{sha256}.pdf`. Never rewritten. */
  certificates: {
    id: 'CertificatesBucket',
    localName: 'permit-certificates',
    envVar: 'CERTIFICATES_BUCKET',
    noncurrentVersionExpirationDays: 3650,
  },
  /** Application documents uploaded by enterprises (申请单、承诺书、检测报告). */
  documents: {
    id: 'DocumentsBucket',
    localName: 'permit-documents',
    envVar: 'DOCUMENTS_BUCKET',
    noncurrentVersionExpirationDays: 3650,
    browserPostUploads: true,
  },
  /**
   * The public transparency log (`docs/transparency-log.md`), in the C2SP tlog-tiles layout under `log/`: tiles and
   * entry bundles (immutable once written) and the signed checkpoint. Private: the `transparency-log` function serves
   * it publicly.
   */
  log: {
    id: 'TransparencyLogBucket',
    localName: 'permit-transparency-log',
    envVar: 'LOG_BUCKET',
    noncurrentVersionExpirationDays: 3650,
  },
} as const satisfies Record<string, BucketDefinition>;

export type BucketName = keyof typeof buckets;

export interface QueueDefinition {
  readonly id: string;
  readonly localName: string;
  readonly envVar: string;
  readonly visibilityTimeoutSeconds: number;
  readonly receiveWaitTimeSeconds: number;
  readonly retentionDays: number;
  readonly deadLetter: {
    readonly id: string;
    readonly localName: string;
    readonly envVar: string;
    readonly maxReceiveCount: number;
    readonly retentionDays: number;
  };
  /** Event-source mapping settings shared by the cloud trigger and the local poller. */
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
  /**
   * Most concurrent invocations the cloud trigger starts (Lambda's minimum is 2); unlimited when absent. The local
   * poller runs one batch at a time whatever this says.
   */
  readonly maxConcurrency?: number;
}

export const queues = {
  /** Free postal dispatch of paper certificates (outbox relay → worker → carrier). */
  dispatch: {
    id: 'DispatchQueue',
    localName: 'permit-dispatch',
    envVar: 'DISPATCH_QUEUE_URL',
    visibilityTimeoutSeconds: 60,
    receiveWaitTimeSeconds: 20,
    retentionDays: 14,
    deadLetter: {
      id: 'DispatchDeadLetterQueue',
      localName: 'permit-dispatch-dlq',
      envVar: 'DISPATCH_DLQ_URL',
      maxReceiveCount: 5,
      retentionDays: 14,
    },
    batchSize: 10,
    maxBatchingWindowSeconds: 1,
  },
  /**
   * Wake-ups of the transparency log's sequencer (outbox relay → sequencer): each message names one pending entry; the
   * sequencer integrates every pending entry, in order, whichever message woke it.
   */
  log: {
    id: 'TransparencyLogQueue',
    localName: 'permit-log',
    envVar: 'LOG_QUEUE_URL',
    visibilityTimeoutSeconds: 120,
    receiveWaitTimeSeconds: 20,
    retentionDays: 14,
    deadLetter: {
      id: 'TransparencyLogDeadLetterQueue',
      localName: 'permit-log-dlq',
      envVar: 'LOG_DLQ_URL',
      maxReceiveCount: 10,
      retentionDays: 14,
    },
    batchSize: 10,
    maxBatchingWindowSeconds: 0,
    // One run integrates every pending entry whichever message woke it; more runs at once would only contend.
    maxConcurrency: 2,
  },
  /**
   * Wake-ups of the status-list publisher (outbox relay → publisher): each message names one licence whose status
   * changed; the publisher writes the current status of every licence in its batch into the list and signs it once.
   */
  statusList: {
    id: 'StatusListQueue',
    localName: 'permit-status-list',
    envVar: 'STATUS_LIST_QUEUE_URL',
    visibilityTimeoutSeconds: 60,
    receiveWaitTimeSeconds: 20,
    retentionDays: 14,
    deadLetter: {
      id: 'StatusListDeadLetterQueue',
      localName: 'permit-status-list-dlq',
      envVar: 'STATUS_LIST_DLQ_URL',
      maxReceiveCount: 10,
      retentionDays: 14,
    },
    batchSize: 10,
    // No batching window: the promise is 5 s from a change to the published list, and changes arriving while a run
    // signs still share the next one.
    maxBatchingWindowSeconds: 0,
    // Each run writes the one list item at the version it read: more runs at once would only retry.
    maxConcurrency: 2,
  },
  /**
   * Webhook work (outbox relay → webhook worker): an event to fan out to its subscribers (`{ eventId }`), or one
   * delivery to attempt (`{ subscriptionId, eventId }`). Exhausted deliveries are sent to the DLQ by the worker
   * (`npm run dlq -- webhooks list | redrive`).
   */
  webhooks: {
    id: 'WebhooksQueue',
    localName: 'permit-webhooks',
    envVar: 'WEBHOOKS_QUEUE_URL',
    visibilityTimeoutSeconds: 60,
    receiveWaitTimeSeconds: 20,
    retentionDays: 14,
    deadLetter: {
      id: 'WebhooksDeadLetterQueue',
      localName: 'permit-webhooks-dlq',
      envVar: 'WEBHOOKS_DLQ_URL',
      maxReceiveCount: 10,
      retentionDays: 14,
    },
    batchSize: 10,
    maxBatchingWindowSeconds: 0,
  },
  /**
   * PDF timestamps added after issuance (outbox relay → timestamper): a certificate PDF signed while the TSA was
   * unreachable gets a document timestamp (PAdES B-B → B-T). A TSA still down fails the message; the relay re-sends it
   * every minute until the timestamp is added.
   */
  pdfTimestamps: {
    id: 'PdfTimestampsQueue',
    localName: 'permit-pdf-timestamps',
    envVar: 'PDF_TIMESTAMPS_QUEUE_URL',
    visibilityTimeoutSeconds: 60,
    receiveWaitTimeSeconds: 20,
    retentionDays: 14,
    deadLetter: {
      id: 'PdfTimestampsDeadLetterQueue',
      localName: 'permit-pdf-timestamps-dlq',
      envVar: 'PDF_TIMESTAMPS_DLQ_URL',
      maxReceiveCount: 10,
      retentionDays: 14,
    },
    batchSize: 10,
    maxBatchingWindowSeconds: 0,
    // A TSA outage fails every message: two at once is enough to catch up once it is back.
    maxConcurrency: 2,
  },
  /**
   * Licence imports (outbox relay → import worker): a job's check (`{ jobId }`, id `import.{job}.plan`) and each chunk
   * of 25 licences (`{ jobId, chunk }`, id `import.{job}.c{n}`). The worker completes a message once its work is
   * recorded; the relay re-sends what is left, so a crash or a lost message resumes the job (`docs/import.md`).
   */
  imports: {
    id: 'ImportsQueue',
    localName: 'permit-imports',
    envVar: 'IMPORTS_QUEUE_URL',
    // Six times the worker's 150 s timeout (a check of 100,000 rows fits in one invocation).
    visibilityTimeoutSeconds: 900,
    receiveWaitTimeSeconds: 20,
    retentionDays: 14,
    deadLetter: {
      id: 'ImportsDeadLetterQueue',
      localName: 'permit-imports-dlq',
      envVar: 'IMPORTS_DLQ_URL',
      maxReceiveCount: 5,
      retentionDays: 14,
    },
    // Four chunks a batch, imported side by side: four issuances at once per worker.
    batchSize: 4,
    maxBatchingWindowSeconds: 0,
    // Bounded so the KMS signing quota holds: 2 workers × 4 chunks = 8 issuances at once, ≤ 160 Sign/s (docs/import.md).
    maxConcurrency: 2,
  },
} as const satisfies Record<string, QueueDefinition>;

export type QueueName = keyof typeof queues;

/**
 * Outbox topics (`lambdas/ports/transaction-parts.ts`): a message is written in the same transaction as the change it
 * announces, published to its topic's queue after the commit, and re-sent by the `outbox-relay` function until its
 * consumer completes it. A new topic is a line here (and its consumer); the relay, the grants of the functions that
 * publish (`publishes` in `lambdas/functions.ts`) and the issuance transaction stay as they are.
 *
 * @example
 * queues[outboxTopics.dispatch.queue].envVar; // 'DISPATCH_QUEUE_URL'
 */
export const outboxTopics = {
  /** A paper copy to mail: `{ dispatchId }` (the message id is the dispatch id) → the dispatch worker. */
  dispatch: { queue: 'dispatch' },
  /**
   * An entry for the transparency log, pending until the sequencer integrates it: `{ entryKey }` (the message id is the
   * entry key) → the log sequencer, which completes it once the entry is in a published checkpoint.
   */
  log: { queue: 'log' },
  /**
   * A licence's status changed (or a licence given its slot late is not valid): `{ licenceNo }` (the message id is the
   * change's log key, `status.{licence}.r{revision}`) → the status-list publisher, which completes it once the list it
   * published holds the licence's status as read after the change.
   */
  statusList: { queue: 'statusList' },
  /**
   * Webhooks: an event written with its change (`{ eventId }`, the message id is the event id) → fanned out to the
   * matching subscribers; and one message per delivery (`{ subscriptionId, eventId }`, id `dlv.{subscription}.{event}`)
   * whose relay time is the delivery's next attempt — completed once delivered or exhausted.
   */
  webhooks: { queue: 'webhooks' },
  /**
   * A certificate PDF signed without its timestamp (the TSA was unreachable): `{ licenceNo, version }` or
   * `{ licenceNo, paperSerial }` for a reprint (the message id `pdfts.{licence}.v{n}` / `pdfts.{licence}.p{serial}`)
   * → the PDF timestamper, which completes it once the timestamped file is recorded.
   */
  pdfTimestamps: { queue: 'pdfTimestamps' },
  /**
   * A licence import's work: its check (`{ jobId }`, id `import.{job}.plan`) and its chunks (`{ jobId, chunk }`, id
   * `import.{job}.c{n}`) → the import worker, which completes each once its outcome is recorded.
   */
  imports: { queue: 'imports' },
} as const satisfies Record<string, { readonly queue: QueueName }>;

export type OutboxTopic = keyof typeof outboxTopics;

/** The certificate-signing key: ECDSA P-256 (ES256). In the cloud an AWS KMS asymmetric key. */
export const signingKey = {
  id: 'CertificateSigningKey',
  keySpec: 'ECC_NIST_P256',
  keyUsage: 'SIGN_VERIFY',
  signingAlgorithm: 'ECDSA_SHA_256',
  envVar: 'SIGNING_KEY_ID',
} as const;

/**
 * The transparency log's checkpoint-signing key: Ed25519 (C2SP signed note). In the cloud an AWS KMS asymmetric key
 * whose key spec is a stage setting (`logKeySpec`; Ed25519 in KMS is not yet confirmed in the China regions); locally
 * a key file beside the certificate keys. The log's origin (its name in every checkpoint) comes from the stage too.
 */
export const logKey = {
  id: 'TransparencyLogKey',
  keySpec: 'ECC_NIST_EDWARDS25519',
  keyUsage: 'SIGN_VERIFY',
  signingAlgorithm: 'ED25519_SHA_512',
  envVar: 'LOG_KEY_ID',
  originEnvVar: 'LOG_ORIGIN',
  /** File name of the private key under the local key directory (mode 0600). */
  localFile: 'transparency-log.ed25519.pem',
} as const;

/**
 * The key that seals webhook signing secrets at rest (`lambdas/ports/secret-box.ts`): the table is read by many
 * functions, the public verify function among them, so a subscriber's secret is stored encrypted with a key only the
 * webhook functions may use. In the cloud an AWS KMS symmetric key (rotated yearly; KMS keeps the old material, so a
 * value sealed before a rotation still opens); locally a 32-byte AES-256-GCM key file beside the certificate keys.
 * Every KMS call names the same encryption-context `purpose`, and the grants require it, so a role that may open
 * webhook secrets can decrypt nothing else with this key.
 */
export const webhookSecretsKey = {
  id: 'WebhookSecretsKey',
  keySpec: 'SYMMETRIC_DEFAULT',
  keyUsage: 'ENCRYPT_DECRYPT',
  envVar: 'WEBHOOK_SECRETS_KEY_ID',
  /** File name of the local key under the local key directory (mode 0600). */
  localFile: 'webhook-secrets.key',
  /** The `purpose` member of every encryption context (the rest is the sealed value's own context). */
  encryptionPurpose: 'permit-webhook-secret',
} as const;

/**
 * The secret that seals list cursors (`lambdas/adapters/cursors/`): in the cloud an SSM `SecureString` parameter the
 * stateful stack creates (its value generated inside the account, never in a template); locally a file under the
 * data directory. Functions learn where through the environment.
 */
export const cursorKeys = {
  id: 'CursorKeys',
  /** The SSM parameter holding a stage's key set. */
  parameterName: (stage: string): string => `/permit/${stage}/cursor-keys`,
  envVar: 'CURSOR_KEYS_PARAMETER',
  /** File name under the local data directory (mode 0600). */
  localFile: 'cursor-keys.json',
  localEnvVar: 'CURSOR_KEYS_FILE',
} as const;

/**
 * The secret that seals the web console's session cookies (`lambdas/shared/console/session.ts`): a key set of the
 * cursor keys' shape but its own secret, kept the same way — an SSM `SecureString` created in the account by the
 * stateful stack's custom resource (never in a template), a file under the data directory locally.
 */
export const consoleSessionKeys = {
  id: 'ConsoleSessionKeys',
  parameterName: (stage: string): string => `/permit/${stage}/console-session-keys`,
  envVar: 'CONSOLE_SESSION_KEYS_PARAMETER',
  localFile: 'console-session-keys.json',
  localEnvVar: 'CONSOLE_SESSION_KEYS_FILE',
} as const;

/**
 * PAdES (PDF signatures, `docs/pdf-signatures.md`): where the signing keys' certificate chains and the trust anchors
 * live — an SSM parameter each in the cloud (put there by operators: the authority's CA issues the certificates), a
 * PEM file in the local key directory (made by `npm run keys`, the development CA). The TSA is a URL (`TSA_URL`),
 * optional: without one, signatures are B-B.
 */
export const pades = {
  certificates: {
    /** Every signing key's certificate and the intermediates (PEM blocks, any order). */
    parameterName: (stage: string): string => `/permit/${stage}/pades/certificates`,
    envVar: 'PADES_CERTIFICATES_PARAMETER',
    localFile: 'pades-certificates.pem',
    localEnvVar: 'PADES_CERTIFICATES_FILE',
  },
  trustAnchors: {
    /** The CA certificates a PDF signature (and its timestamp) must chain to (PEM blocks). */
    parameterName: (stage: string): string => `/permit/${stage}/pades/trust-anchors`,
    envVar: 'PADES_TRUST_ANCHORS_PARAMETER',
    localFile: 'pades-trust-anchors.pem',
    localEnvVar: 'PADES_TRUST_ANCHORS_FILE',
  },
  tsaUrlEnvVar: 'TSA_URL',
} as const;

/**
 * The SSM parameters a function may be granted read access to by name (`grants.parameters` in `lambdas/functions.ts`).
 * Where each lives is the stage's business: the stateless stack resolves every name here to its parameter's ARN.
 *
 * @example
 * grants: { parameters: { carrierSecret: 'read' } }
 */
export const parameters = {
  /** The carrier's app secret (SecureString, put there by operators; its name is in the stage configuration). */
  carrierSecret: { envVar: 'CARRIER_SECRET_PARAMETER' },
  /** The list-cursor key set ({@link cursorKeys}); functions serving a paginated route get it without asking. */
  cursorKeys: { envVar: cursorKeys.envVar },
  /** The console's session key set ({@link consoleSessionKeys}); the console function reads it. */
  consoleSessionKeys: { envVar: consoleSessionKeys.envVar },
  /** The signing keys' certificate chains ({@link pades}); functions that sign certificate PDFs read it. */
  padesCertificates: { envVar: pades.certificates.envVar },
  /** The PDF-signature trust anchors ({@link pades}); the file-verification function reads it. */
  padesTrustAnchors: { envVar: pades.trustAnchors.envVar },
} as const;

export type ParameterName = keyof typeof parameters;
