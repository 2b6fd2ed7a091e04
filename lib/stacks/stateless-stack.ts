/**
 * The stateless stack: one function per entry of the function registry (`lambdas/functions.ts`), its routes on the
 * HTTP API, its queue trigger, its schedule and its grants. Later issues add registry entries, not CDK code.
 */
import { CfnOutput, CrossStackReferences, Duration, ReferenceStrength, Stack, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { type FunctionDefinition, functions } from '../../lambdas/functions';
import { PDF_TIMESTAMP_DEFERRED, PDF_UNSIGNED } from '../../lambdas/use-cases/certificate-pdf';
import { LOG_ENTRY_MISSING } from '../../lambdas/use-cases/transparency/inclusion';
import { WEBHOOK_DELIVERY_EXHAUSTED, WEBHOOK_SUBSCRIBER_DISABLED } from '../../lambdas/use-cases/webhooks/deliver';
import { functionEnvironment } from '../constructs/function-environment';
import { grantFunctionAccess, grantsOf } from '../constructs/grants';
import { OperationsDashboard } from '../constructs/operations-dashboard';
import { DEFAULT_TIMEOUT_SECONDS, PermitFunction } from '../constructs/permit-function';
import { PermitHttpApi } from '../constructs/permit-http-api';
import { scheduleEveryMinutes } from '../constructs/schedule';
import { type ParameterName, pades, type QueueDefinition, type QueueName, queues } from '../resources';
import type { StageConfig } from '../stage-config';
import type { StatefulResources } from './stateful-stack';

/** API Gateway HTTP APIs give up on an integration after 30 s. */
const MAX_ROUTE_TIMEOUT_SECONDS = 30;

export interface StatelessStackProps extends StackProps {
  readonly stage: StageConfig;
  readonly resources: StatefulResources;
  /** The function registry; tests pass fixtures. Defaults to `lambdas/functions.ts`. */
  readonly registry?: readonly FunctionDefinition[];
  /** Root that registry paths are relative to; defaults to this repository. */
  readonly projectRoot?: string;
}

/**
 * @example
 * new StatelessStack(app, 'Permit-dev-Stateless', { stage, resources: stateful.resources });
 */
export class StatelessStack extends Stack {
  readonly api: PermitHttpApi;
  /** Functions by registry name. */
  readonly functions: ReadonlyMap<string, PermitFunction>;
  /** The stage's CloudWatch dashboard and its alarms (runbook: docs/operations.md). */
  readonly operations: OperationsDashboard;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    // Strong references (Export / Fn::ImportValue): CloudFormation refuses to remove a table, bucket or key that a
    // function still uses, and they work in every partition; the weak form relies on the newer Fn::GetStackOutput.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);
    const { stage, resources } = props;
    const registry = props.registry ?? functions;
    assertUniqueNames(registry);
    this.api = new PermitHttpApi(this, 'Http', { stage, authorizer: resources.authorizer });
    const environment = functionEnvironment(stage, resources);
    const parameterArn = (name: string) =>
      this.formatArn({ service: 'ssm', resource: 'parameter', resourceName: name.replace(/^\//, '') });
    // Where each parameter of `lib/resources.ts` lives in this stage.
    const grantTargets = {
      parameterArns: {
        carrierSecret: parameterArn(stage.carrier.secretParameterName),
        cursorKeys: parameterArn(resources.cursorKeysParameterName),
        consoleSessionKeys: parameterArn(resources.consoleSessionKeysParameterName),
        padesCertificates: parameterArn(pades.certificates.parameterName(stage.name)),
        padesTrustAnchors: parameterArn(pades.trustAnchors.parameterName(stage.name)),
      } satisfies Record<ParameterName, string>,
    };
    const built = new Map<string, PermitFunction>();

    for (const def of registry) {
      validateDefinition(def);
      const fn = new PermitFunction(this, constructId(def.name), {
        definition: def,
        environment,
        logRetention: stage.logRetention,
        logRemovalPolicy: stage.removalPolicy,
        logLevel: stage.logLevel,
        tracing: stage.tracing,
        ...(props.projectRoot ? { projectRoot: props.projectRoot } : {}),
      });
      grantFunctionAccess(fn, grantsOf(def), resources, grantTargets);
      for (const contract of def.routes ?? []) this.api.addContractRoute(contract, fn.function);
      if (def.queue) {
        const q: QueueDefinition = queues[def.queue];
        fn.function.addEventSource(
          new SqsEventSource(resources.queues[def.queue].queue, {
            batchSize: q.batchSize,
            maxBatchingWindow: Duration.seconds(q.maxBatchingWindowSeconds),
            reportBatchItemFailures: true,
            ...(q.maxConcurrency === undefined ? {} : { maxConcurrency: q.maxConcurrency }),
          }),
        );
      }
      if (def.scheduleMinutes !== undefined) {
        scheduleEveryMinutes(fn, 'Schedule', {
          fn: fn.function,
          minutes: def.scheduleMinutes,
          kind: stage.scheduler,
          description: `Runs ${def.name} every ${def.scheduleMinutes} min`,
        });
      }
      built.set(def.name, fn);
    }
    this.functions = built;
    // A verification found a version missing from the transparency log (both verify functions log it: QR and file).
    for (const [name, id] of [
      ['verify', 'TransparencyLogEntryMissing'],
      ['verify-file', 'TransparencyLogEntryMissingFile'],
    ] as const) {
      const fn = built.get(name);
      if (!fn) continue;
      alarmOnLogLine(this, fn, resources.alarmTopic, {
        id,
        message: LOG_ENTRY_MISSING,
        description:
          `A verification (${name}) found a certificate version missing from the transparency log a minute after ` +
          'issuance, or a logged entry that disagrees with the register: see docs/transparency-log.md (the ' +
          'sequencer, its DLQ, the log).',
      });
    }
    const webhooks = built.get('webhook-worker');
    if (webhooks) {
      alarmOnLogLine(this, webhooks, resources.alarmTopic, {
        id: 'WebhookSubscriberDisabled',
        message: WEBHOOK_SUBSCRIBER_DISABLED,
        description:
          'A webhook subscriber failed every delivery for a day and was disabled: see docs/webhooks.md (tell the ' +
          'platform; re-enable it once its receiver answers).',
      });
      alarmOnLogLine(this, webhooks, resources.alarmTopic, {
        id: 'WebhookDeliveryExhausted',
        message: WEBHOOK_DELIVERY_EXHAUSTED,
        description:
          'A webhook delivery found no 2xx answer in 24 hours and went to the webhooks DLQ: see docs/webhooks.md ' +
          '(npm run dlq -- webhooks list | redrive).',
      });
    }
    // PDF signatures (docs/pdf-signatures.md): a certificate issued without one (no certificate configured for the
    // signing key), and signatures made without their timestamp (the TSA down; the timestamper adds it later).
    for (const name of ['issue-certificate', 'application-decisions']) {
      const issuing = built.get(name);
      if (!issuing) continue;
      const id = name === 'issue-certificate' ? '' : 'Decisions';
      alarmOnLogLine(this, issuing, resources.alarmTopic, {
        id: `PdfIssuedUnsigned${id}`,
        message: PDF_UNSIGNED,
        description:
          'A certificate PDF was issued without its PAdES signature: the signing key has no certificate in the ' +
          "stage's PADES certificates parameter. See docs/pdf-signatures.md (npm run keys -- csr).",
      });
      alarmOnLogLine(this, issuing, resources.alarmTopic, {
        id: `PdfTimestampDeferred${id}`,
        message: PDF_TIMESTAMP_DEFERRED,
        description:
          'A certificate PDF was signed without its RFC 3161 timestamp (the TSA did not answer); the pdf-timestamper ' +
          'adds it once the TSA answers. See docs/pdf-signatures.md.',
      });
    }
    this.operations = new OperationsDashboard(this, 'Operations', {
      stage,
      api: this.api.api,
      functions: built,
      alarmTopic: resources.alarmTopic,
      deadLetterQueues: Object.fromEntries(
        Object.entries(resources.queues).map(([name, q]) => [name, q.deadLetterQueue]),
      ) as Record<QueueName, IQueue>,
    });
    new CfnOutput(this, 'ApiUrl', {
      value: this.api.url,
      description: `Invoke URL; PUBLIC_BASE_URL (${stage.publicBaseUrl}) is the custom domain in front of it`,
    });
  }
}

/**
 * An alarm on an error line a function logs (its `message`): a metric filter counts those lines, and one in five
 * minutes alarms the stage's topic.
 *
 * @example
 * alarmOnLogLine(this, verify, topic, { id: 'TransparencyLogEntryMissing', message: LOG_ENTRY_MISSING, description });
 */
function alarmOnLogLine(
  scope: Construct,
  fn: PermitFunction,
  topic: ITopic,
  line: { readonly id: string; readonly message: string; readonly description: string },
): void {
  const filter = new MetricFilter(scope, `${line.id}Filter`, {
    logGroup: fn.logGroup,
    filterPattern: FilterPattern.stringValue('$.message', '=', line.message),
    metricNamespace: 'Permit',
    metricName: line.id,
    metricValue: '1',
    defaultValue: 0,
  });
  const alarm = new Alarm(scope, `${line.id}Alarm`, {
    alarmDescription: line.description,
    metric: filter.metric({ period: Duration.minutes(5), statistic: 'Sum' }),
    threshold: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(new SnsAction(topic));
}

/** `dispatch-worker` → `DispatchWorkerFunction`. */
const constructId = (name: string): string =>
  `${name
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0]?.toUpperCase() + p.slice(1))
    .join('')}Function`;

function assertUniqueNames(registry: readonly FunctionDefinition[]): void {
  const seen = new Set<string>();
  const routes = new Set<string>();
  for (const def of registry) {
    if (seen.has(def.name)) throw new Error(`function registry: duplicate name "${def.name}"`);
    seen.add(def.name);
    for (const r of def.routes ?? []) {
      const key = `${r.method} ${r.path}`;
      if (routes.has(key)) throw new Error(`function registry: route ${key} is served twice`);
      routes.add(key);
    }
  }
}

/** Limits that CloudFormation would otherwise reject late, or that silently break delivery semantics. */
function validateDefinition(def: FunctionDefinition): void {
  if (!/^[a-z][a-z0-9-]*$/.test(def.name)) throw new Error(`function "${def.name}": name must be kebab-case`);
  const timeout = def.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  if ((def.routes?.length ?? 0) > 0 && timeout > MAX_ROUTE_TIMEOUT_SECONDS) {
    throw new Error(`function "${def.name}": serves routes, so its timeout must be ≤ ${MAX_ROUTE_TIMEOUT_SECONDS} s`);
  }
  if (def.queue) {
    // Lambda refuses an SQS mapping whose queue visibility timeout is shorter than the function timeout; AWS
    // recommends six times the timeout, so a retried batch is not redelivered while still running.
    const visibility = queues[def.queue].visibilityTimeoutSeconds;
    if (timeout > visibility) {
      throw new Error(
        `function "${def.name}": timeout ${timeout} s exceeds the ${def.queue} queue's visibility timeout ${visibility} s`,
      );
    }
  }
}
