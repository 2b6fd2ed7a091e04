/**
 * Port: operational metrics (issue 21). Adapters: `lambdas/adapters/metrics/` — CloudWatch EMF through Powertools
 * Metrics in the cloud, one compact line (or nothing) locally. The names, units and dimensions are the shared
 * contract the dashboard and alarms are built against (`docs/metrics.md`): namespace `Permit`, default dimension
 * `service=permit`, and at most one extra dimension per metric.
 */

/** Every metric Permit emits. Changing a name breaks the dashboard and the alarms built on it. */
/** The CloudWatch namespace of Permit's metrics; the dashboard and alarms read the same (`lib/constructs/operations-dashboard.ts`). */
export const METRICS_NAMESPACE = 'Permit';
/** The service every metric carries as its default dimension `service` (and every log line as `service`). */
export const METRICS_SERVICE = 'permit';

export const METRIC_NAMES = [
  'Verdict',
  'VerificationLatency',
  'IssuanceLatency',
  'DispatchOutcome',
  'OverdueReviews',
  'OverduePublications',
  'OldestUndispatchedSeconds',
  'LogIntegrationLagSeconds',
  'DeadLetterDepth',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** The CloudWatch units Permit uses. */
export type MetricUnit = 'Count' | 'Milliseconds' | 'Seconds';

/**
 * The one extra dimension a metric may carry besides `service` (e.g. `verdict=valid`, `queue=dispatch`).
 *
 * @example
 * const d: MetricDimension = { name: 'verdict', value: 'valid' };
 */
export interface MetricDimension {
  readonly name: string;
  readonly value: string;
}

/**
 * Records metrics during one invocation; the invocation's end publishes them ({@link InvocationMetrics.flush}).
 * Recording never throws and never waits.
 *
 * @example
 * metrics.count('Verdict', { name: 'verdict', value: result.verdict });
 * metrics.duration('VerificationLatency', performance.now() - started);
 * metrics.gauge('DeadLetterDepth', 3, 'Count', { name: 'queue', value: 'dispatch' });
 */
export interface Metrics {
  /** One occurrence (unit `Count`, value 1). */
  count(name: MetricName, dimension?: MetricDimension): void;
  /** A duration in milliseconds. */
  duration(name: MetricName, ms: number): void;
  /** A measured level at this moment. */
  gauge(name: MetricName, value: number, unit: MetricUnit, dimension?: MetricDimension): void;
}

/**
 * The process's metrics with the publication the handler pipeline calls once, at the end of each invocation
 * (`lambdas/shared/metrics-flush.ts`).
 *
 * @example
 * try { await work(metrics); } finally { metrics.flush(); }
 */
export interface InvocationMetrics extends Metrics {
  /** Publish what was recorded since the last flush, and forget it. Nothing recorded: nothing printed. */
  flush(): void;
}
