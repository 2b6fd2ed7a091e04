/**
 * The operational view of one stage: a CloudWatch dashboard and the alarms an operator is paged by, each notifying
 * the stage's alarm topic and pointing at its section of the runbook (`docs/operations.md`).
 *
 * Permit's own metrics are CloudWatch embedded-metric-format lines written by Powertools Metrics in the functions
 * (namespace `Permit`, default dimension `service=permit`; the stage is not a dimension, each stage being its own
 * account or region). The HTTP API's requests and 5xx, the functions' errors and the DLQ depths are AWS's own metrics.
 * The DLQ-depth alarms already exist, one per queue, beside their queues (`work-queue.ts`): they are shown here, not
 * made twice.
 */
import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { VERDICTS } from '../../lambdas/domain/verification/model';
import { METRICS_NAMESPACE, type MetricName } from '../../lambdas/ports/metrics';
import type { QueueName } from '../resources';
import { type AlarmThresholds, alarmThresholds, type StageConfig } from '../stage-config';
import { SERVICE_NAME } from './function-environment';
import type { PermitFunction } from './permit-function';

/**
 * Permit's own metrics as the functions emit them (the metric contract of issue 21): namespace, default dimension and
 * metric names. Dimension values beyond `service` are named per metric (`verdict`, `outcome`, `queue`).
 *
 * @example
 * new Metric({ namespace: PERMIT_METRICS.namespace, metricName: PERMIT_METRICS.names.overdueReviews, dimensionsMap: PERMIT_METRICS.dimensions });
 */
export const PERMIT_METRICS = {
  namespace: METRICS_NAMESPACE,
  dimensions: { service: SERVICE_NAME },
  names: {
    verdict: 'Verdict',
    verificationLatency: 'VerificationLatency',
    issuanceLatency: 'IssuanceLatency',
    dispatchOutcome: 'DispatchOutcome',
    overdueReviews: 'OverdueReviews',
    overduePublications: 'OverduePublications',
    oldestUndispatchedSeconds: 'OldestUndispatchedSeconds',
    logIntegrationLagSeconds: 'LogIntegrationLagSeconds',
    deadLetterDepth: 'DeadLetterDepth',
  } satisfies Record<string, MetricName>,
} as const;

/**
 * The functions whose errors, throttles and duration the dashboard shows (in this order): the public verification,
 * issuance, dispatch and the background work the log, the status list and the gauges depend on. A name missing from
 * the registry (a test fixture, a function not yet added) is left out.
 *
 * @example
 * HOT_FUNCTIONS.includes('verify'); // true
 */
export const HOT_FUNCTIONS: readonly string[] = [
  'verify',
  'verify-file',
  'issue-certificate',
  'application-decisions',
  'dispatch-worker',
  'carrier-events',
  'outbox-relay',
  'log-sequencer',
  'status-list-publisher',
  'ops-gauges',
];

/**
 * Where the runbook explains each alarm (`docs/operations.md`, GitHub heading anchors); test/infra checks the
 * headings exist.
 *
 * @example
 * `docs/operations.md#${RUNBOOK_SECTIONS.http5xxRate}`; // 'docs/operations.md#http-5xx-rate'
 */
export const RUNBOOK_SECTIONS = {
  http5xxRate: 'http-5xx-rate',
  verificationP99: 'verification-p99',
  oldestUndispatched: 'oldest-undispatched-certificate',
  overdueReviews: 'overdue-reviews',
  logIntegrationLag: 'log-integration-lag',
  deadLetterQueues: 'dead-letter-queues',
} as const;

const runbook = (section: keyof typeof RUNBOOK_SECTIONS): string => `docs/operations.md#${RUNBOOK_SECTIONS[section]}`;

const FIVE_MINUTES = Duration.minutes(5);

export interface OperationsDashboardProps {
  readonly stage: StageConfig;
  readonly api: HttpApi;
  /** The stack's functions by registry name. */
  readonly functions: ReadonlyMap<string, PermitFunction>;
  /** Each work queue's dead-letter queue (their depth alarms live in the stateful stack). */
  readonly deadLetterQueues: Readonly<Record<QueueName, IQueue>>;
  /** The stage's alarm topic: every alarm here notifies it on ALARM and on OK. */
  readonly alarmTopic: ITopic;
}

