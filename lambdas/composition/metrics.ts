/**
 * The process's one {@link InvocationMetrics}, chosen once by `PERMIT_METRICS` (`lambdas/shared/config.ts`): EMF in
 * the cloud, a compact line or nothing locally. Handlers that record metrics hand it to their pipeline, which
 * flushes it at the end of each invocation (`httpRoute(…, { metrics })`, `flushMetrics` for queue handlers).
 *
 * @example
 * const metrics = invocationMetrics();
 * export const handler = httpRoute(contract, fn, { metrics });
 */
import { EmfMetrics } from '../adapters/metrics/emf-metrics';
import { CompactMetrics, SilentMetrics } from '../adapters/metrics/local-metrics';
import type { InvocationMetrics } from '../ports/metrics';
import { type MetricsMode, readMetricsMode } from '../shared/config';
import { once } from './once';
import { compositionOverrides } from './overrides';

/**
 * The adapter of a metrics mode.
 *
 * @example
 * metricsFor('compact'); // a CompactMetrics printing to stdout
 */
export function metricsFor(mode: MetricsMode): InvocationMetrics {
  switch (mode) {
    case 'emf':
      return new EmfMetrics();
    case 'compact':
      return new CompactMetrics();
    case 'off':
      return new SilentMetrics();
  }
}

/** The process's metrics (created on first use, at cold start; a test runtime may put its own in place). */
export const invocationMetrics = once(
  (): InvocationMetrics => compositionOverrides().metrics ?? metricsFor(readMetricsMode(process.env)),
);
