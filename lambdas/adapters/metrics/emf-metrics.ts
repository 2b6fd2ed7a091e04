/**
 * {@link InvocationMetrics} over Powertools Metrics: CloudWatch Embedded Metric Format lines on stdout, which Lambda's
 * log pipeline turns into metrics (namespace `Permit`, default dimension `service=permit`). Metrics are kept in one
 * array until the invocation's end; the flush prints one EMF line for the metrics without an extra dimension and one
 * per distinct extra dimension (an EMF document's dimensions apply to all of its metrics).
 *
 * @example
 * const metrics = new EmfMetrics();
 * metrics.count('Verdict', { name: 'verdict', value: 'valid' });
 * metrics.flush(); // {"_aws":{…"Namespace":"Permit","Dimensions":[["service","verdict"]]…},"service":"permit","verdict":"valid","Verdict":1}
 */
import { Metrics as PowertoolsMetrics } from '@aws-lambda-powertools/metrics';
import {
  type InvocationMetrics,
  METRICS_NAMESPACE,
  METRICS_SERVICE,
  type MetricDimension,
  type MetricName,
  type MetricUnit,
} from '../../ports/metrics';

interface Recorded {
  readonly name: MetricName;
  readonly unit: MetricUnit;
  readonly value: number;
  readonly dimension: MetricDimension | undefined;
}

const sameDimension = (a: MetricDimension | undefined, b: MetricDimension | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.name === b.name && a.value === b.value);

export class EmfMetrics implements InvocationMetrics {
  readonly #powertools: PowertoolsMetrics;
  readonly #recorded: Recorded[] = [];

  constructor(powertools = new PowertoolsMetrics({ namespace: METRICS_NAMESPACE, serviceName: METRICS_SERVICE })) {
    this.#powertools = powertools;
  }

  count(name: MetricName, dimension?: MetricDimension): void {
    this.#recorded.push({ name, unit: 'Count', value: 1, dimension });
  }

  duration(name: MetricName, ms: number): void {
    this.#recorded.push({ name, unit: 'Milliseconds', value: ms, dimension: undefined });
  }

  gauge(name: MetricName, value: number, unit: MetricUnit, dimension?: MetricDimension): void {
    this.#recorded.push({ name, unit, value, dimension });
  }

  flush(): void {
    const recorded = this.#recorded;
    // Each distinct extra dimension (or none) once, in the order first recorded; a handful of metrics at most.
    for (let i = 0; i < recorded.length; i++) {
      const dimension = recorded[i]?.dimension;
      if (recorded.slice(0, i).some((r) => sameDimension(r.dimension, dimension))) continue;
      if (dimension) this.#powertools.addDimension(dimension.name, dimension.value);
      for (const r of recorded) {
        if (sameDimension(r.dimension, dimension)) this.#powertools.addMetric(r.name, r.unit, r.value);
      }
      this.#powertools.publishStoredMetrics();
    }
    recorded.length = 0;
  }
}