/** The alarms of {@link OperationsDashboard}, by what they watch. */
export interface OperationsAlarms {
  readonly http5xxRate: Alarm;
  readonly verificationP99: Alarm;
  readonly oldestUndispatched: Alarm;
  readonly overdueReviews: Alarm;
  readonly logIntegrationLag: Alarm;
}

/**
 * @example
 * new OperationsDashboard(this, 'Operations', {
 *   stage, api: api.api, functions, alarmTopic: resources.alarmTopic,
 *   deadLetterQueues: { dispatch: resources.queues.dispatch.deadLetterQueue, … },
 * });
 */
export class OperationsDashboard extends Construct {
  readonly dashboard: Dashboard;
  readonly alarms: OperationsAlarms;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const thresholds = alarmThresholds(props.stage);
    const action = new SnsAction(props.alarmTopic);
    const metrics = operationsMetrics(props.api);
    this.alarms = buildAlarms(this, metrics, thresholds);
    for (const alarm of Object.values(this.alarms)) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `Permit-${props.stage.name}-operations`,
      defaultInterval: Duration.hours(24),
    });
    addWidgets(this.dashboard, { ...props, metrics, thresholds, alarms: this.alarms });
  }
}

/** A metric of Permit's own, filtered on `service=permit`. */
const permitMetric = (
  metricName: string,
  options: { readonly statistic: string; readonly label?: string; readonly dimensions?: Record<string, string> },
): Metric =>
  new Metric({
    namespace: PERMIT_METRICS.namespace,
    metricName,
    dimensionsMap: { ...PERMIT_METRICS.dimensions, ...options.dimensions },
    statistic: options.statistic,
    period: FIVE_MINUTES,
    ...(options.label ? { label: options.label } : {}),
  });

interface OperationsMetrics {
  readonly requests: Metric;
  readonly serverErrors: Metric;
  readonly verificationP99: Metric;
  readonly oldestUndispatched: Metric;
  readonly overdueReviews: Metric;
  readonly overduePublications: Metric;
  readonly logIntegrationLag: Metric;
}

function operationsMetrics(api: HttpApi): OperationsMetrics {
  const n = PERMIT_METRICS.names;
  return {
    requests: api.metricCount({ statistic: 'Sum', period: FIVE_MINUTES, label: 'requests' }),
    serverErrors: api.metricServerError({ statistic: 'Sum', period: FIVE_MINUTES, label: '5xx' }),
    // Unlabelled: an alarm on a labelled metric is written as a metric-math query instead of a plain metric.
    verificationP99: permitMetric(n.verificationLatency, { statistic: 'p99' }),
    // Gauges are written every 5 minutes: the period's maximum is the worst value seen in it.
    oldestUndispatched: permitMetric(n.oldestUndispatchedSeconds, { statistic: 'Maximum' }),
    overdueReviews: permitMetric(n.overdueReviews, { statistic: 'Maximum' }),
    overduePublications: permitMetric(n.overduePublications, { statistic: 'Maximum' }),
    logIntegrationLag: permitMetric(n.logIntegrationLagSeconds, { statistic: 'Maximum' }),
  };
}

/** The 5xx rate in percent; 0 while fewer than `minRequests` came in, so a lone error at night does not page. */
const http5xxRate = (metrics: OperationsMetrics, minRequests: number): MathExpression =>
  new MathExpression({
    expression: `IF(requests >= ${minRequests}, 100 * FILL(errors, 0) / requests, 0)`,
    usingMetrics: { requests: metrics.requests, errors: metrics.serverErrors },
    period: FIVE_MINUTES,
    label: '5xx rate (%)',
  });

