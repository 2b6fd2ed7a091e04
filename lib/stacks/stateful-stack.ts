/**
 * The stateful stack: everything that holds records or identities — the table, the buckets (the transparency log's
 * among them), the work queues with their DLQs and alarms, the certificate-signing key, the log's checkpoint key, the
 * key that seals webhook secrets, the list-cursor key set and the user pool. All of it is built from
 * `lib/resources.ts` and the stage config, and handed to the stateless stack as typed {@link StatefulResources}.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IKey, Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { AlarmTopic } from '../constructs/alarm-topic';
import { CursorKeysParameter } from '../constructs/cursor-keys-parameter';
import { PermitIdentity } from '../constructs/permit-identity';
import { PermitTable } from '../constructs/permit-table';
import { RecordBuckets } from '../constructs/record-buckets';
import { WorkQueue } from '../constructs/work-queue';
import {
  type BucketName,
  buckets,
  consoleSessionKeys,
  cursorKeys,
  logKey,
  type QueueName,
  queues,
  signingKey,
  table,
  webhookSecretsKey,
} from '../resources';
import type { StageConfig } from '../stage-config';

export type { BucketName, QueueName };

/** What the HTTP API's JWT authorizer checks. */
export interface AuthorizerSettings {
  /** Must equal the tokens' `iss` claim. */
  readonly issuer: string;
  /** Accepted `aud` / `client_id` values. */
  readonly audience: readonly string[];
}

/** The stateful resources the stateless stack binds functions to. */
export interface StatefulResources {
  readonly table: ITable;
  readonly buckets: Readonly<Record<BucketName, IBucket>>;
  readonly queues: Readonly<Record<QueueName, { readonly queue: IQueue; readonly deadLetterQueue: IQueue }>>;
  readonly signingKey: IKey;
  /** The transparency log's checkpoint-signing key (Ed25519; only the sequencer may sign with it). */
  readonly logKey: IKey;
  /** The symmetric key that seals webhook signing secrets in the table (only the webhook functions may use it). */
  readonly webhookSecretsKey: IKey;
  readonly authorizer: AuthorizerSettings;
  readonly alarmTopic: ITopic;
  /** Name of the SSM `SecureString` holding the list-cursor key set (functions read it; grants name its ARN). */
  readonly cursorKeysParameterName: string;
  /** Name of the SSM `SecureString` holding the console's session key set. */
  readonly consoleSessionKeysParameterName: string;
  /** The console's sign-in: the OIDC issuer, the console's client id and the logout endpoint when not discovered. */
  readonly consoleSignIn: { readonly issuer: string; readonly clientId: string; readonly logoutUrl?: string };
}

export interface StatefulStackProps extends StackProps {
  readonly stage: StageConfig;
}

/**
 * @example
 * const stateful = new StatefulStack(app, 'Permit-dev-Stateful', { stage });
 * new StatelessStack(app, 'Permit-dev-Stateless', { stage, resources: stateful.resources });
 */
export class StatefulStack extends Stack {
  readonly resources: StatefulResources;
  /** The user pool, when the stage uses Cognito. */
  readonly identity?: PermitIdentity;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { stage } = props;

    const permitTable = new PermitTable(this, table.id, { definition: table });
    const records = new RecordBuckets(this, 'Buckets', {
      definitions: buckets,
      accessLogDays: stage.logRetention,
      consoleOrigin: new URL(stage.publicBaseUrl).origin,
    });
    const alarms = new AlarmTopic(this, 'Alarms', {
      removalPolicy: stage.removalPolicy,
      ...(stage.alarmEmail ? { email: stage.alarmEmail } : {}),
    });
    const workQueues = {} as Record<QueueName, { queue: IQueue; deadLetterQueue: IQueue }>;
    for (const [name, def] of Object.entries(queues) as [QueueName, (typeof queues)[QueueName]][]) {
      const q = new WorkQueue(this, def.id, { definition: def, alarmTopic: alarms.topic });
      workQueues[name] = { queue: q.queue, deadLetterQueue: q.deadLetterQueue };
    }

