/**
 * {@link InvocationMetrics} for the local runtime and tests (`PERMIT_METRICS`): {@link SilentMetrics} (the default:
 * nothing printed) and {@link CompactMetrics} (`PERMIT_METRICS=compact`: one short line per flush). The full EMF
 * JSON is `PERMIT_METRICS=emf` (`emf-metrics.ts`), as in the cloud.
 *
 * @example
 * const metrics = new CompactMetrics();
 * metrics.count('Verdict', { name: 'verdict', value: 'valid' });
 * metrics.duration('VerificationLatency', 3.2);
 * metrics.flush(); // prints: metrics Verdict{verdict=valid}=1 VerificationLatency=3ms
 */
import type { InvocationMetrics, MetricDimension, MetricName, MetricUnit } from '../../ports/metrics';

const SUFFIX: Readonly<Record<MetricUnit, string>> = { Count: '', Milliseconds: 'ms', Seconds: 's' };

/** Records nothing and prints nothing. */
export class SilentMetrics implements InvocationMetrics {
  count(_name: MetricName, _dimension?: MetricDimension): void {}
  duration(_name: MetricName, _ms: number): void {}
  gauge(_name: MetricName, _value: number, _unit: MetricUnit, _dimension?: MetricDimension): void {}
  flush(): void {}
}

/**
 * One metric as the compact line shows it: `Name{dimension=value}=value unit`.
 *
 * @example
 * compactMetric('DeadLetterDepth', 2, 'Count', { name: 'queue', value: 'dispatch' }); // 'DeadLetterDepth{queue=dispatch}=2'
 */
export function compactMetric(name: MetricName, value: number, unit: MetricUnit, dimension?: MetricDimension): string {
  const shown = Number.isInteger(value)
    ? String(value)
    : unit === 'Count'
      ? value.toFixed(2)
      : String(Math.round(value));
  return `${name}${dimension ? `{${dimension.name}=${dimension.value}}` : ''}=${shown}${SUFFIX[unit]}`;
}

/** Prints `metrics …` — every metric recorded since the last flush — on one line at each flush. */
export class CompactMetrics implements InvocationMetrics {
  readonly #parts: string[] = [];
  readonly #write: (line: string) => void;

  constructor(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {
    this.#write = write;
  }

  count(name: MetricName, dimension?: MetricDimension): void {
    this.#parts.push(compactMetric(name, 1, 'Count', dimension));
  }

  duration(name: MetricName, ms: number): void {
    this.#parts.push(compactMetric(name, ms, 'Milliseconds'));
  }

  gauge(name: MetricName, value: number, unit: MetricUnit, dimension?: MetricDimension): void {
    this.#parts.push(compactMetric(name, value, unit, dimension));
  }

  flush(): void {
    if (this.#parts.length === 0) return;
    this.#write(`metrics ${this.#parts.join(' ')}`);
    this.#parts.length = 0;
  }
}