function buildAlarms(scope: Construct, metrics: OperationsMetrics, t: AlarmThresholds): OperationsAlarms {
  const over = ComparisonOperator.GREATER_THAN_THRESHOLD;
  return {
    http5xxRate: new Alarm(scope, 'Http5xxRateAlarm', {
      alarmDescription:
        `The HTTP API answered ${t.http5xxRatePercent} % or more of its requests with a 5xx in 5 minutes (counted ` +
        `only from ${t.http5xxMinRequests} requests up): a function is failing or timing out. Runbook: ${runbook('http5xxRate')}`,
      metric: http5xxRate(metrics, t.http5xxMinRequests),
      threshold: t.http5xxRatePercent,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      // No datapoint means no requests in the period: nothing failed.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }),
    verificationP99: new Alarm(scope, 'VerificationP99Alarm', {
      alarmDescription:
        `Verification latency p99 over 5 minutes above ${t.verificationP99Ms} ms, two periods running: the public ` +
        `check (QR, lookup, file) is slow for one asker in a hundred. Runbook: ${runbook('verificationP99')}`,
      metric: metrics.verificationP99,
      threshold: t.verificationP99Ms,
      comparisonOperator: over,
      // Two periods: one cold-start burst after a quiet night does not page.
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      // No datapoint means nobody verified in the period: no latency to worry about.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }),
    oldestUndispatched: new Alarm(scope, 'OldestUndispatchedAlarm', {
      alarmDescription:
        `A certificate issued more than ${t.oldestUndispatchedHours} h ago still has its paper copy owed and not ` +
        `handed to the carrier (or the ops-gauges function has stopped writing the gauge). Runbook: ${runbook('oldestUndispatched')}`,
      metric: metrics.oldestUndispatched,
      threshold: t.oldestUndispatchedHours * 3600,
      comparisonOperator: over,
      ...gaugeEvaluation,
    }),
    overdueReviews: new Alarm(scope, 'OverdueReviewsAlarm', {
      alarmDescription:
        'At least one post-issuance review or inspection is past its deadline (or the ops-gauges function has ' +
        `stopped writing the gauge). Runbook: ${runbook('overdueReviews')}`,
      metric: metrics.overdueReviews,
      threshold: 0,
      comparisonOperator: over,
      ...gaugeEvaluation,
    }),
    logIntegrationLag: new Alarm(scope, 'LogIntegrationLagAlarm', {
      alarmDescription:
        `A certificate change has waited more than ${t.logIntegrationLagMinutes} min to enter the transparency log: ` +
        'the sequencer is failing or not woken, and verifications of it cannot show a log proof (or the ops-gauges ' +
        `function has stopped writing the gauge). Runbook: ${runbook('logIntegrationLag')}`,
      metric: metrics.logIntegrationLag,
      threshold: t.logIntegrationLagMinutes * 60,
      comparisonOperator: over,
      ...gaugeEvaluation,
    }),
  };
}

/**
 * The gauges (`ops-gauges`, every 5 minutes) are written whether or not anything is wrong, so a missing datapoint
 * means the gauge function stopped, and with it our sight of overdue work: treated as breaching, so silence pages.
 * Three periods running, so one late schedule or a slow run does not.
 */
const gaugeEvaluation = {
  evaluationPeriods: 3,
  datapointsToAlarm: 3,
  treatMissingData: TreatMissingData.BREACHING,
} as const;

interface WidgetInputs extends OperationsDashboardProps {
  readonly metrics: OperationsMetrics;
  readonly thresholds: AlarmThresholds;
  readonly alarms: OperationsAlarms;
}

function addWidgets(dashboard: Dashboard, w: WidgetInputs): void {
  const n = PERMIT_METRICS.names;
  const t = w.thresholds;
  const graph = (title: string, left: IMetric[], extra: Partial<ConstructorParameters<typeof GraphWidget>[0]> = {}) =>
    new GraphWidget({ title, left, width: 8, height: 6, ...extra });

  dashboard.addWidgets(
    new TextWidget({
      markdown:
        `# Permit ${w.stage.name}: operations\n` +
        'Each alarm below notifies the alarm topic; what it means and what to do: `docs/operations.md`. ' +
        'DLQ depth alarms (one per queue) are in the stateful stack; `npm run dlq -- <queue> list | redrive`.',
      width: 12,
      height: 4,
    }),
    new AlarmStatusWidget({ title: 'Alarms', alarms: Object.values(w.alarms), width: 12, height: 4 }),
  );

  dashboard.addWidgets(
    graph('HTTP API: requests and 5xx (sum / 5 min)', [w.metrics.requests], { right: [w.metrics.serverErrors] }),
    graph('HTTP API: 5xx rate (%)', [http5xxRate(w.metrics, t.http5xxMinRequests)], {
      leftAnnotations: [{ value: t.http5xxRatePercent, label: 'alarm' }],
    }),
    graph(
      'Verification latency (ms)',
      [
        permitMetric(n.verificationLatency, { statistic: 'p50', label: 'p50' }),
        w.metrics.verificationP99.with({ label: 'p99' }),
      ],
      { leftAnnotations: [{ value: t.verificationP99Ms, label: 'alarm (p99)' }] },
    ),
  );

  dashboard.addWidgets(
    graph(
      'Verdicts by kind (sum / 5 min)',
      VERDICTS.map((verdict) => permitMetric(n.verdict, { statistic: 'Sum', label: verdict, dimensions: { verdict } })),
      { stacked: true },
    ),
    graph('Issuance latency (ms)', [
      permitMetric(n.issuanceLatency, { statistic: 'p50', label: 'p50' }),
      permitMetric(n.issuanceLatency, { statistic: 'p99', label: 'p99' }),
    ]),
    graph(
      'Dispatch outcomes (sum / 5 min)',
      [
        // Whatever outcome kinds the dispatch worker and carrier events emit, one line each.
        new MathExpression({
          expression: `SEARCH('{${PERMIT_METRICS.namespace},service,outcome} MetricName="${n.dispatchOutcome}" service="${SERVICE_NAME}"', 'Sum', 300)`,
          label: '',
          period: FIVE_MINUTES,
        }),
      ],
      { stacked: true },
    ),
  );

  dashboard.addWidgets(
    graph(
      'Overdue reviews and publications',
      [
        w.metrics.overdueReviews.with({ label: 'overdue reviews' }),
        w.metrics.overduePublications.with({ label: 'overdue publications' }),
      ],
      {
        leftAnnotations: [{ value: 0, label: 'alarm (reviews > 0)' }],
      },
    ),
    graph('Oldest undispatched certificate (s)', [w.metrics.oldestUndispatched], {
      leftAnnotations: [{ value: t.oldestUndispatchedHours * 3600, label: 'alarm' }],
    }),
    graph('Log integration lag (s)', [w.metrics.logIntegrationLag], {
      leftAnnotations: [{ value: t.logIntegrationLagMinutes * 60, label: 'alarm' }],
    }),
  );

  const dlqs = (Object.entries(w.deadLetterQueues) as [QueueName, IQueue][]).map(([name, queue]) =>
    queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(1), label: name }),
  );
  const hot = HOT_FUNCTIONS.flatMap((name) => {
    const fn = w.functions.get(name);
    return fn ? [{ name, fn: fn.function }] : [];
  });
  dashboard.addWidgets(
    graph('DLQ depths (messages visible; each alarms at 1)', dlqs, {
      leftAnnotations: [{ value: 1, label: 'alarm' }],
    }),
    graph(
      'Function errors (sum / 5 min)',
      hot.map(({ name, fn }) => fn.metricErrors({ statistic: 'Sum', period: FIVE_MINUTES, label: name })),
    ),
    graph(
      'Function throttles (sum / 5 min)',
      hot.map(({ name, fn }) => fn.metricThrottles({ statistic: 'Sum', period: FIVE_MINUTES, label: name })),
    ),
  );
  dashboard.addWidgets(
    graph(
      'Function duration p99 (ms)',
      hot.map(({ name, fn }) => fn.metricDuration({ statistic: 'p99', period: FIVE_MINUTES, label: name })),
      { width: 24 },
    ),
  );
}