    const key = new Key(this, signingKey.id, {
      description: `Signs Permit certificates (${signingKey.signingAlgorithm}) — stage ${stage.name}`,
      keySpec: KeySpec[signingKey.keySpec],
      keyUsage: KeyUsage[signingKey.keyUsage],
      alias: `alias/permit-${stage.name}-certificate-signing`,
      // Every certificate ever issued is verified against this key: it must outlive any stack.
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });

    const checkpointKey = new Key(this, logKey.id, {
      description: `Signs Permit's transparency-log checkpoints (${logKey.signingAlgorithm}) — stage ${stage.name}`,
      keySpec: KeySpec[stage.logKeySpec ?? logKey.keySpec],
      keyUsage: KeyUsage[logKey.keyUsage],
      alias: `alias/permit-${stage.name}-transparency-log`,
      // Every checkpoint ever published is verified against this key (verifiers pin it): it must outlive any stack.
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });

    const secretsKey = new Key(this, webhookSecretsKey.id, {
      description: `Seals Permit's webhook signing secrets at rest — stage ${stage.name}`,
      keySpec: KeySpec[webhookSecretsKey.keySpec],
      keyUsage: KeyUsage[webhookSecretsKey.keyUsage],
      alias: `alias/permit-${stage.name}-webhook-secrets`,
      // Yearly; KMS keeps every earlier key version, so a secret sealed before a rotation still opens.
      enableKeyRotation: true,
      // Without it no stored secret opens again: every subscriber would have to be given a new one.
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });

    // The secret that seals list cursors: generated in the account by a custom resource, never in this template.
    const cursorKeySet = new CursorKeysParameter(this, cursorKeys.id, {
      parameterName: cursorKeys.parameterName(stage.name),
      stage,
    });

    // The console's session key set: generated in the account the same way, its own secret.
    const sessionKeySet = new CursorKeysParameter(this, consoleSessionKeys.id, {
      parameterName: consoleSessionKeys.parameterName(stage.name),
      stage,
    });

    let authorizer: AuthorizerSettings;
    let consoleSignIn: StatefulResources['consoleSignIn'];
    if (stage.identity.kind === 'cognito') {
      this.identity = new PermitIdentity(this, 'Identity', {
        config: stage.identity,
        publicBaseUrl: stage.publicBaseUrl,
      });
      authorizer = { issuer: this.identity.issuer, audience: [this.identity.consoleClient.userPoolClientId] };
      consoleSignIn = {
        issuer: this.identity.issuer,
        clientId: this.identity.consoleClient.userPoolClientId,
        // The hosted UI's logout endpoint (Cognito's discovery document does not name one).
        logoutUrl: `${this.identity.hostedUi.baseUrl()}/logout`,
      };
    } else {
      authorizer = { issuer: stage.identity.issuer, audience: [...stage.identity.audience] };
      consoleSignIn = {
        issuer: stage.identity.issuer,
        clientId: stage.identity.consoleClientId,
        ...(stage.identity.consoleLogoutUrl ? { logoutUrl: stage.identity.consoleLogoutUrl } : {}),
      };
    }

    // For operators and tooling (`npm run dlq`, token scripts, the JWKS export of the signing key).
    new CfnOutput(this, 'SigningKeyArn', { value: key.keyArn });
    new CfnOutput(this, 'TransparencyLogKeyArn', { value: checkpointKey.keyArn });
    new CfnOutput(this, 'WebhookSecretsKeyArn', { value: secretsKey.keyArn });
    new CfnOutput(this, 'TokenIssuer', { value: authorizer.issuer });
    if (this.identity) {
      new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
      new CfnOutput(this, 'ConsoleClientId', { value: this.identity.consoleClient.userPoolClientId });
    }
    for (const [name, q] of Object.entries(workQueues)) {
      new CfnOutput(this, `${queues[name as QueueName].deadLetter.id}Url`, { value: q.deadLetterQueue.queueUrl });
    }

    this.resources = {
      table: permitTable.table,
      buckets: records.buckets,
      queues: workQueues,
      signingKey: key,
      logKey: checkpointKey,
      webhookSecretsKey: secretsKey,
      authorizer,
      alarmTopic: alarms.topic,
      cursorKeysParameterName: cursorKeySet.parameterName,
      consoleSessionKeysParameterName: sessionKeySet.parameterName,
      consoleSignIn,
    };
  }
}
